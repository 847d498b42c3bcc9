# ruff: noqa: N999  (the command is `gcmhub import`, as the issue names it)
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from gcmhub.core.setup import prepare
from gcmhub.indicators.importing import ImportFailedError, run_import
from gcmhub.indicators.importing.importers import IMPORTERS
from gcmhub.indicators.releases import command_line_user


class Command(BaseCommand):
    help = "Import a dataset file (CSV, CSV.gz or xlsx) as a new release of that dataset."

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=sorted(IMPORTERS))
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument(
            "--release",
            dest="release_version",
            help="release label, unique within the dataset (default: from the data, e.g. "
            "'IMS 2024'; a taken default label gets a suffix such as ' (2)')",
        )
        parser.add_argument("--released", help="release date, YYYY-MM-DD")
        parser.add_argument("--source", help="where the file came from (address)")
        parser.add_argument(
            "--keep-good-rows",
            action="store_true",
            help="import the valid rows and report the rejected ones (default: all rows or none)",
        )
        parser.add_argument(
            "--make-current",
            action="store_true",
            help="make this release current even if it is not newer than the current one "
            "(by default only a strictly newer release date takes over)",
        )

    def handle(self, *args, dataset, path, release_version=None, released=None, **options):
        prepare()
        try:
            released_date = dt.date.fromisoformat(released) if released else None
        except ValueError:
            raise CommandError(
                f"--released must be a date like 2024-01-31, not {released!r}."
            ) from None
        try:
            summary = run_import(
                dataset,
                path,
                version=release_version,
                released=released_date,
                source=options.get("source"),
                strict=not options["keep_good_rows"],
                make_current=options["make_current"],
                by=command_line_user(),
            )
        except ImportFailedError as error:
            if error.summary:
                self._report_rejections(error.summary, options["json"])
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        release = summary["release"]
        if summary["status"] == "unchanged":
            self.stdout.write(f"{summary['message']} (release {release['version']}).")
            return
        self.stdout.write(
            f"Imported {dataset} {release['version']!r} (released {release['released']}): "
            f"{summary['rows_read']} rows read, {summary['rows_imported']} imported, "
            f"{summary['rows_rejected']} rejected, {sum(summary['rows_skipped'].values())} "
            f"skipped; {'now current' if release['is_current'] else 'NOT current'}."
        )
        if summary.get("message"):
            self.stdout.write(f"  {summary['message']}")
        self._report_rejections(summary, as_json=False)
        unmatched = summary["countries"]["unmatched"]
        if unmatched:
            self.stdout.write(f"  unmatched countries: {json.dumps(unmatched)[:500]}")

    def _report_rejections(self, summary, as_json):
        if as_json:
            self.stderr.write(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        for reason, n in summary["rejected_by_reason"].items():
            self.stdout.write(f"  rejected {n}: {reason}")
        for row in summary.get("rejected_rows", [])[:20]:
            self.stdout.write(f"  line {row['line']}: {row['reason']}")

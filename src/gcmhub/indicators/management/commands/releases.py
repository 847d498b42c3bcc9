import json

from django.core.management.base import BaseCommand, CommandError

from gcmhub.core.setup import prepare
from gcmhub.indicators.datasets import DATASETS
from gcmhub.indicators.importing.base import release_dict
from gcmhub.indicators.releases import (
    ReleaseChoiceError,
    command_line_user,
    releases_by_dataset,
)
from gcmhub.indicators.releases import make_current as make_release_current


class Command(BaseCommand):
    help = (
        "List the imported releases of each dataset, or make a stored release the current one "
        "(e.g. an earlier one again): gcmhub releases DATASET --make-current VERSION."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", nargs="?", choices=sorted(DATASETS))
        parser.add_argument(
            "--make-current",
            metavar="VERSION",
            help="the release label (as listed) or id:N to make current; needs DATASET",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, dataset=None, make_current=None, **options):
        prepare()
        if make_current is not None:
            if not dataset:
                raise CommandError("--make-current needs the DATASET, e.g. migrant-stock.")
            by = command_line_user()
            try:
                release, previous, changed = make_release_current(dataset, make_current, by=by)
            except ReleaseChoiceError as error:
                raise CommandError(str(error)) from None
            result = {
                "dataset": dataset,
                "current": release_dict(release),
                "replaced": release_dict(previous) if previous else None,
                "changed": changed,
            }
            if options["json"]:
                self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
            elif not changed:
                self.stdout.write(f"{dataset} {release.version!r} is already current; no change.")
            else:
                instead = f", in place of {previous.version!r}" if previous else ""
                self.stdout.write(
                    f"{dataset} {release.version!r} (released {release.released}) is now "
                    f"current{instead}; recorded as made current by {release.current_by} at "
                    f"{release.current_since:%Y-%m-%d %H:%M:%S %Z}."
                )
            return
        grouped = releases_by_dataset()
        slugs = [dataset] if dataset else list(DATASETS)
        if options["json"]:
            data = {slug: [release_dict(r) for r in grouped.get(slug, [])] for slug in slugs}
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for slug in slugs:
            self.stdout.write(slug)
            for release in grouped.get(slug, []):
                current = (
                    f"  CURRENT since {release.current_since:%Y-%m-%d %H:%M} "
                    f"({release.current_by or 'unknown'})"
                    if release.is_current and release.current_since
                    else ("  CURRENT" if release.is_current else "")
                )
                self.stdout.write(
                    f"  {release.version!r:<24} id:{release.pk:<5} released {release.released}  "
                    f"{release.rows:>8} rows  {release.source}{current}"
                )
            if not grouped.get(slug):
                self.stdout.write("  (none imported)")

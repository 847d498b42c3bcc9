import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from gcmhub.core.setup import prepare
from gcmhub.indicators.snapshot import snapshot


def _date(text, name):
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise CommandError(f"--{name} must be a date like 2024-01-31, not {text!r}.") from None


class Command(BaseCommand):
    help = "Print the global data snapshot (migrants, deaths, remittances, costs) for a window."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--release",
            action="append",
            default=[],
            metavar="DATASET=VERSION",
            help="read this release instead of the current one, e.g. migrant-stock='IMS 2020'",
        )

    def handle(self, *args, start=None, end=None, release=(), **options):
        prepare()
        pinned = {}
        for item in release:
            dataset, sep, version = item.partition("=")
            if not sep:
                raise CommandError(f"--release takes DATASET=VERSION, not {item!r}.")
            pinned[dataset.strip()] = version.strip()
        try:
            data = snapshot(_date(start, "from"), _date(end, "to"), pinned)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))
            return
        self.stdout.write(f"Window {data['window']['from']} to {data['window']['to']}")
        for figure in data["figures"]:
            source = figure["source"]
            where = f"{source['dataset']} {source['version']}" if source else "no data"
            self.stdout.write(
                f"  {figure['label']}: {figure['value']} {figure['unit']} "
                f"({figure['period']}; {where})"
            )

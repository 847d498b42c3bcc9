import json
import sys
from contextlib import nullcontext, redirect_stdout
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gcmhub.pledges.reminders import send_reminders


class Command(BaseCommand):
    help = "Email reminders: targets due soon, and pledges with no progress report in a year."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Remind this many days ahead.")
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="List, send nothing.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args, days, today, dry_run, json: bool, **options):
        if days < 0:
            raise CommandError("--days must be zero or more.")
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(f"--today must be a date like 2026-05-01, not {today!r}.") from exc
        # With --json, standard output carries only the JSON: anything else printed while
        # sending (an email backend that writes to standard output, say) goes to standard error.
        with redirect_stdout(sys.stderr) if json else nullcontext():
            sent = send_reminders(today=day, days=days, dry_run=dry_run)
        if json:
            self.stdout.write(_dumps([s.__dict__ for s in sent]))
            return
        for item in sent:
            self.stdout.write(f"{item.kind:<7} {item.public_id:<16} {item.to}")
        noun = "reminder" if len(sent) == 1 else "reminders"
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{len(sent)} {noun} {verb}.")


def _dumps(value) -> str:
    return json.dumps(value, indent=1)

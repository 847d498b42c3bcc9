import json as jsonlib

from django.core.management.base import BaseCommand, CommandError

from gcmhub.practices.review import overdue_assignments, send_reminders


class Command(BaseCommand):
    help = "Email reviewers whose practice review is due soon or overdue; list overdue reviews."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="remind this many days ahead")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--overdue", action="store_true", help="only list overdue reviews, send nothing"
        )

    def handle(self, *args, days, json: bool, overdue: bool, **options):
        if days < 0:
            raise CommandError("--days must be zero or more.")
        if overdue:
            rows = [
                {
                    "assignment": a.pk,
                    "practice": a.practice_id,
                    "title": a.practice.title,
                    "reviewer": a.expert.user.email,
                    "due_date": a.due_date.isoformat(),
                }
                for a in overdue_assignments()
            ]
            self._print(rows, json, "overdue review", "overdue reviews")
            return
        self._print(send_reminders(days_ahead=days), json, "reminder sent", "reminders sent")

    def _print(self, rows, as_json, singular, plural):
        if as_json:
            self.stdout.write(jsonlib.dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['due_date']}  practice {row['practice']}  {row['reviewer']}")
        self.stdout.write(f"{len(rows)} {singular if len(rows) == 1 else plural}")

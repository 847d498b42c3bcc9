from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from gcmhub.core.discovery import demo_loaders
from gcmhub.core.management.commands.serve import serve
from gcmhub.core.setup import prepare


class Command(BaseCommand):
    help = "Load demo content (users of every role, documents, data, practices, pledges) and serve."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-serve", action="store_true", help="load, then stop")
        parser.add_argument("--only", nargs="*", help="load only these apps' demo content")

    def handle(self, *args, host, port, threads, no_serve, only, **options):
        prepare(self.stdout)
        for label, load in demo_loaders():
            if only and label not in only:
                continue
            self.stdout.write(f"Demo content: {label} ...")
            # The demo's workflows send notifications; nobody should receive them.
            with (
                override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
                transaction.atomic(),
            ):
                load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if not no_serve:
            serve(self.stdout, host, port, threads)

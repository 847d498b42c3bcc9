import json

from django.core.management.base import BaseCommand

from gcmhub.core.setup import prepare
from gcmhub.framework.loading import load_framework
from gcmhub.framework.registry import framework_export


class Command(BaseCommand):
    help = "Print the GCM framework registry (objectives, principles, round tables, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")
        parser.add_argument(
            "--reload",
            action="store_true",
            help="reload the registry from the package's data files first",
        )

    def handle(self, *args, reload=False, **options):
        prepare()
        if reload:
            load_framework()
        self.stdout.write(json.dumps(framework_export(), ensure_ascii=False, indent=2))

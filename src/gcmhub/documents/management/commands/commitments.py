import json

from django.core.management.base import BaseCommand, CommandError

from gcmhub.documents.models import Document
from gcmhub.documents.serializers import commitment_dict


class Command(BaseCommand):
    help = "List the commitments found in a document."

    def add_arguments(self, parser):
        parser.add_argument("document_id", type=int)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            document = Document.objects.get(pk=options["document_id"])
        except Document.DoesNotExist:
            raise CommandError(f"No document with id {options['document_id']}.") from None
        items = [
            commitment_dict(c)
            for c in document.commitments.select_related("paragraph").prefetch_related("objectives")
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"document": document.pk, "title": document.title, "commitments": items},
                    ensure_ascii=False,
                )
            )
            return
        for item in items:
            self.stdout.write(
                f"¶{item['paragraph']}  {item['actor']}: {item['action'][:100]}"
                f"  target={item['target'] or '-'} deadline={item['deadline'] or '-'}"
                f"  objectives={item['objectives']}"
            )

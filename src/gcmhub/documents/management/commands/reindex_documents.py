from django.core.management.base import BaseCommand
from django.db import transaction

from gcmhub.documents.models import Document
from gcmhub.documents.search import reindex_document


class Command(BaseCommand):
    help = "Rebuild the full-text index of every processed document."

    def handle(self, *args, **options):
        count = 0
        for document in Document.objects.filter(processing=Document.Processing.READY).iterator():
            with transaction.atomic():
                reindex_document(document)
            count += 1
        self.stdout.write(f"{count} documents reindexed")

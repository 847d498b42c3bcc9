"""Publication workflow: submitted → published (secretariat) → withdrawn. Nothing is deleted."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.documents import search
from gcmhub.documents.models import Document, Paragraph


@transaction.atomic
def publish(document: Document, *, by) -> Document:
    if not by.has_perm("documents.publish_document", document):
        raise PermissionDenied
    if document.processing != Document.Processing.READY:
        raise ValidationError(
            _("Only a document that was processed successfully can be published.")
        )
    document.publication = Document.Publication.PUBLISHED
    document._change_reason = "published"
    document.save()
    Paragraph.objects.filter(document=document).update(searchable=document.is_current)
    search.reindex_document(document)
    return document


@transaction.atomic
def withdraw(document: Document, *, by) -> Document:
    if not by.has_perm("documents.withdraw_document", document):
        raise PermissionDenied
    document.publication = Document.Publication.WITHDRAWN
    document._change_reason = "withdrawn"
    document.save()
    Paragraph.objects.filter(document=document).update(searchable=False)
    search.reindex_document(document)
    return document

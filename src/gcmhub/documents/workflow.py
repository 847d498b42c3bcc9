"""Publication workflow: submitted → published (secretariat) → withdrawn. Nothing is deleted.

Versions: a document's versions share ``first_version``. Exactly one version of each document is
current: the latest published one; while none is published, the latest one that is neither
withdrawn nor failed. Only the current version, when published, is searchable. So a new version
replaces the one in use only once it is published, and withdrawing the current version makes the
latest remaining published version current again. Every change of "current" is recorded in the
document's history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
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
    document._history_user = by
    document.save()
    settle_versions(document, by=by)
    return document


@transaction.atomic
def withdraw(document: Document, *, by) -> Document:
    if not by.has_perm("documents.withdraw_document", document):
        raise PermissionDenied
    document.publication = Document.Publication.WITHDRAWN
    document._change_reason = "withdrawn"
    document._history_user = by
    document.save()
    settle_versions(document, by=by)
    return document


def versions(document: Document) -> list[Document]:
    """All versions of the document, oldest first."""
    first = document.first_version_id or document.pk
    return list(
        Document.objects.filter(Q(pk=first) | Q(first_version_id=first)).order_by("version", "pk")
    )


def current_version(members: list[Document]) -> Document:
    """Which of these versions (oldest first) is current (see the module's docstring)."""
    usable = [m for m in members if m.processing != Document.Processing.FAILED] or members
    published = [m for m in usable if m.publication == Document.Publication.PUBLISHED]
    if published:
        return published[-1]
    open_ = [m for m in usable if m.publication != Document.Publication.WITHDRAWN]
    return (open_ or usable)[-1]


def settle_versions(document: Document, *, by=None) -> Document:
    """Mark the current version of the document, make only its paragraphs searchable (when it
    is published and processed) and bring the search index in line. ``document.is_current`` is
    updated in place; returns the current version."""
    members = versions(document)
    current = current_version(members)
    for member in members:
        is_current = member.pk == current.pk
        if member.is_current != is_current:
            member.is_current = is_current
            member._change_reason = (
                "became the current version"
                if is_current
                else f"version {current.version} became the current version"
            )
            if by is not None:
                member._history_user = by
            member.save(update_fields=["is_current"])
        searchable = (
            is_current
            and member.publication == Document.Publication.PUBLISHED
            and member.processing == Document.Processing.READY
        )
        changed = (
            Paragraph.objects.filter(document=member)
            .exclude(searchable=searchable)
            .update(searchable=searchable)
        )
        if changed:
            search.reindex_document(member)
        if member.pk == document.pk:
            document.is_current = is_current
    return current

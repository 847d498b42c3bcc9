"""Sections that the documents app adds to the framework's objective and country pages."""

from gcmhub.documents.models import Document, ParagraphTag

PANEL_SIZE = 8


def for_objective(objective, request):
    tags = (
        ParagraphTag.objects.filter(objective=objective, paragraph__searchable=True)
        .select_related("paragraph__document")
        .order_by("-score", "paragraph_id")[:PANEL_SIZE]
    )
    return {"objective": objective, "tags": list(tags)}


def for_country(country, request):
    documents = Document.objects.filter(
        country=country, publication=Document.Publication.PUBLISHED, is_current=True
    ).order_by("-date", "-pk")[:PANEL_SIZE]
    return {"country": country, "documents": list(documents)}

"""Read queries shared by pages, the API and the CLI (each a constant number of SQL queries)."""

from django.db.models import Prefetch, Q

from gcmhub.documents.models import Commitment, Document, Footnote, Paragraph, ParagraphTag


def visible_documents(user):
    """Published current versions for everyone; a person also sees what they uploaded, the
    secretariat sees everything, a focal point sees their country's documents."""
    qs = Document.objects.select_related("country", "region", "organization", "uploaded_by")
    if getattr(user, "is_secretariat", False):
        return qs
    condition = Q(publication=Document.Publication.PUBLISHED)
    if user.is_authenticated:
        condition |= Q(uploaded_by=user)
        if getattr(user, "role", "") == "focal_point" and user.country_id:
            condition |= Q(country_id=user.country_id)
    return qs.filter(condition).exclude(
        Q(publication=Document.Publication.WITHDRAWN) & ~Q(uploaded_by_id=getattr(user, "pk", None))
    )


def visible_document(user, pk) -> Document | None:
    """The document with this id if this user may see it, else None."""
    document = visible_documents(user).filter(pk=pk).first()
    if document is None or not user.has_perm("documents.view_document", document):
        return None
    return document


def paragraphs_with_details(document):
    return (
        Paragraph.objects.filter(document=document)
        .select_related("review__reviewed_by")
        .prefetch_related(
            Prefetch(
                "tags",
                queryset=ParagraphTag.objects.select_related("objective", "principle").order_by(
                    "-score", "id"
                ),
            ),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.prefetch_related("objectives").order_by("id"),
            ),
            Prefetch("footnotes", queryset=Footnote.objects.order_by("id")),
        )
        .order_by("position")
    )


def versions_of(document):
    first = document.first_version_id or document.pk
    return Document.objects.filter(Q(pk=first) | Q(first_version_id=first)).order_by("version")


def commitments_for_objective(objective, limit=50):
    return (
        Commitment.objects.filter(
            objectives=objective,
            document__publication=Document.Publication.PUBLISHED,
            document__is_current=True,
        )
        .select_related("document", "paragraph")
        .prefetch_related("objectives")
        .order_by("-document__date", "id")[:limit]
    )

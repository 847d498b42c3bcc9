"""Upload → checks → stored document → background job: extract, segment, tag, find
commitments, index. Each step that writes runs in a transaction; a failed job leaves the
document marked "failed" with the reason and no paragraphs."""

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.core.uploads import check_upload
from gcmhub.documents import commitments as commitment_finder
from gcmhub.documents import search
from gcmhub.documents.classification import classify_many
from gcmhub.documents.extraction import ExtractionError, extract, open_pdf
from gcmhub.documents.language import detect_language
from gcmhub.documents.models import Commitment, Document, Footnote, Paragraph
from gcmhub.documents.segmentation import segment
from gcmhub.documents.tagging import tag_paragraphs
from gcmhub.framework.models import Objective

logger = logging.getLogger(__name__)
ACCEPTED = {"pdf", "docx", "html", "htm", "txt", "md"}
COMMITMENT_OBJECTIVE_MIN_SCORE = 0.25


def max_upload_bytes() -> int:
    return getattr(settings, "GCMHUB_DOCUMENTS_MAX_BYTES", None) or settings.GCMHUB_MAX_UPLOAD_BYTES


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _preflight(data: bytes, file_type: str) -> None:
    """Cheap checks before anything is stored: PDFs open and are not encrypted; other types
    are read in full (that is fast) so that empty or damaged files are refused at once."""
    try:
        if file_type == "pdf":
            open_pdf(data)
        else:
            extract(data, file_type)
    except ExtractionError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


def submit(
    uploaded,
    *,
    by,
    title: str = "",
    kind: str = Document._meta.get_field("kind").default,
    country=None,
    region=None,
    organization=None,
    date=None,
    language: str = "",
    source_url: str = "",
    on_duplicate: str = "refuse",
    version_of: Document | None = None,
) -> Document:
    """Store an upload as a new document (or a new version) and queue its processing.

    ``on_duplicate``: "refuse" raises a ValidationError (code "duplicate") when the same file
    is already in gcmhub; "new_version" stores it as the next version of that document.
    """
    checked = check_upload(uploaded, ACCEPTED, max_upload_bytes())
    uploaded.seek(0)
    data = uploaded.read()
    digest = content_hash(data)
    if on_duplicate not in {"refuse", "new_version"}:
        raise ValidationError(_("on_duplicate must be “refuse” or “new_version”."))
    existing = (
        Document.objects.filter(content_hash=digest)
        .exclude(publication=Document.Publication.WITHDRAWN)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        if on_duplicate == "refuse":
            raise ValidationError(
                _(
                    "This file is already in gcmhub as document %(id)s (“%(title)s”). Upload it "
                    "as a new version of that document, or leave it."
                )
                % {"id": existing.pk, "title": existing.title},
                code="duplicate",
                params={"document": existing.pk},
            )
        version_of = version_of or existing
    _preflight(data, checked.extension)
    if by is not None and getattr(by, "role", "") == "focal_point":
        country = by.country  # focal points upload for their own country
    if by is not None and getattr(by, "role", "") == "stakeholder" and organization is None:
        organization = by.organization
    with transaction.atomic():
        document = Document(
            title=(title or Path(checked.name).stem)[:300],
            kind=kind,
            country=country,
            region=region,
            organization=organization,
            date=date,
            language=language or "",
            source_url=source_url or "",
            uploaded_by=by,
            file_name=checked.name[:255],
            file_type=checked.extension,
            file_size=checked.size,
            content_hash=digest,
        )
        if version_of is not None:
            first = version_of.first_version or version_of
            document.first_version = first
            latest = Document.objects.filter(first_version=first).aggregate(v=Max("version"))["v"]
            document.version = max(latest or 1, first.version) + 1
            for attr in ("kind", "country", "region", "organization"):
                if not getattr(document, attr):
                    setattr(document, attr, getattr(first, attr))
        document._title_given = bool(title)
        document.file.save(f"{digest[:16]}.{checked.extension}", ContentFile(data), save=False)
        document.save()
    from gcmhub.documents.tasks import ingest_document

    ingest_document.enqueue(document.pk)
    document.refresh_from_db()
    return document


def process(document_id: int) -> Document:
    """The background job: read the stored file and build paragraphs, tags and index."""
    document = Document.objects.get(pk=document_id)
    Document.objects.filter(pk=document_id).update(
        processing=Document.Processing.PROCESSING, failure_reason=""
    )
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        extracted = extract(data, document.file_type)
        segmented = segment(extracted.blocks)
        if not any(s.kind != "heading" for s in segmented.segments):
            raise ExtractionError(_("No paragraphs of text were found in the file."), "no_text")
        with transaction.atomic():
            _store(document, extracted, segmented)
    except ExtractionError as exc:
        _fail(document_id, exc.message)
    except Exception as exc:
        logger.exception("processing document %s failed", document_id)
        _fail(document_id, _("The file could not be processed (%(error)s).") % {"error": exc})
    return Document.objects.get(pk=document_id)


def _fail(document_id: int, reason: str) -> None:
    with transaction.atomic():
        Paragraph.objects.filter(document_id=document_id).delete()
        Document.objects.filter(pk=document_id).update(
            processing=Document.Processing.FAILED,
            failure_reason=reason,
            processed_at=timezone.now(),
        )


def _store(document: Document, extracted, segmented) -> None:
    old = list(document.paragraphs.values_list("id", flat=True))
    search.unindex_paragraphs(old)
    document.paragraphs.all().delete()
    document.footnotes.all().delete()
    body = " ".join(s.text for s in segmented.segments[:200])
    document.language_detected = detect_language(body)
    if not document.language:
        document.language = document.language_detected or "en"
    if extracted.title and document.title == Path(document.file_name).stem:
        document.title = extracted.title[:300]
    document.page_count = extracted.page_count
    region_id = document.region_id or (document.country.region_id if document.country else None)
    is_current = _becomes_current(document)
    searchable = document.is_published and is_current
    paragraphs = Paragraph.objects.bulk_create(
        [
            Paragraph(
                document=document,
                position=index + 1,
                number=seg.number,
                parent_number=seg.parent_number,
                kind=seg.kind,
                section=seg.section[:300],
                text=seg.text,
                page=seg.page,
                language=document.language,
                doc_kind=document.kind,
                country_id=document.country_id,
                region_id=region_id,
                year=document.year,
                searchable=searchable,
            )
            for index, seg in enumerate(segmented.segments)
        ]
    )
    Footnote.objects.bulk_create(
        [
            Footnote(
                document=document,
                marker=note.marker,
                text=note.text,
                paragraph=paragraphs[note.segment_index]
                if note.segment_index is not None
                else None,
            )
            for note in segmented.footnotes
        ]
    )
    document.objective_scores, document.principle_scores = tag_paragraphs(paragraphs)
    _store_commitments(document, paragraphs)
    search.index_paragraphs(paragraphs)
    document.processing = Document.Processing.READY
    document.processed_at = timezone.now()
    document.failure_reason = ""
    document.is_current = is_current
    document.save()
    if is_current and document.first_version_id:
        _retire_other_versions(document)


def _becomes_current(document: Document) -> bool:
    first = document.first_version_id or document.pk
    newer = Document.objects.filter(first_version_id=first, version__gt=document.version).exclude(
        processing=Document.Processing.FAILED
    )
    return not newer.exists()


def _retire_other_versions(document: Document) -> None:
    first = document.first_version_id
    others = Document.objects.filter(pk=first) | Document.objects.filter(first_version_id=first)
    others = others.exclude(pk=document.pk)
    for other in others:
        if other.is_current:
            other.is_current = False
            other.save(update_fields=["is_current"])
    Paragraph.objects.filter(document__in=others).update(searchable=False)
    for other in others:
        search.reindex_document(other)


def _store_commitments(document: Document, paragraphs) -> None:
    found = []
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            continue
        for item in commitment_finder.extract(paragraph.text):
            found.append((paragraph, item))
    if not found:
        return
    results = classify_many([item.sentence for _, item in found], top=3)
    objective_ids = dict(Objective.objects.values_list("number", "id"))
    created = Commitment.objects.bulk_create(
        [
            Commitment(
                document=document,
                paragraph=paragraph,
                sentence=item.sentence[:4000],
                actor=item.actor,
                action=item.action,
                target=item.target,
                deadline=item.deadline,
            )
            for paragraph, item in found
        ]
    )
    through = Commitment.objectives.through
    links = []
    for commitment, result in zip(created, results, strict=True):
        numbers = [
            o["number"]
            for o in result["objectives"]
            if o["score"] >= COMMITMENT_OBJECTIVE_MIN_SCORE
        ]
        numbers = numbers or [result["objectives"][0]["number"]]
        links += [
            through(commitment_id=commitment.pk, objective_id=objective_ids[n]) for n in numbers
        ]
    through.objects.bulk_create(links)

"""Upload → checks → stored document → background job: extract, segment, tag, find
commitments, index. Each step that writes runs in a transaction; a failed job leaves the
document marked "failed" with the reason and no paragraphs."""

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.core.files import atomic_with_files
from gcmhub.core.uploads import check_upload
from gcmhub.documents import commitments as commitment_finder
from gcmhub.documents import search, workflow
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
    """Cheap checks before anything is stored: PDFs open, are not encrypted and have a text
    layer; other types are read in full (that is fast) so that empty or damaged files are
    refused at once."""
    try:
        if file_type == "pdf":
            _check_pdf_has_text(open_pdf(data))
        else:
            extract(data, file_type)
    except ExtractionError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


def _check_pdf_has_text(reader) -> None:
    """Refuse a PDF without a text layer (scanned images): nothing is stored, so the same file
    can be uploaded again once text recognition has been run on it. Reading stops at the first
    page with text; a page that cannot be read is left to the processing job to report."""
    for page in reader.pages:
        try:
            if (page.extract_text() or "").strip():
                return
        except Exception:  # a damaged page is reported by the job, with its reason
            return
    raise ExtractionError(
        _(
            "The PDF has no text layer (it looks like scanned images), so it was not stored. "
            "Run text recognition (OCR) on it and upload it again, or upload the Word or HTML "
            "version."
        ),
        "no_text",
    )


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
        if on_duplicate == "refuse" or not _may_see(by, existing):
            raise _duplicate_error(existing, by)
        version_of = version_of or existing
    if version_of is not None:
        _check_may_add_version(version_of, by)
    _preflight(data, checked.extension)
    if by is not None and getattr(by, "role", "") == "focal_point":
        country = by.country  # focal points upload for their own country
    if by is not None and getattr(by, "role", "") == "stakeholder" and organization is None:
        organization = by.organization
    with atomic_with_files():
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
            if not title:
                document.title = version_of.title
            # The version in use stays current until this one is published.
            document.is_current = False
        document._title_given = bool(title)
        document._change_reason = (
            f"uploaded as version {document.version}" if version_of is not None else "uploaded"
        )
        if by is not None:
            document._history_user = by
        document.file.save(f"{digest[:16]}.{checked.extension}", ContentFile(data), save=False)
        document.save()
        if version_of is not None:
            workflow.settle_versions(document, by=by)
    from gcmhub.documents.tasks import ingest_document

    ingest_document.enqueue(document.pk)
    document.refresh_from_db()
    return document


def _may_see(user, document: Document) -> bool:
    return user is not None and user.has_perm("documents.view_document", document)


def _duplicate_error(existing: Document, by) -> ValidationError:
    """The duplicate message names the document only to someone who may see it."""
    if _may_see(by, existing):
        return ValidationError(
            _(
                "This file is already in gcmhub as document %(id)s (“%(title)s”). Upload it "
                "as a new version of that document, or leave it."
            )
            % {"id": existing.pk, "title": existing.title},
            code="duplicate",
        )
    return ValidationError(
        _(
            "This file is already in gcmhub: someone has uploaded it and it is not published "
            "yet. It was not stored a second time."
        ),
        code="duplicate",
    )


def _check_may_add_version(document: Document, by) -> None:
    """Only the secretariat and the person who uploaded the first version add versions."""
    first = document.first_version or document
    if by is None or not by.has_perm("documents.add_version", first):
        raise PermissionDenied(
            _(
                "Only the person who uploaded document %(id)s or the secretariat can add a new "
                "version of it. Nothing was stored."
            )
            % {"id": document.pk}
        )


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
        paragraphs = Paragraph.objects.filter(document_id=document_id)
        search.unindex_paragraphs(paragraphs.values_list("id", flat=True))
        paragraphs.delete()
        Document.objects.filter(pk=document_id).update(
            processing=Document.Processing.FAILED,
            failure_reason=reason,
            processed_at=timezone.now(),
        )
        workflow.settle_versions(Document.objects.get(pk=document_id))


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
    # As it stands; settle_versions below moves "current" and the index if that changes.
    searchable = document.is_published and document.is_current
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
    footnotes = Footnote.objects.bulk_create(
        [
            Footnote(document=document, marker=note.marker, text=note.text)
            for note in segmented.footnotes
        ]
    )
    Footnote.paragraphs.through.objects.bulk_create(
        [
            Footnote.paragraphs.through(footnote=footnote, paragraph=paragraphs[index])
            for footnote, note in zip(footnotes, segmented.footnotes, strict=True)
            for index in note.segment_indexes
        ]
    )
    document.objective_scores, document.principle_scores = tag_paragraphs(paragraphs)
    _store_commitments(document, paragraphs)
    search.index_paragraphs(paragraphs)
    document.processing = Document.Processing.READY
    document.processed_at = timezone.now()
    document.failure_reason = ""
    document._change_reason = "processed"
    document.save()
    workflow.settle_versions(document)


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

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from gcmhub.documents import ingestion
from gcmhub.documents.models import Commitment, Document, Footnote, Paragraph
from tests.documents.conftest import ingest
from tests.documents.helpers import (
    REVIEW_TEXT,
    make_docx,
    make_encrypted_pdf,
    make_image_only_pdf,
    make_pdf,
    make_zip_bomb,
    upload,
)


def _numbers(document):
    return list(
        document.paragraphs.exclude(number="").order_by("position").values_list("number", flat=True)
    )


def test_text_document_keeps_numbers_headings_and_footnotes(review_document):
    paragraphs = list(review_document.paragraphs.order_by("position"))
    assert _numbers(review_document) == ["1", "2", "(a)", "(b)", "3"]
    item = next(p for p in paragraphs if p.number == "(a)")
    assert item.parent_number == "2"
    assert item.kind == "item"
    assert item.anchor == "p2-a"
    three = next(p for p in paragraphs if p.number == "3")
    assert three.section == "II. Labour mobility"
    assert three.anchor == "p3"
    headings = [p.text for p in paragraphs if p.kind == "heading"]
    assert "I. Overview" in headings
    note = Footnote.objects.get(document=review_document)
    assert note.marker == "1"
    assert [p.number for p in note.paragraphs.all()] == ["2"]
    assert "Central bank" in note.text
    assert not any("Central bank" in p.text for p in paragraphs)


def test_text_document_is_tagged_and_commitments_found(review_document):
    two = review_document.paragraphs.get(number="2")
    objectives = [t.objective.number for t in two.tags.filter(objective__isnull=False)]
    assert objectives[0] == 20 or 20 in objectives
    assert review_document.objective_scores[0]["number"] in {20, 6}
    commitment = Commitment.objects.get(paragraph=two)
    assert commitment.actor == "The Government"
    assert commitment.target == "below 3 per cent"
    assert commitment.deadline == "by 2030"
    assert 20 in [o.number for o in commitment.objectives.all()]
    assert Commitment.objects.filter(paragraph__number="3", document=review_document).exists()


def test_pdf_drops_page_furniture_and_joins_paragraphs_across_pages(secretariat):
    header = "A/99/123"
    pages = [
        [
            header,
            "Review of progress",
            "1. The first paragraph talks about data on",
            "migrants and their families.",
            "2. The second paragraph is short.",
            "1",
        ],
        [header, "3. Border agencies received training on rights", "at crossings.", "2"],
        [header, "4. The last paragraph closes the report.", "3"],
    ]
    document = ingestion.submit(
        upload("report.pdf", make_pdf(pages)), by=secretariat, title="PDF report"
    )
    assert document.processing == "ready", document.failure_reason
    assert document.page_count == 3
    assert _numbers(document) == ["1", "2", "3", "4"]
    texts = list(document.paragraphs.values_list("text", flat=True))
    assert not any(header in t for t in texts)
    assert document.paragraphs.get(number="1").text.endswith("migrants and their families.")
    assert document.paragraphs.get(number="3").page == 2


def test_docx_and_html_are_segmented(secretariat):
    docx_document = ingestion.submit(
        upload(
            "plan.docx",
            make_docx(
                [
                    ("Heading 1", "Health services"),
                    ("Normal", "12. Clinics will treat every patient regardless of status."),
                    ("Normal", "13. Schools enrol children who arrive during the year."),
                ]
            ),
        ),
        by=secretariat,
        title="Plan",
    )
    assert _numbers(docx_document) == ["12", "13"]
    assert docx_document.paragraphs.get(number="12").section == "Health services"
    html = (
        "<html><head><title>Statement by Utopia</title><script>var x=1;</script></head><body>"
        "<nav>Home | About</nav><h2>Return</h2><p>5. We will support people who go back home "
        "with grants.</p><p>6. Training helps returnees find work.</p><footer>Page 1</footer>"
        "</body></html>"
    )
    html_document = ingestion.submit(upload("statement.html", html), by=secretariat)
    assert html_document.title == "Statement by Utopia"
    assert _numbers(html_document) == ["5", "6"]
    texts = " ".join(html_document.paragraphs.values_list("text", flat=True))
    assert "var x" not in texts
    assert "Home | About" not in texts


def test_language_is_detected_and_can_be_overridden(secretariat):
    french = (
        "1. Le Gouvernement a ouvert des centres d'information pour les personnes "
        "migrantes dans les villes."
    )
    detected = ingestion.submit(upload("fr.txt", french), by=secretariat)
    assert detected.language == "fr"
    assert detected.language_detected == "fr"
    forced = ingestion.submit(upload("fr2.txt", french + " "), by=secretariat, language="es")
    assert forced.language == "es"
    assert forced.language_detected == "fr"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("secret.pdf", make_encrypted_pdf(), "encrypted"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "corrupt"),
        ("empty.txt", b"", "file_empty"),
        ("blank.txt", b"   \n\n  ", "no_text"),
        ("bomb.docx", make_zip_bomb(), "file_bomb"),
        ("virus.exe", b"MZ\x90\x00", "file_type"),
        ("fake.pdf", b"just some text pretending", "file_content"),
        ("fake.docx", b"PK\x03\x04not really a zip", "file_corrupt"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(secretariat, name, data, code):
    with pytest.raises(ValidationError) as caught:
        ingestion.submit(upload(name, data), by=secretariat)
    assert caught.value.code == code
    assert caught.value.messages[0]
    assert Document.objects.count() == 0
    assert Paragraph.objects.count() == 0


def test_oversized_file_is_refused(secretariat, settings):
    settings.GCMHUB_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as caught:
        ingestion.submit(upload("big.txt", "1. Words here. " * 200), by=secretariat)
    assert caught.value.code == "file_size"
    assert Document.objects.count() == 0


def test_image_only_pdf_fails_with_reason_and_no_paragraphs(secretariat, settings):
    """Refused at upload, with nothing stored (no record, no file), so that the same file can
    be uploaded again once text recognition has been run on it."""
    scan = make_image_only_pdf()
    for _attempt in range(2):  # the second attempt is refused the same way, not as a duplicate
        with pytest.raises(ValidationError) as caught:
            ingestion.submit(upload("scan.pdf", scan), by=secretariat)
        assert caught.value.code == "no_text"
        assert "text layer" in caught.value.messages[0]
        assert "OCR" in caught.value.messages[0]
    assert Document.objects.count() == 0
    assert Paragraph.objects.count() == 0
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_pdf_with_text_on_a_later_page_is_accepted(secretariat):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    for page in PdfReader(io.BytesIO(make_pdf([["1. Text on the second page only."]]))).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    document = ingestion.submit(upload("late.pdf", out.getvalue()), by=secretariat)
    assert document.processing == Document.Processing.READY, document.failure_reason


def test_duplicate_is_refused_or_stored_as_new_version(secretariat):
    first = ingest(secretariat)
    with pytest.raises(ValidationError) as caught:
        ingestion.submit(upload("again.txt", first.file.open("rb").read()), by=secretariat)
    assert caught.value.code == "duplicate"
    assert str(first.pk) in caught.value.messages[0]
    second = ingest(secretariat, name="again.txt", on_duplicate="new_version")
    first.refresh_from_db()
    assert second.version == 2
    assert second.first_version == first
    assert second.is_current
    assert not first.is_current
    assert not first.paragraphs.filter(searchable=True).exists()
    assert second.paragraphs.filter(searchable=True).exists()
    assert Document.objects.count() == 2


def test_focal_point_upload_is_bound_to_own_country(focal_point):
    document = ingest(focal_point, publish=False, country=None)
    assert document.country.iso3 == "MEX"
    assert document.publication == Document.Publication.SUBMITTED
    assert not document.paragraphs.filter(searchable=True).exists()


def test_processing_failure_in_job_is_recorded(secretariat, monkeypatch):
    from gcmhub.documents import ingestion as module

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(module, "tag_paragraphs", explode)
    document = ingestion.submit(
        upload("x.txt", "1. Some text about remittances and fees."), by=secretariat
    )
    assert document.processing == "failed"
    assert "disk on fire" in document.failure_reason
    assert document.paragraphs.count() == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read(secretariat, encoding):
    data = ("\ufeff" if encoding.endswith("be") else "") + REVIEW_TEXT
    document = ingestion.submit(upload("review.txt", data.encode(encoding)), by=secretariat)
    assert document.processing == Document.Processing.READY, document.failure_reason
    assert _numbers(document) == ["1", "2", "(a)", "(b)", "3"]


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + bytes(range(256)) * 4,  # a byte-order mark followed by binary
        b"\xff\xfe\x00\x00" + "UTF-32 text".encode("utf-32-le"),
        b"\xff\xfe\x00\xd8\x00\xd8",  # broken surrogates
    ],
)
def test_binary_data_behind_a_utf16_mark_is_still_refused(secretariat, data):
    with pytest.raises(ValidationError) as caught:
        ingestion.submit(upload("notes.txt", data), by=secretariat)
    assert caught.value.code == "file_content"
    assert Document.objects.count() == 0

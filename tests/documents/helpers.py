"""Files for the document tests, generated in memory (no sample text is copied)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small valid PDF with one Helvetica text line per list item, one list per page."""
    objects = {}
    font_id = 3
    objects[font_id] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    kids = []
    next_id = 4
    for lines in pages:
        content = (
            "BT /F1 10 Tf 50 760 Td 14 TL "
            + " ".join(f"({pdf_escape(line)}) Tj T*" for line in lines)
            + " ET"
        )
        data = content.encode("latin-1")
        content_id, page_id = next_id, next_id + 1
        next_id += 2
        objects[content_id] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        kids.append(page_id)
    return assemble_pdf(objects, kids)


def assemble_pdf(objects: dict[int, bytes], kids: list[int]) -> bytes:
    """Write a PDF file from its numbered objects (3 and up) and its page object ids: adds the
    catalogue and page tree (objects 1 and 2), the cross-reference table and the trailer."""
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def make_encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret text."]]))))
    writer.encrypt(user_password="open-sesame", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_image_only_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(items: list[tuple[str, str]]) -> bytes:
    """items: (style, text) with style "Heading 1" or "Normal"."""
    import docx

    document = docx.Document()
    for style, text in items:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return out.getvalue()


def upload(name: str, data: bytes | str) -> SimpleUploadedFile:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return SimpleUploadedFile(name, data)


REVIEW_TEXT = """National review of the Compact in Arcadia

I. Overview

1. Arcadia prepared this review with its ministries, cities and migrant
associations over six months.

2. The Government will lower the average fee for sending money home to below
3 per cent by 2030, working with banks and mobile money firms.¹

(a) A price comparison website lists the fees of every transfer company.

(b) Post offices accept transfers to rural areas at a flat fee.

II. Labour mobility

3. We commit to ending recruitment fees charged to workers and to inspecting agencies every year.

¹ Central bank survey of transfer prices.
"""

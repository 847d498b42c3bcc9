"""Turn an uploaded file into text blocks (one per line or paragraph, with its page), using
pypdf, python-docx, BeautifulSoup+lxml, or plain decoding. Unreadable input raises
``ExtractionError`` with a message a person can act on."""

import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _


class ExtractionError(Exception):
    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Block:
    text: str
    page: int | None = None
    heading: bool = False


@dataclass
class Extracted:
    blocks: list[Block]
    page_count: int | None = None
    title: str = ""


def extract(data: bytes, file_type: str) -> Extracted:
    handler = {
        "pdf": _pdf,
        "docx": _docx,
        "html": _html,
        "htm": _html,
        "txt": _text,
        "md": _text,
    }.get(file_type)
    if handler is None:
        raise ExtractionError(_("gcmhub cannot read files of this type."), "file_type")
    extracted = handler(data)
    if not any(block.text.strip() for block in extracted.blocks):
        if file_type == "pdf":
            raise ExtractionError(
                _(
                    "The PDF has no text layer (it looks like scanned images). Upload a PDF "
                    "with selectable text, or the Word or HTML version."
                ),
                "no_text",
            )
        raise ExtractionError(_("The file contains no text."), "no_text")
    return extracted


# --- PDF -------------------------------------------------------------------------------------


def open_pdf(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise ExtractionError(
                    _("The PDF is password-protected. Upload a version without a password."),
                    "encrypted",
                )
        pages = len(reader.pages)
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError(
            _("The PDF is damaged and cannot be read (%(reason)s).") % {"reason": exc},
            "corrupt",
        ) from exc
    if pages == 0:
        raise ExtractionError(_("The PDF has no pages."), "no_text")
    return reader


def _pdf(data: bytes) -> Extracted:
    from pypdf.errors import PdfReadError

    reader = open_pdf(data)
    blocks = []
    try:
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            for line in text.splitlines():
                if line.strip():
                    blocks.append(Block(line.strip(), page=number))
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionError(
            _("The PDF is damaged and cannot be read (%(reason)s).") % {"reason": exc},
            "corrupt",
        ) from exc
    title = str((reader.metadata or {}).get("/Title") or "") if reader.metadata else ""
    return Extracted(_join_wrapped_lines(blocks), page_count=len(reader.pages), title=title)


_STARTS_NEW = re.compile(r"^(\d{1,3}\.\s|\([a-z]{1,4}\)\s|[IVXLC]+\.\s|[A-H]\.\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")


def _join_wrapped_lines(lines: list[Block]) -> list[Block]:
    """PDF text comes as wrapped lines: join a line to the one before unless it starts a
    numbered paragraph, an item or a footnote, or the line before ended a sentence and was
    short (a heading or the last line of a paragraph)."""
    out: list[Block] = []
    previous_length = 0
    for line in lines:
        text = line.text
        if out and out[-1].page == line.page:
            last = out[-1].text
            ended = last.endswith((".", ":", ";", "?", "!", "”", '"'))
            short_previous = previous_length < 60
            if (
                not _STARTS_NEW.match(text)
                and not (ended and short_previous)
                and not (short_previous and not text[:1].islower())
            ):
                joiner = "" if last.endswith("-") and text[:1].islower() else " "
                out[-1] = Block((last[:-1] if joiner == "" else last) + joiner + text, line.page)
                previous_length = len(text)
                continue
        out.append(Block(text, line.page))
        previous_length = len(text)
    return out


# --- DOCX ------------------------------------------------------------------------------------


def _docx(data: bytes) -> Extracted:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(_("The Word file is damaged and cannot be read."), "corrupt") from exc
    except Exception as exc:
        raise ExtractionError(_("The Word file is damaged and cannot be read."), "corrupt") from exc
    blocks = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        blocks.append(Block(text, heading=style.lower().startswith(("heading", "title"))))
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                blocks.append(Block(" | ".join(dict.fromkeys(cells))))
    title = document.core_properties.title or ""
    return Extracted(blocks, title=title)


# --- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "td", "dt", "dd"]


def _html(data: bytes) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data), "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    blocks = []
    body = soup.body or soup
    for element in body.find_all(_BLOCK_TAGS):
        if element.find(_BLOCK_TAGS):
            continue  # the inner blocks are read on their own
        text = " ".join(element.get_text(" ", strip=True).split())
        if text:
            blocks.append(Block(text, heading=element.name.startswith("h")))
    if not blocks:
        text = body.get_text("\n", strip=True)
        blocks = [Block(line) for line in text.splitlines() if line.strip()]
    return Extracted(blocks, title=title)


# --- Plain text ------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _text(data: bytes) -> Extracted:
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        # Lines inside a chunk that start their own numbered paragraph stay separate.
        current = lines[0]
        for line in lines[1:]:
            if _STARTS_NEW.match(line):
                blocks.append(Block(current))
                current = line
            else:
                current += " " + line
        blocks.append(Block(current))
    return Extracted(blocks)

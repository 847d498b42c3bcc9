"""Turn an uploaded file into text blocks (one per line or paragraph, with its page), using
pypdf, python-docx, BeautifulSoup+lxml, or plain decoding. Unreadable input raises
``ExtractionError`` with a message a person can act on.

Every reader hands the document's own structure on in one form, so that ``segmentation`` does
not need to know where a block came from:

- paragraph numbers the format computes (Word list numbering, HTML ``<ol start>``) are written
  in front of the text ("12. ", "(a) "), as a typed document would show them;
- footnote references in the body become Unicode superscript digits ("families.¹"), whether
  they were a Word footnote reference, an HTML ``<sup>`` or a small raised digit in a PDF;
- footnote texts are blocks of their own with ``footnote`` set to their marker, after the
  body text that cites them (Word: after the citing paragraph; PDF: at the end of their page;
  HTML: where the page has its notes).
"""

import io
import re
from collections import Counter
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
    footnote: str = ""  # set on a footnote's own text: its marker ("1")


SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(marker: str) -> str:
    """A footnote reference as it is written in the body text: "12" → "¹²"."""
    return marker.translate(SUPERSCRIPT_DIGITS)


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


@dataclass
class _Line:
    """One line of a PDF page as pypdf lays it out, with the font size most of it is set in
    (None when pypdf cannot tell) and the small raised number it starts with, if any."""

    text: str
    size: float | None = None
    lead: str = ""


# A small raised number: a footnote reference in the body, a footnote's own marker below.
_RAISED = re.compile(r"^\d{1,3}$")
# A line that starts a footnote at the foot of a page: "12 Text" or "12Text" (no full stop:
# "12. Text" is a numbered paragraph).
_NOTE_START = re.compile(r"^(\d{1,3})(?:\s+|(?=[A-Z“\"'(\[]))(\S.*)$", re.S)
# A reference glued to the word or punctuation before it ("families.1", "ambitions,12"),
# but not a decimal ("2.8") or a code ("A/76/642").
_GLUED = re.compile(r"(?:(?<=[a-z])|(?<=[^\W\d_][.,;:)\]”’\"']))(\d{1,3})(?=[\s,.;:)\]]|$)")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SMALLER = 0.25  # points: a footnote is set in a smaller font than the body


def _pdf(data: bytes) -> Extracted:
    from pypdf.errors import PdfReadError

    reader = open_pdf(data)
    try:
        pages = [_pdf_lines(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionError(
            _("The PDF is damaged and cannot be read (%(reason)s).") % {"reason": exc},
            "corrupt",
        ) from exc
    title = str((reader.metadata or {}).get("/Title") or "") if reader.metadata else ""
    return Extracted(_pdf_blocks(pages), page_count=len(reader.pages), title=title)


def _size_and_y(cm, tm, font_size) -> tuple[float | None, float | None]:
    """The font size as printed and the baseline height of a text run (text matrix × CTM)."""
    try:
        a, b, c, d, _e, f = (float(v) for v in tm)
        ca, cb, cc, cd, _ce, cf = (float(v) for v in cm)
        m_a, m_b = a * ca + b * cc, a * cb + b * cd
        m_c, m_d = c * ca + d * cc, c * cb + d * cd
        size = float(font_size) * abs(m_a * m_d - m_b * m_c) ** 0.5
        y = _e * cb + f * cd + cf
    except (TypeError, ValueError):
        return None, None
    return (round(size, 2) if size > 0 else None), y


def _pdf_lines(page) -> list[_Line]:
    """The page's lines with their font sizes, from pypdf's text visitor (the chunks it hands
    the visitor are the text ``extract_text`` returns, with their positions and fonts)."""
    runs: list[list[tuple[str, float | None, float | None]]] = [[]]

    def visit(text, cm, tm, _font, font_size):
        if not text:
            return
        size, y = _size_and_y(cm, tm, font_size)
        for index, part in enumerate(text.split("\n")):
            if index:
                runs.append([])
            if part:
                runs[-1].append((part, size, y))

    plain = page.extract_text(visitor_text=visit) or ""
    lines = [line for line in (_make_line(parts) for parts in runs) if line.text]
    if not lines and plain.strip():  # the visitor saw nothing: fall back to the plain text
        lines = [_Line(text.strip()) for text in plain.splitlines() if text.strip()]
    return lines


def _make_line(parts: list[tuple[str, float | None, float | None]]) -> _Line:
    weights: Counter = Counter()
    for text, size, _y in parts:
        if size:
            weights[size] += len(text.strip())
    main = weights.most_common(1)[0][0] if weights and weights.most_common(1)[0][1] else None
    baselines = [y for text, size, y in parts if size == main and y is not None and text.strip()]
    baseline = min(baselines) if baselines else None
    text, lead = "", ""
    for part, size, y in parts:
        raised = (
            main is not None
            and size is not None
            and size <= main * 0.85
            and _RAISED.match(part.strip())
            and (y is None or baseline is None or y >= baseline + main * 0.1)
        )
        if raised and not text.strip() and not lead:
            lead = part.strip()  # the line starts with a raised number: a footnote's marker
        elif raised:
            text = text.rstrip() + superscript(part.strip())
        else:
            text += part
    text = text.strip()
    if lead and not text:
        text, lead = lead, ""
    return _Line(text, size=main, lead=lead)


def _note_start(line: _Line) -> tuple[int, str] | None:
    if line.lead:
        return int(line.lead), line.text
    match = _NOTE_START.match(line.text)
    return (int(match.group(1)), match.group(2)) if match else None


def _cited(body: list[_Line], number: int) -> bool:
    wanted = str(number)
    for line in body:
        if superscript(wanted) in _SUPERSCRIPT_RUN.findall(line.text):
            return True
        if wanted in _GLUED.findall(line.text):
            return True
    return False


def _body_size(pages: list[list[_Line]]) -> float | None:
    weights: Counter = Counter()
    for lines in pages:
        for line in lines:
            if line.size:
                weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else None


def _footnote_block(lines, end, body_size) -> tuple[int, list[tuple[int, int]]]:
    """Where the footnotes at the foot of a page start, and the (line, number) of each.

    The notes are the last lines of the page (before its footer): lines that start with a
    number, numbered one after the other, and the lines that continue them. They count as
    footnotes when they are set smaller than the body, or when every number among them is
    cited in the body above them on the same page."""
    chain: list[tuple[int, int]] = []  # (line index, number), bottom first
    for index in range(end - 1, -1, -1):
        start = _note_start(lines[index])
        if start is not None and (not chain or start[0] == chain[-1][1] - 1):
            chain.append((index, start[0]))
    top, accepted = end, []
    for position, (index, _number) in enumerate(chain):
        if index == 0:
            break
        block, body = lines[index:end], lines[:index]
        smaller = body_size is not None and all(
            line.size is not None and line.size < body_size - _SMALLER for line in block
        )
        numbers = [number for _i, number in chain[: position + 1]]
        if not (smaller or all(_cited(body, number) for number in numbers)):
            break
        top, accepted = index, chain[: position + 1]
    return top, sorted(accepted)


def _pdf_blocks(pages: list[list[_Line]]) -> list[Block]:
    """Lines → blocks, page by page: footnotes at the foot of the page become footnote blocks
    (after the page's body text), the references to them in the body become superscripts,
    and wrapped body lines are joined into paragraphs."""
    from gcmhub.documents.segmentation import is_furniture, repeated_lines  # imports this module

    repeated = repeated_lines(
        [Block(line.text, page=number) for number, lines in enumerate(pages, 1) for line in lines]
    )
    body_size = _body_size(pages)
    blocks: list[Block] = []
    last_note: Block | None = None
    known: set[str] = set()
    for page_number, lines in enumerate(pages, start=1):
        end = len(lines)
        while end and is_furniture(lines[end - 1].text, repeated):
            end -= 1
        top, notes = _footnote_block(lines, end, body_size)
        # Small lines right above the first note of the page, when the last note of the page
        # before is unfinished: the rest of that note, carried over.
        carried = top
        if last_note is not None and body_size is not None and (notes or top == end):
            while (
                carried > 1
                and lines[carried - 1].size is not None
                and lines[carried - 1].size < body_size - _SMALLER
                and _note_start(lines[carried - 1]) is None
            ):
                carried -= 1
            if carried < top and (
                not last_note.text.rstrip().endswith((".", "”", '"'))
                or lines[carried].text[:1].islower()
            ):
                last_note.text += " " + " ".join(line.text for line in lines[carried:top])
            else:
                carried = top
        # references to this page's notes, and to notes of earlier pages cited again
        known |= {str(number) for _index, number in notes}
        body = [
            Block(_mark_references(line.text, known), page=page_number)
            for line in lines[:carried] + lines[end:]
        ]
        blocks += _join_wrapped_lines(body, repeated)
        starts = [index for index, _number in notes] + [end]
        for (index, number), stop in zip(notes, starts[1:], strict=False):
            first = _note_start(lines[index])[1]
            rest = [
                line.text
                for line in lines[index + 1 : stop]
                if not is_furniture(line.text, repeated)
            ]
            last_note = Block(" ".join([first, *rest]), page=page_number, footnote=str(number))
            blocks.append(last_note)
    return blocks


def _mark_references(text: str, markers: set[str]) -> str:
    """ "families.1" → "families.¹" when 1 is a footnote on the same page."""
    if not markers:
        return text
    return _GLUED.sub(
        lambda match: superscript(match.group(1)) if match.group(1) in markers else match.group(0),
        text,
    )


_STARTS_NEW = re.compile(r"^(\d{1,3}\.\s|\([a-z]{1,4}\)\s|[IVXLC]+\.\s|[A-H]\.\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")


def _join_wrapped_lines(lines: list[Block], repeated: frozenset | set = frozenset()) -> list[Block]:
    """PDF text comes as wrapped lines: join a line to the one before unless it starts a
    numbered paragraph, an item or a footnote, or the line before ended a sentence and was
    short (a heading or the last line of a paragraph). Page furniture is never joined."""
    from gcmhub.documents.segmentation import is_furniture

    out: list[Block] = []
    previous_length = 0
    previous_furniture = True
    for line in lines:
        text = line.text
        furniture = is_furniture(text, repeated)
        if out and out[-1].page == line.page and not furniture and not previous_furniture:
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
        previous_furniture = furniture
    return out


# --- DOCX ------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
# Heading styles: Word's own, and the United Nations editorial template's (HChG, H1G, H23G...).
_DOCX_HEADING = re.compile(r"^(heading|title)|^H[0-9A-Z]{1,3}G$", re.I)


def _docx(data: bytes) -> Extracted:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _WordNumbering(document)
        notes = _docx_footnotes(document)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(_("The Word file is damaged and cannot be read."), "corrupt") from exc
    except Exception as exc:
        raise ExtractionError(_("The Word file is damaged and cannot be read."), "corrupt") from exc
    styles = {
        style.get(f"{W}styleId"): (style.find(f"{W}name").get(f"{W}val") or "")
        if style.find(f"{W}name") is not None
        else ""
        for style in document.styles.element.iter(f"{W}style")
    }
    numbers: dict[str, str] = {}  # Word's footnote id → the number it is shown with
    blocks: list[Block] = []

    def cite(note_id: str) -> str:
        if note_id not in notes:
            return ""
        if note_id not in numbers:
            numbers[note_id] = str(len(numbers) + 1)
            cited.append(note_id)
        return superscript(numbers[note_id])

    for child in document.element.body.iterchildren():
        cited: list[str] = []
        if child.tag == f"{W}p":
            text = _docx_text(child, cite).strip()
            if text:
                style_id = _docx_style_id(child)
                label = numbering.label(child, style_id)
                if label and not text.startswith(label):
                    text = f"{label} {text}"
                heading = bool(_DOCX_HEADING.match(styles.get(style_id, "") or ""))
                blocks.append(Block(text, heading=heading))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = []
                for cell in row.iter(f"{W}tc"):
                    parts = [_docx_text(p, cite).strip() for p in cell.iter(f"{W}p")]
                    cells.append(" ".join(part for part in parts if part))
                cells = [cell for cell in cells if cell]
                if cells:
                    blocks.append(Block(" | ".join(dict.fromkeys(cells))))
        for note_id in cited:  # a footnote's text follows the paragraph that first cites it
            blocks.append(Block(notes[note_id], footnote=numbers[note_id]))
    title = document.core_properties.title or ""
    return Extracted(blocks, title=title)


def _docx_style_id(paragraph) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else "Normal"


def _docx_text(paragraph, cite) -> str:
    """A paragraph's text with its footnote references as superscript numbers. Runs inside
    hyperlinks and tracked insertions count; deleted text and field codes do not."""
    parts = []
    for run in paragraph.iter(f"{W}r"):
        raised = _run_is_raised(run)
        for item in run:
            tag = item.tag
            if tag == f"{W}t":
                value = item.text or ""
                parts.append(superscript(value) if raised and value.strip().isdigit() else value)
            elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                parts.append(" ")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}footnoteReference" and item.get(f"{W}customMarkFollows") not in (
                "1",
                "true",
                "on",
            ):
                parts.append(cite(item.get(f"{W}id") or ""))
    return " ".join("".join(parts).split())


def _run_is_raised(run) -> bool:
    """A run set as superscript (directly or with a footnote-reference character style):
    digits in it are a reference to a footnote cited again ("see note 3")."""
    properties = run.find(f"{W}rPr")
    if properties is None:
        return False
    align = properties.find(f"{W}vertAlign")
    if align is not None and align.get(f"{W}val") == "superscript":
        return True
    style = properties.find(f"{W}rStyle")
    return style is not None and "notereference" in (style.get(f"{W}val") or "").lower()


def _docx_footnotes(document) -> dict[str, str]:
    """Footnote texts by Word's id, from word/footnotes.xml (separators left out)."""
    from docx.oxml.parser import parse_xml

    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype == _RT_FOOTNOTES),
        None,
    )
    if part is None:
        return {}
    root = parse_xml(part.blob)
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [_docx_text(p, lambda _id: "").strip() for p in note.iter(f"{W}p")]
        text = " ".join(t for t in texts if t)
        if text:
            notes[note.get(f"{W}id") or ""] = text
    return notes


_ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip


def roman(value: int) -> str:
    out = ""
    for amount, letters in _ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


def _letters(value: int) -> str:
    """Word's letter numbering: a…z, then aa…zz, aaa…"""
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value) if value > 0 else str(value)
    if fmt == "upperRoman":
        return roman(value).upper() if value > 0 else str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False


class _WordNumbering:
    """Computes the numbers Word shows for automatically numbered paragraphs (List Number
    style, or numbering set on the paragraph), from word/numbering.xml: each list's levels
    (start, format, text such as "%1." or "(%2)"), the overrides of a list instance, and the
    styles that carry numbering. Counters run per abstract list, as Word does, and a list
    instance with its own start value counts on its own."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.by_style: dict[str, tuple[str, int | None]] = {}
        self.counters: dict[object, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        style_levels: dict[str, tuple[str, int]] = {}  # style → (abstract id, level)
        if root is not None:
            for abstract in root.iter(f"{W}abstractNum"):
                abstract_id = abstract.get(f"{W}abstractNumId")
                levels = {}
                for level in abstract.iter(f"{W}lvl"):
                    ilvl = _int(level.get(f"{W}ilvl"), 0)
                    levels[ilvl] = self._level(level)
                    linked = level.find(f"{W}pStyle")
                    if linked is not None:
                        style_levels[linked.get(f"{W}val")] = (abstract_id, ilvl)
                self.abstract[abstract_id] = levels
            for num in root.iter(f"{W}num"):
                abstract = num.find(f"{W}abstractNumId")
                if abstract is None:
                    continue
                starts, levels = {}, {}
                for override in num.iter(f"{W}lvlOverride"):
                    ilvl = _int(override.get(f"{W}ilvl"), 0)
                    start = override.find(f"{W}startOverride")
                    if start is not None:
                        starts[ilvl] = _int(start.get(f"{W}val"), 1)
                    level = override.find(f"{W}lvl")
                    if level is not None:
                        levels[ilvl] = self._level(level)
                self.instances[num.get(f"{W}numId")] = (
                    abstract.get(f"{W}val"),
                    starts,
                    levels,
                )
        self._read_styles(document, style_levels)

    @staticmethod
    def _level(element) -> _Level:
        def value(tag, default):
            found = element.find(f"{W}{tag}")
            return found.get(f"{W}val") if found is not None else default

        return _Level(
            start=_int(value("start", "1"), 1),
            fmt=value("numFmt", "decimal") or "decimal",
            text=value("lvlText", "") or "",
            legal=element.find(f"{W}isLgl") is not None,
        )

    def _read_styles(self, document, style_levels) -> None:
        styles = {s.get(f"{W}styleId"): s for s in document.styles.element.iter(f"{W}style")}
        for style_id in styles:
            seen, current = set(), style_id
            while current in styles and current not in seen:
                seen.add(current)
                num = styles[current].find(f"{W}pPr/{W}numPr")
                if num is not None:
                    num_id = num.find(f"{W}numId")
                    ilvl = num.find(f"{W}ilvl")
                    if num_id is not None:
                        level = _int(ilvl.get(f"{W}val"), 0) if ilvl is not None else None
                        if level is None and style_id in style_levels:
                            level = style_levels[style_id][1]
                        self.by_style[style_id] = (num_id.get(f"{W}val"), level)
                        break
                based = styles[current].find(f"{W}basedOn")
                current = based.get(f"{W}val") if based is not None else None

    def label(self, paragraph, style_id: str) -> str:
        """The number Word shows before this paragraph ("12.", "(a)"), or ""."""
        num_id, ilvl = self.by_style.get(style_id, (None, None))
        own = paragraph.find(f"{W}pPr/{W}numPr")
        if own is not None:
            own_id, own_level = own.find(f"{W}numId"), own.find(f"{W}ilvl")
            if own_id is not None:
                num_id = own_id.get(f"{W}val")
            if own_level is not None:
                ilvl = _int(own_level.get(f"{W}val"), 0)
        if not num_id or num_id == "0" or num_id not in self.instances:
            return ""
        ilvl = ilvl or 0
        abstract_id, starts, overrides = self.instances[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        if ilvl not in levels:
            return ""
        key = ("instance", num_id) if starts else ("list", abstract_id)
        counters = self.counters.setdefault(key, {})

        def start(level: int) -> int:
            return starts.get(level, levels[level].start if level in levels else 1)

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none") or not level.text:
            return ""

        def number(match) -> str:
            index = int(match.group(1)) - 1
            fmt = "decimal" if level.legal else levels.get(index, level).fmt
            return format_number(counters.get(index, start(index)), fmt)

        return _as_item(re.sub(r"%([1-9])", number, level.text).strip())


def _as_item(label: str) -> str:
    """Lower-case letters and roman numerals are sub-items, written "(a)" as in UN documents."""
    match = re.fullmatch(r"\(?([a-z]{1,3})[.)]", label)
    return f"({match.group(1)})" if match else label


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "td", "dt", "dd"]
_NOTE_ID = re.compile(r"^(?:_?ftn|_?edn|fn|footnote|endnote|note)[-_:]?\d+$", re.I)
_NOTE_HREF = re.compile(r"^#(?:_?ftn|_?edn|fn|footnote|endnote|note)[-_:]?\d+$", re.I)
_BACK_HREF = re.compile(r"^#(?:_?ftnref|_?ednref|fnref|ref)", re.I)
_DIGITS = re.compile(r"^\[?\(?(\d{1,3})\)?\]?$")
_LEADING_MARKER = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+(\S.*)$", re.S)
_LEADING_SUPERSCRIPT = re.compile("^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\\s*(\\S.*)$", re.S)
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)


def _is_note_container(element) -> bool:
    role = (element.get("role") or "").lower()
    kind = (element.get("epub:type") or "").lower()
    classes = " ".join(element.get("class") or []).lower()
    style = (element.get("style") or "").lower().replace(" ", "")
    return (
        role in ("doc-endnotes", "doc-footnotes", "doc-footnote", "doc-endnote")
        or any(word in kind for word in ("footnote", "endnote", "rearnote"))
        or any(word in classes for word in ("footnote", "endnote"))
        or "mso-element:footnote" in style
        or "mso-element:endnote" in style
        or bool(_NOTE_ID.match(element.get("id") or ""))
        or (element.get("id") or "").lower() in ("footnotes", "endnotes", "notes")
    )


def _html(data: bytes) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data), "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    body = soup.body or soup
    containers = [element for element in body.find_all(True) if _is_note_container(element)]
    in_notes = {id(e) for c in containers for e in [c, *c.find_all(True)]}
    _html_references(soup, body, in_notes)
    numbers = _html_list_numbers(body)
    blocks: list[Block] = []
    note_blocks: dict[int, Block] = {}  # footnote list item → its block
    for element in body.find_all(_BLOCK_TAGS):
        text = " ".join(_html_text(element).split())
        text = re.sub("(?<=[^\\s⁰¹²³⁴⁵⁶⁷⁸⁹])\\s+(?=[⁰¹²³⁴⁵⁶⁷⁸⁹])", "", text)
        if not text:
            continue
        if id(element) in in_notes:
            item = element if element.name == "li" else element.find_parent("li")
            if item is not None and id(item) not in in_notes:
                item = None
            if item is not None and id(item) in note_blocks:
                note_blocks[id(item)].text += " " + text  # a note of several paragraphs
                continue
            block = _html_note(text, numbers.get(id(item)) if item is not None else None)
            if block is not None:
                if item is not None:
                    note_blocks[id(item)] = block
                blocks.append(block)
                continue
        label = numbers.get(id(element)) if element.name == "li" else None
        if label and not _STARTS_NEW.match(text):
            text = f"{label[1]} {text}"
        blocks.append(Block(text, heading=element.name.startswith("h")))
    if not blocks:
        text = body.get_text("\n", strip=True)
        blocks = [Block(line) for line in text.splitlines() if line.strip()]
    return Extracted(blocks, title=title)


def _html_note(text: str, number: tuple[int, str] | None) -> Block | None:
    """A block in a footnotes section: its marker from the text or from its list item."""
    match = _LEADING_SUPERSCRIPT.match(text)
    if match:
        return Block(match.group(2), footnote=match.group(1).translate(_FROM_SUPERSCRIPT))
    match = _LEADING_MARKER.match(text)
    if match:
        return Block(match.group(3), footnote=match.group(1) or match.group(2))
    if number is not None:
        return Block(text, footnote=str(number[0]))
    return None


def _html_references(soup, body, in_notes: set[int]) -> None:
    """Footnote references become superscript digits: ``<sup>1</sup>``, and links to a note
    ("#fn1", "#_ftn1") whose text is its number. Links back from a note to its reference
    ("↩") are dropped."""
    for link in body.find_all("a"):
        href = link.get("href") or ""
        if id(link) in in_notes and (
            _BACK_HREF.match(href) and not _DIGITS.match(link.get_text(strip=True))
        ):
            link.decompose()
    for element in body.find_all(["sup", "a", "span"]):
        text = element.get_text("", strip=True)
        match = _DIGITS.match(text)
        if not match:
            continue
        classes = " ".join(element.get("class") or []).lower()
        href = element.get("href") or ""
        is_reference = (
            element.name == "sup"
            or (element.name == "a" and (_NOTE_HREF.match(href) or _BACK_HREF.match(href)))
            or "noteref" in (element.get("role") or "").lower()
            or "footnote" in classes
            or "msofootnotereference" in classes
            or "msoendnotereference" in classes
        )
        if is_reference and element.parent is not None:
            element.replace_with(soup.new_string(superscript(match.group(1))))


def _html_list_numbers(body) -> dict[int, tuple[int, str]]:
    """The number and label of each item of an ordered list, as a browser shows them:
    ``start``, ``value``, ``reversed`` and ``type`` (or list-style-type) respected."""
    numbers = {}
    for ol in body.find_all("ol"):
        style = _LIST_STYLE.search(ol.get("style") or "")
        kind = ol.get("type") or (style.group(1).lower() if style else "1")
        if kind == "none":
            continue
        items = ol.find_all("li", recursive=False)
        reverse = ol.has_attr("reversed")
        current = _int(ol.get("start"), len(items) if reverse else 1)
        for item in items:
            current = _int(item.get("value"), current)
            numbers[id(item)] = (current, _list_label(current, item.get("type") or kind))
            current += -1 if reverse else 1
    return numbers


def _list_label(value: int, kind: str) -> str:
    if kind in ("a", "lower-alpha", "lower-latin"):
        return f"({_letters(value)})"
    if kind in ("i", "lower-roman"):
        return f"({roman(value)})"
    if kind in ("A", "upper-alpha", "upper-latin"):
        return f"{_letters(value).upper()}."
    if kind in ("I", "upper-roman"):
        return f"{roman(value).upper()}."
    return f"{value}."


def _html_text(element) -> str:
    """The element's own text: nested blocks (a list inside a list item, a paragraph inside a
    table cell) are read on their own."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    parts = []
    for child in element.children:
        if isinstance(child, Tag):
            if child.name == "br" or child.name in _BLOCK_TAGS or child.find(_BLOCK_TAGS):
                parts.append(" ")
            else:
                parts.append(_html_text(child))
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            parts.append(str(child))
    return "".join(parts)


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

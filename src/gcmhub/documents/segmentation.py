"""Blocks of text → citable paragraphs with the document's own numbers, section headings and
footnotes kept apart (and linked to the paragraph that cites them); page furniture dropped."""

import re
from collections import Counter
from dataclasses import dataclass, field

from gcmhub.documents.extraction import Block

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")

NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$", re.S)
ITEM = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,5})\)\s+(\S.*)$", re.S)
SECTION = re.compile(r"^(?:[IVXLC]{1,6}|[A-H])\.\s+\S")
FOOTNOTE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s*(\S.*)$", re.S)
BRACKET_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s+(\S.*)$", re.S)
FOOTNOTE_REF = re.compile(rf"[{SUPERSCRIPTS}]+")
# "[1]" or "[^1]" glued to the text before it (Markdown footnotes, converted documents).
BRACKET_REF = re.compile(r"(?<=\S)\[\^?(\d{1,3})\]")
MARKDOWN_FOOTNOTE = re.compile(r"^\[\^(\d{1,3})\]:\s*(\S.*)$", re.S)
# Page furniture: page numbers, document symbols and job numbers, separators.
FURNITURE = [
    re.compile(r"^(page\s+)?\d{1,4}(\s*(/|of)\s*\d{1,4})?$", re.I),
    re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$"),
    re.compile(r"^[A-Z]{1,2}(/[A-Z0-9.\-]+){1,5}$"),  # A/76/642, E/CN.9/2020/1
    re.compile(r"^\d{2}-\d{5}(\s*\(E\))?.*$"),  # UN job numbers such as 17-22464 (E)
    re.compile(r"^[#*\-_=~.\s]+$"),
]
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((?:#|https?://[^)]*)\)")
INLINE_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|sup|sub)\b[^>]*>", re.I)


@dataclass
class Segment:
    kind: str  # heading | paragraph | item
    text: str
    number: str = ""
    parent_number: str = ""
    section: str = ""
    page: int | None = None
    footnote_refs: list[str] = field(default_factory=list)


@dataclass
class FootnoteSegment:
    marker: str
    text: str
    segment_indexes: list[int] = field(default_factory=list)  # every paragraph citing it
    after: int = 0  # how many segments come before it in the document


@dataclass
class Segmented:
    segments: list[Segment]
    # Each footnote once, with every paragraph citing it in ``segment_indexes``.
    footnotes: list[FootnoteSegment]


def clean(text: str) -> str:
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = INLINE_TAG.sub("", text)
    text = text.replace("\\$", "$").replace("\\*", "*").replace("\u00ad", "")
    return " ".join(text.split())


def is_furniture(text: str, repeated: set[str]) -> bool:
    return text in repeated or any(pattern.match(text) for pattern in FURNITURE)


def repeated_lines(blocks: list[Block]) -> set[str]:
    """Short lines that recur on many pages are running headers or footers."""
    pages = {block.page for block in blocks if block.page}
    if len(pages) < 3:
        return set()
    counts = Counter(
        re.sub(r"\d+", "#", block.text) for block in blocks if block.page and len(block.text) < 120
    )
    limit = max(3, len(pages) // 2)
    shapes = {shape for shape, count in counts.items() if count >= limit}
    return {block.text for block in blocks if re.sub(r"\d+", "#", block.text) in shapes}


def _looks_like_heading(text: str) -> bool:
    text = FOOTNOTE_REF.sub("", BRACKET_REF.sub("", text)).rstrip()  # "… work.¹" ends a sentence
    if len(text) > 160 or text.endswith((".", ",", ";", ":", "?", "!")):
        return False
    if SECTION.match(text):
        return True
    first = text[:1]
    return bool(first) and not first.islower() and len(text.split()) <= 18


def _footnote_refs(text: str) -> list[str]:
    refs = [ref.translate(_SUPER_TO_DIGIT) for ref in FOOTNOTE_REF.findall(text)]
    refs += BRACKET_REF.findall(text)
    return list(dict.fromkeys(refs))


def segment(blocks: list[Block]) -> Segmented:
    repeated = repeated_lines(blocks)
    segments: list[Segment] = []
    footnotes: list[FootnoteSegment] = []
    section = ""
    last_number = ""
    last_text_index = None  # the paragraph a continuation would belong to
    for block in blocks:
        text = clean(block.text)
        if not text or is_furniture(text, repeated):
            continue
        if block.footnote:
            marker = block.footnote.translate(_SUPER_TO_DIGIT)
            note = FOOTNOTE.match(text)
            if note and note.group(1).translate(_SUPER_TO_DIGIT) == marker:
                text = note.group(2).strip()
            footnotes.append(FootnoteSegment(marker=marker, text=text, after=len(segments)))
            continue
        note = FOOTNOTE.match(text) or BRACKET_FOOTNOTE.match(text) or MARKDOWN_FOOTNOTE.match(text)
        if note and not block.heading:
            marker = note.group(1).translate(_SUPER_TO_DIGIT)
            footnotes.append(
                FootnoteSegment(marker=marker, text=note.group(2).strip(), after=len(segments))
            )
            continue
        if (
            text[:1].islower()
            and last_text_index is not None
            and not NUMBERED.match(text)
            and not ITEM.match(text)
        ):
            previous = segments[last_text_index]
            previous.text = f"{previous.text} {text}"
            previous.footnote_refs = list(
                dict.fromkeys(previous.footnote_refs + _footnote_refs(text))
            )
            continue
        numbered, item = NUMBERED.match(text), ITEM.match(text)
        if numbered and not block.heading:
            last_number = numbered.group(1)
            seg = Segment("paragraph", numbered.group(2), number=last_number)
        elif item and not block.heading:
            seg = Segment("item", item.group(2), number=f"({item.group(1)})")
            seg.parent_number = last_number
        elif block.heading or _looks_like_heading(text):
            seg = Segment("heading", text)
            section = FOOTNOTE_REF.sub("", text).strip()
        else:
            seg = Segment("paragraph", text)
        seg.section = section if seg.kind != "heading" else ""
        seg.page = block.page
        seg.footnote_refs = _footnote_refs(text)
        segments.append(seg)
        last_text_index = len(segments) - 1 if seg.kind != "heading" else last_text_index
    _link_footnotes(segments, footnotes)
    return Segmented(segments, footnotes)


def _link_footnotes(segments: list[Segment], footnotes: list[FootnoteSegment]) -> None:
    """Link every citation to its footnote: a paragraph citing two notes gets both, a note
    cited by two paragraphs gets both. When a marker is used by more than one note (numbering
    that restarts by page or chapter), a citation belongs to the first note with that marker
    after it, or else to the last one before it."""
    by_marker: dict[str, list[FootnoteSegment]] = {}
    for note in footnotes:
        by_marker.setdefault(note.marker, []).append(note)
    for index, seg in enumerate(segments):
        for ref in seg.footnote_refs:
            candidates = by_marker.get(ref)
            if not candidates:
                continue
            note = next((n for n in candidates if n.after > index), candidates[-1])
            if index not in note.segment_indexes:
                note.segment_indexes.append(index)

"""The document's own numbering and footnotes survive extraction from PDF, Word and HTML.

All inputs are generated here (no sample text is copied)."""

import io

import pytest

from gcmhub.documents import ingestion
from gcmhub.documents.extraction import extract
from gcmhub.documents.segmentation import segment
from tests.documents.helpers import assemble_pdf, pdf_escape, upload

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- builders ----------------------------------------------------------------------------------


def make_positioned_pdf(pages: list[list[tuple[float, float, float, str]]]) -> bytes:
    """A PDF whose pages are lists of text runs (x, y, font size, text), each placed with its
    own text matrix as word processors do (a raised small run is a superscript)."""
    objects = {3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids, next_id = [], 4
    for runs in pages:
        content = "\n".join(
            f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({pdf_escape(text)}) Tj ET"
            for x, y, size, text in runs
        ).encode("latin-1")
        content_id, page_id = next_id, next_id + 1
        next_id += 2
        objects[content_id] = (
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        )
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % content_id
        )
        kids.append(page_id)
    return assemble_pdf(objects, kids)


def _lines(*texts, size=10, top=700, step=14, x=72):
    return [(x, top - index * step, size, text) for index, text in enumerate(texts)]


def _footnote_run(run, note_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "FootnoteReference")
    properties.append(style)
    run._r.append(properties)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(note_id))
    run._r.append(reference)


def _superscript_run(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.superscript = True


def _add_list(document, levels) -> int:
    """A new Word list (abstract numbering + instance); levels: (format, text, start)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    numbering = document.part.numbering_part.element
    abstract_id = 1 + max(
        (int(a.get(qn("w:abstractNumId"))) for a in numbering.iter(qn("w:abstractNum"))),
        default=0,
    )
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.iter(qn("w:num"))), default=0)
    levels_xml = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for index, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">{levels_xml}'
        "</w:abstractNum>"
    )
    first = numbering.find(qn("w:num"))
    if first is not None:
        first.addprevious(abstract)  # abstract definitions come before the instances
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def _number(paragraph, num_id: int, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    numbering.append(ilvl)
    numbering.append(num)
    properties.append(numbering)


def _add_footnotes(document, notes: dict[int, str]) -> None:
    from xml.sax.saxutils import escape

    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for note_id, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f"{body}</w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml,
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def make_numbered_docx() -> bytes:
    """A Word review with automatic numbering (List Number style and a two-level list whose
    second level is "(a)"), footnotes in word/footnotes.xml and a note cited again."""
    import docx

    document = docx.Document()
    document.add_paragraph("Labour mobility", style="Heading 1")
    first = document.add_paragraph(
        "Inspectors visited every recruitment agency in the capital.", style="List Number"
    )
    _footnote_run(first.add_run(), 1)
    second = document.add_paragraph(
        "Fees charged to workers were refunded in most cases.", style="List Number"
    )
    _footnote_run(second.add_run(), 2)
    second.add_run(" A hotline now takes complaints.")
    _footnote_run(second.add_run(), 3)
    items = _add_list(document, [("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1)])
    for text in ("Agencies publish their fees online;", "Workers sign contracts at home."):
        _number(document.add_paragraph(text), items, 1)
    third = document.add_paragraph(
        "The survey of agencies will be repeated every year.", style="List Number"
    )
    _superscript_run(third, "1")  # a cross-reference to the first note, as Word writes it
    _add_footnotes(
        document,
        {
            1: "Ministry of Labour inspection records.",
            2: "Refund register kept by the labour courts.",
            3: "Hotline statistics for the first half of the year.",
        },
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _segments(data: bytes, file_type: str):
    return segment(extract(data, file_type).blocks)


def _by_number(segmented):
    return {s.number: s for s in segmented.segments if s.number}


def _cited_by(segmented):
    """marker → sorted numbers of the paragraphs linked to that footnote."""
    return {
        note.marker: sorted(segmented.segments[i].number for i in note.segment_indexes)
        for note in segmented.footnotes
    }


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_footnotes_in_smaller_type_are_kept_apart_and_linked():
    page = [
        *_lines(
            "1. The first paragraph talks about data on",
            "migrants and their families.",
        ),
        (210, 690, 6, "1"),  # raised, small: a footnote reference
        *_lines("2. The second paragraph is about remittance costs.", top=672),
        (72, 110, 8, "1 World Bank brief on remittance prices."),
        (72, 100, 8, "2 Central bank survey of transfer companies, with a text"),
        (72, 90, 8, "that goes on to a second line."),
        (300, 40, 10, "1"),  # page number
    ]
    page[3] = (72, 672, 10, "2. The second paragraph is about remittance costs.2")
    segmented = _segments(make_positioned_pdf([page]), "pdf")
    paragraphs = _by_number(segmented)
    assert list(paragraphs) == ["1", "2"]
    assert (
        paragraphs["1"].text
        == "The first paragraph talks about data on migrants and their families.¹"
    )
    assert paragraphs["2"].text.endswith("costs.²")
    assert [(n.marker, n.text) for n in segmented.footnotes] == [
        ("1", "World Bank brief on remittance prices."),
        (
            "2",
            "Central bank survey of transfer companies, with a text that goes on to a second line.",
        ),
    ]
    assert _cited_by(segmented) == {"1": ["1"], "2": ["2"]}
    assert not any("World Bank" in s.text for s in segmented.segments)


def test_pdf_footnotes_in_body_type_are_found_by_their_references():
    """Without smaller type, numbered lines at the foot of the page are footnotes when the
    body above cites each of their numbers ("families.1", "high,2")."""
    page = _lines(
        "1. The first paragraph talks about data on",
        "migrants and their families.1",
        "2. Remittance costs stood at 2.8 per cent on the smaller",
        "corridors, which are still high,2 in 2017.",
        "3. The number 12 stays as it is, and so does Goal 10.",
    ) + _lines(
        "1 World Bank brief.",
        "2 Another source, with a long text that",
        "wraps onto a second line.",
        top=120,
        step=12,
    )
    segmented = _segments(make_positioned_pdf([page]), "pdf")
    paragraphs = _by_number(segmented)
    assert list(paragraphs) == ["1", "2", "3"]
    assert paragraphs["1"].text.endswith("families.¹")
    assert "2.8 per cent" in paragraphs["2"].text  # a decimal is not a reference
    assert "high,² in 2017." in paragraphs["2"].text
    assert paragraphs["3"].footnote_refs == []
    assert _cited_by(segmented) == {"1": ["1"], "2": ["2"]}
    wrapped = "Another source, with a long text that wraps onto a second line."
    assert segmented.footnotes[1].text == wrapped


def test_pdf_numbered_lines_that_nobody_cites_stay_in_the_body():
    page = _lines(
        "1. The census counted migrants in every province and district, and in",
        "258 towns the people were recorded by the national office, while another",
        "2 agencies later published the figures for the remaining regions.",
    )
    segmented = _segments(make_positioned_pdf([page]), "pdf")
    assert segmented.footnotes == []
    assert "2 agencies later published" in _by_number(segmented)["1"].text


def test_pdf_note_cited_again_on_a_later_page_and_note_carried_over():
    first = [
        *_lines("1. Recruitment fees were studied in two corridors.1"),
        (72, 100, 8, "1 Labour ministry study of recruitment, published with the"),
        (300, 40, 10, "1"),
    ]
    second = [
        *_lines("2. The same study found fees fell.1 Agencies were inspected.2"),
        (72, 110, 8, "support of partners."),  # the rest of note 1, carried over
        (72, 100, 8, "2 Inspection reports."),
        (300, 40, 10, "2"),
    ]
    segmented = _segments(make_positioned_pdf([first, second]), "pdf")
    assert [(n.marker, n.text) for n in segmented.footnotes] == [
        ("1", "Labour ministry study of recruitment, published with the support of partners."),
        ("2", "Inspection reports."),
    ]
    assert _cited_by(segmented) == {"1": ["1", "2"], "2": ["2"]}
    assert _by_number(segmented)["2"].footnote_refs == ["1", "2"]


# --- Word --------------------------------------------------------------------------------------


def test_docx_automatic_numbering_and_footnotes():
    segmented = _segments(make_numbered_docx(), "docx")
    numbered = [(s.kind, s.number, s.parent_number) for s in segmented.segments if s.number]
    assert numbered == [
        ("paragraph", "1", ""),
        ("paragraph", "2", ""),
        ("item", "(a)", "2"),
        ("item", "(b)", "2"),
        ("paragraph", "3", ""),
    ]
    paragraphs = _by_number(segmented)
    assert paragraphs["1"].section == "Labour mobility"
    assert paragraphs["2"].text == (
        "Fees charged to workers were refunded in most cases.² A hotline now takes complaints.³"
    )
    assert [(n.marker, n.text) for n in segmented.footnotes] == [
        ("1", "Ministry of Labour inspection records."),
        ("2", "Refund register kept by the labour courts."),
        ("3", "Hotline statistics for the first half of the year."),
    ]
    # a paragraph citing two notes gets both; a note cited twice is linked twice
    assert _cited_by(segmented) == {"1": ["1", "3"], "2": ["2"], "3": ["2"]}
    assert not any("inspection records" in s.text for s in segmented.segments)


def test_docx_list_restart_and_roman_levels():
    import docx

    document = docx.Document()
    numbers = _add_list(document, [("decimal", "%1.", 7), ("lowerRoman", "%2)", 1)])
    for level, text in [
        (0, "Seventh paragraph of the plan."),
        (1, "First point under it."),
        (1, "Second point under it."),
        (0, "Eighth paragraph of the plan."),
        (1, "A new first point."),
    ]:
        _number(document.add_paragraph(text), numbers, level)
    document.add_paragraph("14. A paragraph numbered by hand keeps its number.")
    out = io.BytesIO()
    document.save(out)
    segmented = _segments(out.getvalue(), "docx")
    assert [s.number for s in segmented.segments] == ["7", "(i)", "(ii)", "8", "(i)", "14"]
    assert segmented.segments[4].parent_number == "8"


# --- HTML --------------------------------------------------------------------------------------

HTML_WITH_LISTS_AND_NOTES = """<html><head><title>Statement</title></head><body>
<h2>Return and reintegration</h2>
<ol start="2">
  <li>We will support people who go back home with grants.<sup>1</sup></li>
  <li>Training helps returnees find work<sup><a href="#fn2" id="fnref2">2</a></sup>:
    <ol type="a"><li>courses in trades;</li><li>small loans.<sup>1</sup></li></ol></li>
  <li value="7">A paragraph numbered seven, see paragraph <a href="#p2">2</a>.</li>
</ol>
<p>Counselling is offered in every district.<a href="#_ftn3" name="_ftnref3"><span
 class="MsoFootnoteReference">[3]</span></a></p>
<section class="footnotes" role="doc-endnotes"><hr><ol>
  <li id="fn1"><p>Reintegration grant rules. <a href="#fnref1" class="footnote-back">↩</a></p></li>
  <li id="fn2"><p>Labour survey of returnees.</p><p>Second paragraph of the note.</p></li>
</ol></section>
<div style="mso-element:footnote" id="ftn3"><p class="MsoFootnoteText"><a href="#_ftnref3"
 name="_ftn3"><span class="MsoFootnoteReference">[3]</span></a>
 District counselling register.</p></div>
</body></html>"""


def test_html_ordered_lists_keep_their_numbers_and_notes_are_split_off():
    segmented = _segments(HTML_WITH_LISTS_AND_NOTES.encode(), "html")
    numbered = [(s.kind, s.number, s.parent_number) for s in segmented.segments if s.number]
    assert numbered == [
        ("paragraph", "2", ""),
        ("paragraph", "3", ""),
        ("item", "(a)", "3"),
        ("item", "(b)", "3"),
        ("paragraph", "7", ""),
    ]
    paragraphs = _by_number(segmented)
    assert paragraphs["2"].text.endswith("grants.¹")
    assert paragraphs["3"].text.startswith("Training helps returnees find work²")
    assert paragraphs["7"].text.endswith("see paragraph 2.")  # a link, not a reference
    counselling = next(s for s in segmented.segments if s.text.startswith("Counselling"))
    assert counselling.kind == "paragraph"
    assert [(n.marker, n.text) for n in segmented.footnotes] == [
        ("1", "Reintegration grant rules."),
        ("2", "Labour survey of returnees. Second paragraph of the note."),
        ("3", "District counselling register."),
    ]
    assert _cited_by(segmented)["1"] == ["(b)", "2"]
    assert _cited_by(segmented)["3"] == [""]
    assert not any("↩" in s.text or "grant rules" in s.text for s in segmented.segments)


# --- stored ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ingested_word_file_stores_numbers_and_every_footnote_link(secretariat):
    document = ingestion.submit(
        upload("plan.docx", make_numbered_docx()), by=secretariat, title="Labour plan"
    )
    assert document.processing == "ready", document.failure_reason
    numbers = list(
        document.paragraphs.exclude(number="").order_by("position").values_list("number", flat=True)
    )
    assert numbers == ["1", "2", "(a)", "(b)", "3"]
    two = document.paragraphs.get(number="2")
    assert sorted(two.footnotes.values_list("marker", flat=True)) == ["2", "3"]
    three = document.paragraphs.get(number="3")
    assert list(three.footnotes.values_list("text", flat=True)) == [
        "Ministry of Labour inspection records."
    ]
    assert not document.footnotes.filter(paragraphs__isnull=True).exists()

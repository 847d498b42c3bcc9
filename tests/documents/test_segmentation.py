"""Footnotes are linked to every paragraph that cites them (generated text, nothing copied)."""

from gcmhub.documents.extraction import Block, extract
from gcmhub.documents.segmentation import segment
from tests.documents.conftest import ingest

TEXT = """Review of the labour mobility plan

1. Recruitment fees fell in both corridors.¹ Inspections doubled.²

2. Complaints can now be filed online.³

3. Both the fee study¹ and the complaint figures³ were published.

¹ Fee study by the labour ministry.

² Inspection register.

³ Complaint statistics.
"""


def _links(segmented):
    return sorted(
        (note.marker, segmented.segments[index].number)
        for note in segmented.footnotes
        for index in note.segment_indexes
    )


def test_every_citation_is_linked():
    segmented = segment(extract(TEXT.encode(), "txt").blocks)
    assert [n.marker for n in segmented.footnotes] == ["1", "2", "3"]
    # one link per (note, citing paragraph): note 1 cited by 1 and 3, paragraph 3 cites 1 and 3
    assert _links(segmented) == [("1", "1"), ("1", "3"), ("2", "1"), ("3", "2"), ("3", "3")]
    by_marker = {n.marker: n for n in segmented.footnotes}
    assert [segmented.segments[i].number for i in by_marker["1"].segment_indexes] == ["1", "3"]


def test_restarted_markers_go_to_the_nearest_note_after_the_citation():
    blocks = [
        Block("Chapter one"),
        Block("1. Data were collected in ten cities.¹"),
        Block("Census office.", footnote="1"),
        Block("Chapter two"),
        Block("2. Grants were paid to returnees.¹"),
        Block("Grant register.", footnote="1"),
    ]
    segmented = segment(blocks)
    notes = {
        note.text: [segmented.segments[i].number for i in note.segment_indexes]
        for note in segmented.footnotes
    }
    assert notes == {"Census office.": ["1"], "Grant register.": ["2"]}


def test_markdown_and_bracket_references():
    text = (
        "1. Costs fell in the main corridor.[^1]\n\n2. Banks joined later.[2]\n\n"
        "[^1]: Price survey.\n\n[2] Bank list."
    )
    segmented = segment(extract(text.encode(), "txt").blocks)
    assert _links(segmented) == [("1", "1"), ("2", "2")]
    assert [n.text for n in segmented.footnotes] == ["Price survey.", "Bank list."]


def test_sentence_ending_with_a_reference_is_not_a_heading():
    segmented = segment([Block("Counselling is offered in every district.³"), Block("³ Register.")])
    assert segmented.segments[0].kind == "paragraph"


def test_stored_footnotes_are_linked_to_each_citing_paragraph(secretariat):
    document = ingest(secretariat, name="fees.txt", text=TEXT)
    three = document.paragraphs.get(number="3")
    assert sorted(three.footnotes.values_list("marker", flat=True)) == ["1", "3"]
    one = document.paragraphs.get(number="1")
    assert sorted(one.footnotes.values_list("marker", flat=True)) == ["1", "2"]
    assert not document.footnotes.filter(paragraphs__isnull=True).exists()

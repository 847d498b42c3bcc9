"""The four sample documents (skipped when the shared folder is absent)."""

from pathlib import Path

import pytest
from django.conf import settings

from gcmhub.documents.models import Document
from gcmhub.documents.search import SearchQuery, search
from tests.documents.conftest import ingest

SEEDS = Path(settings.GCMHUB_SHARED_DIR) / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="sample documents not present")
SG_REPORT = "sg-report-2017-making-migration-work-for-all.txt"
DECLARATION = "imrf-progress-declaration-zero-draft.txt"


def _ingest(by, name, kind):
    return ingest(
        by, name=name, text=(SEEDS / name).read_bytes(), kind=kind, country=None, title=name
    )


def _numbered(document):
    return [
        int(n)
        for n in document.paragraphs.filter(kind="paragraph")
        .exclude(number="")
        .order_by("position")
        .values_list("number", flat=True)
    ]


@pytest.fixture
def seeds(secretariat):
    return {
        "sg": _ingest(secretariat, SG_REPORT, "sg-report"),
        "declaration": _ingest(secretariat, DECLARATION, "declaration"),
        "note": _ingest(secretariat, "imrf-2022-background-note.txt", "other"),
        "statement": _ingest(secretariat, "idm-2022-briefing-statement.txt", "statement"),
    }


def test_seeds_ingest_with_their_own_paragraph_numbers(seeds):
    sg, declaration = seeds["sg"], seeds["declaration"]
    assert _numbered(sg) == list(range(1, 89))
    numbers = _numbered(declaration)
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 56
    # sub-items keep their letters under their paragraph
    items = sg.paragraphs.filter(kind="item", parent_number="83")
    assert list(items.values_list("number", flat=True)) == ["(a)", "(b)"]
    # footnotes are kept apart and linked to the paragraph citing them
    assert sg.footnotes.count() >= 30
    assert not sg.footnotes.filter(paragraphs__isnull=True).exists()
    assert not sg.paragraphs.filter(text__startswith="³").exists()
    # a paragraph split by a page break (continuation in lower case) is one paragraph again
    last = sg.paragraphs.get(number="82").text
    assert last.rstrip().endswith(".")
    assert len(last) > 300
    for document in seeds.values():
        assert document.processing == Document.Processing.READY
        assert document.paragraphs.filter(kind="paragraph").count() >= 10


def test_round_table_paragraphs_are_tagged_with_their_objectives(seeds):
    declaration = seeds["declaration"]
    remittances = declaration.paragraphs.get(number="46")
    tagged = set(
        remittances.tags.filter(objective__isnull=False).values_list("objective__number", flat=True)
    )
    assert 20 in tagged


def test_searching_remittances_finds_sg_report_paragraphs_20_and_26(seeds):
    results = search(SearchQuery("remittances", limit=50))
    sg_numbers = {hit.number for hit in results.hits if hit.document_id == seeds["sg"].pk}
    assert {"20", "26"} <= sg_numbers
    hit = next(h for h in results.hits if h.document_id == seeds["sg"].pk and h.number == "20")
    assert "<mark>" in hit.snippet.lower()
    kinds = {item["value"] for item in results.facets["kind"]}
    assert {"sg-report", "declaration"} <= kinds
    filtered = search(SearchQuery("remittances", kind="sg-report", limit=50))
    assert filtered.hits
    assert {h.document_id for h in filtered.hits} == {seeds["sg"].pk}


def test_declaration_commitments_have_targets_and_objectives(seeds):
    commitments = seeds["declaration"].commitments.prefetch_related("objectives")
    assert commitments.count() >= 10
    actors = {c.actor for c in commitments}
    assert "We" in actors

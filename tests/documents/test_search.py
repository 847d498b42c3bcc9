import pytest
from django.db import connection

from gcmhub.documents import search as search_module
from gcmhub.documents.search import SearchQuery, parse, search
from tests.documents.conftest import ingest
from tests.factories import country

CHINESE = (
    "1. 政府推出了数字平台，降低汇款费用，并为移民开设银行账户。\n\n2. 市政府为新移民提供语言课程。"
)
FRENCH = (
    "1. Le Gouvernement réduira les frais des envois de fonds vers les familles rurales.\n\n"
    "2. Des cours de langue sont offerts aux nouveaux arrivants."
)


@pytest.fixture
def corpus(secretariat, review_document):
    zh = ingest(
        secretariat,
        name="zh.txt",
        text=CHINESE,
        title="汇款计划",
        kind="national-plan",
        country=country("CHN"),
    )
    fr = ingest(
        secretariat,
        name="fr.txt",
        text=FRENCH,
        title="Plan français",
        kind="national-plan",
        country=country("SEN"),
    )
    return {"review": review_document, "zh": zh, "fr": fr}


def test_engine_follows_the_database():
    expected = {"sqlite": "sqlite-fts5", "postgresql": "postgresql-fts"}[connection.vendor]
    assert search_module.engine().name == expected


@pytest.mark.parametrize("engine_name", [None, "like"])
def test_search_ranks_and_highlights(corpus, engine_name):
    results = search(SearchQuery("transfer fees"), engine_name=engine_name)
    assert results.total >= 1
    top = results.hits[0]
    assert top.document_id == corpus["review"].pk
    assert top.number in {"(a)", "2"}
    assert "<mark>" in top.snippet


def test_search_stems_english(corpus):
    numbers = {h.number for h in search(SearchQuery("inspect")).hits}
    assert "3" in numbers  # "inspecting"


def test_phrase_query_requires_the_words_together(corpus):
    assert {h.number for h in search(SearchQuery('"mobile money"')).hits} == {"2"}
    assert search(SearchQuery('"money mobile"')).total == 0


def test_chinese_search_finds_words_inside_sentences(corpus):
    results = search(SearchQuery("汇款"))
    assert [h.document_id for h in results.hits] == [corpus["zh"].pk]
    assert "<mark>" in results.hits[0].snippet
    assert " " not in results.hits[0].snippet.replace("<mark>", "").replace("</mark>", "")[:10]
    assert search(SearchQuery("语言课程")).hits[0].number == "2"


def test_french_search_and_language_filter(corpus):
    results = search(SearchQuery("envois de fonds", language="fr"))
    assert [h.document_id for h in results.hits] == [corpus["fr"].pk]
    assert search(SearchQuery("fonds", language="en")).total == 0


def test_filters_and_facets(corpus):
    by_country = search(SearchQuery("remittances OR money OR fees", country="KEN"))
    assert by_country.hits
    assert {h.document_id for h in by_country.hits} == {corpus["review"].pk}
    by_objective = search(SearchQuery("money", objective=20))
    assert by_objective.hits
    assert search(SearchQuery("money", objective=13)).total == 0
    assert search(SearchQuery("money", year=1999)).total == 0
    results = search(SearchQuery("money"))
    facets = results.facets
    assert {"objective", "principle", "kind", "country", "language", "year"} <= set(facets)
    assert any(item["value"] == 20 for item in facets["objective"])
    assert facets["country"][0]["value"] == "KEN"


def test_unpublished_and_withdrawn_documents_are_not_found(corpus, secretariat):
    from gcmhub.documents import workflow

    workflow.withdraw(corpus["zh"], by=secretariat)
    assert search(SearchQuery("汇款")).total == 0
    draft = ingest(secretariat, name="draft.txt", text="1. A quokka sanctuary plan.", publish=False)
    assert draft.pk
    assert search(SearchQuery("quokka")).total == 0


def test_reingesting_replaces_the_index(corpus):
    from gcmhub.documents.ingestion import process

    process(corpus["review"].pk)
    results = search(SearchQuery('"mobile money"'))
    assert results.total == 1


def test_parse_marks_phrases_and_chinese():
    assert parse('remittances "mobile money" 汇款') == [
        ("remittances", False),
        ("mobile money", True),
        ("汇 款", True),
    ]
    assert parse("  ") == []


def test_region_facet_counts_and_filter(corpus):
    # Kenya and Senegal are in Africa (M49 002), China in Asia (142).
    results = search(SearchQuery("fees OR frais OR 汇款"))
    by_document = {}
    for hit in results.hits:
        by_document[hit.document_id] = by_document.get(hit.document_id, 0) + 1
    africa = by_document.get(corpus["review"].pk, 0) + by_document.get(corpus["fr"].pk, 0)
    asia = by_document.get(corpus["zh"].pk, 0)
    assert africa
    assert asia
    assert results.facets["region"] == [
        {"value": "002", "label": "Africa", "count": africa},
        {"value": "142", "label": "Asia", "count": asia},
    ]
    assert sum(item["count"] for item in results.facets["country"]) == results.total
    only_asia = search(SearchQuery("fees OR frais OR 汇款", region="142"))
    assert {h.document_id for h in only_asia.hits} == {corpus["zh"].pk}


def test_document_region_is_used_when_there_is_no_country(secretariat):
    from gcmhub.framework.models import Region

    ingest(
        secretariat,
        name="regional.txt",
        text="1. The regional review found that remittance fees fell.",
        kind="regional-review",
        country=None,
        region=Region.objects.get(m49="150"),
    )
    facets = search(SearchQuery("remittance")).facets
    assert facets["region"] == [{"value": "150", "label": "Europe", "count": 1}]
    assert facets["country"] == []


def test_facet_labels_follow_the_language(corpus):
    from django.utils import translation

    from gcmhub.framework.models import GuidingPrinciple, Objective

    with translation.override("es"):
        facets = search(SearchQuery("money")).facets
    objective = next(item for item in facets["objective"] if item["value"] == 20)
    assert objective["label"] == Objective.objects.get(number=20).localized("short_label", "es")[0]
    assert objective["label"] != Objective.objects.get(number=20).short_label
    assert objective["fallback"] is False
    for item in facets["principle"]:
        principle = GuidingPrinciple.objects.get(slug=item["value"])
        assert item["label"] == principle.localized("name", "es")[0] != principle.name

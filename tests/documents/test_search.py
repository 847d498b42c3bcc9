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

import pytest

pytestmark = pytest.mark.django_db


def test_objective_page_shows_title_actions_round_table_and_sdg(client):
    body = client.get("/en/framework/objectives/8/").content.decode()
    assert "Save lives and establish coordinated international efforts on missing migrants" in body
    assert 'id="action-f"' in body
    assert "IMRF 2022" in body
    assert "10.7.3" in body


def test_missing_commitment_is_shown_as_missing(client):
    body = client.get("/en/framework/objectives/2/").content.decode()
    assert "is not yet in gcmhub" in body
    assert "A/RES/73/195" in body


def test_incomplete_actions_are_flagged(client):
    body = client.get("/en/framework/objectives/20/").content.decode()
    assert "Some of this objective" in body


def test_unknown_objective_is_404(client):
    assert client.get("/en/framework/objectives/24/").status_code == 404


def test_arabic_pages_are_right_to_left(client):
    body = client.get("/ar/").content.decode()
    assert 'dir="rtl"' in body
    assert 'lang="ar"' in body


def test_untranslated_titles_fall_back_to_english_visibly(client):
    from gcmhub.framework.models import Objective

    Objective.objects.filter(number=3).update(i18n={})
    body = client.get("/fr/framework/objectives/3/").content.decode()
    assert "Provide accurate and timely information" in body
    assert "fallback-note" in body


def test_translated_titles_are_used(client):
    from gcmhub.framework.models import Objective

    Objective.objects.filter(number=3).update(i18n={"fr": {"title": "Titre traduit"}})
    body = client.get("/fr/framework/objectives/3/").content.decode()
    assert "Titre traduit" in body


def test_country_list_filters_by_region_and_membership(client):
    body = client.get("/en/framework/countries/?region=002&members=1").content.decode()
    assert "Kenya" in body
    assert "Germany" not in body


def test_country_page_and_principle_page(client):
    assert "Eastern Africa" in client.get("/en/framework/countries/ken/").content.decode()
    assert client.get("/en/framework/principles/child-sensitive/").status_code == 200


def test_round_table_page_lists_its_objectives_and_co_chairs(client):
    body = client.get("/en/framework/forums/imrf-2022/round-tables/1/").content.decode()
    assert "Egypt" in body
    assert "Germany" in body
    assert "/en/framework/objectives/18/" in body


def test_home_page_leads_to_framework_and_countries(client):
    body = client.get("/en/").content.decode()
    assert "/en/framework/" in body
    assert "/en/framework/countries/" in body


def test_overview_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/en/framework/")

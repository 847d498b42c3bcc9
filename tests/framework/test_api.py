import pytest

pytestmark = pytest.mark.django_db


def test_objectives_are_public_and_paginated(api_client):
    data = api_client.get("/api/v1/objectives/").json()
    assert data["count"] == 23
    first = data["results"][0]
    assert first["number"] == 1
    assert first["actions"][0]["letter"] == "a"
    assert first["round_tables"] == [{"forum": "imrf-2022", "number": 4}]


def test_objective_detail(api_client):
    data = api_client.get("/api/v1/objectives/20/").json()
    assert data["actions_complete"] is False
    assert data["commitment"]["paragraph"] == 36


def test_countries_filter_and_lookup(api_client):
    data = api_client.get("/api/v1/countries/?is_member_state=true&page_size=500").json()
    assert data["count"] == 193
    assert api_client.get("/api/v1/countries/ken/").json()["subregion"] == "Eastern Africa"
    assert api_client.get("/api/v1/countries/zzz/").status_code == 404


def test_forums_have_round_tables(api_client):
    forum = api_client.get("/api/v1/forums/imrf-2022/").json()
    assert [rt["number"] for rt in forum["round_tables"]] == [1, 2, 3, 4]


def test_sdg_indicator_lookup(api_client):
    data = api_client.get("/api/v1/sdg-indicators/10.c.1/").json()
    assert data["objectives"] == [20]

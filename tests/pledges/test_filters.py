"""Bad parameters: the API answers 400 with the field, the web list ignores them with a notice,
the period report explains a malformed date, a malformed pledge ID is a JSON 404."""

import pytest

from tests.pledges.factories import FORUM, make_pledge

pytestmark = pytest.mark.django_db

BAD_FILTERS = [
    ("objective", "abc"),
    ("objective", "0"),
    ("objective", "24"),
    ("objective", "²"),
    ("status", "zzz"),
    ("type", "gift"),
    ("form", "solo"),
    ("level", "galactic"),
    ("entity", "martians"),
    ("region", "999"),
    ("country", "XXX"),
    ("forum", "2023"),
    ("forum", "20x6"),
    ("principle", "no-such-principle"),
]


@pytest.fixture
def two():
    make_pledge(title="Alpha remittances", pledge_type="policy")
    make_pledge(title="Beta centres")


@pytest.mark.parametrize(("key", "value"), BAD_FILTERS)
def test_api_list_refuses_unknown_filter_values(api_client, two, key, value):
    response = api_client.get("/api/v1/pledges/", {key: value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [key]
    assert error["fields"][key][0]


def test_api_reports_every_bad_filter_at_once(api_client, two):
    response = api_client.get("/api/v1/pledges/?objective=abc&status=zzz")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"objective", "status"}
    assert "1 to 23" in fields["objective"][0]
    assert "withdrawn" in fields["status"][0]


@pytest.mark.parametrize(
    "query",
    [
        "objective=21",
        "status=withdrawn",
        "status=not_started",
        "type=policy",
        "entity=state",
        "country=mex",
        f"forum={FORUM}",
        "principle=people-centred",
    ],
)
def test_api_list_accepts_known_values(api_client, two, query):
    assert api_client.get(f"/api/v1/pledges/?{query}").status_code == 200


def test_api_dashboard_refuses_unknown_filter_values(api_client, two):
    response = api_client.get("/api/v1/pledges/dashboard/?type=gift")
    assert response.status_code == 400
    assert "type" in response.json()["error"]["fields"]


def test_web_list_ignores_bad_values_with_a_notice(client, two):
    page = client.get("/en/pledges/?objective=abc&status=zzz&type=policy").content.decode()
    assert "not understood and are ignored" in page
    assert "The objective is a number from 1 to 23." in page
    assert "Alpha remittances" in page  # the good filter still applies
    assert "Beta centres" not in page
    clean = client.get("/en/pledges/?type=policy").content.decode()
    assert "not understood" not in clean


def test_web_dashboard_and_export_ignore_bad_values(client, two):
    assert "not understood" in client.get("/en/pledges/dashboard/?level=x").content.decode()
    assert client.get("/en/pledges/export.json?objective=abc").status_code == 200


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("start=2026-13-45", "Write the start date as YYYY-MM-DD"),
        ("end=yesterday", "Write the end date as YYYY-MM-DD"),
        ("start=2026-05-01&end=2026-01-01", "The end of the period comes before its start."),
        ("forum=1999", "The forum is the year of a review forum"),
    ],
)
def test_period_report_bad_parameters_are_a_clear_400(client, two, query, words):
    page = client.get(f"/en/pledges/report/?{query}")
    assert page.status_code == 400
    assert words in page.content.decode()
    document = client.get(f"/en/pledges/report/document.docx?{query}")
    assert document.status_code == 400
    assert words in document.content.decode()


def test_period_report_defaults_still_work(client, two):
    assert client.get("/en/pledges/report/").status_code == 200
    assert client.get("/en/pledges/report/?start=&end=&forum=").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/pledges/abc/",
        "/api/v1/pledges/abc/progress/",
        "/api/v1/pledges/IMRF2026/",
        "/api/v1/pledges/IMRF2026-12x/",
        "/api/v1/pledges/%20/",
    ],
)
def test_api_malformed_pledge_id_is_json_404(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["status"] == 404


def test_api_pledge_id_in_any_case(api_client, two):
    from gcmhub.pledges.models import Pledge

    public_id = Pledge.objects.first().public_id
    assert api_client.get(f"/api/v1/pledges/{public_id.lower()}/").status_code == 200


def test_api_routes_accept_only_the_public_id_pattern():
    from django.urls import Resolver404, resolve

    assert resolve("/api/v1/pledges/IMRF2026-0001/").kwargs == {"public_id": "IMRF2026-0001"}
    assert resolve("/api/v1/pledges/imrf2022-0142/progress/").kwargs["public_id"]
    for path in ("/api/v1/pledges/abc/", "/api/v1/pledges/abc/progress/"):
        with pytest.raises(Resolver404):
            resolve(path)

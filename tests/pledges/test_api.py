from datetime import date, timedelta

import pytest
from django.utils import timezone

from gcmhub.pledges.models import Pledge
from tests.factories import FocalPointFactory, SecretariatFactory, country
from tests.pledges.factories import DESCRIPTION, FORUM, PAST_FORUM, first_id, make_pledge

pytestmark = pytest.mark.django_db


def body(**changes):
    return {
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        "title": "Centres for returning migrants",
        "description": DESCRIPTION,
        "pledge_type": "financial",
        "form": "individual",
        "objectives": [21, 18],
        "principles": ["people-centred"],
        "actions": ["21a"],
        "level": "national",
        "countries": ["MEX", "GTM"],
        "forum_year": FORUM,
        "announced_on": timezone.localdate().isoformat(),
        "amount": "250000.00",
        "currency": "usd",
        "recipient": "Migration Multi-Partner Trust Fund",
        "targets": [
            {
                "indicator": "Centres open",
                "baseline": "0",
                "target_value": "4",
                "unit": "centres",
                "due_date": (timezone.localdate() + timedelta(days=400)).isoformat(),
            }
        ],
        **changes,
    }


def test_api_create_by_focal_point_uses_its_state(api_client):
    api_client.force_authenticate(FocalPointFactory(country=country("MEX")))
    response = api_client.post("/api/v1/pledges/", body(), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["public_id"] == first_id()
    assert data["entity"] == "Mexico"
    assert data["objectives"] == [18, 21]
    assert data["actions"] == ["21a"]
    assert data["currency"] == "USD"
    assert data["contact"] == {"name": "Ana", "email": "ana@example.org"}
    assert Pledge.objects.get().countries.count() == 2


def test_api_create_needs_login(api_client):
    assert api_client.post("/api/v1/pledges/", body(), format="json").status_code in (401, 403)
    assert Pledge.objects.count() == 0


def test_api_secretariat_records_on_behalf_of_a_state(api_client):
    api_client.force_authenticate(SecretariatFactory())
    response = api_client.post("/api/v1/pledges/", body(entity_country="KEN"), format="json")
    assert response.status_code == 201
    assert response.json()["entity"] == "Kenya"


def test_api_list_filters(api_client):
    make_pledge(title="Alpha remittances", pledge_type="policy")
    make_pledge(
        title="Beta centres",
        objectives=[],
        forum_year=PAST_FORUM,
        announced_on=date(PAST_FORUM, 5, 20),
    )
    assert api_client.get("/api/v1/pledges/?type=policy").json()["count"] == 1
    assert api_client.get("/api/v1/pledges/?objective=21").json()["count"] == 1
    assert api_client.get(f"/api/v1/pledges/?forum={PAST_FORUM}").json()["count"] == 1
    assert api_client.get("/api/v1/pledges/?q=remittances").json()["count"] == 1
    assert api_client.get("/api/v1/pledges/?country=MEX").json()["count"] == 2
    results = api_client.get(f"/api/v1/pledges/?q={first_id(PAST_FORUM)}").json()["results"]
    assert [r["title"] for r in results] == ["Beta centres"]


def test_api_progress_list_and_file(api_client):
    entity = FocalPointFactory(country=country("MEX"))
    pledge = make_pledge(by=entity)
    target = pledge.targets.get()
    api_client.force_authenticate(entity)
    url = f"/api/v1/pledges/{pledge.public_id}/progress/"
    report = {
        "reported_on": timezone.localdate().isoformat(),
        "status": "in_progress",
        "narrative": "Two centres opened.",
        "results": [{"target": target.pk, "value": "2", "evidence": "Opening ceremony"}],
    }
    response = api_client.post(url, report, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["progress"] == 50.0
    listing = api_client.get(url).json()
    assert listing["count"] == 1
    assert listing["results"][0]["results"][0]["value"] == "2.00"
    detail = api_client.get(f"/api/v1/pledges/{pledge.public_id}/").json()
    assert detail["status"] == "in_progress"
    assert detail["targets"][0]["progress"] == 50.0


def test_api_progress_refuses_target_of_other_pledge(api_client):
    entity = FocalPointFactory(country=country("MEX"))
    pledge, other = make_pledge(by=entity), make_pledge(by=entity)
    api_client.force_authenticate(entity)
    response = api_client.post(
        f"/api/v1/pledges/{pledge.public_id}/progress/",
        {
            "reported_on": timezone.localdate().isoformat(),
            "status": "in_progress",
            "results": [{"target": other.targets.get().pk, "value": "1"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert pledge.reports.count() == 0


def test_api_dashboard_counts(api_client):
    make_pledge()
    make_pledge(pledge_type="financial", amount=100, currency="EUR", recipient="MPTF")
    data = api_client.get("/api/v1/pledges/dashboard/").json()
    assert data["totals"]["total"] == 2
    types = {row["key"]: row["count"] for row in data["breakdowns"]["type"]}
    assert types["financial"] == 1
    assert types["process"] == 1
    assert data["financial"] == [
        {"recipient": "MPTF", "currency": "EUR", "total": "100.00", "pledges": 1}
    ]
    objective = {row["key"]: row["count"] for row in data["breakdowns"]["objective"]}
    assert objective["21"] == 2


def test_api_unknown_pledge_is_404(api_client):
    response = api_client.get("/api/v1/pledges/IMRF2022-4242/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_search_finds_words_in_any_case_accent_and_plural(api_client):
    make_pledge(title="Nurses trained in Mexico", description=DESCRIPTION + " Enfermería.")
    make_pledge(title="Remittance costs")
    for query in ("nurse", "NURSES", "enfermeria", "trained mexico"):
        results = api_client.get("/api/v1/pledges/", {"q": query}).json()["results"]
        assert [r["title"] for r in results] == ["Nurses trained in Mexico"], query
    assert api_client.get("/api/v1/pledges/", {"q": "nurses remittance"}).json()["count"] == 0


def test_search_index_follows_updates():
    from gcmhub.pledges import services
    from gcmhub.pledges.models import Pledge

    pledge = make_pledge(title="Old words")
    services.update_pledge(pledge, {"title": "Fresh wording"}, by=None)
    found = Pledge.objects.filter(pk__in=Pledge.objects.all())
    from gcmhub.pledges import search

    assert list(search.matching(found, "fresh")) == [pledge]
    assert list(search.matching(found, "old")) == []

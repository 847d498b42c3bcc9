"""Pages and API lists run the same number of queries for 1 and for 4 pledges."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gcmhub.pledges import services
from tests.factories import OrganizationFactory, SecretariatFactory, country
from tests.pledges.factories import at, make_pledge, report_data

pytestmark = pytest.mark.django_db

URLS = [
    "/en/pledges/",
    "/en/pledges/?objective=21&q=centres",
    "/en/pledges/dashboard/",
    "/en/pledges/report/",
    "/en/pledges/export.csv",
    "/en/pledges/monitoring/",
    "/en/framework/objectives/21/",
    "/api/v1/pledges/",
    "/api/v1/pledges/dashboard/",
]


def _make(n: int):
    today = timezone.localdate()
    for i in range(n):
        org = OrganizationFactory(country=country("KEN"))
        pledge = make_pledge(
            **at(today - timedelta(days=400)),
            entity_country=None if i % 2 else country("MEX"),
            entity_organization=org if i % 2 else None,
            form="partnership",
            participants=[{"name": "P", "email": f"p{i}@example.org"}],
            pledge_type="financial",
            amount=100 + i,
            currency="USD",
            recipient="MPTF",
        )
        services.file_report(pledge, report_data(pledge, 1, on=today - timedelta(days=3)), by=None)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", URLS)
def test_query_count_constant(client, url):
    client.force_login(SecretariatFactory())
    _make(1)
    one = _count(client, url)
    _make(3)
    assert _count(client, url) == one


def test_pledge_page_query_count_constant(client):
    client.force_login(SecretariatFactory())
    _make(1)
    from gcmhub.pledges.models import Pledge

    pledge = Pledge.objects.get()
    one = _count(client, pledge.get_absolute_url())
    for value in (2, 3, 4):
        services.file_report(pledge, report_data(pledge, value), by=None)
    services.update_pledge(
        pledge,
        {"participants": [{"name": "Q", "email": "q@example.org"}], "matches": None},
        by=None,
    )
    assert _count(client, pledge.get_absolute_url()) == one

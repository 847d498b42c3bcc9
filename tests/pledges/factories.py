"""Pledges for tests, made through the services like real ones."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gcmhub.framework.models import GuidingPrinciple, Objective
from gcmhub.pledges import services
from tests.factories import FocalPointFactory, country

DESCRIPTION = (
    "We will open four one-stop centres where returning migrant workers can register for social "
    "protection, have their skills recognised and get advice on finding work, staffed jointly "
    "by the labour and social ministries, and publish a yearly report on how many people each "
    "centre served and what they needed most."
)


def pledge_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "entity_country": country("MEX"),
        "entity_organization": None,
        "contact_name": "Ana Pérez",
        "contact_email": "ana.perez@example.org",
        "title": "One-stop centres for returning migrants",
        "description": DESCRIPTION,
        "pledge_type": "process",
        "form": "individual",
        "matches": None,
        "objectives": [Objective.objects.get(number=21)],
        "principles": [GuidingPrinciple.objects.get(slug="people-centred")],
        "level": "national",
        "countries": [country("MEX")],
        "forum_year": 2026,
        "announced_on": today,
        "targets": [
            {
                "indicator": "Centres open",
                "baseline": Decimal(0),
                "target_value": Decimal(4),
                "unit": "centres",
                "due_date": today + timedelta(days=700),
            }
        ],
        "participants": [],
    }
    data.update(overrides)
    return data


def make_pledge(by=None, **overrides):
    by = by or FocalPointFactory()
    return services.create_pledge(pledge_data(**overrides), by=by)


def report_data(pledge, value, on: date | None = None, status="in_progress", **extra) -> dict:
    target = pledge.targets.first()
    return {
        "reported_on": on or timezone.localdate(),
        "status": status,
        "narrative": "Work went ahead.",
        "results": [{"target": target, "value": Decimal(value), "evidence": "Records"}],
        **extra,
    }

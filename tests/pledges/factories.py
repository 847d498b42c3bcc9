"""Pledges for tests, made through the services like real ones."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gcmhub.framework.models import GuidingPrinciple, Objective
from gcmhub.pledges import services, validation
from tests.factories import FocalPointFactory, country

# The forum a pledge announced today belongs to, and the one before it: the tests do not depend
# on the year they run in.
FORUM = validation.edition_for(timezone.localdate())
PAST_FORUM = FORUM - validation.FORUM_INTERVAL


def at(day: date) -> dict:
    """Announced on ``day``, at the forum that day belongs to."""
    return {"announced_on": day, "forum_year": validation.edition_for(day)}


def first_id(year: int = FORUM, number: int = 1) -> str:
    return f"IMRF{year}-{number:04d}"


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
        "forum_year": FORUM,
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

"""Sections on the framework's objective, principle and country pages (two queries each)."""

from django.db.models import Q

from gcmhub.pledges import queries
from gcmhub.pledges.models import Pledge

SHOWN = 10


def _panel(condition, filter_query: str) -> dict:
    ids = Pledge.objects.filter(condition).values("pk")
    pledges = queries.listed().filter(pk__in=ids)
    shown = list(pledges[:SHOWN])
    count = len(shown) if len(shown) < SHOWN else pledges.count()
    return {"pledges": shown, "count": count, "filter": filter_query}


def for_objective(objective, request):
    return _panel(Q(objectives=objective), f"objective={objective.number}")


def for_principle(principle, request):
    return _panel(Q(principles=principle), f"principle={principle.slug}")


def for_country(country, request):
    return _panel(Q(countries=country) | Q(entity_country=country), f"country={country.iso3}")

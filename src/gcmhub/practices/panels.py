"""Sections the practices app adds to the framework's objective, country and principle pages."""

from gcmhub.practices import search

LIMIT = 6


def _panel(queryset, filter_key, value):
    practices = list(search.with_card_data(queryset.order_by("-published_at", "-id"))[:LIMIT])
    return {
        "cards": search.card_list(practices),
        "count": queryset.count(),
        "filter_key": filter_key,
        "filter_value": value,
    }


def for_objective(objective, request):
    return _panel(
        search.published().filter(objectives=objective), "objective", str(objective.number)
    )


def for_country(country, request):
    return _panel(search.published().filter(countries=country), "country", country.iso3)


def for_principle(principle, request):
    return _panel(search.published().filter(principles=principle), "principle", principle.slug)

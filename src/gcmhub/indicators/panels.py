"""Sections this app adds to the framework's country and objective pages."""

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Sum, Value, When
from django.utils.translation import gettext

from gcmhub.indicators import service
from gcmhub.indicators.catalog import Context, for_objective, gdp_share_country, incidents

TOP = 5


def _by_year(queryset, field="value"):
    rows = queryset.values("year").annotate(total=Sum(field)).order_by("year")
    return [(row["year"], row["total"]) for row in rows if row["year"] is not None]


def route_deaths(ctx, iso3: str) -> dict:
    """Deaths and disappearances on the migration routes that touch a country.

    The Missing Migrants data name each incident's route ("Central Mediterranean") but not
    the countries a route runs through, so a route touches a country when at least one
    incident on it was recorded in that country. All incidents on those routes count,
    wherever they happened (at sea, in transit countries). Incidents recorded with two routes
    ("Central Mediterranean,Sahara Desert crossing") neither make a route touch a country nor
    count here: one coding slip would otherwise add a whole other continent's route. Incidents
    without a route are only in the in-country figure. Two SQL queries.
    """
    base = incidents(ctx)
    touching = (
        base.filter(country=iso3)
        .exclude(route="")
        .exclude(route__contains=",")
        .values("route")
        .distinct()
    )
    on_routes = base.filter(route__in=touching).exclude(year=None)  # as the in-country figure
    here = Case(When(country=iso3, then=F("total")), default=Value(0), output_field=IntegerField())
    routes = [  # (route, dead and missing on it, of which recorded in the country, incidents)
        (row["route"], row["on_route"], row["here"], row["incidents"])
        for row in on_routes.values("route")
        .annotate(here=Sum(here), on_route=Sum("total"), incidents=Count("id"))
        .order_by("-on_route", "route")
    ]
    return {
        "routes": routes,
        "by_year": _by_year(on_routes, "total"),
        "total": sum(total for _route, total, _here, _n in routes),
    }


def country_figures(iso3: str) -> dict | None:
    ctx = Context()
    stock = ctx.observations("migrant-stock", "stock")
    refugees = ctx.observations("displacement", "refugee")
    stock_in = _by_year(ctx.observations("migrant-stock", "stock_dest").filter(country=iso3))
    stock_out = _by_year(ctx.observations("migrant-stock", "stock_orig").filter(country=iso3))
    latest = stock_in[-1][0] if stock_in else None
    names = service.country_names()

    def top(queryset, group):
        queryset = queryset.filter(**{f"{group}__isnull": False})  # unmatched codes are NULL
        rows = queryset.values(group).annotate(total=Sum("value")).order_by("-total", group)[:TOP]
        return [(row[group], names.get(row[group], row[group]), row["total"]) for row in rows]

    data = {
        "iso3": iso3,
        "latest_year": latest,
        "stock_in": stock_in,
        "stock_out": stock_out,
        "top_origins": top(stock.filter(country=iso3, year=latest), "partner") if latest else [],
        "top_destinations": top(stock.filter(partner=iso3, year=latest), "country")
        if latest
        else [],
        "remittances": _by_year(
            ctx.observations("remittance-flows", "remit_in").filter(country=iso3)
        ),
        "remittance_gdp": gdp_share_country(Context({"country": iso3})),
        "deaths": _by_year(incidents(ctx).filter(country=iso3), "total"),
        "route_deaths": route_deaths(ctx, iso3),
        "refugees_from": _by_year(
            ctx.observations("displacement", "refugee_orig").filter(country=iso3)
        ),
        "refugees_hosted": _by_year(refugees.filter(country=iso3)),
    }
    if not any(
        data[k] for k in ("stock_in", "stock_out", "remittances", "deaths", "refugees_from")
    ):
        return None
    data["chart_stock"] = {
        "traces": [
            {"x": [y for y, _ in stock_in], "y": [v for _, v in stock_in], "name": "in"},
            {"x": [y for y, _ in stock_out], "y": [v for _, v in stock_out], "name": "out"},
        ]
    }
    data["chart_remittances"] = {
        "x": [y for y, _ in data["remittances"]],
        "y": [v for _, v in data["remittances"]],
        "name": "US$",
    }
    data["last"] = {
        key: data[key][-1] if data[key] else None
        for key in (
            "stock_in",
            "stock_out",
            "remittances",
            "remittance_gdp",
            "refugees_from",
            "refugees_hosted",
        )
    }
    data["deaths_total"] = sum(v for _, v in data["deaths"])  # a dozen yearly sums
    return data


def country_panel(country, request):
    """Cached per country and set of current releases: a new import is seen at once."""
    key = f"indicators:country:{country.iso3}:{service.release_key()}"
    data = cache.get(key)
    if data is None:
        data = country_figures(country.iso3) or {}
        cache.set(key, data, 3600)
    if not data:
        return None
    in_trace, out_trace = data["chart_stock"]["traces"]
    in_trace["name"], out_trace["name"] = gettext("Living here"), gettext("Abroad")
    return data


def objective_panel(objective, request):
    indicators = for_objective(objective.number)
    if not indicators:
        return None
    return {"summaries": service.summaries(indicators)}

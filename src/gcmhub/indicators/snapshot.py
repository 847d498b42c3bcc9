"""The global data snapshot a biennial report opens with, for a chosen date window.

Each figure carries its value, unit, period, the release it came from and the SQL that
produced it (run once to get the value, and shown with its parameters as literals so it runs
as it is), so a reader can check it against the source. Labels, units and notes are in the
active language; keys stay English.
"""

import datetime as dt
import math
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, Count, F, FloatField, OuterRef, Subquery, Sum, Value, When
from django.utils.translation import gettext

from gcmhub.indicators.catalog import WEIGHTED_COST, Context, incidents
from gcmhub.indicators.importing.base import release_dict

COST_TARGET = 3.0
COMPARISON_YEAR = 2000

# World Bank high-income thresholds (GNI per capita, Atlas method, current US$) by the data
# year they classify (published each July for the next fiscal year).
HIGH_INCOME_THRESHOLD = {
    2012: 12615,
    2013: 12745,
    2014: 12735,
    2015: 12475,
    2016: 12235,
    2017: 12055,
    2018: 12375,
    2019: 12535,
    2020: 12695,
    2021: 13205,
    2022: 13845,
    2023: 14005,
}


def lmic_method(threshold) -> str:
    return gettext(
        "The bundled data have no World Bank income groups, so a country counts as low- or "
        "middle-income when its GDP per capita (WDI GDP in current US$ divided by WDI "
        "population, same year) is at or below the World Bank high-income threshold for that "
        "year (%(threshold)s US$ GNI per capita, Atlas method). GDP per capita stands in for "
        "GNI per capita; countries without GDP or population that year are left out and counted."
    ) % {"threshold": threshold}


def default_window(today=None):
    today = today or dt.date.today()
    return dt.date(today.year - 2, 1, 1), today


def _literal(value) -> str:
    """A parameter as an SQL literal (for databases without a driver-side quoting function)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no SQL literal for {value!r}")
        return repr(value)
    if isinstance(value, bytes | memoryview):
        return f"X'{bytes(value).hex()}'"
    return "'" + str(value).replace("'", "''") + "'"


def render_sql(queryset) -> str:
    """The SQL that ``queryset`` runs, with its parameters written in as literals: a statement
    that runs as it is on the active database (PostgreSQL quotes through its driver, SQLite
    through ``_literal``), so a reader can check a figure against the data."""
    connection = connections[queryset.db]
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # no release imported: there is no query to show
        return ""
    if connection.vendor == "postgresql":
        return connection.ops.compose_sql(sql, params)
    return sql % tuple(_literal(param) for param in params)


def _run(queryset):
    """The figure's query (one group, so one row), run once: the row (a dict, or None when
    there is no data) and its SQL. Not ``first()``: ordering by id would split the group."""
    queryset = queryset.order_by()
    rows = list(queryset)
    return (rows[0] if rows else None), render_sql(queryset)


def _figure(key, label, value, unit, period, release, query, **extra):
    return {
        "key": key,
        "label": str(label),
        "value": value,
        "unit": str(unit),
        "period": period,
        "source": release_dict(release) if release else None,
        "query": query,
        **extra,
    }


def _latest_year(queryset, until_year):
    years = queryset.filter(year__lte=until_year).order_by("-year").values_list("year", flat=True)
    return years.first()


def _round(value, digits=2):
    return round(value, digits) if value is not None else None


def _share_of_population(ctx, stock, year, release, key):
    """Migrants in ``year`` as a percentage of the world population (the sum over countries of
    the population release) of the same year, in one query."""
    label = gettext("International migrants as a share of world population, %(year)s") % {
        "year": year
    }
    population_release = ctx.release("population")
    extra = {"population_source": release_dict(population_release) if population_release else None}
    if population_release is None:
        return _figure(key, label, None, "%", str(year), release, "", **extra)
    world = (
        ctx.observations("population", "pop")
        .filter(year=OuterRef("year"))
        .values("year")
        .annotate(total=Sum("value"))
        .values("total")[:1]
    )
    queryset = (
        stock.filter(year=year)
        .values("year")
        .annotate(migrants=Sum("value"), population=Subquery(world, output_field=FloatField()))
        .annotate(value=F("migrants") * 100.0 / F("population"))
    )
    row, sql = _run(queryset)
    row = row or {}
    figure = _figure(
        key,
        label,
        _round(row.get("value")),
        "%",
        str(year),
        release,
        sql,
        migrants=int(row["migrants"]) if row.get("migrants") is not None else None,
        world_population=row.get("population"),
        **extra,
    )
    if row.get("migrants") is not None and row.get("population") is None:
        figure["note"] = gettext(
            "The population release %(release)s has no population for %(year)s, the year of "
            "the migrant count, so this share is not computed (a share for another year would "
            "not match the count). Import a population release that covers %(year)s, or read "
            'an earlier migrant-stock release, e.g. --release "migrant-stock=IMS 2020".'
        ) % {"release": population_release.version, "year": year}
    return figure


def migrant_figures(ctx, until_year):
    stock = ctx.observations("migrant-stock", "stock_dest")  # totals by destination and sex
    release = ctx.release("migrant-stock")
    label = gettext("International migrants")
    year = _latest_year(stock, until_year)
    if year is None:
        return [_figure("migrants", label, None, gettext("people"), None, release, "")]
    in_year = stock.filter(year=year).values("year")
    row, sql = _run(in_year.annotate(value=Sum("value")))
    women = Sum(Case(When(sex="f", then=F("value")), default=Value(0.0)))
    share, share_sql = _run(in_year.annotate(value=women * 100.0 / Sum("value")))
    figures = [
        _figure("migrants", label, int(row["value"]), gettext("people"), str(year), release, sql),
        _figure(
            "women_share",
            gettext("Share of women among international migrants"),
            _round(share["value"]),
            "%",
            str(year),
            release,
            share_sql,
        ),
        # the share of the world population in the same year as the count, and in 2000
        _share_of_population(ctx, stock, year, release, "migrants_share_of_population"),
        _share_of_population(
            ctx, stock, COMPARISON_YEAR, release, "migrants_share_of_population_2000"
        ),
    ]
    return figures


def deaths_figure(ctx, start, end):
    queryset = (
        incidents(ctx)
        .filter(date__gte=start, date__lte=end)
        .values("release")
        .annotate(incidents=Count("id"), value=Sum("total"))
    )
    row, sql = _run(queryset)
    return _figure(
        "deaths_and_disappearances",
        gettext("Deaths and disappearances recorded on migration routes"),
        (row or {}).get("value") or 0,
        gettext("people"),
        f"{start.isoformat()}/{end.isoformat()}",
        ctx.release("missing-migrants"),
        sql,
        incidents=(row or {}).get("incidents") or 0,
    )


def lmic_remittances_figure(ctx, until_year):
    flows = ctx.observations("remittance-flows", "remit_in")
    year = _latest_year(flows, until_year)
    release = ctx.release("remittance-flows")
    label = gettext("Remittances received by low- and middle-income countries")
    unit = gettext("current US dollars")
    if year is None:
        return _figure("remittances_lmic", label, None, unit, None, release, "")
    threshold = (
        HIGH_INCOME_THRESHOLD.get(year)
        or HIGH_INCOME_THRESHOLD[min(HIGH_INCOME_THRESHOLD, key=lambda y: abs(y - year))]
    )

    def indicator(series):
        return Subquery(
            ctx.observations("population", series)
            .filter(country=OuterRef("country"), year=OuterRef("year"))
            .values("value")[:1],
            output_field=FloatField(),
        )

    classified = (
        flows.filter(year=year)
        .annotate(gdp=indicator("gdp"), pop=indicator("pop"))
        .filter(gdp__isnull=False, pop__gt=0)
        .annotate(per_capita=F("gdp") / F("pop"))
    )
    lmic = classified.filter(per_capita__lte=threshold)
    row, sql = _run(lmic.values("year").annotate(countries=Count("id"), value=Sum("value")))
    return _figure(
        "remittances_lmic",
        label,
        (row or {}).get("value"),
        unit,
        str(year),
        release,
        sql,
        countries=(row or {}).get("countries") or 0,
        unclassified=flows.filter(year=year).count() - classified.count(),
        method=lmic_method(threshold),
        classification_source=release_dict(ctx.release("population"))
        if ctx.release("population")
        else None,
    )


def cost_figures(ctx, start, end):
    release = ctx.release("remittance-prices")
    costs = ctx.observations("remittance-prices", "cost200")
    label = gettext("Global average cost of sending USD 200")
    last = costs.filter(year__lte=end.year).order_by("-year", "-quarter").first()
    if last is None:
        return [_figure("remittance_cost", label, None, "%", None, release, "")]
    in_quarter = costs.filter(year=last.year, quarter=last.quarter).values("year", "quarter")
    row, sql = _run(in_quarter.annotate(value=WEIGHTED_COST))
    gap, gap_sql = _run(in_quarter.annotate(value=WEIGHTED_COST - Value(COST_TARGET)))
    period = f"{last.year}Q{last.quarter}"
    return [
        _figure(
            "remittance_cost",
            label,
            _round(row["value"]),
            # xgettext:no-python-format
            gettext("% of amount sent"),
            period,
            release,
            sql,
            note=gettext(
                "Weighted by providers surveyed; the bundled file covers a subset of "
                "corridors, so this is the average over those corridors."
            ),
        ),
        _figure(
            "remittance_cost_gap",
            gettext("Gap to the 3 per cent target (SDG 10.c)"),
            _round(gap["value"]),
            gettext("percentage points"),
            period,
            release,
            gap_sql,
        ),
    ]


def snapshot(start=None, end=None, pinned=None) -> dict:
    default_start, default_end = default_window()
    start, end = start or default_start, end or default_end
    if start > end:
        raise ValueError(gettext("The window starts after it ends."))
    ctx = Context(pinned=pinned)  # a pin naming no release raises ReleaseChoiceError
    figures = [
        *migrant_figures(ctx, end.year),
        deaths_figure(ctx, start, end),
        lmic_remittances_figure(ctx, end.year),
        *cost_figures(ctx, start, end),
    ]
    return {"window": {"from": start.isoformat(), "to": end.isoformat()}, "figures": figures}

"""The global data snapshot a biennial report opens with, for a chosen date window.

Each figure carries its value, unit, period, the release it came from and the SQL that
produced it, so a reader can check it against the source.
"""

import datetime as dt

from django.db.models import F, FloatField, OuterRef, Subquery, Sum

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
LMIC_METHOD = (
    "The bundled data have no World Bank income groups, so a country counts as low- or "
    "middle-income when its GDP per capita (WDI GDP in current US$ divided by WDI population, "
    "same year) is at or below the World Bank high-income threshold for that year "
    "({threshold} US$ GNI per capita, Atlas method). GDP per capita stands in for GNI per "
    "capita; countries without GDP or population that year are left out and counted."
)


def default_window(today=None):
    today = today or dt.date.today()
    return dt.date(today.year - 2, 1, 1), today


def _sql(queryset) -> str:
    try:
        return str(queryset.query)
    except Exception:  # a query that cannot be printed still has a value
        return ""


def _figure(key, label, value, unit, period, release, query, **extra):
    return {
        "key": key,
        "label": label,
        "value": value,
        "unit": unit,
        "period": period,
        "source": release_dict(release) if release else None,
        "query": query,
        **extra,
    }


def _latest_year(queryset, until_year):
    years = queryset.filter(year__lte=until_year).order_by("-year").values_list("year", flat=True)
    return years.first()


def _world_pop(ctx, year):
    queryset = ctx.observations("population", "pop").filter(year=year)
    return queryset.aggregate(total=Sum("value"))["total"], queryset


def migrant_figures(ctx, until_year):
    stock = ctx.observations("migrant-stock", "stock_dest")  # totals by destination and sex
    release = ctx.release("migrant-stock")
    year = _latest_year(stock, until_year)
    if year is None:
        return [_figure("migrants", "International migrants", None, "people", None, release, "")]
    in_year = stock.filter(year=year)
    total = in_year.aggregate(total=Sum("value"))["total"]
    women_qs = in_year.filter(sex="f")
    women = women_qs.aggregate(total=Sum("value"))["total"] or 0
    figures = [
        _figure(
            "migrants",
            "International migrants",
            int(total),
            "people",
            str(year),
            release,
            _sql(in_year.values("year").annotate(total=Sum("value"))),
        ),
        _figure(
            "women_share",
            "Share of women among international migrants",
            round(women * 100 / total, 2),
            "%",
            str(year),
            release,
            _sql(women_qs.values("year").annotate(total=Sum("value"))),
        ),
    ]
    population_years = ctx.observations("population", "pop").values("year")
    # The latest migrant-stock year that also has population (WDI may end a year earlier).
    latest_with_population = (
        stock.filter(year__lte=year, year__in=population_years)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    for key, share_year in (
        ("migrants_share_of_population", latest_with_population or year),
        ("migrants_share_of_population_2000", COMPARISON_YEAR),
    ):
        migrants = stock.filter(year=share_year).aggregate(total=Sum("value"))["total"]
        population, pop_qs = _world_pop(ctx, share_year)
        value = round(migrants * 100 / population, 2) if migrants and population else None
        figures.append(
            _figure(
                key,
                f"International migrants as a share of world population, {share_year}",
                value,
                "%",
                str(share_year),
                release,
                _sql(pop_qs.values("year").annotate(total=Sum("value"))),
                migrants=migrants and int(migrants),
                world_population=population,
                population_source=release_dict(ctx.release("population"))
                if ctx.release("population")
                else None,
            )
        )
    return figures


def deaths_figure(ctx, start, end):
    queryset = incidents(ctx).filter(date__gte=start, date__lte=end)
    total = queryset.aggregate(total=Sum("total"))["total"] or 0
    return _figure(
        "deaths_and_disappearances",
        "Deaths and disappearances recorded on migration routes",
        total,
        "people",
        f"{start.isoformat()}/{end.isoformat()}",
        ctx.release("missing-migrants"),
        _sql(queryset.values("release").annotate(t=Sum("total"))),
        incidents=queryset.count(),
    )


def lmic_remittances_figure(ctx, until_year):
    flows = ctx.observations("remittance-flows", "remit_in")
    year = _latest_year(flows, until_year)
    release = ctx.release("remittance-flows")
    label = "Remittances received by low- and middle-income countries"
    if year is None:
        return _figure("remittances_lmic", label, None, "US$", None, release, "")
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
    total = lmic.aggregate(total=Sum("value"))["total"]
    return _figure(
        "remittances_lmic",
        label,
        total,
        "US$ (current)",
        str(year),
        release,
        _sql(lmic.values("year").annotate(total=Sum("value"))),
        countries=lmic.count(),
        unclassified=flows.filter(year=year).count() - classified.count(),
        method=LMIC_METHOD.format(threshold=threshold),
        classification_source=release_dict(ctx.release("population"))
        if ctx.release("population")
        else None,
    )


def cost_figures(ctx, start, end):
    release = ctx.release("remittance-prices")
    costs = ctx.observations("remittance-prices", "cost200")
    last = costs.filter(year__lte=end.year).order_by("-year", "-quarter").first()
    if last is None:
        return [
            _figure(
                "remittance_cost",
                "Global average cost of sending USD 200",
                None,
                "%",
                None,
                release,
                "",
            )
        ]
    in_window = costs.filter(year__gte=start.year, year__lte=end.year)
    if not in_window.exists():
        in_window = costs.filter(year=last.year)
    queryset = in_window.filter(year=last.year, quarter=last.quarter)
    average = queryset.aggregate(value=WEIGHTED_COST)["value"]
    period = f"{last.year}Q{last.quarter}"
    return [
        _figure(
            "remittance_cost",
            "Global average cost of sending USD 200",
            round(average, 2),
            "% of amount sent",
            period,
            release,
            _sql(queryset.values("year", "quarter").annotate(value=WEIGHTED_COST)),
            note="Weighted by providers surveyed; the bundled file covers a subset of "
            "corridors, so this is the average over those corridors.",
        ),
        _figure(
            "remittance_cost_gap",
            "Gap to the 3 per cent target (SDG 10.c)",
            round(average - COST_TARGET, 2),
            "percentage points",
            period,
            release,
            "",
        ),
    ]


def snapshot(start=None, end=None, pinned=None) -> dict:
    default_start, default_end = default_window()
    start, end = start or default_start, end or default_end
    if start > end:
        raise ValueError("The window starts after it ends.")
    ctx = Context(pinned=pinned)
    figures = [
        *migrant_figures(ctx, end.year),
        deaths_figure(ctx, start, end),
        lmic_remittances_figure(ctx, end.year),
        *cost_figures(ctx, start, end),
    ]
    return {"window": {"from": start.isoformat(), "to": end.isoformat()}, "figures": figures}

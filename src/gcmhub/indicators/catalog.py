"""The indicator registry: what each indicator measures and how it is computed.

Every value comes from SQL aggregation over the current releases (``values().annotate()``);
Python only combines already-aggregated series (e.g. a numerator and a world population).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from gcmhub.indicators.models import Incident, Observation
from gcmhub.indicators.releases import current_release, resolve


@dataclass(frozen=True)
class Target:
    value: float
    year: int
    text: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    datasets: tuple[str, ...]
    method: str
    disaggregations: tuple[str, ...]
    objectives: tuple[int, ...]
    sdg: str = ""
    target: Target | None = None
    direction: str = ""  # "down" or "up" when lower or higher is better, "" when neutral
    country_role: str = ""
    partner_role: str = ""  # what the partner filter (and column) is, when there is one
    additive: bool = False  # counts add up over breakdowns; rates and averages do not
    country_level: tuple = ()  # filters giving one row per country and year
    by_choices: tuple = ()  # (value, label) for the "by" filter: how rows are grouped
    country_by: tuple = ()  # "by" values whose rows are already one per country and year
    swapped_by: tuple = ()  # "by" values that make the partner side the country asked for
    headline: Callable = field(default=None, repr=False, compare=False)
    rows: Callable = field(default=None, repr=False, compare=False)

    @property
    def slug(self):
        return self.code

    def roles(self, by=""):
        """(country, partner) labels for a grouping: with ``by=receiving`` on 10.c.1 the
        country filter and the rows' country are the receiving side, the partner the sender."""
        if by and by in self.swapped_by:
            return self.partner_role, self.country_role
        return self.country_role, self.partner_role


class Context:
    """The releases one computation reads (current ones unless pinned) and its filters."""

    def __init__(self, filters=None, pinned=None):
        self.filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
        # Pins are checked now: one that names no release raises ReleaseChoiceError.
        self.pinned = resolve(pinned)
        self._releases = dict(self.pinned)

    def release(self, dataset):
        if dataset not in self._releases:
            self._releases[dataset] = current_release(dataset)
        return self._releases[dataset]

    def observations(self, dataset, series):
        release = self.release(dataset)
        if release is None:
            return Observation.objects.none()
        return Observation.objects.filter(release_id=release.pk, series=series)

    def get(self, name):
        return self.filters.get(name)


def _year_filter(queryset, ctx, field_name="year"):
    year = ctx.get("year")
    if year:
        queryset = queryset.filter(**{field_name: int(year)})
    return queryset


def _obs_filters(queryset, ctx, *, country="country", partner="partner"):
    if ctx.get("country"):
        queryset = queryset.filter(**{country: ctx.get("country").upper()})
    if ctx.get("partner") and partner:
        queryset = queryset.filter(**{partner: ctx.get("partner").upper()})
    if ctx.get("sex") in {"f", "m"}:
        queryset = queryset.filter(sex=ctx.get("sex"))
    return _year_filter(queryset, ctx)


def _matched(queryset, *fields):
    """Leave out rows whose country did not match the registry at import (stored as NULL):
    they count in world totals, never as a country."""
    return queryset.filter(**{f"{name}__isnull": False for name in fields})


def _series(rows):
    return [(row["year"], row["value"]) for row in rows if row["value"] is not None]


def _pop_subquery(ctx, country_ref):
    return Subquery(
        ctx.observations("population", "pop")
        .filter(country=OuterRef(country_ref), year=OuterRef("year"))
        .values("value")[:1],
        output_field=FloatField(),
    )


def world_population(ctx) -> dict[int, float]:
    """World population by year: WDI ``pop`` summed over countries (one SQL aggregate)."""
    rows = ctx.observations("population", "pop").values("year").annotate(value=Sum("value"))
    return {row["year"]: row["value"] for row in rows}


# --- SDG 10.7.3 ------------------------------------------------------------------------------

MEASURES = {
    "total": "total",
    "dead": "dead",
    "missing": "missing",
    "females": "females",
    "males": "males",
    "children": "children",
}


def incidents(ctx):
    release = ctx.release("missing-migrants")
    if release is None:
        return Incident.objects.none()
    queryset = Incident.objects.filter(release_id=release.pk)
    for name in ("region", "route", "cause"):
        if ctx.get(name):
            queryset = queryset.filter(**{name: ctx.get(name)})
    if ctx.get("country"):
        queryset = queryset.filter(country=ctx.get("country").upper())
    return _year_filter(queryset, ctx)


def _measure(ctx):
    return MEASURES.get(ctx.get("measure") or "total", "total")


def deaths_headline(ctx):
    rows = (
        incidents(ctx)
        .exclude(year=None)
        .values("year")
        .annotate(value=Sum(_measure(ctx)))
        .order_by("year")
    )
    return _series(rows)


def deaths_rows(ctx):
    return (
        incidents(ctx)
        .exclude(year=None)
        .values("year", "region", "route", "cause", country_code=F("country"))
        .annotate(value=Sum(_measure(ctx)))
        .order_by("year", "country_code", "region", "route", "cause")
    )


# --- SDG 10.7.4 ------------------------------------------------------------------------------


def refugees(ctx):
    """Refugees by country of origin (totals over countries of asylum, made at import)."""
    queryset = ctx.observations("displacement", "refugee_orig")
    if ctx.get("country"):
        queryset = queryset.filter(country=ctx.get("country").upper())
    return _year_filter(queryset, ctx)


def refugee_share_rows(ctx):
    return (
        refugees(ctx)
        .values("year", country_code=F("country"))
        .annotate(refugees=Sum("value"), population=_pop_subquery(ctx, "country"))
        .filter(population__gt=0)
        .annotate(value=F("refugees") * 100000.0 / F("population"))
        .values("year", "country_code", "refugees", "population", "value")
        .order_by("year", "country_code")
    )


def refugee_share_headline(ctx):
    if ctx.get("country"):
        return [(row["year"], row["value"]) for row in refugee_share_rows(ctx)]
    totals = refugees(ctx).values("year").annotate(value=Sum("value")).order_by("year")
    population = world_population(ctx)
    return [
        (row["year"], row["value"] * 100000.0 / population[row["year"]])
        for row in totals
        if population.get(row["year"])
    ]


# --- SDG 10.c.1 ------------------------------------------------------------------------------


def corridors(ctx):
    """Corridor-quarter costs. ``country`` filters the sending country and ``partner`` the
    receiving one; with ``by=receiving`` the rows are receiving countries, so ``country`` is
    the receiving country asked for and ``partner`` the sending one."""
    queryset = ctx.observations("remittance-prices", "cost200")
    if ctx.get("by") == "receiving":
        return _obs_filters(queryset, ctx, country="partner", partner="country")
    return _obs_filters(queryset, ctx)


WEIGHTED_COST = Sum(F("value") * F("weight")) / Sum("weight")


def cost_headline(ctx):
    rows = corridors(ctx).values("year").annotate(value=WEIGHTED_COST).order_by("year")
    return _series(rows)


def cost_rows(ctx):
    by = ctx.get("by")
    queryset = corridors(ctx)
    if by == "sending":
        return (
            _matched(queryset, "country")
            .values("year", country_code=F("country"))
            .annotate(value=WEIGHTED_COST, providers=Sum("weight"))
            .order_by("year", "country_code")
        )
    if by == "receiving":  # the receiving country is the row's country
        return (
            _matched(queryset, "partner")
            .values("year", country_code=F("partner"))
            .annotate(value=WEIGHTED_COST, providers=Sum("weight"))
            .order_by("year", "country_code")
        )
    return (
        _matched(queryset, "country", "partner")
        .values(
            "year",
            "quarter",
            "value",
            country_code=F("country"),
            receiving=F("partner"),
            providers=F("weight"),
        )
        .order_by("year", "quarter", "country", "partner")
    )


SHARE_ABOVE_5 = (
    Cast(Count(Case(When(value__gt=5, then=Value(1)))), FloatField()) * 100.0 / Count("id")
)


def above5_headline(ctx):
    rows = corridors(ctx).values("year").annotate(value=SHARE_ABOVE_5).order_by("year")
    return _series(rows)


def above5_rows(ctx):
    return (
        _matched(corridors(ctx), "country")
        .values("year", country_code=F("country"))
        .annotate(value=SHARE_ABOVE_5, corridor_quarters=Count("id"))
        .order_by("year", "country_code")
    )


# --- SDG 17.3.2 and remittance flows -------------------------------------------------------


def remittances(ctx, series="remit_in"):
    return _obs_filters(ctx.observations("remittance-flows", series), ctx, partner=None)


def inflow_rows(ctx):
    return (
        _matched(remittances(ctx), "country")
        .values("year", "value", country_code=F("country"))
        .order_by("year", "country_code")
    )


def inflow_headline(ctx):
    rows = remittances(ctx).values("year").annotate(value=Sum("value")).order_by("year")
    return _series(rows)


def _gdp_subquery(ctx):
    return Subquery(
        ctx.observations("population", "gdp")
        .filter(country=OuterRef("country"), year=OuterRef("year"))
        .values("value")[:1],
        output_field=FloatField(),
    )


def gdp_share_rows(ctx):
    return (
        remittances(ctx)
        .annotate(gdp=_gdp_subquery(ctx))
        .filter(gdp__gt=0)
        .annotate(share=F("value") * 100.0 / F("gdp"))
        .values("year", "gdp", "share", country_code=F("country"), remittances=F("value"))
        .order_by("year", "country_code")
    )


def gdp_share_headline(ctx):
    if ctx.get("country"):
        return gdp_share_country(ctx)
    rows = (
        remittances(ctx)
        .annotate(gdp=_gdp_subquery(ctx))
        .filter(gdp__gt=0)
        .values("year")
        .annotate(remitted=Sum("value"), product=Sum("gdp"))
        .order_by("year")
    )
    return [(row["year"], row["remitted"] * 100.0 / row["product"]) for row in rows]


def gdp_share_country(ctx):
    return [(row["year"], row["share"]) for row in gdp_share_rows(ctx)]


# --- Migrant stock ---------------------------------------------------------------------------


def stock(ctx, *, by_origin=False):
    """Bilateral rows when an origin is asked for; otherwise the totals by destination and
    sex that the import made (same sums, a fiftieth of the rows)."""
    if by_origin or ctx.get("partner") or ctx.get("by") == "origin":
        return _obs_filters(ctx.observations("migrant-stock", "stock"), ctx)
    return _obs_filters(ctx.observations("migrant-stock", "stock_dest"), ctx, partner=None)


def stock_rows(ctx):
    group = ["year", "country", "sex"]
    if ctx.get("partner") or ctx.get("by") == "origin":
        group.insert(2, "partner")
    renames = {"country_code": F("country")}
    if "partner" in group:
        renames["origin"] = F("partner")
    keys = [g for g in group if g not in {"country", "partner"}]
    matched = _matched(stock(ctx), *(g for g in group if g in {"country", "partner"}))
    return matched.values(*keys, **renames).annotate(value=Sum("value")).order_by(*group)


def stock_headline(ctx):
    rows = stock(ctx).values("year").annotate(value=Sum("value")).order_by("year")
    return _series(rows)


def stock_share_rows(ctx):
    return (
        stock(ctx)
        .values("year", country_code=F("country"))
        .annotate(migrants=Sum("value"), population=_pop_subquery(ctx, "country"))
        .filter(population__gt=0)
        .annotate(value=F("migrants") * 100.0 / F("population"))
        .values("year", "country_code", "migrants", "population", "value")
        .order_by("year", "country_code")
    )


def stock_share_headline(ctx):
    if ctx.get("country"):
        return [(row["year"], row["value"]) for row in stock_share_rows(ctx)]
    population = world_population(ctx)
    return [
        (year, value * 100.0 / population[year])
        for year, value in stock_headline(ctx)
        if population.get(year)
    ]


_COST_METHOD = _(
    "Total cost (fee and exchange-rate margin) of sending the equivalent of USD 200, as a "
    "percentage of the amount. Each corridor and quarter is the mean over the surveyed "
    "providers; yearly and country figures average the corridors weighted by their number of "
    "providers, which equals the simple average over services. Group by sending or receiving "
    "country with the 'by' filter; grouped by receiving country, the country filter selects "
    "the receiving country and the partner filter the sending one."
)

INDICATORS = {
    ind.code: ind
    for ind in [
        Indicator(
            additive=True,
            code="10.7.3",
            sdg="10.7.3",
            name=_("Deaths and disappearances on migration routes"),
            unit=_("people"),
            datasets=("missing-migrants",),
            method=_(
                "Sum of the total number of dead and missing recorded by the IOM Missing Migrants "
                "Project, by year of the incident. Filters narrow it by region of the incident, "
                "migration route, cause of death and country of the incident; the measure can be "
                "switched to the dead, the missing, or the women, men and children among them "
                "(these breakdowns are only known for part of the incidents). The figures are "
                "minimum estimates."
            ),
            disaggregations=("region", "route", "cause", "measure"),
            objectives=(8,),
            direction="down",
            country_role=_("Country of the incident"),
            headline=deaths_headline,
            rows=deaths_rows,
        ),
        Indicator(
            code="10.7.4",
            sdg="10.7.4",
            name=_("Refugees by country of origin, per 100,000 people of that country"),
            unit=_("per 100,000 population"),
            datasets=("displacement", "population"),
            method=_(
                "Refugees under UNHCR's mandate at the end of the year, summed over all countries "
                "of asylum for each country of origin, divided by that country's population in "
                "the same year (WDI) and multiplied by 100,000. The world figure divides all "
                "refugees by the world population (the sum over countries)."
            ),
            disaggregations=(),
            objectives=(2, 23),
            direction="down",
            country_role=_("Country of origin"),
            headline=refugee_share_headline,
            rows=refugee_share_rows,
        ),
        Indicator(
            country_level=(("by", "sending"),),
            by_choices=(
                ("", _("Corridor")),
                ("sending", _("Sending country")),
                ("receiving", _("Receiving country")),
            ),
            country_by=("sending", "receiving"),
            swapped_by=("receiving",),
            partner_role=_("Receiving country"),
            code="10.c.1",
            sdg="10.c.1",
            name=_("Average cost of sending USD 200"),
            # xgettext:no-python-format
            unit=_("% of amount sent"),
            datasets=("remittance-prices",),
            method=_COST_METHOD,
            disaggregations=("partner", "by"),
            objectives=(20,),
            target=Target(3.0, 2030, _("Less than 3 per cent by 2030")),
            direction="down",
            country_role=_("Sending country"),
            headline=cost_headline,
            rows=cost_rows,
        ),
        Indicator(
            code="10.c.1-above-5",
            sdg="10.c.1",
            name=_("Share of remittance corridors costing more than 5 per cent"),
            # xgettext:no-python-format
            unit=_("% of corridor-quarters"),
            datasets=("remittance-prices",),
            method=_(
                "Of all corridor-quarter averages in the year (cost of sending USD 200), the "
                "percentage above 5 per cent. SDG target 10.c asks to eliminate such corridors by "
                "2030. By country, the share among the corridors sending from that country."
            ),
            disaggregations=("partner",),
            objectives=(20,),
            target=Target(0.0, 2030, _("No corridor above 5 per cent by 2030")),
            direction="down",
            country_role=_("Sending country"),
            partner_role=_("Receiving country"),
            headline=above5_headline,
            rows=above5_rows,
        ),
        Indicator(
            code="17.3.2",
            sdg="17.3.2",
            name=_("Remittances received as a share of GDP"),
            # xgettext:no-python-format
            unit=_("% of GDP"),
            datasets=("remittance-flows", "population"),
            method=_(
                "Personal remittances received (WDI BX.TRF.PWKR.CD.DT, current US dollars) divided "
                "by GDP in current US dollars (WDI 'gdp' in the country-indicators file) for the "
                "same country and year. The world figure divides the sum of remittances by the "
                "sum of GDP over the countries that have both."
            ),
            disaggregations=(),
            objectives=(19, 20),
            country_role=_("Receiving country"),
            headline=gdp_share_headline,
            rows=gdp_share_rows,
        ),
        Indicator(
            additive=True,
            code="remittance-inflows",
            sdg="17.3.2",
            name=_("Remittances received"),
            unit=_("current US dollars"),
            datasets=("remittance-flows",),
            method=_(
                "Personal remittances received (WDI BX.TRF.PWKR.CD.DT), current US dollars; the "
                "world figure is the sum over countries."
            ),
            disaggregations=(),
            objectives=(20,),
            country_role=_("Receiving country"),
            headline=inflow_headline,
            rows=inflow_rows,
        ),
        Indicator(
            additive=True,
            by_choices=(
                ("", _("Destination and sex")),
                ("origin", _("Destination, origin and sex")),
            ),
            code="migrant-stock",
            name=_("International migrant stock"),
            unit=_("people"),
            datasets=("migrant-stock",),
            method=_(
                "Number of international migrants at mid-year (UN DESA), summed over origins for "
                "each country of destination and sex; filter by origin to see one corridor, or "
                "choose 'by origin' for every destination-origin pair. The world figure sums "
                "every destination, including origins the publisher records as unknown."
            ),
            disaggregations=("partner", "sex", "by"),
            objectives=(1, 23),
            country_role=_("Country of destination"),
            partner_role=_("Country of origin"),
            headline=stock_headline,
            rows=stock_rows,
        ),
        Indicator(
            code="migrant-stock-share",
            name=_("International migrants as a share of the population"),
            # xgettext:no-python-format
            unit=_("% of population"),
            datasets=("migrant-stock", "population"),
            method=_(
                "International migrant stock in a country divided by its population in the same "
                "year (WDI, UN World Population Prospects). The world figure divides all migrants "
                "by the world population summed over countries."
            ),
            disaggregations=(),
            objectives=(1,),
            country_role=_("Country of destination"),
            headline=stock_share_headline,
            rows=stock_share_rows,
        ),
    ]
}


def for_objective(number: int) -> list[Indicator]:
    return [ind for ind in INDICATORS.values() if number in ind.objectives]

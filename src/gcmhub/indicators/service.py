"""What pages, the API and the CLI share: filters, tidy rows, cached headline series, progress."""

import hashlib
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gcmhub.framework.models import Country
from gcmhub.indicators import progress
from gcmhub.indicators.catalog import INDICATORS, MEASURES, Context
from gcmhub.indicators.models import Release

CODE = re.compile(r"^[A-Za-z]{3}$")
RENAMES = {"country_code": "country", "share": "value", "receiving": "partner", "origin": "partner"}


def by_values(indicator) -> list[str]:
    """The ``by`` values an indicator accepts ("" is its default grouping)."""
    return [value for value, _label in indicator.by_choices if value]


def all_by_values() -> list[str]:
    return sorted({value for ind in INDICATORS.values() for value in by_values(ind)})


def get_indicator(code):
    try:
        return INDICATORS[code]
    except KeyError:
        raise Http404(f"No indicator {code!r}.") from None


def _not_here(name):
    return gettext("This indicator has no %(name)s filter.") % {"name": name}


def clean_filters(params, indicator) -> dict:
    """Validate query parameters for ``indicator``; a ValidationError names each bad one.

    A filter the indicator does not have (``sex`` on remittance costs, ``by=corridor``, ...)
    is an error rather than silently ignored, so a result is never mistaken for a filtered one.
    """
    errors, filters = {}, {}
    has_partner = "partner" in indicator.disaggregations
    for name in ("country", "partner", "origin"):
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if name != "country" and not has_partner:
            errors[name] = _not_here(name)
        elif not CODE.match(value):
            errors[name] = gettext("Use an ISO3 code such as KEN, not %(value)s.") % {
                "value": repr(value)
            }
        else:
            filters["partner" if name == "origin" else name] = value.upper()
    year = (params.get("year") or "").strip()
    if year:
        if not year.isdigit() or not 1900 <= int(year) <= 2100:
            errors["year"] = gettext("Use a four-digit year, not %(value)s.") % {
                "value": repr(year)
            }
        else:
            filters["year"] = int(year)
    sex = (params.get("sex") or "").strip().lower()
    if sex:
        if "sex" not in indicator.disaggregations:
            errors["sex"] = _not_here("sex")
        elif sex not in {"f", "m", "female", "male"}:
            errors["sex"] = gettext("Use f or m.")
        else:
            filters["sex"] = sex[:1]
    measure = (params.get("measure") or "").strip()
    if measure:
        if "measure" not in indicator.disaggregations:
            errors["measure"] = _not_here("measure")
        elif measure not in MEASURES:
            errors["measure"] = gettext("Use one of %(choices)s.") % {
                "choices": ", ".join(MEASURES)
            }
        else:
            filters["measure"] = measure
    by = (params.get("by") or "").strip()
    if by:
        if by not in by_values(indicator):
            errors["by"] = (
                gettext("Use one of %(choices)s.") % {"choices": ", ".join(by_values(indicator))}
                if indicator.by_choices
                else _not_here("by")
            )
        else:
            filters["by"] = by
    for name in ("region", "route", "cause"):
        value = (params.get(name) or "").strip()
        if value:
            if "region" not in indicator.disaggregations:
                errors[name] = _not_here(name)
            else:
                filters[name] = value[:200]
    if errors:
        raise ValidationError(errors)
    return filters


COLUMN_LABELS = {
    "year": _("Year"),
    "quarter": _("Quarter"),
    "sex": _("Sex"),
    "value": _("Value"),
    "unit": _("Unit"),
    "region": _("Region of the incident"),
    "route": _("Migration route"),
    "cause": _("Cause of death"),
    "refugees": _("Refugees"),
    "population": _("Population"),
    "migrants": _("International migrants"),
    "gdp": _("GDP (current US$)"),
    "remittances": _("Remittances received (current US$)"),
    "providers": _("Providers surveyed"),
    "corridor_quarters": _("Corridor-quarters"),
}


def column_labels(indicator, filters, keys) -> list[tuple[str, str]]:
    """(key, label) for each column of the tidy rows, in the page's language; the country
    and partner columns are named after what they are for this indicator and grouping."""
    country, partner = indicator.roles(filters.get("by", ""))
    names = {
        "country": gettext("%(role)s (code)") % {"role": country},
        "country_name": str(country),
        "partner": gettext("%(role)s (code)") % {"role": partner or gettext("Partner country")},
        "partner_name": str(partner or gettext("Partner country")),
    }
    return [(key, names.get(key) or str(COLUMN_LABELS.get(key, key))) for key in keys]


def country_names() -> dict[str, str]:
    names = cache.get("indicators:country-names")
    if names is None:
        names = dict(Country.objects.values_list("iso3", "name"))
        cache.set("indicators:country-names", names, 3600)
    return names


def tidy(indicator, rows):
    """One dict per observation: year, country, disaggregations, value, unit."""
    names = country_names()
    unit = str(indicator.unit)
    for row in rows:
        out = {}
        for key, value in row.items():
            out[RENAMES.get(key, key)] = value
        out["country_name"] = names.get(out.get("country"), "")
        if "partner" in out:
            out["partner_name"] = names.get(out["partner"], "")
        if "sex" in out:
            out["sex"] = {"f": "female", "m": "male"}.get(out["sex"], out["sex"])
        out["unit"] = unit
        yield out


def observations(indicator, filters, pinned=None, limit=None):
    rows = indicator.rows(Context(filters, pinned))
    return tidy(indicator, rows[:limit] if limit else rows.iterator(chunk_size=5000))


def release_key() -> str:
    ids = Release.objects.filter(is_current=True).order_by("pk").values_list("pk", flat=True)
    return "-".join(str(pk) for pk in ids)


def headline(indicator, filters=None, key=None):
    """The indicator's series over time (world, or one country when filtered), cached per
    set of current releases so a new import is seen at once."""
    filters = filters or {}
    key = key if key is not None else release_key()
    digest = hashlib.sha256(repr(sorted(filters.items())).encode()).hexdigest()[:16]
    cache_key = f"indicators:headline:{indicator.code}:{key}:{digest}"
    series = cache.get(cache_key)
    if series is None:
        series = [(int(y), float(v)) for y, v in indicator.headline(Context(filters))]
        cache.set(cache_key, series, 3600)
    return series


def complete_until(indicator):
    releases = Release.objects.filter(dataset__in=indicator.datasets, is_current=True)
    years = [r.released.year - (0 if r.released.month == 12 else 1) for r in releases]
    return min(years) if years else None


def assess(indicator, series, until=None):
    return progress.assess(
        series, target=indicator.target, direction=indicator.direction, complete_until=until
    )


def summaries(indicators=None):
    """For each indicator: latest world value and progress (a few queries, mostly cached)."""
    key = release_key()
    current = list(Release.objects.filter(is_current=True))
    result = []
    for indicator in indicators if indicators is not None else INDICATORS.values():
        series = headline(indicator, key=key)
        dated = [r for r in current if r.dataset in indicator.datasets]
        until = (
            min(r.released.year - (0 if r.released.month == 12 else 1) for r in dated)
            if dated
            else None
        )
        complete = [point for point in series if until is None or point[0] <= until]
        result.append(
            {
                "indicator": indicator,
                "latest": (complete or series)[-1] if series else None,
                "progress": assess(indicator, series, until),
                "has_data": len(dated) == len(indicator.datasets),
            }
        )
    return result

"""What pages, the API and the CLI share: filters, tidy rows, cached headline series, progress."""

import hashlib
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404

from gcmhub.framework.models import Country
from gcmhub.indicators import progress
from gcmhub.indicators.catalog import INDICATORS, MEASURES, Context
from gcmhub.indicators.models import Release

CODE = re.compile(r"^[A-Za-z]{3}$")
BY_CHOICES = {"sending", "receiving", "origin", "corridor"}
RENAMES = {"country_code": "country", "share": "value", "receiving": "partner", "origin": "partner"}


def get_indicator(code):
    try:
        return INDICATORS[code]
    except KeyError:
        raise Http404(f"No indicator {code!r}.") from None


def clean_filters(params, indicator) -> dict:
    """Validate query parameters; a ValidationError names each bad one."""
    errors, filters = {}, {}
    for name in ("country", "partner", "origin"):
        value = (params.get(name) or "").strip()
        if value:
            if not CODE.match(value):
                errors[name] = f"Use an ISO3 code such as KEN, not {value!r}."
            else:
                filters["partner" if name == "origin" else name] = value.upper()
    year = (params.get("year") or "").strip()
    if year:
        if not year.isdigit() or not 1900 <= int(year) <= 2100:
            errors["year"] = f"Use a four-digit year, not {year!r}."
        else:
            filters["year"] = int(year)
    sex = (params.get("sex") or "").strip().lower()[:1]
    if sex:
        if sex not in {"f", "m"}:
            errors["sex"] = "Use f or m."
        filters["sex"] = sex
    measure = (params.get("measure") or "").strip()
    if measure:
        if measure not in MEASURES:
            errors["measure"] = f"Use one of {', '.join(MEASURES)}."
        filters["measure"] = measure
    by = (params.get("by") or "").strip()
    if by:
        if by not in BY_CHOICES:
            errors["by"] = f"Use one of {', '.join(sorted(BY_CHOICES))}."
        filters["by"] = by
    for name in ("region", "route", "cause"):
        value = (params.get(name) or "").strip()
        if value:
            filters[name] = value[:200]
    if errors:
        raise ValidationError(errors)
    return filters


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

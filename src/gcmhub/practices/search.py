"""The public repository: filters, facets, sorting and full-text search over published practices.

Full-text search uses the database's own engine: an FTS5 table on SQLite and a tsvector table with
a GIN index on PostgreSQL (both made by migration 0002), keyed by practice id. Other databases
fall back to a substring match on ``Practice.search_text``.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gcmhub.framework.models import Country, GuidingPrinciple, Objective, Region, StakeholderType
from gcmhub.framework.names import territory_name
from gcmhub.practices.models import (
    LANGUAGES,
    ImplementationStatus,
    Practice,
    PracticeTargetGroup,
    Scope,
    State,
    TargetGroup,
)

FTS_TABLE = "practices_fts"
TOKEN = re.compile(r"\w+", re.UNICODE)
SORTS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "title": ("title", "id"),
    "start": ("-start_date", "-id"),
}


@dataclass(frozen=True)
class Facet:
    key: str
    label: str


FACETS = [
    Facet("objective", gettext_lazy("Objective")),
    Facet("principle", gettext_lazy("Guiding principle")),
    Facet("region", gettext_lazy("Region")),
    Facet("country", gettext_lazy("Country")),
    Facet("scope", gettext_lazy("Scope")),
    Facet("stakeholder_type", gettext_lazy("Implementer")),
    Facet("target_group", gettext_lazy("Target group")),
    Facet("status", pgettext_lazy("practice implementation", "Status")),
    Facet("year", gettext_lazy("Start year")),
    Facet("language", gettext_lazy("Language")),
]
FACET_KEYS = [facet.key for facet in FACETS]


# --- full-text index ------------------------------------------------------------------------


def body_of(practice) -> str:
    return "\n".join(
        part
        for part in (
            practice.title,
            practice.summary,
            practice.description,
            practice.implementing_entity,
            practice.results,
            practice.lessons,
        )
        if part
    )


def index_practice(practice) -> None:
    body = body_of(practice)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)",  # noqa: S608
                [practice.pk, body],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (practice_id, body) "  # noqa: S608
                "VALUES (%s, to_tsvector('simple', %s)) ON CONFLICT (practice_id) "
                "DO UPDATE SET body = EXCLUDED.body",
                [practice.pk, body],
            )


def rebuild_index() -> int:
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor in ("sqlite", "postgresql"):
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
    for practice in Practice.objects.iterator(chunk_size=500):
        index_practice(practice)
        count += 1
    return count


def tokens(query: str) -> list[str]:
    return TOKEN.findall(query.lower())[:12]


def matching(queryset, query: str):
    words = tokens(query)
    if not words:
        return queryset
    if connection.vendor == "sqlite":
        expression = " AND ".join(f'"{word}"*' for word in words)
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return queryset.filter(id__in=RawSQL(sql, [expression]))  # noqa: S611 - parameterised
    if connection.vendor == "postgresql":
        expression = " & ".join(f"{word}:*" for word in words)
        sql = (
            f"SELECT practice_id FROM {FTS_TABLE} "  # noqa: S608
            "WHERE body @@ to_tsquery('simple', %s)"
        )
        return queryset.filter(id__in=RawSQL(sql, [expression]))  # noqa: S611 - parameterised
    for word in words:
        queryset = queryset.filter(search_text__icontains=word)
    return queryset


# --- filters and facets ---------------------------------------------------------------------


def published():
    return Practice.objects.filter(state=State.APPROVED)


def _values(params, key):
    getter = getattr(params, "getlist", None)
    raw = getter(key) if getter else ([params[key]] if params.get(key) else [])
    return [value for value in raw if value][:10]


def _through(name):
    return getattr(Practice, name).through.objects


def apply_filters(queryset, params):
    """Filter by the facets in ``params`` (a QueryDict or dict); values of one facet are OR-ed,
    different facets AND-ed."""
    if values := _values(params, "objective"):
        numbers = [int(v) for v in values if v.isdigit()]
        queryset = queryset.filter(
            id__in=_through("objectives")
            .filter(objective__number__in=numbers)
            .values("practice_id")
        )
    if values := _values(params, "principle"):
        queryset = queryset.filter(
            id__in=_through("principles")
            .filter(guidingprinciple__slug__in=values)
            .values("practice_id")
        )
    if values := _values(params, "region"):
        queryset = queryset.filter(
            id__in=_through("regions").filter(region__m49__in=values).values("practice_id")
        )
    if values := _values(params, "country"):
        queryset = queryset.filter(
            id__in=_through("countries")
            .filter(country__iso3__in=[v.upper() for v in values])
            .values("practice_id")
        )
    if values := _values(params, "scope"):
        queryset = queryset.filter(scope__in=values)
    if values := _values(params, "stakeholder_type"):
        queryset = queryset.filter(implementer_type__slug__in=values)
    if values := _values(params, "target_group"):
        queryset = queryset.filter(
            id__in=PracticeTargetGroup.objects.filter(group__in=values).values("practice_id")
        )
    if values := _values(params, "status"):
        queryset = queryset.filter(implementation_status__in=values)
    if values := _values(params, "year"):
        queryset = queryset.filter(start_year__in=[int(v) for v in values if v.isdigit()])
    if values := _values(params, "language"):
        queryset = queryset.filter(language__in=values)
    if values := _values(params, "call"):
        queryset = queryset.filter(call_id__in=[int(v) for v in values if v.isdigit()])
    if query := (params.get("q") or "").strip():
        queryset = matching(queryset, query)
    return queryset


def search(params):
    """Published practices matching ``params``, sorted, with what a card shows prefetched."""
    sort = params.get("sort") or "newest"
    queryset = apply_filters(published(), params).order_by(*SORTS.get(sort, SORTS["newest"]))
    return with_card_data(queryset)


def with_card_data(queryset):
    return queryset.select_related("implementer_type", "primary_objective").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.only("id", "number", "short_label")),
        Prefetch("countries", queryset=Country.objects.only("id", "iso3", "name")),
    )


def _table(model_or_field) -> str:
    return connection.ops.quote_name(model_or_field._meta.db_table)


def _grouped(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Up to this many matching practices, facet queries take the ids as a literal list (evaluated
# once); beyond it they repeat the filter as a subquery.
IDS_INLINE_LIMIT = 5000


CARD_FIELDS = [
    "id",
    "title",
    "summary",
    "implementing_entity",
    "start_year",
    "implementation_status",
    "primary_objective_id",
    "published_at",
    "state",
]


def ordered_ids(params) -> list[int]:
    """Ids of the published practices matching ``params``, in the requested order."""
    sort = params.get("sort") or "newest"
    queryset = apply_filters(published(), params).order_by(*SORTS.get(sort, SORTS["newest"]))
    return list(queryset.values_list("id", flat=True))


def cards(ids) -> list["Card"]:
    """Cards for the practices with these ids, in this order."""
    queryset = with_card_data(Practice.objects.filter(id__in=list(ids))).only(*CARD_FIELDS)
    by_id = {practice.pk: practice for practice in queryset.select_related(None)}
    return card_list([by_id[pk] for pk in ids if pk in by_id])


@dataclass
class Card:
    """What a practice card shows, computed once per list: reversing URLs and translating
    labels per card in the template cost more than the queries at 24 cards a page."""

    title: str
    url: str
    summary: str
    meta: str
    objectives: list[dict]
    countries: str


def card_list(practices) -> list[Card]:
    """Cards for practices loaded with ``with_card_data`` (objectives and countries
    prefetched)."""
    marker = 987654321
    detail = reverse("practices:detail", args=[marker])
    objective_url = reverse("framework:objective", args=[marker])
    labels = {}
    statuses = dict(ImplementationStatus.choices)
    result = []
    for practice in practices:
        objectives = []
        for objective in practice.objectives.all():
            number = objective.number
            if number not in labels:
                labels[number] = _("Objective %(number)s") % {"number": number}
            objectives.append(
                {
                    "label": labels[number],
                    "title": objective.short_label,
                    "url": objective_url.replace(str(marker), str(number)),
                    "primary": objective.pk == practice.primary_objective_id,
                }
            )
        meta = [practice.implementing_entity]
        if practice.start_year:
            meta.append(str(practice.start_year))
        meta.append(str(statuses.get(practice.implementation_status, "")))
        result.append(
            Card(
                title=practice.title,
                url=detail.replace(str(marker), str(practice.pk)),
                summary=practice.summary,
                meta=" · ".join(part for part in meta if part),
                objectives=objectives,
                countries=", ".join(c.name for c in practice.countries.all()),
            )
        )
    return result


def facet_counts(filtered, limit_countries: int = 20, ids=None) -> dict[str, list[dict]]:
    """For each facet, [{"value", "label", "count"}] over the filtered practices.

    Seven grouped queries whatever the number of practices, in plain SQL: at 20,000 practices
    the ORM's per-query overhead and re-running the filter in every query dominated. Pass the
    already known matching ``ids`` to have them inlined. ``CROSS JOIN`` makes SQLite drive the
    join from the matching practices (PostgreSQL plans it as an ordinary join)."""
    if ids is not None and len(ids) <= IDS_INLINE_LIMIT and connection.vendor == "postgresql":
        # One array parameter instead of thousands of scalars.
        ids_sql, ids_params = "SELECT unnest(%s::bigint[])", [list(ids)]
    elif ids is not None and len(ids) <= IDS_INLINE_LIMIT:
        ids_params = list(ids) or [0]
        ids_sql = ", ".join(["%s"] * len(ids_params))
    else:
        ids_sql, ids_params = filtered.order_by().values("id").query.sql_with_params()
        ids_params = list(ids_params)
    where = f"t.practice_id IN ({ids_sql})"
    practice = _table(Practice)
    result = {}
    objectives = _grouped(
        f"SELECT o.number, o.short_label, COUNT(*) FROM {_table(Practice.objectives.through)} t "  # noqa: S608
        f"CROSS JOIN {_table(Objective)} o WHERE o.id = t.objective_id AND {where} "
        "GROUP BY o.number, o.short_label ORDER BY o.number",
        ids_params,
    )
    result["objective"] = [
        {"value": str(number), "label": f"{number}. {label}", "count": n}
        for number, label, n in objectives
    ]
    principles = _grouped(
        f"SELECT g.slug, g.name, g.letter, COUNT(*) FROM {_table(Practice.principles.through)} t "  # noqa: S608
        f"CROSS JOIN {_table(GuidingPrinciple)} g WHERE g.id = t.guidingprinciple_id AND {where} "
        "GROUP BY g.slug, g.name, g.letter ORDER BY g.letter",
        ids_params,
    )
    result["principle"] = [
        {"value": slug, "label": name, "count": n} for slug, name, _letter, n in principles
    ]
    regions = _grouped(
        f"SELECT r.m49, r.name, COUNT(*) FROM {_table(Practice.regions.through)} t "  # noqa: S608
        f"CROSS JOIN {_table(Region)} r WHERE r.id = t.region_id AND {where} AND r.level = %s "
        "GROUP BY r.m49, r.name ORDER BY r.name",
        [*ids_params, Region.Level.REGION],
    )
    result["region"] = [
        {"value": m49, "label": territory_name(m49, name), "count": n} for m49, name, n in regions
    ]
    countries = _grouped(
        f"SELECT c.iso3, c.name, c.iso2, COUNT(*) AS n "  # noqa: S608
        f"FROM {_table(Practice.countries.through)} t "
        f"CROSS JOIN {_table(Country)} c WHERE c.id = t.country_id AND {where} "
        "GROUP BY c.iso3, c.name, c.iso2 ORDER BY n DESC, c.name",
        ids_params,
    )
    result["country"] = [
        {"value": iso3, "label": territory_name(iso2, name), "count": n}
        for iso3, name, iso2, n in countries[:limit_countries]
    ]
    _group = connection.ops.quote_name("group")
    groups = dict(
        _grouped(
            f"SELECT t.{_group}, COUNT(*) FROM {_table(PracticeTargetGroup)} t "  # noqa: S608
            f"WHERE {where} GROUP BY t.{_group}",
            ids_params,
        )
    )
    result["target_group"] = [
        {"value": v, "label": label, "count": groups[v]}
        for v, label in TargetGroup.choices
        if v in groups
    ]
    columns = _grouped(
        "SELECT p.scope, p.implementer_type_id, p.implementation_status, p.start_year, "  # noqa: S608
        f"p.language, COUNT(*) FROM {practice} p WHERE p.id IN ({ids_sql}) "
        "GROUP BY p.scope, p.implementer_type_id, p.implementation_status, p.start_year, "
        "p.language",
        ids_params,
    )
    tally = {key: Counter() for key in ("scope", "type", "status", "year", "language")}
    for scope, type_id, status, year, language, n in columns:
        tally["scope"][scope] += n
        tally["type"][type_id] += n
        tally["status"][status] += n
        tally["year"][year] += n
        tally["language"][language] += n
    result["scope"] = [
        {"value": v, "label": label, "count": tally["scope"][v]}
        for v, label in Scope.choices
        if tally["scope"][v]
    ]
    result["stakeholder_type"] = [
        {"value": t.slug, "label": t.name, "count": tally["type"][t.pk]}
        for t in StakeholderType.objects.all()
        if tally["type"][t.pk]
    ]
    result["status"] = [
        {"value": v, "label": label, "count": tally["status"][v]}
        for v, label in ImplementationStatus.choices
        if tally["status"][v]
    ]
    result["year"] = [
        {"value": str(year), "label": str(year), "count": n}
        for year, n in sorted(tally["year"].items(), key=lambda item: -(item[0] or 0))
        if year
    ]
    result["language"] = [
        {"value": v, "label": label, "count": tally["language"][v]}
        for v, label in LANGUAGES
        if tally["language"][v]
    ]
    return result


VERSION_KEY = "practices:repository-version"


def repository_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def repository_changed() -> None:
    """Called (after commit) when a practice enters or leaves the published repository."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def facets_for(params, ids) -> dict[str, list[dict]]:
    """Facet counts for the repository page. Large result sets (the unfiltered landing page,
    one broad facet) are cached until the published repository changes."""
    if len(ids) <= IDS_INLINE_LIMIT:
        return facet_counts(None, ids=ids)
    filtered = apply_filters(published(), params)
    selection = sorted(
        (key, value)
        for key in [*FACET_KEYS, "call", "q"]
        for value in (params.getlist(key) if hasattr(params, "getlist") else [params.get(key)])
        if value
    )
    digest = hashlib.sha256(repr(selection).encode()).hexdigest()[:32]
    key = f"practices:facets:{repository_version()}:{digest}"
    result = cache.get(key)
    if result is None:
        result = facet_counts(filtered)
        cache.set(key, result, timeout=600)
    return result


def selected_labels(params) -> list[dict]:
    """The active filters as removable chips: [{"key", "value", "label"}]."""
    chips = []
    lookups = {
        "objective": lambda v: Objective.objects.filter(number=v).values_list(
            "short_label", flat=True
        ),
        "principle": lambda v: GuidingPrinciple.objects.filter(slug=v).values_list(
            "name", flat=True
        ),
        "region": lambda v: Region.objects.filter(m49=v).values_list("name", flat=True),
        "country": lambda v: Country.objects.filter(iso3=v.upper()).values_list("name", flat=True),
        "stakeholder_type": lambda v: StakeholderType.objects.filter(slug=v).values_list(
            "name", flat=True
        ),
    }
    choices = {
        "scope": dict(Scope.choices),
        "target_group": dict(TargetGroup.choices),
        "status": dict(ImplementationStatus.choices),
        "language": dict(LANGUAGES),
    }
    for key in FACET_KEYS:
        for value in _values(params, key):
            if key in lookups:
                if key == "objective" and not value.isdigit():
                    continue
                label = next(iter(lookups[key](value)), value)
            else:
                label = choices.get(key, {}).get(value, value)
            chips.append({"key": key, "value": value, "label": label})
    return chips

"""The dashboard's figures: grouped counts over the (filtered) pledges, a fixed number of
queries whatever the number of pledges."""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gcmhub.framework.models import GuidingPrinciple, Objective, Region, StakeholderType
from gcmhub.pledges import queries
from gcmhub.pledges.models import STATE_KIND, Pledge, PledgeType, ProgressStatus

CENT = Decimal("0.01")
VERSION_KEY = "pledges:data-version"
CACHE_SECONDS = 600


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[dict] = field(default_factory=list)  # {"key", "label", "count"}


def _labelled(counts: dict, labels: list[tuple[str, str]]) -> list[dict]:
    return [{"key": key, "label": label, "count": counts.get(key, 0)} for key, label in labels]


CUBE_COLUMNS = ("pledge_type", "entity_kind", "region_id", "progress_status")


def _cube(pledges, cutoff) -> list[dict]:
    """One pass over the pledges, grouped in the order of the ``pledge_cube`` index. Every
    column it reads is in that index (hence no ``COUNT(id)``), so both SQLite and
    PostgreSQL answer from the index alone and return a few hundred rows."""
    active = Q(withdrawn_at__isnull=True)
    rows = (
        pledges.order_by()
        .values(*CUBE_COLUMNS)
        .annotate(
            all=Count("*"),
            # A filtered count needs a column: pledge_type is never null and is in the index.
            n=Count("pledge_type", filter=active),
            recent=Count("pledge_type", filter=active & Q(last_report_on__gte=cutoff)),
            reported=Count("last_report_on"),
        )
    )
    return list(rows)


def _sum_by(rows, column: str) -> dict:
    counts: dict = {}
    for row in rows:
        counts[row[column]] = counts.get(row[column], 0) + row["n"]
    return counts


def _through_counts(relation, pledges, column: str, filtered: bool) -> dict:
    """Links to objectives (or principles) of the active pledges. Unfiltered: all links
    minus those of withdrawn pledges (few), which reads only the link table's index."""
    through = getattr(Pledge, relation).through
    if filtered:
        active = pledges.filter(withdrawn_at__isnull=True).order_by().values("pk")
        rows = through.objects.filter(pledge__in=active)
        return _grouped_links(rows, column)
    counts = _grouped_links(through.objects.all(), column)
    withdrawn = Pledge.objects.filter(withdrawn_at__isnull=False).values("pk")
    for key, n in _grouped_links(through.objects.filter(pledge__in=withdrawn), column).items():
        counts[key] -= n
    return counts


def _grouped_links(rows, column: str) -> dict:
    grouped = rows.order_by().values(column).annotate(n=Count("*"))
    return {row[column]: row["n"] for row in grouped}


def entity_labels() -> list[tuple[str, str]]:
    return [(STATE_KIND, _("Member State"))] + [
        (t.slug, t.name) for t in StakeholderType.objects.all()
    ]


def status_labels() -> list[tuple[str, str]]:
    return [*ProgressStatus.choices, (queries.WITHDRAWN, _("Withdrawn"))]


def figures(pledges=None) -> dict:
    """``pledges``: a filtered Pledge queryset (all pledges when None)."""
    filtered = pledges is not None
    pledges = Pledge.objects.all() if pledges is None else pledges
    cube = _cube(pledges, queries.silence_cutoff())
    active_rows = [row for row in cube if row["n"]]
    totals = {
        "total": sum(row["all"] for row in cube),
        "active": sum(row["n"] for row in cube),
        "withdrawn": sum(row["all"] - row["n"] for row in cube),
        "recent": sum(row["recent"] for row in cube),
        "reported": sum(row["reported"] for row in cube),
    }
    status_counts = _sum_by(active_rows, "progress_status")
    status_counts[queries.WITHDRAWN] = totals["withdrawn"]
    objectives = _through_counts("objectives", pledges, "objective_id", filtered)
    principles = _through_counts("principles", pledges, "guidingprinciple_id", filtered)
    regions = _sum_by(active_rows, "region_id")
    active = pledges.filter(withdrawn_at__isnull=True)
    breakdowns = [
        Breakdown(
            "objective",
            _("Pledges by GCM objective"),
            [
                {
                    "key": o.number,
                    "label": f"{o.number}. {o.short_label}",
                    "count": objectives.get(o.pk, 0),
                }
                for o in Objective.objects.only("pk", "number", "short_label")
            ],
        ),
        Breakdown(
            "principle",
            _("Pledges by guiding principle"),
            [
                {"key": p.slug, "label": p.name, "count": principles.get(p.pk, 0)}
                for p in GuidingPrinciple.objects.only("pk", "slug", "name")
            ],
        ),
        Breakdown(
            "type",
            _("Pledges by type"),
            _labelled(_sum_by(active_rows, "pledge_type"), PledgeType.choices),
        ),
        Breakdown(
            "entity",
            _("Pledges by entity type"),
            _labelled(_sum_by(active_rows, "entity_kind"), entity_labels()),
        ),
        Breakdown(
            "region",
            _("Pledges by region of the pledging entity"),
            [
                {"key": r.m49, "label": str(r), "count": regions.get(r.pk, 0)}
                for r in Region.objects.filter(level=Region.Level.REGION)
            ]
            + [{"key": "", "label": _("Global or unknown"), "count": regions.get(None, 0)}],
        ),
        Breakdown("status", _("Pledges by status"), _labelled(status_counts, status_labels())),
    ]
    money = list(
        active.filter(amount__isnull=False)
        .order_by()
        .values("recipient", "currency")
        .annotate(total=Sum("amount"), n=Count("*"))  # the pledge_money index covers it
        .order_by("currency", "-total")
    )
    share = round(100 * totals["recent"] / totals["active"], 1) if totals["active"] else 0.0
    return {
        "totals": totals,
        "recent_share": share,
        "breakdowns": breakdowns,
        "financial": money,
    }


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def data_changed() -> None:
    """Called by the services after every write: cached figures are no longer used."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def cached_figures(filters, pledges) -> dict:
    """The figures for these filters, computed once per change of the pledge data (and per
    language and day, since labels and the twelve-month window depend on them)."""
    raw = json.dumps(filters.values, sort_keys=True)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:24]
    key = f"pledges:dashboard:{_version()}:{get_language()}:{date.today()}:{digest}"
    result = cache.get(key)
    if result is None:
        result = figures(pledges)
        cache.set(key, result, CACHE_SECONDS)
    return result


def as_json(result: dict) -> dict:
    """The figures in plain JSON types (for the API)."""
    return {
        "totals": result["totals"],
        "recent_report_share": result["recent_share"],
        "breakdowns": {
            b.key: [
                {"key": str(r["key"]), "label": str(r["label"]), "count": r["count"]}
                for r in b.rows
            ]
            for b in result["breakdowns"]
        },
        "financial": [
            {
                "recipient": row["recipient"],
                "currency": row["currency"],
                "total": str(Decimal(row["total"]).quantize(CENT)),
                "pledges": row["n"],
            }
            for row in result["financial"]
        ],
    }

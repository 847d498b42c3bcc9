"""Reusable querysets: the public list with its filters, and what a pledge page needs."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from gcmhub.framework.models import Country
from gcmhub.pledges import search
from gcmhub.pledges.models import (
    Level,
    Participant,
    Pledge,
    PledgeForm,
    PledgeType,
    ProgressReport,
    ProgressStatus,
    TargetProgress,
)

WITHDRAWN = "withdrawn"
SILENCE_DAYS = 365
FILTER_KEYS = (
    "q",
    "objective",
    "principle",
    "type",
    "form",
    "entity",
    "region",
    "country",
    "forum",
    "status",
    "level",
)


def listed():
    """Pledges with what a list row shows, in one query; the most recently recorded first
    (primary-key order, which every database reads without sorting)."""
    return Pledge.objects.select_related("entity_country", "entity_organization", "region", "forum")


@dataclass
class Filters:
    values: dict

    @property
    def active(self) -> bool:
        return any(self.values.values())


def read_filters(params) -> Filters:
    return Filters({key: (params.get(key) or "").strip() for key in FILTER_KEYS})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def apply_filters(queryset, filters: Filters):
    f = filters.values
    if f["q"]:
        queryset = search.matching(queryset, f["q"])
    if _int(f["objective"]):
        queryset = queryset.filter(objectives__number=_int(f["objective"]))
    if f["principle"]:
        queryset = queryset.filter(principles__slug=f["principle"])
    if f["type"] in PledgeType.values:
        queryset = queryset.filter(pledge_type=f["type"])
    if f["form"] in PledgeForm.values:
        queryset = queryset.filter(form=f["form"])
    if f["level"] in Level.values:
        queryset = queryset.filter(level=f["level"])
    if f["entity"]:
        queryset = queryset.filter(entity_kind=f["entity"])
    if f["region"]:
        queryset = queryset.filter(region__m49=f["region"])
    if f["country"]:
        iso3 = f["country"].upper()
        concerned = Pledge.countries.through.objects.filter(country__iso3=iso3)
        queryset = queryset.filter(
            Q(pk__in=concerned.values("pledge_id"))
            | Q(entity_country__in=Country.objects.filter(iso3=iso3).values("pk"))
        )
    if _int(f["forum"]):
        queryset = queryset.filter(forum_year=_int(f["forum"]))
    if f["status"] == WITHDRAWN:
        queryset = queryset.filter(withdrawn_at__isnull=False)
    elif f["status"] in ProgressStatus.values:
        queryset = queryset.filter(progress_status=f["status"], withdrawn_at__isnull=True)
    return queryset


def silence_cutoff(today: date | None = None) -> date:
    return (today or timezone.localdate()) - timedelta(days=SILENCE_DAYS)


def open_pledges():
    return Pledge.objects.filter(withdrawn_at__isnull=True).exclude(
        progress_status__in=[ProgressStatus.COMPLETED, ProgressStatus.DISCONTINUED]
    )


def overdue(today: date | None = None):
    return open_pledges().filter(next_due_on__lt=today or timezone.localdate())


def silent(today: date | None = None):
    cutoff = silence_cutoff(today)
    return open_pledges().filter(
        Q(last_report_on__lt=cutoff) | Q(last_report_on__isnull=True, announced_on__lt=cutoff)
    )


def pledge_page():
    """One pledge with everything its page shows, in a fixed number of queries."""
    results = TargetProgress.objects.select_related("target")
    return Pledge.objects.select_related(
        "entity_country",
        "entity_organization__stakeholder_type",
        "region",
        "forum",
        "matches__entity_country",
        "matches__entity_organization",
        "created_by",
    ).prefetch_related(
        "objectives",
        "principles",
        "actions__objective",
        "countries",
        "targets",
        Prefetch("participants", queryset=Participant.objects.select_related("responded_by")),
        Prefetch(
            "reports",
            queryset=ProgressReport.objects.select_related("created_by").prefetch_related(
                Prefetch("results", queryset=results), "files"
            ),
        ),
        "matched_by__entity_country",
        "matched_by__entity_organization",
    )

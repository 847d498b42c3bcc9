"""Reusable querysets: the public list with its filters, and what a pledge page needs."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.framework.models import Country, GuidingPrinciple, Region, StakeholderType
from gcmhub.framework.registry import country_by_code
from gcmhub.pledges import search
from gcmhub.pledges.models import (
    STATE_KIND,
    Level,
    Participant,
    Pledge,
    PledgeForm,
    PledgeType,
    ProgressReport,
    ProgressStatus,
    TargetProgress,
)
from gcmhub.pledges.validation import forum_years

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


OBJECTIVE_NUMBERS = range(1, 24)


@dataclass
class Filters:
    values: dict
    # Parameters whose value is not one the filter knows: {key: [message]}. Their value is
    # dropped from ``values``; the API answers 400, the web pages ignore them with a notice.
    errors: dict = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return any(self.values.values())


def _check(key: str, value: str):
    """The error message for a filter value that matches nothing that exists, else None."""
    if key == "objective":
        if not (re.fullmatch(r"[0-9]{1,2}", value) and int(value) in OBJECTIVE_NUMBERS):
            return _("The objective is a number from 1 to 23.")
    elif key == "type" and value not in PledgeType.values:
        return _("Unknown pledge type. Use one of: %(values)s.") % {
            "values": ", ".join(PledgeType.values)
        }
    elif key == "form" and value not in PledgeForm.values:
        return _("Unknown pledge form. Use one of: %(values)s.") % {
            "values": ", ".join(PledgeForm.values)
        }
    elif key == "level" and value not in Level.values:
        return _("Unknown level. Use one of: %(values)s.") % {"values": ", ".join(Level.values)}
    elif key == "status" and value not in [*ProgressStatus.values, WITHDRAWN]:
        return _("Unknown status. Use one of: %(values)s.") % {
            "values": ", ".join([*ProgressStatus.values, WITHDRAWN])
        }
    elif key == "forum":
        years = forum_years(timezone.localdate())
        if not (re.fullmatch(r"[0-9]{4}", value) and int(value) in years):
            return _("The forum is the year of a review forum: %(years)s.") % {
                "years": ", ".join(str(y) for y in years)
            }
    elif key == "entity":
        if value != STATE_KIND and not StakeholderType.objects.filter(slug=value).exists():
            return _("Unknown entity type: “state” or the code of a stakeholder type.")
    elif key == "principle" and not GuidingPrinciple.objects.filter(slug=value).exists():
        return _("Unknown guiding principle: use its code, e.g. people-centred.")
    elif key == "region" and not Region.objects.filter(m49=value).exists():
        return _("Unknown region: use its M49 code, e.g. 002 for Africa.")
    elif key == "country":
        try:
            country_by_code(value)
        except ValidationError as error:
            return error.messages[0]
    return None


def read_filters(params) -> Filters:
    """The filters from the query string; a value that matches nothing that exists is noted in
    ``errors`` and dropped (the ``q`` search words are free text)."""
    values = {key: (params.get(key) or "").strip() for key in FILTER_KEYS}
    errors = {}
    for key, value in values.items():
        if value and key != "q":
            message = _check(key, value)
            if message:
                errors[key] = [message]
                values[key] = ""
    return Filters(values, errors)


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

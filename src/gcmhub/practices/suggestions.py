"""Which roster experts to invite to review a practice.

Experts with a conflict of interest are never suggested: the same organisation as the practice,
the government of the State that submitted it, a declared conflict with the organisation or with
this practice, or the submitter themselves. The rest are ranked by expertise in the practice's
objectives, its language, what they add to the panel's regional, gender and linguistic balance,
what the panel still needs (internal or external), experience, and their current review load.
The ranking is greedy: each pick updates the panel before the next is scored, so the list as a
whole is balanced.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.practices.models import Assignment, Expert, State

LIVE = [Assignment.Status.INVITED, Assignment.Status.ACTIVE]
OPEN_STATES = [State.SCREENING, State.IN_REVIEW, State.CHANGES_REQUESTED]


@dataclass
class Suggestion:
    expert: Expert
    score: float
    reasons: list[str] = field(default_factory=list)


def conflict_reason(expert, practice) -> str:
    """Why ``expert`` may not review ``practice``, or "" when there is no conflict."""
    if expert.user_id == practice.submitter_id:
        return _("submitted the practice")
    if expert.organization_id and expert.organization_id == practice.organization_id:
        return _("works for the organisation that submitted it")
    if practice.submitting_state_id and expert.government_of_id == practice.submitting_state_id:
        return _("works for the government of the submitting State")
    if (
        practice.organization_id
        and expert.conflict_organizations.filter(pk=practice.organization_id).exists()
    ):
        return _("declared a conflict with the submitting organisation")
    if (
        practice.pk
        and expert.assignments.filter(practice=practice, status=Assignment.Status.CONFLICT).exists()
    ):
        return _("declared a conflict with this practice")
    return ""


def eligible_experts(practice):
    """Approved, available experts with no conflict and not already on the panel."""
    experts = Expert.objects.filter(status=Expert.Status.APPROVED, available=True).exclude(
        user_id=practice.submitter_id
    )
    if practice.organization_id:
        experts = experts.exclude(organization_id=practice.organization_id).exclude(
            conflict_organizations=practice.organization_id
        )
    if practice.submitting_state_id:
        experts = experts.exclude(government_of_id=practice.submitting_state_id)
    return experts.exclude(id__in=practice.assignments.values("expert_id"))


def _panel(practice):
    return list(
        practice.assignments.filter(status__in=LIVE).values(
            "expert__is_un", "expert__region_id", "expert__gender", "expert__languages"
        )
    )


def suggest_reviewers(practice, limit: int = 8) -> list[Suggestion]:
    objective_ids = set(practice.objectives.values_list("id", flat=True))
    if practice.primary_objective_id:
        objective_ids.add(practice.primary_objective_id)
    load = (
        Assignment.objects.filter(
            expert=OuterRef("pk"), status__in=LIVE, practice__state__in=OPEN_STATES
        )
        .order_by()
        .values("expert")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = list(
        eligible_experts(practice)
        .annotate(
            matches=Count("objectives", filter=Q(objectives__in=objective_ids), distinct=True),
            primary=Count(
                "objectives",
                filter=Q(objectives=practice.primary_objective_id or 0),
                distinct=True,
            ),
            load=Coalesce(Subquery(load, output_field=IntegerField()), Value(0)),
        )
        .values(
            "id",
            "is_un",
            "region_id",
            "gender",
            "languages",
            "years_experience",
            "max_load",
            "matches",
            "primary",
            "load",
        )
    )
    rows = [row for row in rows if row["load"] < row["max_load"]]
    for row in rows:
        row["language_set"] = set(row["languages"].split(",")) - {""}
        row["base"] = _base_score(row, practice)
    panel = _panel(practice)
    picked = []
    for _round in range(min(limit, len(rows))):
        state = _panel_state(panel)
        best = max(rows, key=lambda row: row["base"] + _balance_score(row, state))
        score, reasons = _explain(best, practice, state)
        picked.append((best["id"], score, reasons))
        rows.remove(best)
        panel.append(
            {
                "expert__is_un": best["is_un"],
                "expert__region_id": best["region_id"],
                "expert__gender": best["gender"],
                "expert__languages": best["languages"],
            }
        )
    experts = Expert.objects.select_related("country", "organization").in_bulk(
        [pk for pk, _score, _reasons in picked]
    )
    return [Suggestion(experts[pk], round(score, 2), reasons) for pk, score, reasons in picked]


def _base_score(row, practice) -> float:
    """What does not depend on the rest of the panel: expertise, language, experience, load."""
    others = row["matches"] - row["primary"]
    return (
        3 * bool(row["primary"])
        + 1.5 * max(others, 0)
        + 2 * (practice.language in row["language_set"])
        + min(row["years_experience"], 20) / 20
        - 0.75 * row["load"]
    )


def _panel_state(panel) -> dict:
    internal = sum(1 for member in panel if member["expert__is_un"])
    languages = set()
    for member in panel:
        languages |= set(member["expert__languages"].split(","))
    return {
        "size": len(panel),
        "internal": internal,
        "external": len(panel) - internal,
        "regions": {member["expert__region_id"] for member in panel},
        "genders": Counter(member["expert__gender"] for member in panel),
        "languages": languages - {""},
    }


def _balance_parts(row, state) -> dict[str, float]:
    """What the expert adds to the panel as it stands."""
    parts = {}
    if row["is_un"] and state["internal"] < 1:
        parts["internal"] = 2.5
    if not row["is_un"] and state["external"] < 2:
        parts["external"] = 2.5
    if row["region_id"] and row["region_id"] not in state["regions"]:
        parts["region"] = 1
    if row["gender"] in ("woman", "man"):
        other = "man" if row["gender"] == "woman" else "woman"
        genders = state["genders"]
        if not state["size"] or genders[row["gender"]] < genders[other]:
            parts["gender"] = 1
    if row["language_set"] - state["languages"]:
        parts["language"] = 0.5
    return parts


def _balance_score(row, state) -> float:
    return sum(_balance_parts(row, state).values())


def _explain(row, practice, state) -> tuple[float, list[str]]:
    reasons = []
    if row["primary"]:
        reasons.append(_("expert in the primary objective"))
    others = row["matches"] - row["primary"]
    if others > 0:
        reasons.append(
            ngettext("expert in %(n)s other objective", "expert in %(n)s other objectives", others)
            % {"n": others}
        )
    if practice.language in row["language_set"]:
        reasons.append(_("reads the practice's language"))
    parts = _balance_parts(row, state)
    labels = {
        "internal": _("the panel needs an internal (UN) reviewer"),
        "external": _("the panel needs external reviewers"),
        "region": _("adds a region to the panel"),
        "gender": _("improves the panel's gender balance"),
        "language": _("adds a language to the panel"),
    }
    reasons += [labels[key] for key in parts]
    if row["load"]:
        reasons.append(
            ngettext(
                "already reviewing %(n)s practice", "already reviewing %(n)s practices", row["load"]
            )
            % {"n": row["load"]}
        )
    return row["base"] + sum(parts.values()), reasons

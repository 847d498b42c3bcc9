"""The expert roster: applications, additions by the secretariat, approval, and its balance."""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.accounts.models import Role, User
from gcmhub.framework.models import Objective
from gcmhub.practices.models import LANGUAGES, Expert, Gender, Theme

LANGUAGE_CODES = {code for code, _label in LANGUAGES}


def _save(expert, fields, objectives, by):
    languages = {c.strip().lower() for c in (fields.get("languages") or "").split(",") if c.strip()}
    if not languages:
        raise ValidationError({"languages": [_("Give at least one language.")]})
    unknown = sorted(languages - LANGUAGE_CODES)
    if unknown:
        raise ValidationError(
            {
                "languages": [
                    ngettext(
                        "Unknown language code: %(codes)s.",
                        "Unknown language codes: %(codes)s.",
                        len(unknown),
                    )
                    % {"codes": ", ".join(unknown)}
                ]
            }
        )
    if not objectives:
        raise ValidationError({"objectives": [_("Choose at least one objective of expertise.")]})
    themes = set(fields.get("themes") or [])
    if themes - set(Theme.values):
        raise ValidationError({"themes": [_("Unknown theme.")]})
    conflicts = fields.pop("conflict_organizations", None)
    for name, value in fields.items():
        if name == "themes":
            value = ",".join(sorted(themes))
        setattr(expert, name, value)
    expert._history_user = by
    expert.save()
    expert.objectives.set(objectives)
    if conflicts is not None:
        expert.conflict_organizations.set(conflicts)
    return expert


def apply(user, fields: dict, objectives) -> Expert:
    """A person applies to join the roster; the secretariat approves."""
    if hasattr(user, "expert"):
        raise ValidationError(_("You are already on the roster or have applied."), code="exists")
    with transaction.atomic():
        expert = Expert(
            user=user,
            status=Expert.Status.APPLIED,
            organization=user.organization,
            is_un=user.role == Role.INTERNAL_REVIEWER,
        )
        return _save(expert, fields, objectives, user)


def add(by, email: str, fields: dict, objectives) -> Expert:
    """The secretariat adds an expert (creating a reviewer account if needed), approved."""
    if not getattr(by, "is_secretariat", False):
        raise PermissionDenied(_("Only the secretariat adds experts."))
    with transaction.atomic():
        user = User.objects.filter(email=email.lower()).first()
        if user is None:
            role = Role.INTERNAL_REVIEWER if fields.get("is_un") else Role.EXTERNAL_REVIEWER
            user = User.objects.create_user(
                email=email,
                full_name=fields.get("name", ""),
                role=role,
                country=fields.get("country"),
            )
        if hasattr(user, "expert"):
            raise ValidationError({"email": [_("This person is already on the roster.")]})
        expert = Expert(user=user, status=Expert.Status.APPROVED, organization=user.organization)
        return _save(expert, fields, objectives, by)


def update(expert, by, fields, objectives) -> Expert:
    if not (by.is_secretariat or expert.user_id == by.pk):
        raise PermissionDenied(_("You may not edit this profile."))
    with transaction.atomic():
        return _save(expert, fields, objectives, by)


def set_status(expert, status, by) -> Expert:
    if not getattr(by, "is_secretariat", False):
        raise PermissionDenied(_("Only the secretariat approves experts."))
    if status not in Expert.Status.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    with transaction.atomic():
        expert.status = status
        expert._history_user = by
        expert.save()
        if (
            status == Expert.Status.APPROVED
            and not expert.user.is_reviewer
            and not expert.user.is_secretariat
        ):
            expert.user.role = Role.INTERNAL_REVIEWER if expert.is_un else Role.EXTERNAL_REVIEWER
            expert.user.save(update_fields=["role"])
    return expert


def balance(experts=None) -> dict:
    """How the approved roster spreads over regions, genders, languages and objectives, with the
    gaps (objectives nobody covers)."""
    experts = (
        experts if experts is not None else Expert.objects.filter(status=Expert.Status.APPROVED)
    )
    rows = list(experts.values("region__name", "gender", "languages", "is_un"))
    total = len(rows)
    regions = Counter(row["region__name"] or _("Unknown") for row in rows)
    genders = Counter(row["gender"] for row in rows)
    languages = Counter(code for row in rows for code in row["languages"].split(",") if code)
    coverage = dict(
        Objective.objects.annotate(
            n=Count("experts", filter=_approved_filter(experts))
        ).values_list("number", "n")
    )
    gender_labels = dict(Gender.choices)
    language_labels = dict(LANGUAGES)
    return {
        "total": total,
        "internal": sum(1 for row in rows if row["is_un"]),
        "regions": sorted(regions.items(), key=lambda item: -item[1]),
        "genders": [(gender_labels.get(k, k), v) for k, v in genders.most_common()],
        "languages": [(language_labels.get(k, k), v) for k, v in languages.most_common()],
        "objectives": sorted(coverage.items()),
        "gaps": [number for number, n in sorted(coverage.items()) if n == 0],
    }


def _approved_filter(experts):
    from django.db.models import Q

    return Q(experts__in=experts.values("id"))

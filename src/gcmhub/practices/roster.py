"""The expert roster: applications, additions by the secretariat, approval, and its balance.

Anyone may apply: a signed-in user applies from their account; a visitor without an account
gives a name and an email address, and the account is created (with a link to choose a
password) only when the secretariat approves the application.

The fields that decide the panel rules (internal or external, organisation, government,
declared conflicts) are set by the applicant while the application is pending; after that only
the secretariat changes them.
"""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.accounts import domain as accounts
from gcmhub.accounts.models import Role, User
from gcmhub.framework.models import Objective
from gcmhub.practices import notifications
from gcmhub.practices.models import LANGUAGES, Expert, Gender, Theme

LANGUAGE_CODES = {code for code, _label in LANGUAGES}
# The fields the suggestion engine and the panel rule rely on.
PANEL_FIELDS = ("is_un", "organization", "government_of", "conflict_organizations")


def locked_fields(expert, by) -> set[str]:
    """The panel-rule fields ``by`` may not change on ``expert``: all of them for the expert
    themself once the application is no longer pending; none for the secretariat."""
    if by.has_perm("practices.change_expert_panel_fields"):
        return set()
    if expert.pk is None or expert.status == Expert.Status.APPLIED:
        return set()
    return set(PANEL_FIELDS)


def _pk(value):
    return getattr(value, "pk", value)


def _changed_panel_fields(expert, fields) -> set[str]:
    changed = set()
    if "is_un" in fields and bool(fields["is_un"]) != expert.is_un:
        changed.add("is_un")
    for name in ("organization", "government_of"):
        if name in fields and _pk(fields[name]) != getattr(expert, f"{name}_id"):
            changed.add(name)
    if fields.get("conflict_organizations") is not None:
        wanted = {_pk(org) for org in fields["conflict_organizations"]}
        current = set(expert.conflict_organizations.values_list("pk", flat=True))
        if wanted != current:
            changed.add("conflict_organizations")
    return changed


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
    """A signed-in person applies to join the roster; the secretariat approves."""
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


def apply_without_account(email: str, fields: dict, objectives, language: str = "") -> Expert:
    """A visitor without an account applies to join the roster. The application is stored as
    pending with their email address; no account exists until the secretariat approves it."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [_("Enter a valid email address.")]}) from None
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": [
                    _(
                        "An account already uses this email address. Log in, then apply "
                        "from your account."
                    )
                ]
            },
            code="exists",
        )
    if Expert.objects.filter(user=None, email__iexact=email, status=Expert.Status.APPLIED).exists():
        raise ValidationError(
            {"email": [_("An application from this email address is already waiting.")]},
            code="exists",
        )
    with transaction.atomic():
        expert = Expert(user=None, email=email, language=language[:8], status=Expert.Status.APPLIED)
        return _save(expert, fields, objectives, None)


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
    """The expert or the secretariat edits a profile. Once the application is no longer
    pending, only the secretariat changes the fields that decide the panel rules."""
    is_self = by.is_authenticated and expert.user_id is not None and expert.user_id == by.pk
    if not (getattr(by, "is_secretariat", False) or is_self):
        raise PermissionDenied(_("You may not edit this profile."))
    refused = _changed_panel_fields(expert, fields) & locked_fields(expert, by)
    if refused:
        message = _(
            "Only the secretariat can change this for an expert on the roster. Ask the "
            "secretariat to update it."
        )
        raise ValidationError({name: [message] for name in sorted(refused)}, code="locked")
    with transaction.atomic():
        return _save(expert, fields, objectives, by)


def _create_account(expert) -> None:
    """The account of an applicant who applied without one, as an internal or external
    reviewer, with a link to choose a password sent by email once the approval commits."""
    if User.objects.filter(email__iexact=expert.email).exists():
        raise ValidationError(
            {
                "email": [
                    _(
                        "An account already uses %(email)s. Ask the person to apply from that "
                        "account, or add them to the roster with that address."
                    )
                    % {"email": expert.email}
                ]
            },
            code="exists",
        )
    user = accounts.add_user(
        expert.email,
        Role.INTERNAL_REVIEWER if expert.is_un else Role.EXTERNAL_REVIEWER,
        organization=expert.organization.name if expert.organization_id else None,
        full_name=expert.name,
    )
    if expert.language:
        user.preferred_language = expert.language
        user.save(update_fields=["preferred_language"])
    expert.user = user
    notifications.expert_account_created(expert)


def set_status(expert, status, by) -> Expert:
    if not getattr(by, "is_secretariat", False):
        raise PermissionDenied(_("Only the secretariat approves experts."))
    if status not in Expert.Status.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    with transaction.atomic():
        if status == Expert.Status.APPROVED and expert.user_id is None:
            _create_account(expert)
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

"""What a practice must hold before it can be submitted for review.

``check(practice)`` returns errors (which block submission) and warnings (which do not). Drafts
are saved without these checks; submitting runs them.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from gcmhub.practices.models import ImplementationStatus, Scope

GCM_ADOPTED = date(2018, 12, 1)
REQUIRED_FIELDS = [
    "title",
    "summary",
    "description",
    "scope",
    "implementing_entity",
    "start_date",
    "implementation_status",
    "results",
    "contact_name",
    "contact_email",
    "language",
]
# Acronyms people do not spell out (units, Roman numerals, the UN itself).
COMMON_ACRONYMS = {"UN", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "OK", "USD"}
ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,7})\b")


@dataclass
class CheckResult:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def check(practice) -> CheckResult:
    result = CheckResult()
    for name in REQUIRED_FIELDS:
        if not getattr(practice, name):
            label = practice._meta.get_field(name).verbose_name
            result.add(name, _("“%(field)s” is required.") % {"field": label})
    objective_ids = set(practice.objectives.values_list("pk", flat=True)) if practice.pk else set()
    if practice.primary_objective_id:
        objective_ids.add(practice.primary_objective_id)
    if not objective_ids:
        result.add("objectives", _("Choose at least one GCM objective the practice serves."))
    if practice.start_date and practice.start_date < GCM_ADOPTED:
        if not practice.predates_gcm:
            result.add(
                "start_date",
                _(
                    "The practice started before December 2018, when the GCM was adopted. "
                    "Tick “started before December 2018” and explain why it is still relevant."
                ),
            )
        elif not practice.predates_gcm_reason.strip():
            result.add(
                "predates_gcm_reason",
                _("Explain why a practice that started before December 2018 is relevant now."),
            )
    if practice.end_date and practice.start_date and practice.end_date < practice.start_date:
        result.add("end_date", _("The end date is before the start date."))
    if practice.implementation_status == ImplementationStatus.ONGOING:
        result.add(
            "implementation_status",
            _(
                "Only completed or mostly completed practices can be submitted, so that "
                "their results can be assessed."
            ),
        )
    has_countries = bool(practice.pk) and practice.countries.exists()
    if practice.scope in (Scope.LOCAL, Scope.NATIONAL) and not has_countries:
        result.add("countries", _("Name the country where the practice takes place."))
    has_regions = bool(practice.pk) and practice.regions.exists()
    if practice.scope == Scope.REGIONAL and not (has_countries or has_regions):
        result.add("regions", _("Name the region or the countries the practice covers."))
    for acronym in unexplained_acronyms(_text_of(practice)):
        result.warnings.append(
            _("The acronym “%(acronym)s” is used without being spelled out where it first appears.")
            % {"acronym": acronym}
        )
    return result


def _text_of(practice) -> str:
    parts = [
        practice.title,
        practice.summary,
        practice.description,
        practice.results,
        practice.lessons,
        practice.replicability,
        practice.sustainability,
        practice.partners,
        practice.implementing_entity,
    ]
    return "\n".join(part for part in parts if part)


def unexplained_acronyms(text: str) -> list[str]:
    """Acronyms whose first use neither follows its expansion in brackets, “Full Name (FN)”,
    nor precedes one, “FN (Full Name)”; nor is it explained anywhere else in that form."""
    explained = set()
    for match in re.finditer(r"\(([A-Z][A-Z0-9]{1,7})s?\)", text):
        explained.add(match.group(1))
    for match in re.finditer(r"\b([A-Z][A-Z0-9]{1,7})\s*\(([^)]{6,})\)", text):
        explained.add(match.group(1))
    found = []
    for match in ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym.isdigit() or any(ch.isdigit() for ch in acronym[:1]):
            continue
        if acronym in COMMON_ACRONYMS or acronym in explained or acronym in found:
            continue
        found.append(acronym)
    return found

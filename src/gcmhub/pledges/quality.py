"""The "well-made pledge" check: pure functions over a draft, no database.

Each criterion returns a Finding that explains what is weak and how to fix it. Findings are
guidance, never a refusal: the hard rules (description length, due dates, ...) live in
``validation``.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

REALISTIC_YEARS = 10

# Verbs that name something done, in English, French and Spanish (stems).
ACTION_WORDS = re.compile(
    r"\b(establish|adopt|fund|financ|train|provide|launch|build|creat|develop|amend|deploy|"
    r"open|publish|allocat|hire|recruit|set up|implement|enact|issue|register|regulari[sz]|"
    r"install|conduct|deliver|offer|pay|grant|extend|introduce|ratif|sign|revise|map|run|"
    r"organi[sz]|design|pair|hold|post|licens|requir|abolish|end|contribut|transfer|invest|"
    r"expand|appoint|lead|measur|survey|translat|operat|assign|second|"
    r"établi|adopter|former|fournir|lancer|créer|ouvrir|publier|recruter|mettre en place|"
    r"establecer|adoptar|capacitar|proporcionar|lanzar|crear|abrir|publicar|contratar)\w*",
    re.IGNORECASE,
)
INTENT_WORDS = re.compile(
    r"\b(strive|endeavou?r|aspire|hope|consider|explore|promote|raise awareness|"
    r"support efforts|remain committed|reaffirm|encourage|advocate|s'efforcer|esforzar)\w*",
    re.IGNORECASE,
)
MIGRANT_WORDS = re.compile(
    r"\b(migra\w*|émigr\w*|immigr\w*|inmigr\w*|emigr\w*|diaspora\w*|labour mobility|"
    r"labor mobility|human mobility|movilidad humana|mobilité|remittance\w*|"
    r"worker\w* abroad|trabajador\w* migrante\w*)",
    re.IGNORECASE,
)
REFUGEE_WORDS = re.compile(
    r"\b(refugee\w*|asylum\w*|réfugié\w*|asile|refugiad\w*|asilo|"
    r"international protection)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DraftTarget:
    indicator: str = ""
    target_value: Decimal | None = None
    due_date: date | None = None


@dataclass(frozen=True)
class Draft:
    title: str = ""
    description: str = ""
    objective_count: int = 0
    targets: tuple[DraftTarget, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Finding:
    criterion: str
    ok: bool
    message: str


CRITERIA = {
    "concrete": _("Concrete"),
    "measurable": _("Measurable"),
    "time_bound": _("Time-bound"),
    "realistic": _("Realistic"),
    "linked": _("Linked to the GCM"),
    "migrants": _("About migrants"),
}


def check_concrete(draft: Draft) -> Finding:
    text = f"{draft.title} {draft.description}"
    actions = len(ACTION_WORDS.findall(text))
    intents = len(INTENT_WORDS.findall(text))
    if actions == 0:
        return Finding(
            "concrete",
            False,
            _(
                "The text states an intention but names no action. Say what will be done, by "
                "whom and for whom: for example “open three one-stop centres for returning "
                "migrants” rather than “support reintegration”."
            ),
        )
    if intents > actions * 2:
        return Finding(
            "concrete",
            False,
            _(
                "Most of the text is about intentions (promote, strive, encourage). Keep one "
                "sentence of purpose and describe the concrete steps."
            ),
        )
    return Finding("concrete", True, _("The pledge names concrete actions."))


def check_measurable(draft: Draft) -> Finding:
    if not draft.targets:
        return Finding(
            "measurable",
            False,
            _(
                "There is no target. Add at least one with an indicator and a number (e.g. "
                "“5,000 workers trained”) or a yes/no milestone (e.g. “law adopted”), so progress "
                "can be reported."
            ),
        )
    return Finding("measurable", True, _("Progress can be measured against the targets."))


def check_time_bound(draft: Draft) -> Finding:
    if not any(t.due_date for t in draft.targets):
        return Finding(
            "time_bound",
            False,
            _("No target has a due date. Give each target the date by which it will be met."),
        )
    return Finding("time_bound", True, _("Every target has a due date."))


def check_realistic(draft: Draft, today: date) -> Finding:
    dates = [t.due_date for t in draft.targets if t.due_date]
    past = [d for d in dates if d <= today]
    horizon = date(today.year + REALISTIC_YEARS, today.month, min(today.day, 28))
    far = [d for d in dates if d > horizon]
    if past:
        return Finding(
            "realistic",
            False,
            _(
                "A due date is already past (%(date)s). A pledge looks ahead: set the date by "
                "which the target will be met."
            )
            % {"date": min(past).isoformat()},
        )
    if far:
        return Finding(
            "realistic",
            False,
            _(
                "A due date is more than %(years)s years away (%(date)s). Split the work into "
                "steps that can be reported on before the next review forums."
            )
            % {"years": REALISTIC_YEARS, "date": max(far).isoformat()},
        )
    if not dates:
        return Finding("realistic", False, _("Without due dates, realism cannot be judged."))
    return Finding("realistic", True, _("The due dates are ahead and within reach."))


def check_linked(draft: Draft) -> Finding:
    if draft.objective_count < 1:
        return Finding(
            "linked",
            False,
            _("Choose at least one GCM objective that the pledge advances."),
        )
    return Finding("linked", True, _("The pledge is linked to GCM objectives."))


def check_migrants(draft: Draft) -> Finding:
    text = f"{draft.title} {draft.description}"
    if REFUGEE_WORDS.search(text) and not MIGRANT_WORDS.search(text):
        return Finding(
            "migrants",
            False,
            _(
                "The text speaks of refugees or asylum only. The GCM covers migrants; refugees "
                "are the subject of the Global Compact on Refugees. Say how the pledge serves "
                "migrants, or pledge under the refugee compact instead."
            ),
        )
    return Finding("migrants", True, _("The pledge is about migrants."))


def check(draft: Draft, today: date) -> list[Finding]:
    return [
        check_concrete(draft),
        check_measurable(draft),
        check_time_bound(draft),
        check_realistic(draft, today),
        check_linked(draft),
        check_migrants(draft),
    ]


def warnings(draft: Draft, today: date) -> list[str]:
    """The criteria the draft does not meet, by code."""
    return [f.criterion for f in check(draft, today) if not f.ok]


def draft_of(pledge) -> Draft:
    """The draft of a saved pledge (targets and objectives prefetched or queried)."""
    return Draft(
        title=pledge.title,
        description=pledge.description,
        objective_count=len(pledge.objectives.all()),
        targets=tuple(
            DraftTarget(t.indicator, t.target_value, t.due_date) for t in pledge.targets.all()
        ),
    )

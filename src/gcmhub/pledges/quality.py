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


def _inflected(verb: str) -> set[str]:
    """The verb and its regular English inflections (-s, -ed, -ing)."""
    if " " in verb:  # a phrasal verb inflects its first word: "set up", "sets up", ...
        head, tail = verb.split(" ", 1)
        return {f"{form} {tail}" for form in _inflected(head)}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return {verb, verb + "es", verb + "ed", verb + "ing"}
    return {verb, verb + "s", verb + "ed", verb + "ing"}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _either(words) -> str:
    """A regex alternation of the words, longest first (so "establishes" is not cut short)."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return "|".join(sorted(escaped, key=len, reverse=True))


# Verbs that name something done, matched as whole words with their inflections. Words that are
# as often nouns or adjectives ("end", "issue", "second", "measures", "signs") are left out.
ACTION_VERBS = (
    *_words(
        """abolish adopt allocate amend appoint assign contribute create deliver deploy disburse
        enact equip establish expand extend hire implement install introduce invest launch
        legislate organise organize provide publish ratify recruit regularise regularize repeal
        require revise simplify train translate"""
    ),
    "set up",
)
# Irregular forms; "developed" and "developing" mostly describe countries, so they do not count.
OTHER_ACTION_FORMS = {"build", "builds", "built", "building", "develop", "develops"}
# Verbs that are as often nouns or adjectives ("an open dialogue", "the Fund", "a post"): they
# count only right after "will", "to", "we", ... ("we will open three centres").
MODAL_VERBS = _words(
    """conduct finance fund grant hold host lead license licence offer open pay post register run
    transfer"""
)
MODALS = r"(?:will|shall|would|must|can|to|we|also|’ll|'ll)"
# French and Spanish: the infinitive, and the forms that begin with it (futures, conditionals).
OTHER_LANGUAGES = (
    r"établir|adopter|formerons|formera|formeront|fournir|lancer|créer|ouvrir|publier|"
    r"recruter|mettre\s+en\s+place|establecer|adoptar|capacitar|proporcionar|lanzar|crear|"
    r"abrir|publicar|contratar"
)
_ACTION_FORMS = set().union(*map(_inflected, ACTION_VERBS)) | OTHER_ACTION_FORMS
ACTION_WORDS = re.compile(
    rf"\b(?:(?:{_either(_ACTION_FORMS)})\b"
    rf"|{MODALS}\s+(?:{_either(MODAL_VERBS)})\b"
    rf"|(?:{OTHER_LANGUAGES})\w*)",
    re.IGNORECASE,
)
# Words of intention, not of action.
INTENT_VERBS = _words(
    """advocate aim aspire consider encourage endeavour endeavor explore hope intend promote
    reaffirm seek strive"""
)
_INTENT = (
    rf"{_either(set().union(*map(_inflected, INTENT_VERBS)))}|sought|strove|striven|"
    r"(?:raise|raises|raised|raising)\s+awareness|support\s+efforts|"
    r"(?:remain|remains|remained|remaining)\s+committed|s['’]efforcer|esforzar\w*"
)
INTENT_WORDS = re.compile(rf"\b(?:{_INTENT})\b", re.IGNORECASE)
# An action that an intention governs ("hope to open", "consider establishing", "explore ways
# to fund") is an intention too: the intention word, a few linking words, then the action.
GOVERNED = re.compile(
    rf"\b(?:{_INTENT})(?:\s+(?:to|ways|how|the|possibility|possibilities|of|options|for|"
    r"further|possibly|also))*\s+$",
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


def count_actions_and_intents(text: str) -> tuple[int, int]:
    """How many action verbs and how many words of intention the text has; an action that an
    intention governs counts as neither."""
    actions = sum(
        1
        for match in ACTION_WORDS.finditer(text)
        if not GOVERNED.search(text[max(0, match.start() - 80) : match.start()])
    )
    return actions, len(INTENT_WORDS.findall(text))


def check_concrete(draft: Draft) -> Finding:
    actions, intents = count_actions_and_intents(f"{draft.title} {draft.description}")
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

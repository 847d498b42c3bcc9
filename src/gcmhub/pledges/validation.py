"""Hard rules a pledge or a progress report must meet before anything is stored.

Every function collects all problems and raises one ValidationError keyed by field, so the web
form, the API and the CLI show the same clear messages.
"""

from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gcmhub.core.uploads import check_upload

DESCRIPTION_MIN = 300
DESCRIPTION_MAX = 3000
ATTACHMENT_TYPES = {"pdf", "docx", "xlsx", "pptx", "odt"}
ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
FIRST_FORUM_YEAR = 2022
FORUM_INTERVAL = 4
# A pledge is announced at a forum, or in the run-up to it: from 1 January this many years
# before the forum year to 31 December of the forum year. Three years (one less than the
# interval between forums) give every day exactly one forum, so no year is left in which a
# pledge could not be recorded at all.
ANNOUNCED_YEARS_BEFORE = FORUM_INTERVAL - 1


@cache
def currencies() -> frozenset[str]:
    text = resources.files("gcmhub.pledges").joinpath("data/iso4217.txt").read_text()
    codes = []
    for line in text.splitlines():
        if not line.startswith("#"):
            codes.extend(line.split())
    return frozenset(codes)


class Errors:
    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def forum_years(today: date) -> list[int]:
    """IMRF editions are held every four years from 2022; pledges can be announced for the next."""
    return list(range(FIRST_FORUM_YEAR, today.year + FORUM_INTERVAL + 1, FORUM_INTERVAL))


def edition_for(day: date) -> int:
    """The forum a pledge announced on ``day`` belongs to: the first edition in or after its
    year."""
    behind = (day.year - FIRST_FORUM_YEAR) % FORUM_INTERVAL
    return max(FIRST_FORUM_YEAR, day.year + (FORUM_INTERVAL - behind) % FORUM_INTERVAL)


def announcement_window(forum_year: int) -> tuple[date, date]:
    return date(forum_year - ANNOUNCED_YEARS_BEFORE, 1, 1), date(forum_year, 12, 31)


def check_attachment(file, errors: Errors, field: str = "attachment") -> None:
    if not file:
        return
    try:
        check_upload(file, ATTACHMENT_TYPES, ATTACHMENT_MAX_BYTES)
    except ValidationError as exc:
        for message in exc.messages:
            errors.add(field, message)


def _check_description(text: str, errors: Errors) -> None:
    length = len((text or "").strip())
    if length < DESCRIPTION_MIN or length > DESCRIPTION_MAX:
        errors.add(
            "description",
            _("The description must be between %(min)s and %(max)s characters; it has %(length)s.")
            % {"min": DESCRIPTION_MIN, "max": DESCRIPTION_MAX, "length": length},
        )


def _check_entity(data: dict, errors: Errors) -> None:
    if bool(data.get("entity_country")) == bool(data.get("entity_organization")):
        errors.add(
            "entity",
            _("A pledge is made by one State or one stakeholder organisation: choose one."),
        )


def _check_form(data: dict, errors: Errors, instance) -> None:
    from gcmhub.pledges.models import JOINT_FORMS, PledgeForm

    form = data.get("form")
    matches = data.get("matches")
    missing = data.get("matches_missing")
    if form == PledgeForm.MATCHING:
        if missing:
            errors.add(
                "matches",
                _("There is no pledge with the ID “%(id)s”. Check the ID of the matched pledge.")
                % {"id": missing},
            )
        elif matches is None:
            errors.add("matches", _("A matching pledge names the ID of the pledge it matches."))
        elif instance is not None and matches.pk == instance.pk:
            errors.add("matches", _("A pledge cannot match itself."))
    elif matches is not None or missing:
        errors.add("matches", _("Only a matching pledge names a matched pledge."))
    if (
        form in JOINT_FORMS
        and not data.get("participants")
        and not (instance is not None and instance.participants.exists())
    ):
        errors.add(
            "participants",
            _("A common pledge or a pledge in partnership names at least one other participant."),
        )


def _check_money(data: dict, errors: Errors) -> None:
    from gcmhub.pledges.models import PledgeType

    amount, currency = data.get("amount"), (data.get("currency") or "").upper()
    if amount is not None and amount <= 0:
        errors.add("amount", _("The amount must be greater than zero."))
    if amount is not None and not currency:
        errors.add("currency", _("An amount needs its currency (ISO 4217 code, e.g. USD)."))
    if currency and currency not in currencies():
        errors.add(
            "currency",
            _("“%(code)s” is not an ISO 4217 currency code (e.g. USD, EUR, KES).")
            % {"code": currency},
        )
    if currency and amount is None:
        errors.add("amount", _("A currency was given without an amount."))
    if data.get("pledge_type") == PledgeType.FINANCIAL:
        if amount is None:
            errors.add("amount", _("A financial contribution states its amount."))
        if not (data.get("recipient") or "").strip():
            errors.add("recipient", _("A financial contribution names its recipient."))


def _check_targets(targets: list[dict], errors: Errors) -> None:
    for number, target in enumerate(targets, start=1):
        if not (target.get("indicator") or "").strip():
            errors.add(
                "targets",
                _("Target %(n)s: give the indicator that shows progress.") % {"n": number},
            )
        if not target.get("due_date"):
            errors.add(
                "targets",
                _("Target %(n)s: give the due date by which it will be met.") % {"n": number},
            )
        for key in ("baseline", "target_value"):
            value = target.get(key)
            if value is not None and not isinstance(value, Decimal | int | float):
                errors.add("targets", _("Target %(n)s: values are numbers.") % {"n": number})


def _check_forum(data: dict, errors: Errors, today: date) -> None:
    year = data.get("forum_year")
    if year not in forum_years(today):
        errors.add(
            "forum_year",
            _("The forum year is one of the review forum editions: %(years)s.")
            % {"years": ", ".join(str(y) for y in forum_years(today))},
        )
    announced = data.get("announced_on")
    if not announced:
        errors.add("announced_on", _("Give the date the pledge was announced."))
    elif isinstance(year, int) and year in forum_years(today):
        first, last = announcement_window(year)
        if not first <= announced <= last:
            errors.add(
                "announced_on",
                _(
                    "A pledge announced at IMRF %(year)s is dated between %(first)s and "
                    "%(last)s; %(date)s belongs to IMRF %(edition)s. Check the date and the forum."
                )
                % {
                    "year": year,
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                    "date": announced.isoformat(),
                    "edition": edition_for(announced),
                },
            )


def validate_pledge(data: dict, today: date, instance=None) -> None:
    """``data`` holds model values plus lists: targets, participants (dicts)."""
    errors = Errors()
    if not (data.get("title") or "").strip():
        errors.add("title", _("Give the pledge a title."))
    _check_description(data.get("description", ""), errors)
    _check_entity(data, errors)
    _check_form(data, errors, instance)
    _check_money(data, errors)
    _check_targets(data.get("targets") or [], errors)
    _check_forum(data, errors, today)
    for number, participant in enumerate(data.get("participants") or [], start=1):
        if not (participant.get("name") or "").strip() or not participant.get("email"):
            errors.add(
                "participants",
                _("Participant %(n)s: give its name and the email of who confirms.")
                % {"n": number},
            )
    check_attachment(data.get("attachment"), errors)
    errors.raise_if_any()


def validate_report(pledge, data: dict, today: date) -> None:
    from gcmhub.pledges.models import ProgressStatus

    errors = Errors()
    reported_on = data.get("reported_on")
    if not reported_on:
        errors.add("reported_on", _("Give the date of the report."))
    elif reported_on > today:
        errors.add("reported_on", _("A progress report cannot be dated in the future."))
    elif reported_on < pledge.announced_on:
        errors.add("reported_on", _("The report is dated before the pledge was announced."))
    if data.get("status") not in ProgressStatus.values:
        errors.add("status", _("Choose a status."))
    if (
        data.get("status") == ProgressStatus.DISCONTINUED
        and not (data.get("discontinued_reason") or "").strip()
    ):
        errors.add("discontinued_reason", _("Say why the pledge was discontinued."))
    target_ids = {t.pk for t in pledge.targets.all()}
    for result in data.get("results") or []:
        if result["target"].pk not in target_ids:
            errors.add("results", _("A result names a target of another pledge."))
    for file in data.get("files") or []:
        check_attachment(file, errors, "files")
    errors.raise_if_any()

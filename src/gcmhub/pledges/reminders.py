"""Reminders: a target falls due soon, or a pledge has had no progress report for twelve months.
Each reminder is recorded so it is sent once (due: once per target; silence: once a month)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.pledges import queries
from gcmhub.pledges.models import Reminder, Target

DUE = "due"
SILENT = "silent"


@dataclass(frozen=True)
class Sent:
    public_id: str
    kind: str
    key: str
    to: str


def _record(pledge, kind: str, key: str) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(pledge=pledge, kind=kind, key=key, sent_to=pledge.contact_email)
    except IntegrityError:
        return False
    return True


def _link(pledge) -> str:
    return settings.GCMHUB_BASE_URL + reverse("pledges:detail", args=[pledge.public_id])


def due_targets(today: date, days: int):
    return (
        Target.objects.filter(
            due_date__gte=today,
            due_date__lte=today + timedelta(days=days),
            progress__lt=100,
            pledge__in=queries.open_pledges().values("pk"),
        )
        .select_related("pledge")
        .order_by("due_date", "pk")
    )


def send_reminders(today: date | None = None, days: int = 30, dry_run: bool = False) -> list[Sent]:
    today = today or timezone.localdate()
    sent = []
    for target in due_targets(today, days):
        pledge = target.pledge
        key = f"target-{target.pk}"
        if dry_run or _record(pledge, DUE, key):
            if not dry_run:
                send_mail(
                    _("Pledge %(id)s: a target is due on %(date)s")
                    % {"id": pledge.public_id, "date": target.due_date.isoformat()},
                    _(
                        "The target “%(indicator)s” of your pledge “%(title)s” is due on "
                        "%(date)s. Please file a progress report:\n%(url)s\n"
                    )
                    % {
                        "indicator": target.indicator,
                        "title": pledge.title,
                        "date": target.due_date.isoformat(),
                        "url": _link(pledge),
                    },
                    None,
                    [pledge.contact_email],
                )
            sent.append(Sent(pledge.public_id, DUE, key, pledge.contact_email))
    month = today.strftime("%Y-%m")
    for pledge in queries.silent(today).order_by("pk"):
        key = f"month-{month}"
        if dry_run or _record(pledge, SILENT, key):
            if not dry_run:
                send_mail(
                    _("Pledge %(id)s: no progress report for twelve months")
                    % {"id": pledge.public_id},
                    _(
                        "No progress has been reported on your pledge “%(title)s” for a year. "
                        "Please tell the forum how it is going:\n%(url)s\n"
                    )
                    % {"title": pledge.title, "url": _link(pledge)},
                    None,
                    [pledge.contact_email],
                )
            sent.append(Sent(pledge.public_id, SILENT, key, pledge.contact_email))
    return sent

"""Every write to a pledge goes through these functions: each runs in one transaction,
validates first (nothing is stored when anything is wrong) and keeps the derived fields right."""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.core.files import atomic_with_files
from gcmhub.framework.models import Forum
from gcmhub.pledges import dashboard, quality, search, validation
from gcmhub.pledges.models import (
    STATE_KIND,
    Participant,
    Pledge,
    PledgeSequence,
    ProgressReport,
    ProgressStatus,
    ReportAttachment,
    Target,
    TargetProgress,
)

PLEDGE_FIELDS = (
    "contact_name",
    "contact_email",
    "title",
    "description",
    "pledge_type",
    "form",
    "level",
    "forum_year",
    "announced_on",
    "amount",
    "currency",
    "recipient",
)
TARGET_FIELDS = ("indicator", "baseline", "target_value", "unit", "due_date", "weight")
FINISHED = {ProgressStatus.COMPLETED, ProgressStatus.DISCONTINUED}
INVITATION_SALT = "gcmhub.pledges.invitation"
INVITATION_VALID = timedelta(days=60)


def forum_prefix(year: int) -> str:
    return f"IMRF{year}"


def allocate_public_id(year: int) -> str:
    """The next number for the forum's prefix. The UPDATE locks the counter row (PostgreSQL) or
    the database (SQLite, IMMEDIATE transactions) until the caller's transaction ends, so two
    pledges saved at once never get the same number."""
    prefix = forum_prefix(year)
    with transaction.atomic():
        bumped = PledgeSequence.objects.filter(prefix=prefix).update(last=F("last") + 1)
        if not bumped:
            try:
                with transaction.atomic():
                    PledgeSequence.objects.create(prefix=prefix, last=1)
            except IntegrityError:
                PledgeSequence.objects.filter(prefix=prefix).update(last=F("last") + 1)
        number = PledgeSequence.objects.values_list("last", flat=True).get(prefix=prefix)
    return f"{prefix}-{number:04d}"


def _entity_facts(pledge: Pledge) -> None:
    if pledge.entity_country_id:
        pledge.entity_kind = STATE_KIND
        pledge.region_id = pledge.entity_country.region_id
    else:
        org = pledge.entity_organization
        pledge.entity_kind = org.stakeholder_type.slug
        pledge.region_id = org.country.region_id if org.country_id else None


def _apply_fields(pledge: Pledge, data: dict) -> None:
    for name in PLEDGE_FIELDS:
        if name in data:
            setattr(pledge, name, data[name])
    pledge.currency = (pledge.currency or "").upper()
    if "entity_country" in data or "entity_organization" in data:
        pledge.entity_country = data.get("entity_country")
        pledge.entity_organization = data.get("entity_organization")
    if "matches" in data:
        pledge.matches = data["matches"]
    pledge.forum = Forum.objects.filter(year=pledge.forum_year).first()
    _entity_facts(pledge)


def _set_relations(pledge: Pledge, data: dict) -> None:
    for name in ("objectives", "principles", "actions", "countries"):
        if name in data:
            getattr(pledge, name).set(data[name])


def _add_targets(pledge: Pledge, targets: list[dict]) -> None:
    start = pledge.targets.count()
    for offset, item in enumerate(targets):
        target = Target.objects.filter(pledge=pledge, pk=item.get("id")).first() or Target(
            pledge=pledge, position=start + offset
        )
        for name in TARGET_FIELDS:
            if name in item:
                setattr(target, name, item[name])
        target.weight = target.weight or 1
        target.save()


def _add_participants(pledge: Pledge, participants: list[dict]) -> list[Participant]:
    added = []
    for item in participants:
        participant = Participant(pledge=pledge, invited_at=timezone.now())
        for name in ("name", "email", "part"):
            setattr(participant, name, (item.get(name) or "").strip())
        participant.country = item.get("country")
        participant.organization = item.get("organization")
        participant.email = participant.email.lower()
        participant.save()
        added.append(participant)
    return added


def _changed() -> None:
    # Now (so this transaction's own reads are fresh) and again once committed (so figures
    # computed meanwhile from the old data are not kept).
    dashboard.data_changed()
    transaction.on_commit(dashboard.data_changed)


def _save_with_quality(pledge: Pledge) -> None:
    # Judged as on the day the pledge was made, so a pledge recorded late is not penalised.
    pledge.quality_warnings = quality.warnings(quality.draft_of(pledge), pledge.announced_on)
    refresh_progress(pledge, save=False)
    pledge.save()
    search.index_pledge(pledge)
    _changed()


@atomic_with_files()
def create_pledge(data: dict, by) -> Pledge:
    validation.validate_pledge(data, timezone.localdate())
    pledge = Pledge(created_by=by)
    _apply_fields(pledge, data)
    pledge.public_id = allocate_public_id(pledge.forum_year)
    pledge._history_user = by
    pledge.save()
    if data.get("attachment"):
        pledge.attachment.save(data["attachment"].name, data["attachment"], save=False)
    _set_relations(pledge, data)
    _add_targets(pledge, data.get("targets") or [])
    invited = _add_participants(pledge, data.get("participants") or [])
    _save_with_quality(pledge)
    transaction.on_commit(lambda: [send_invitation(p) for p in invited])
    return pledge


@atomic_with_files()
def update_pledge(pledge: Pledge, data: dict, by) -> Pledge:
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    merged = {name: getattr(pledge, name) for name in PLEDGE_FIELDS}
    merged |= {
        "entity_country": pledge.entity_country,
        "entity_organization": pledge.entity_organization,
        "matches": pledge.matches,
    }
    merged |= data
    validation.validate_pledge(merged, timezone.localdate(), instance=pledge)
    _apply_fields(pledge, data)
    pledge._history_user = by
    if data.get("attachment"):
        pledge.attachment.save(data["attachment"].name, data["attachment"], save=False)
    _set_relations(pledge, data)
    _add_targets(pledge, data.get("targets") or [])
    invited = _add_participants(pledge, data.get("participants") or [])
    _save_with_quality(pledge)
    transaction.on_commit(lambda: [send_invitation(p) for p in invited])
    return pledge


@transaction.atomic
def withdraw_pledge(pledge: Pledge, reason: str, by) -> Pledge:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the pledge is withdrawn.")})
    pledge.withdrawn_at = timezone.now()
    pledge.withdrawn_reason = reason.strip()
    pledge._history_user = by
    pledge.save()
    _changed()
    return pledge


def _email_digest(email: str) -> str:
    # The link names the address by a digest, so addresses do not show in logged URLs.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]


def invitation_token(participant: Participant) -> str:
    """A signed token for the participant's invitation link, bound to the participant and the
    address it was sent to (a changed address invalidates it); it expires after 60 days."""
    return signing.dumps(
        {"participant": participant.pk, "email": _email_digest(participant.email)},
        salt=INVITATION_SALT,
    )


class InvitationLinkError(Exception):
    """The link was altered, has expired, or no longer names an invited participant."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def participant_from_token(token: str) -> Participant:
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_VALID)
    except signing.SignatureExpired as error:
        raise InvitationLinkError(expired=True) from error
    except signing.BadSignature as error:
        raise InvitationLinkError() from error
    if not isinstance(payload, dict):
        raise InvitationLinkError()
    participant = (
        Participant.objects.select_related("pledge").filter(pk=payload.get("participant")).first()
    )
    if participant is None or payload.get("email") != _email_digest(participant.email):
        raise InvitationLinkError()
    return participant


def invitation_url(participant: Participant) -> str:
    path = reverse("pledges:invitation", args=[invitation_token(participant)])
    return settings.GCMHUB_BASE_URL + path


def send_invitation(participant: Participant) -> None:
    pledge = participant.pledge
    url = settings.GCMHUB_BASE_URL + reverse("pledges:detail", args=[pledge.public_id])
    send_mail(
        _("Please confirm your part in pledge %(id)s") % {"id": pledge.public_id},
        _(
            "%(entity)s has recorded the pledge “%(title)s” (%(id)s) and names %(name)s as a "
            "participant.\n\nYour part: %(part)s\n\nOpen this link to see the pledge and "
            "confirm or decline your part (no account is needed; the link is valid for "
            "%(days)s days and is meant for you only):\n%(link)s\n\nThe public page of the "
            "pledge:\n%(url)s\n"
        )
        % {
            "entity": pledge.entity,
            "title": pledge.title,
            "id": pledge.public_id,
            "name": participant.name,
            "part": participant.part or "—",
            "days": INVITATION_VALID.days,
            "link": invitation_url(participant),
            "url": url,
        },
        None,
        [participant.email],
    )


@transaction.atomic
def resend_invitation(participant: Participant, by) -> Participant:
    """A fresh link (the old one expires in its time): for an invitee whose link expired or got
    lost. Recorded in the participant's history."""
    if participant.pledge.withdrawn_at is not None:
        raise ValidationError(_("The pledge is withdrawn: answers are closed."))
    participant.invited_at = timezone.now()
    participant._history_user = by
    participant.save(update_fields=["invited_at"])
    transaction.on_commit(lambda: send_invitation(participant))
    return participant


@transaction.atomic
def respond_to_invitation(
    participant: Participant, confirm: bool, by, through_link: bool = False
) -> Participant:
    """Record the answer. ``by``: the account that answered (None when someone without an
    account answered through the emailed link). Through the link, the answer is the invited
    address's; otherwise it is the account's."""
    if participant.pledge.withdrawn_at is not None:
        raise ValidationError(_("The pledge is withdrawn: answers are closed."))
    user = by if by is not None and by.is_authenticated else None
    email = participant.email if through_link or user is None else user.email
    participant.status = Participant.Status.CONFIRMED if confirm else Participant.Status.DECLINED
    participant.responded_at = timezone.now()
    participant.responded_by = user
    participant.responded_email = email.lower()
    # The history row keeps who (address, and account if any) answered what, and when.
    participant._history_user = user
    participant.save()
    _changed()
    return participant


def target_progress(target: Target, value, achieved: bool) -> float:
    """Percent of the way from baseline to target value (milestones: 0 or 100)."""
    if target.is_milestone:
        return 100.0 if achieved else 0.0
    if value is None:
        return 0.0
    baseline = target.baseline or Decimal(0)
    span = target.target_value - baseline
    if span == 0:
        return 100.0 if value >= target.target_value else 0.0
    share = float((Decimal(value) - baseline) / span) * 100
    return max(0.0, min(100.0, round(share, 1)))


def weighted_progress(targets) -> float:
    weights = sum(t.weight for t in targets)
    if not weights:
        return 0.0
    return round(sum(t.progress * t.weight for t in targets) / weights, 1)


def refresh_progress(pledge: Pledge, save: bool = True) -> None:
    """Recompute each target's latest state, the overall weighted progress, the status, the
    last report date and the next open due date, from the stored reports."""
    targets = list(pledge.targets.all())
    latest = {}
    for result in (
        TargetProgress.objects.filter(report__pledge=pledge)
        .select_related("report")
        .order_by("report__reported_on", "report_id")
    ):
        latest[result.target_id] = result
    for target in targets:
        result = latest.get(target.pk)
        if result is not None:
            target.current_value = result.value
            target.achieved = result.achieved
        target.progress = target_progress(target, target.current_value, target.achieved)
        if result is not None:
            Target.objects.filter(pk=target.pk).update(
                current_value=target.current_value,
                achieved=target.achieved,
                progress=target.progress,
            )
    last = pledge.reports.order_by("-reported_on", "-id").first() if pledge.pk else None
    pledge.progress = weighted_progress(targets)
    pledge.progress_status = last.status if last else ProgressStatus.NOT_STARTED
    pledge.last_report_on = last.reported_on if last else None
    open_dates = [t.due_date for t in targets if t.progress < 100]
    finished = pledge.progress_status in FINISHED
    pledge.next_due_on = None if finished or not open_dates else min(open_dates)
    if save:
        pledge.save(update_fields=["progress", "progress_status", "last_report_on", "next_due_on"])


@atomic_with_files()
def file_report(pledge: Pledge, data: dict, by) -> ProgressReport:
    """``data``: reported_on, status, discontinued_reason, narrative, results (list of dicts with
    target, value, achieved, evidence), files."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    validation.validate_report(pledge, data, timezone.localdate())
    report = ProgressReport(
        pledge=pledge,
        reported_on=data["reported_on"],
        status=data["status"],
        discontinued_reason=(data.get("discontinued_reason") or "").strip(),
        narrative=data.get("narrative") or "",
        created_by=by,
    )
    report._history_user = by
    report.save()
    for item in data.get("results") or []:
        TargetProgress.objects.create(
            report=report,
            target=item["target"],
            value=item.get("value"),
            achieved=bool(item.get("achieved")),
            evidence=item.get("evidence") or "",
        )
    for file in data.get("files") or []:
        attachment = ReportAttachment(report=report)
        attachment.file.save(file.name, file, save=True)
    pledge._history_user = by
    refresh_progress(pledge)
    report.progress = pledge.progress
    report.save(update_fields=["progress"])
    _changed()
    return report

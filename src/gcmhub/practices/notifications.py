"""Emails the review cycle sends. Always sent after the transaction commits."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcmhub.practices.models import State

# Lazy: translated when an email is written, in the language active then.
STATE_MESSAGES = {
    State.SUBMITTED: gettext_lazy("Your practice “%(title)s” was received and will be screened."),
    State.SCREENING: gettext_lazy(
        "Your practice “%(title)s” is being screened by the secretariat."
    ),
    State.IN_REVIEW: gettext_lazy("Your practice “%(title)s” is now with its peer reviewers."),
    State.CHANGES_REQUESTED: gettext_lazy(
        "The reviewers ask for changes to your practice “%(title)s”. Please revise and resubmit."
    ),
    State.APPROVED: gettext_lazy("Your practice “%(title)s” was approved and is now published."),
    State.REJECTED: gettext_lazy(
        "Your practice “%(title)s” was not accepted. Reasons: %(reasons)s"
    ),
    State.WITHDRAWN: gettext_lazy("The practice “%(title)s” was withdrawn."),
    State.ARCHIVED: gettext_lazy("The practice “%(title)s” was archived."),
}


def _link(name: str, pk: int) -> str:
    return settings.GCMHUB_BASE_URL + reverse(name, args=[pk])


def _send(subject: str, body: str, recipients: list[str], link: str = "") -> None:
    recipients = [r for r in recipients if r]
    if link:
        body = f"{body}\n\n{link}"
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        )


def state_changed(practice, note: str = "") -> None:
    template = STATE_MESSAGES.get(practice.state)
    if template is None:
        return
    body = template % {"title": practice.title, "reasons": note or "—"}
    _send(
        _("[gcmhub] %(title)s") % {"title": practice.title},
        body,
        [practice.submitter.email],
        _link("practices:detail", practice.pk),
    )


def reviewer_assigned(assignment) -> None:
    body = _(
        "You are invited to review the practice “%(title)s” by %(due)s. First declare whether "
        "you have a conflict of interest; you will see the submission after that."
    ) % {"title": assignment.practice.title, "due": assignment.due_date.isoformat()}
    _send(
        _("[gcmhub] Review invitation"),
        body,
        [assignment.expert.user.email],
        _link("practices:review", assignment.practice_id),
    )


def review_reminder(assignment, overdue: bool) -> None:
    template = (
        _("Your review of “%(title)s” was due on %(due)s. Please submit it as soon as you can.")
        if overdue
        else _("A reminder: your review of “%(title)s” is due on %(due)s.")
    )
    body = template % {"title": assignment.practice.title, "due": assignment.due_date.isoformat()}
    _send(
        _("[gcmhub] Review reminder"),
        body,
        [assignment.expert.user.email],
        _link("practices:review", assignment.practice_id),
    )


def revision_ready(assignment) -> None:
    body = _("The submitter revised “%(title)s”. Please review the new version.") % {
        "title": assignment.practice.title
    }
    _send(
        _("[gcmhub] Revised practice to review"),
        body,
        [assignment.expert.user.email],
        _link("practices:review", assignment.practice_id),
    )


def expert_account_created(expert) -> None:
    """To an applicant approved without an account: the account was created, and a link (the
    password reset link) to choose a password. Written in the language they applied in."""
    user = expert.user
    with translation.override(expert.language or translation.get_language()):
        link = settings.GCMHUB_BASE_URL + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        body = _(
            "The secretariat approved your application to the expert roster of the Repository "
            "of Practices, and an account was created for %(email)s. Choose your password "
            "with the link below, then log in. If the link has expired, ask for a new one "
            "with “Forgotten your password?” on the log-in page."
        ) % {"email": user.email}
        subject = _("[gcmhub] Your expert roster application was approved")
    _send(subject, body, [user.email], link)

"""The review cycle's states and the one function that moves a practice between them.

    draft → submitted → screening → in review ⇄ changes requested → approved (published)
                                  ↘ rejected            ↘ rejected
    withdrawn (by the submitter, before a decision); archived (by the secretariat, at the end)

``transition()`` checks that the move is allowed and that the user may make it, records who and
when (a ``Transition`` row and the practice's history), and sends notifications after commit.
Decisions after review go through ``review.record_decision``, which applies the decision rule.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.practices import criteria, notifications, search
from gcmhub.practices.models import Practice, State, Transition
from gcmhub.practices.rules import WITHDRAWABLE_STATES

SUBMITTER, SECRETARIAT = "submitter", "secretariat"

# (from, to) -> who may make the move
ALLOWED = {
    (State.DRAFT, State.SUBMITTED): SUBMITTER,
    (State.SUBMITTED, State.SCREENING): SECRETARIAT,
    (State.SCREENING, State.IN_REVIEW): SECRETARIAT,
    (State.SCREENING, State.REJECTED): SECRETARIAT,
    (State.IN_REVIEW, State.CHANGES_REQUESTED): SECRETARIAT,
    (State.IN_REVIEW, State.APPROVED): SECRETARIAT,
    (State.IN_REVIEW, State.REJECTED): SECRETARIAT,
    (State.CHANGES_REQUESTED, State.IN_REVIEW): SUBMITTER,
    **{(state, State.WITHDRAWN): SUBMITTER for state in WITHDRAWABLE_STATES},
    (State.APPROVED, State.ARCHIVED): SECRETARIAT,
    (State.REJECTED, State.ARCHIVED): SECRETARIAT,
    (State.WITHDRAWN, State.ARCHIVED): SECRETARIAT,
}
# Outcomes of peer review: reached only through review.record_decision (the decision rule).
DECISION_MOVES = {
    (State.IN_REVIEW, State.CHANGES_REQUESTED),
    (State.IN_REVIEW, State.APPROVED),
    (State.IN_REVIEW, State.REJECTED),
}
NEEDS_REASONS = {State.REJECTED}


def allowed_targets(practice, user) -> list[tuple[str, str]]:
    """The states this user may move the practice to now (for buttons)."""
    return [
        (to, State(to).label)
        for (frm, to), who in ALLOWED.items()
        if frm == practice.state and (frm, to) not in DECISION_MOVES and _may(user, practice, who)
    ]


def _may(user, practice, who) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if who == SUBMITTER:
        return practice.submitter_id == user.pk
    return user.is_secretariat


def transition(practice: Practice, to: str, by, note: str = "", *, decision: bool = False):
    """Move ``practice`` to state ``to`` on behalf of ``by``. Raises ValidationError for a move
    that is not allowed now, PermissionDenied for a user who may not make it."""
    original = practice
    with transaction.atomic():
        practice = (
            Practice.objects.select_for_update().select_related("submitter").get(pk=practice.pk)
        )
        move = (practice.state, to)
        if move not in ALLOWED:
            raise ValidationError(
                _("A practice cannot go from “%(from)s” to “%(to)s”.")
                % {"from": State(practice.state).label, "to": State(to).label},
                code="transition",
            )
        if not _may(by, practice, ALLOWED[move]):
            raise PermissionDenied(_("You may not make this change."))
        if move in DECISION_MOVES and not decision:
            raise ValidationError(
                _("Record a review decision to approve, reject or ask for changes."),
                code="decision_required",
            )
        if to in NEEDS_REASONS and not note.strip():
            raise ValidationError({"reasons": [_("Give the reasons for rejecting the practice.")]})
        _check_entry(practice, to)
        from_state = practice.state
        practice.state = to
        now = timezone.now()
        if to == State.SUBMITTED:
            practice.submitted_at = now
        if from_state == State.CHANGES_REQUESTED and to == State.IN_REVIEW:
            practice.review_round += 1
        if to == State.APPROVED:
            practice.published_at = now
        if to in (State.APPROVED, State.REJECTED, State.CHANGES_REQUESTED) and note:
            practice.decision_reasons = note
        practice._change_reason = f"{from_state} → {to}"
        practice._history_user = by
        practice.save()
        Transition.objects.create(
            practice=practice, from_state=from_state, to_state=to, by=by, note=note
        )
        notifications.state_changed(practice, note)
        if State.APPROVED in (from_state, to):
            transaction.on_commit(search.repository_changed)
        if from_state == State.CHANGES_REQUESTED and to == State.IN_REVIEW:
            from gcmhub.practices.review import active_assignments

            for assignment in active_assignments(practice):
                notifications.revision_ready(assignment)
    if original is not practice:
        original.refresh_from_db()
    return practice


def _check_entry(practice, to) -> None:
    if to == State.SUBMITTED or (
        to == State.IN_REVIEW and practice.state == State.CHANGES_REQUESTED
    ):
        result = criteria.check(practice)
        if not result.ok:
            raise ValidationError(result.errors)
    if to == State.IN_REVIEW and practice.state == State.SCREENING:
        from gcmhub.practices.review import panel_problems

        problems = panel_problems(practice)
        if problems:
            raise ValidationError({"assignments": problems})

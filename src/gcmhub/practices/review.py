"""Peer review: panels, conflict declarations, reviews and the decision rule.

Panel rule: at least one internal (UN) and two external reviewers, assigned by the secretariat.

Decision rule (``outcome``), over the reviews of the current round from the active panel:

- until every active reviewer has reviewed (and the panel meets the panel rule): *pending*;
- all recommendations the same: *agreed*, and that recommendation is the decision
  (approve → published, revise → changes requested, reject → rejected);
- otherwise *disagreement*: the secretariat either settles it, recording a decision with its
  reasons, or, if it cannot, brings in a further reviewer (the outcome is pending again until
  that reviewer has reviewed, and the rule is applied to the larger panel).

Whatever the outcome, the secretariat records the decision and its reasons.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.practices import notifications, workflow
from gcmhub.practices.models import Assignment, Practice, Recommendation, Review, State
from gcmhub.practices.suggestions import conflict_reason

REVIEW_DAYS = 21
MIN_INTERNAL, MIN_EXTERNAL = 1, 2
DECISION_STATES = {
    Recommendation.APPROVE: State.APPROVED,
    Recommendation.REVISE: State.CHANGES_REQUESTED,
    Recommendation.REJECT: State.REJECTED,
}
PENDING, AGREED, DISAGREEMENT = "pending", "agreed", "disagreement"


def live_assignments(practice):
    return practice.assignments.filter(
        status__in=[Assignment.Status.INVITED, Assignment.Status.ACTIVE]
    ).select_related("expert", "expert__user")


def active_assignments(practice):
    return practice.assignments.filter(status=Assignment.Status.ACTIVE).select_related(
        "expert", "expert__user"
    )


def panel_problems(practice) -> list[str]:
    live = list(live_assignments(practice))
    internal = sum(1 for a in live if a.expert.is_un)
    external = len(live) - internal
    problems = []
    if internal < MIN_INTERNAL:
        problems.append(_("Assign at least one internal (UN) reviewer."))
    if external < MIN_EXTERNAL:
        problems.append(_("Assign at least two external reviewers."))
    return problems


def _require_secretariat(user):
    if not getattr(user, "is_secretariat", False):
        raise PermissionDenied(_("Only the secretariat may do this."))


def assign(practice: Practice, expert, by, due_date=None) -> Assignment:
    """Invite ``expert`` to review. Refuses experts with a conflict of interest, unapproved or
    unavailable experts, and practices not in screening or review."""
    _require_secretariat(by)
    if practice.state not in (State.SCREENING, State.IN_REVIEW):
        raise ValidationError(
            _("Reviewers are assigned while the practice is in screening or in review."),
            code="state",
        )
    if expert.status != expert.Status.APPROVED or not expert.available:
        raise ValidationError(
            {"expert": [_("%(name)s is not an approved, available expert.") % {"name": expert}]}
        )
    reason = conflict_reason(expert, practice)
    if reason:
        raise ValidationError(
            {
                "expert": [
                    _("%(name)s has a conflict of interest: %(reason)s")
                    % {"name": expert, "reason": reason}
                ]
            }
        )
    with transaction.atomic():
        if practice.assignments.filter(expert=expert).exists():
            raise ValidationError(
                {"expert": [_("%(name)s is already on this panel.") % {"name": expert}]}
            )
        assignment = Assignment(
            practice=practice,
            expert=expert,
            assigned_by=by,
            due_date=due_date or (timezone.localdate() + timedelta(days=REVIEW_DAYS)),
        )
        assignment._history_user = by
        assignment.save()
        notifications.reviewer_assigned(assignment)
    return assignment


def remove(assignment, by) -> None:
    _require_secretariat(by)
    with transaction.atomic():
        assignment.status = Assignment.Status.REMOVED
        assignment._history_user = by
        assignment.save()


def assignment_for(practice, user):
    return (
        practice.assignments.filter(expert__user=user)
        .exclude(status=Assignment.Status.REMOVED)
        .select_related("expert")
        .first()
    )


def declare(practice, user, has_conflict: bool, note: str = "") -> Assignment:
    """The reviewer declares, before seeing the submission, whether they have a conflict."""
    assignment = assignment_for(practice, user)
    if assignment is None:
        raise PermissionDenied(_("You are not assigned to this practice."))
    if assignment.status != Assignment.Status.INVITED:
        raise ValidationError(_("You have already made your declaration."), code="declared")
    if practice.state not in (State.SCREENING, State.IN_REVIEW):
        raise ValidationError(_("This practice is not being reviewed now."), code="state")
    if has_conflict and not note.strip():
        raise ValidationError({"conflict_note": [_("Say briefly what the conflict is.")]})
    with transaction.atomic():
        assignment.status = Assignment.Status.CONFLICT if has_conflict else Assignment.Status.ACTIVE
        assignment.declared_at = timezone.now()
        assignment.conflict_note = note
        assignment._history_user = user
        assignment.save()
    return assignment


SCORE_FIELDS = [
    "relevance",
    "principles",
    "evidence",
    "innovation",
    "replicability",
    "sustainability",
]


def submit_review(practice, user, data: dict) -> Review:
    """Record the assigned reviewer's scores, recommendation and comments for this round."""
    assignment = assignment_for(practice, user)
    if assignment is None:
        raise PermissionDenied(_("You are not assigned to this practice."))
    if assignment.status != Assignment.Status.ACTIVE:
        raise PermissionDenied(_("Declare that you have no conflict of interest first."))
    if practice.state != State.IN_REVIEW:
        raise ValidationError(_("This practice is not open for review now."), code="state")
    errors = {}
    values = {}
    for name in SCORE_FIELDS:
        try:
            value = int(data.get(name))
        except (TypeError, ValueError):
            value = None
        if value is None or not 1 <= value <= 5:
            errors[name] = [_("Give a score from 1 to 5.")]
        values[name] = value
    if data.get("recommendation") not in Recommendation.values:
        errors["recommendation"] = [_("Recommend approve, revise or reject.")]
    if not (data.get("comments") or "").strip():
        errors["comments"] = [_("Explain your recommendation in the comments.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if Review.objects.filter(assignment=assignment, round=practice.review_round).exists():
            raise ValidationError(
                _("You have already reviewed this version."), code="already_reviewed"
            )
        review = Review(
            assignment=assignment,
            round=practice.review_round,
            recommendation=data["recommendation"],
            comments=data["comments"].strip(),
            confidential_comments=(data.get("confidential_comments") or "").strip(),
            **values,
        )
        review._history_user = user
        review.save()
    return review


@dataclass(frozen=True)
class Outcome:
    kind: str  # pending, agreed, disagreement
    recommendation: str | None
    reviews: tuple
    missing: int

    @property
    def is_agreed(self):
        return self.kind == AGREED


def current_reviews(practice):
    return list(
        Review.objects.filter(
            assignment__practice=practice,
            assignment__status=Assignment.Status.ACTIVE,
            round=practice.review_round,
        ).select_related("assignment__expert")
    )


def outcome(practice) -> Outcome:
    reviews = current_reviews(practice)
    live = list(live_assignments(practice))
    reviewed = {review.assignment_id for review in reviews}
    missing = sum(1 for a in live if a.pk not in reviewed)
    if missing or panel_problems(practice) or not reviews:
        return Outcome(PENDING, None, tuple(reviews), missing)
    recommendations = {review.recommendation for review in reviews}
    if len(recommendations) == 1:
        return Outcome(AGREED, recommendations.pop(), tuple(reviews), 0)
    return Outcome(DISAGREEMENT, None, tuple(reviews), 0)


def record_decision(practice, by, decision: str, reasons: str) -> Practice:
    """The secretariat records the decision and its reasons, following the decision rule."""
    if not getattr(by, "is_secretariat", False):
        raise PermissionDenied(_("Only the secretariat may record a decision."))
    if decision not in DECISION_STATES:
        raise ValidationError({"decision": [_("Choose approve, revise or reject.")]})
    if not (reasons or "").strip():
        raise ValidationError({"reasons": [_("Record the reasons for the decision.")]})
    if practice.state != State.IN_REVIEW:
        raise ValidationError(
            _("Decisions are recorded while the practice is in review."), code="state"
        )
    result = outcome(practice)
    if result.kind == PENDING:
        raise ValidationError(
            ngettext(
                "The review is not complete: %(missing)s review outstanding or the panel is "
                "incomplete.",
                "The review is not complete: %(missing)s reviews outstanding or the panel is "
                "incomplete.",
                result.missing,
            )
            % {"missing": result.missing},
            code="pending",
        )
    if result.kind == AGREED and decision != result.recommendation:
        raise ValidationError(
            {
                "decision": [
                    _("The reviewers agree on “%(recommendation)s”; that is the decision.")
                    % {"recommendation": Recommendation(result.recommendation).label}
                ]
            }
        )
    return workflow.transition(practice, DECISION_STATES[decision], by, reasons, decision=True)


def overdue_assignments(today=None):
    """Assignments whose review for the current round is late."""
    today = today or timezone.localdate()
    return list(
        _awaiting_review()
        .filter(due_date__lt=today)
        .select_related("practice", "expert", "expert__user")
        .order_by("due_date")
    )


def _awaiting_review():
    """Live assignments on practices in review with no review for the current round."""
    current = Review.objects.filter(
        assignment=OuterRef("pk"), round=OuterRef("practice__review_round")
    )
    return Assignment.objects.filter(
        status__in=[Assignment.Status.INVITED, Assignment.Status.ACTIVE],
        practice__state=State.IN_REVIEW,
    ).exclude(Exists(current))


def send_reminders(days_ahead: int = 3, today=None) -> list[dict]:
    """Email reviewers whose review is due within ``days_ahead`` days or overdue; at most one
    reminder a day per assignment. Returns what was sent."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days_ahead)
    sent = []
    due = (
        _awaiting_review()
        .filter(due_date__lte=horizon)
        .select_related("practice", "expert", "expert__user")
    )
    for assignment in due:
        if assignment.last_reminded_at and assignment.last_reminded_at.date() >= today:
            continue
        overdue = assignment.due_date < today
        with transaction.atomic():
            notifications.review_reminder(assignment, overdue)
            assignment.last_reminded_at = timezone.now()
            assignment.save(update_fields=["last_reminded_at"])
        sent.append(
            {
                "assignment": assignment.pk,
                "practice": assignment.practice_id,
                "reviewer": assignment.expert.user.email,
                "due_date": assignment.due_date.isoformat(),
                "overdue": overdue,
            }
        )
    return sent


def suggestions_for_demo(practice):
    """Experts in suggestion order (used by the demo loader to form panels)."""
    from gcmhub.practices.suggestions import suggest_reviewers

    return [suggestion.expert for suggestion in suggest_reviewers(practice, limit=6)]

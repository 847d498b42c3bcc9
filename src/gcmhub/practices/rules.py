"""Who may see and do what with a practice, as django-rules predicates.

Reviewers see only the practices they are assigned to, and only after declaring that they have
no conflict of interest; submitters see their own practices at every state; the public sees what
is published.
"""

import rules

from gcmhub.accounts.rules import is_reviewer, is_secretariat, is_submitter
from gcmhub.practices.models import Assignment, State

EDITABLE_STATES = {State.DRAFT, State.CHANGES_REQUESTED}
WITHDRAWABLE_STATES = {
    State.DRAFT,
    State.SUBMITTED,
    State.SCREENING,
    State.IN_REVIEW,
    State.CHANGES_REQUESTED,
}
REVIEWABLE_STATES = {State.IN_REVIEW}


@rules.predicate
def is_published(user, practice):
    return practice is not None and practice.state == State.APPROVED


@rules.predicate
def is_practice_submitter(user, practice):
    return practice is not None and user.is_authenticated and practice.submitter_id == user.pk


@rules.predicate
def is_editable(user, practice):
    return practice is not None and practice.state in EDITABLE_STATES


@rules.predicate
def is_withdrawable(user, practice):
    return practice is not None and practice.state in WITHDRAWABLE_STATES


def _assignment(user, practice):
    if practice is None or not user.is_authenticated:
        return None
    cache = getattr(practice, "_assignment_cache", None)
    if cache is None:
        cache = practice._assignment_cache = {}
    if user.pk not in cache:
        cache[user.pk] = (
            Assignment.objects.filter(practice=practice, expert__user=user)
            .exclude(status=Assignment.Status.REMOVED)
            .first()
        )
    return cache[user.pk]


@rules.predicate
def is_invited_reviewer(user, practice):
    assignment = _assignment(user, practice)
    return assignment is not None and assignment.status in {
        Assignment.Status.INVITED,
        Assignment.Status.ACTIVE,
    }


@rules.predicate
def is_cleared_reviewer(user, practice):
    """Assigned and has declared no conflict of interest."""
    assignment = _assignment(user, practice)
    return assignment is not None and assignment.status == Assignment.Status.ACTIVE


@rules.predicate
def is_under_review(user, practice):
    return practice is not None and practice.state in REVIEWABLE_STATES


@rules.predicate
def is_being_reviewed(user, practice):
    """Screening (panel being formed) or in review: when reviewers declare conflicts."""
    return practice is not None and practice.state in (State.SCREENING, State.IN_REVIEW)


rules.add_perm("practices.add_practice", is_submitter)
# Who sees a practice, and so its attachments: anyone once it is published; before, the
# submitter, the secretariat, and assigned reviewers who declared no conflict of interest.
rules.add_perm(
    "practices.view_practice",
    is_published | is_secretariat | is_practice_submitter | is_cleared_reviewer,
)
rules.add_perm("practices.change_practice", is_practice_submitter & is_editable)
rules.add_perm("practices.submit_practice", is_practice_submitter & is_editable)
rules.add_perm("practices.withdraw_practice", is_practice_submitter & is_withdrawable)
rules.add_perm("practices.manage_practice", is_secretariat)
rules.add_perm("practices.decide_practice", is_secretariat)
rules.add_perm("practices.declare_conflict", is_invited_reviewer & is_being_reviewed)
rules.add_perm("practices.review_practice", is_cleared_reviewer & is_under_review)
rules.add_perm("practices.view_reviewer_identities", is_secretariat)
rules.add_perm("practices.view_private_contact", is_secretariat | is_practice_submitter)
rules.add_perm("practices.view_history", is_secretariat | is_practice_submitter)
rules.add_perm("practices.manage_roster", is_secretariat)
# Who decides the panel rules for an approved expert (internal or external, organisation,
# government, declared conflicts): the secretariat only; an applicant sets them until approval.
rules.add_perm("practices.change_expert_panel_fields", is_secretariat)
rules.add_perm("practices.review_queue", is_reviewer | is_secretariat)
rules.add_perm("practices.open_call", is_secretariat)

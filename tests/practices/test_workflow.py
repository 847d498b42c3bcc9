import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gcmhub.practices import review, submission, workflow
from gcmhub.practices.models import Practice, State, Transition
from tests.factories import SecretariatFactory, StakeholderFactory
from tests.practices.factories import full_panel, make_practice, review_data

pytestmark = pytest.mark.django_db


def _in_review(secretariat):
    practice = make_practice()
    submission.submit(practice, practice.submitter)
    workflow.transition(practice, State.SCREENING, secretariat)
    panel = full_panel(practice, secretariat)
    workflow.transition(practice, State.IN_REVIEW, secretariat)
    return practice, panel


def test_submit_records_transition_and_notifies(django_capture_on_commit_callbacks):
    practice = make_practice()
    with django_capture_on_commit_callbacks(execute=True):
        submission.submit(practice, practice.submitter)
    assert practice.state == State.SUBMITTED
    move = Transition.objects.get(practice=practice)
    assert (move.from_state, move.to_state, move.by) == ("draft", "submitted", practice.submitter)
    assert mail.outbox[-1].to == [practice.submitter.email]


def test_state_email_links_to_the_practice_in_the_active_language(
    django_capture_on_commit_callbacks, settings
):
    from django.utils import translation

    settings.GCMHUB_BASE_URL = "https://gcmhub.example.org"
    practice = make_practice()
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        submission.submit(practice, practice.submitter)
    body = mail.outbox[-1].body
    assert f"https://gcmhub.example.org/fr/practices/{practice.pk}/" in body
    assert practice.title in body
    assert "was received" not in body  # written in French, not the English source


def test_submit_without_objectives_fails_and_changes_nothing():
    practice = make_practice(objectives=())
    with pytest.raises(ValidationError) as error:
        submission.submit(practice, practice.submitter)
    assert "objectives" in error.value.message_dict
    practice.refresh_from_db()
    assert practice.state == State.DRAFT
    assert not Transition.objects.filter(practice=practice).exists()


def test_submit_ongoing_practice_is_refused():
    practice = make_practice(implementation_status="ongoing")
    with pytest.raises(ValidationError) as error:
        submission.submit(practice, practice.submitter)
    assert "implementation_status" in error.value.message_dict


def test_submit_before_gcm_needs_flag_and_reason():
    from datetime import date

    practice = make_practice(start_date=date(2016, 1, 1))
    with pytest.raises(ValidationError) as error:
        submission.submit(practice, practice.submitter)
    assert "start_date" in error.value.message_dict
    flagged = make_practice(
        start_date=date(2016, 1, 1), predates_gcm=True, predates_gcm_reason="Scaled up in 2020."
    )
    assert submission.submit(flagged, flagged.submitter).state == State.SUBMITTED


def test_transition_not_allowed_is_refused():
    practice = make_practice()
    with pytest.raises(ValidationError):
        workflow.transition(practice, State.APPROVED, SecretariatFactory())


def test_screening_by_submitter_is_forbidden():
    practice = make_practice()
    submission.submit(practice, practice.submitter)
    with pytest.raises(PermissionDenied):
        workflow.transition(practice, State.SCREENING, practice.submitter)
    assert Practice.objects.get(pk=practice.pk).state == State.SUBMITTED


def test_review_cannot_start_without_full_panel():
    secretariat = SecretariatFactory()
    practice = make_practice()
    submission.submit(practice, practice.submitter)
    workflow.transition(practice, State.SCREENING, secretariat)
    with pytest.raises(ValidationError) as error:
        workflow.transition(practice, State.IN_REVIEW, secretariat)
    assert "assignments" in error.value.message_dict


def test_approval_only_through_decision():
    secretariat = SecretariatFactory()
    practice, _panel = _in_review(secretariat)
    with pytest.raises(ValidationError):
        workflow.transition(practice, State.APPROVED, secretariat)


def test_full_cycle_with_changes_requested():
    secretariat = SecretariatFactory()
    practice, panel = _in_review(secretariat)
    for assignment in panel:
        review.submit_review(practice, assignment.expert.user, review_data("revise"))
    review.record_decision(practice, secretariat, "revise", "Add evidence of results.")
    assert practice.state == State.CHANGES_REQUESTED
    submission.save_draft(practice, {"results": "Survey of 400 users."}, practice.submitter)
    submission.submit(practice, practice.submitter)
    assert (practice.state, practice.review_round) == (State.IN_REVIEW, 2)
    assert review.outcome(practice).kind == review.PENDING
    for assignment in panel:
        review.submit_review(practice, assignment.expert.user, review_data("approve"))
    review.record_decision(practice, secretariat, "approve", "Reviewers agree.")
    assert practice.state == State.APPROVED
    assert practice.published_at is not None
    moves = list(Transition.objects.filter(practice=practice).values_list("to_state", flat=True))
    assert moves == [
        "submitted",
        "screening",
        "in_review",
        "changes_requested",
        "in_review",
        "approved",
    ]


def test_withdraw_by_submitter_and_archive_by_secretariat():
    practice = make_practice()
    workflow.transition(practice, State.WITHDRAWN, practice.submitter, "No longer running.")
    workflow.transition(practice, State.ARCHIVED, SecretariatFactory())
    assert Practice.objects.get(pk=practice.pk).state == State.ARCHIVED


def test_withdraw_by_someone_else_is_forbidden():
    practice = make_practice()
    with pytest.raises(PermissionDenied):
        workflow.transition(practice, State.WITHDRAWN, StakeholderFactory())


def test_reject_needs_reasons():
    secretariat = SecretariatFactory()
    practice = make_practice()
    submission.submit(practice, practice.submitter)
    workflow.transition(practice, State.SCREENING, secretariat)
    with pytest.raises(ValidationError):
        workflow.transition(practice, State.REJECTED, secretariat, "")
    workflow.transition(practice, State.REJECTED, secretariat, "Out of scope: not about migration.")
    assert practice.decision_reasons.startswith("Out of scope")


def test_publishing_invalidates_repository_cache(django_capture_on_commit_callbacks):
    from gcmhub.practices import search

    secretariat = SecretariatFactory()
    practice, panel = _in_review(secretariat)
    for assignment in panel:
        review.submit_review(practice, assignment.expert.user, review_data("approve"))
    before = search.repository_version()
    with django_capture_on_commit_callbacks(execute=True):
        review.record_decision(practice, secretariat, "approve", "Agreed.")
    assert search.repository_version() == before + 1

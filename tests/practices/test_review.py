from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from gcmhub.practices import review, submission, workflow
from gcmhub.practices.models import Assignment, Review, State
from tests.factories import FocalPointFactory, SecretariatFactory, StakeholderFactory, country
from tests.practices.factories import full_panel, make_expert, make_practice, review_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return SecretariatFactory()


def _screening(secretariat, **kwargs):
    practice = make_practice(**kwargs)
    submission.submit(practice, practice.submitter)
    return workflow.transition(practice, State.SCREENING, secretariat)


def _in_review(secretariat):
    practice = _screening(secretariat)
    panel = full_panel(practice, secretariat)
    workflow.transition(practice, State.IN_REVIEW, secretariat)
    return practice, panel


def test_assign_expert_from_same_organisation_is_refused(secretariat):
    submitter = StakeholderFactory()
    practice = _screening(secretariat, submitter=submitter)
    expert = make_expert(organization=submitter.organization)
    with pytest.raises(ValidationError) as error:
        review.assign(practice, expert, secretariat)
    assert "conflict of interest" in str(error.value)
    assert not Assignment.objects.filter(practice=practice).exists()


def test_assign_government_expert_to_state_submission_is_refused(secretariat):
    practice = _screening(secretariat, submitter=FocalPointFactory())
    assert practice.submitting_state.iso3 == "MEX"
    expert = make_expert(government_of=country("MEX"))
    with pytest.raises(ValidationError):
        review.assign(practice, expert, secretariat)


def test_assign_expert_with_declared_conflict_is_refused(secretariat):
    submitter = StakeholderFactory()
    practice = _screening(secretariat, submitter=submitter)
    expert = make_expert()
    expert.conflict_organizations.add(submitter.organization)
    with pytest.raises(ValidationError):
        review.assign(practice, expert, secretariat)


def test_assign_by_non_secretariat_is_forbidden(secretariat):
    practice = _screening(secretariat)
    with pytest.raises(PermissionDenied):
        review.assign(practice, make_expert(), practice.submitter)


def test_reviewer_must_declare_before_reviewing(secretariat):
    practice = _screening(secretariat)
    panel = full_panel(practice, secretariat, declare=False)
    workflow.transition(practice, State.IN_REVIEW, secretariat)
    with pytest.raises(PermissionDenied):
        review.submit_review(practice, panel[0].expert.user, review_data())
    assert not Review.objects.exists()


def test_declared_conflict_removes_reviewer_from_panel(secretariat):
    practice = _screening(secretariat)
    panel = full_panel(practice, secretariat, declare=False)
    review.declare(practice, panel[1].expert.user, has_conflict=True, note="I advised them.")
    assert review.panel_problems(practice) == ["Assign at least two external reviewers."]
    with pytest.raises(ValidationError):
        review.assign(practice, panel[1].expert, secretariat)


def test_declaring_conflict_needs_a_note(secretariat):
    practice = _screening(secretariat)
    panel = full_panel(practice, secretariat, declare=False)
    with pytest.raises(ValidationError):
        review.declare(practice, panel[0].expert.user, has_conflict=True)
    assert Assignment.objects.get(pk=panel[0].pk).status == Assignment.Status.INVITED


def test_review_with_bad_scores_changes_nothing(secretariat):
    practice, panel = _in_review(secretariat)
    with pytest.raises(ValidationError) as error:
        review.submit_review(practice, panel[0].expert.user, review_data(relevance=9, comments=""))
    assert set(error.value.message_dict) == {"relevance", "comments"}
    assert not Review.objects.exists()


def test_review_twice_in_one_round_is_refused(secretariat):
    practice, panel = _in_review(secretariat)
    review.submit_review(practice, panel[0].expert.user, review_data())
    with pytest.raises(ValidationError):
        review.submit_review(practice, panel[0].expert.user, review_data())


@pytest.mark.parametrize(
    ("recommendations", "kind", "agreed"),
    [
        (["approve"], "pending", None),
        (["approve", "approve"], "pending", None),
        (["approve", "approve", "approve"], "agreed", "approve"),
        (["revise", "revise", "revise"], "agreed", "revise"),
        (["reject", "reject", "reject"], "agreed", "reject"),
        (["approve", "approve", "revise"], "disagreement", None),
        (["approve", "reject", "revise"], "disagreement", None),
    ],
)
def test_decision_rule(secretariat, recommendations, kind, agreed):
    practice, panel = _in_review(secretariat)
    for assignment, recommendation in zip(panel, recommendations, strict=False):
        review.submit_review(practice, assignment.expert.user, review_data(recommendation))
    result = review.outcome(practice)
    assert (result.kind, result.recommendation) == (kind, agreed)


def test_agreement_decides(secretariat):
    practice, panel = _in_review(secretariat)
    for assignment in panel:
        review.submit_review(practice, assignment.expert.user, review_data("reject"))
    with pytest.raises(ValidationError):
        review.record_decision(practice, secretariat, "approve", "We like it.")
    assert practice.state == State.IN_REVIEW
    review.record_decision(practice, secretariat, "reject", "No evidence of results.")
    assert practice.state == State.REJECTED


def test_disagreement_settled_by_secretariat_with_reasons(secretariat):
    practice, panel = _in_review(secretariat)
    for assignment, rec in zip(panel, ["approve", "approve", "revise"], strict=True):
        review.submit_review(practice, assignment.expert.user, review_data(rec))
    with pytest.raises(ValidationError):
        review.record_decision(practice, secretariat, "approve", "   ")
    review.record_decision(practice, secretariat, "approve", "The revise point is minor.")
    assert practice.state == State.APPROVED


def test_disagreement_brings_in_a_further_reviewer(secretariat):
    practice, panel = _in_review(secretariat)
    for assignment, rec in zip(panel, ["approve", "reject", "approve"], strict=True):
        review.submit_review(practice, assignment.expert.user, review_data(rec))
    assert review.outcome(practice).kind == review.DISAGREEMENT
    extra = make_expert(country="IND", gender="woman")
    review.assign(practice, extra, secretariat)
    assert review.outcome(practice).kind == review.PENDING
    with pytest.raises(ValidationError):
        review.record_decision(practice, secretariat, "approve", "Too early.")
    review.declare(practice, extra.user, has_conflict=False)
    review.submit_review(practice, extra.user, review_data("approve"))
    assert review.outcome(practice).kind == review.DISAGREEMENT
    review.record_decision(practice, secretariat, "approve", "Three of four approve.")
    assert practice.state == State.APPROVED


def test_decision_by_non_secretariat_is_forbidden(secretariat):
    practice, panel = _in_review(secretariat)
    for assignment in panel:
        review.submit_review(practice, assignment.expert.user, review_data("approve"))
    for user in (practice.submitter, panel[0].expert.user):
        with pytest.raises(PermissionDenied):
            review.record_decision(practice, user, "approve", "Looks good.")
    assert practice.state == State.IN_REVIEW


def test_reminders_and_overdue(secretariat, django_capture_on_commit_callbacks):
    practice, panel = _in_review(secretariat)
    Assignment.objects.filter(pk=panel[0].pk).update(
        due_date=timezone.localdate() - timedelta(days=2)
    )
    Assignment.objects.filter(pk=panel[1].pk).update(
        due_date=timezone.localdate() + timedelta(days=1)
    )
    review.submit_review(practice, panel[2].expert.user, review_data())
    assert [a.pk for a in review.overdue_assignments()] == [panel[0].pk]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = review.send_reminders()
    assert sorted(row["assignment"] for row in sent) == sorted([panel[0].pk, panel[1].pk])
    assert len(mail.outbox) == 2
    assert review.send_reminders() == []  # once a day


def test_remind_command_json(secretariat, capsys):
    _practice, panel = _in_review(secretariat)
    Assignment.objects.filter(pk=panel[0].pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    call_command("practices_remind", "--overdue", "--json")
    out = capsys.readouterr().out
    assert f'"assignment": {panel[0].pk}' in out


def test_queue_page_query_count_constant(client, secretariat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def overdue_practice():
        practice, panel = _in_review(secretariat)
        Assignment.objects.filter(practice=practice).update(
            due_date=timezone.localdate() - timedelta(days=3)
        )
        review.submit_review(practice, panel[0].expert.user, review_data())

    def count():
        client.get("/en/practices/manage/")
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/en/practices/manage/").content.decode()
        return len(queries), page.count('class="status-bad"')

    client.force_login(secretariat)
    overdue_practice()
    one, rows = count()
    assert rows == 2
    overdue_practice()
    overdue_practice()
    three, rows = count()
    assert rows == 6
    assert one == three

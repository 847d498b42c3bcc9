from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from gcmhub.pledges import services
from gcmhub.pledges.models import Participant, Pledge, ProgressReport
from tests.factories import FocalPointFactory, OrganizationFactory, StakeholderFactory, country
from tests.pledges.factories import first_id, make_pledge, pledge_data, report_data

pytestmark = pytest.mark.django_db


def test_create_pledge_gets_public_id_and_derived_facts():
    first = make_pledge()
    second = make_pledge(forum_year=2022, announced_on=date(2022, 5, 20))
    third = make_pledge()
    assert first.public_id == first_id()
    assert second.public_id == "IMRF2022-0001"
    assert third.public_id == first_id(number=2)
    assert first.entity_kind == "state"
    assert first.region == country("MEX").region
    assert first.forum is None
    assert second.forum.slug == "imrf-2022"
    assert first.quality_warnings == []
    assert first.next_due_on == first.targets.get().due_date


def test_create_pledge_by_organization_takes_its_type():
    org = OrganizationFactory(country=country("KEN"))
    pledge = make_pledge(
        by=StakeholderFactory(organization=org), entity_country=None, entity_organization=org
    )
    assert pledge.entity_kind == "civil-society"
    assert pledge.region == country("KEN").region


def test_create_pledge_with_weak_points_is_stored_with_warnings():
    pledge = make_pledge(targets=[], objectives=[])
    assert pledge.quality_warnings == ["measurable", "time_bound", "realistic", "linked"]


def test_matching_pledge_links_both_ways():
    original = make_pledge()
    matching = make_pledge(form="matching", matches=original)
    assert matching.matches == original
    assert list(original.matched_by.all()) == [matching]


def test_joint_pledge_invites_participants_by_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pledge = make_pledge(
            form="common",
            participants=[
                {
                    "name": "Kenya",
                    "email": "Focal@KE.example",
                    "country": country("KEN"),
                    "part": "Co-funds",
                }
            ],
        )
    participant = pledge.participants.get()
    assert participant.status == Participant.Status.INVITED
    assert participant.email == "focal@ke.example"
    assert len(mail.outbox) == 1
    assert pledge.public_id in mail.outbox[0].subject
    assert mail.outbox[0].to == ["focal@ke.example"]


def test_respond_to_invitation_confirms():
    pledge = make_pledge(form="partnership", participants=[{"name": "X", "email": "x@example.org"}])
    participant = pledge.participants.get()
    user = FocalPointFactory(email="x@example.org")
    services.respond_to_invitation(participant, True, by=user)
    participant.refresh_from_db()
    assert participant.status == "confirmed"
    assert participant.responded_by == user


def test_file_report_rolls_progress_up_by_weight():
    today = timezone.localdate()
    pledge = make_pledge(
        announced_on=today - timedelta(days=30),
        targets=[
            {
                "indicator": "A",
                "baseline": Decimal(0),
                "target_value": Decimal(10),
                "unit": "x",
                "due_date": today + timedelta(days=100),
                "weight": 3,
            },
            {"indicator": "Law adopted", "due_date": today + timedelta(days=50), "weight": 1},
        ],
    )
    a, law = pledge.targets.all()
    services.file_report(
        pledge,
        {
            "reported_on": today,
            "status": "in_progress",
            "results": [{"target": a, "value": Decimal(5)}, {"target": law, "achieved": True}],
        },
        by=None,
    )
    pledge.refresh_from_db()
    assert pledge.progress == pytest.approx((50 * 3 + 100) / 4, abs=0.1)
    assert pledge.progress_status == "in_progress"
    assert pledge.last_report_on == today
    assert pledge.next_due_on == a.due_date  # the milestone is done


def test_target_progress_from_baseline_and_clamped():
    pledge = make_pledge()
    target = pledge.targets.get()
    target.baseline, target.target_value = Decimal("6.8"), Decimal(3)
    assert services.target_progress(target, Decimal("4.9"), False) == pytest.approx(50.0)
    assert services.target_progress(target, Decimal(10), False) == 0.0
    assert services.target_progress(target, Decimal(1), False) == 100.0


def test_latest_report_sets_status_and_completed_clears_due_date():
    today = timezone.localdate()
    pledge = make_pledge(announced_on=today - timedelta(days=100))
    services.file_report(pledge, report_data(pledge, 2, on=today - timedelta(days=50)), by=None)
    services.file_report(pledge, report_data(pledge, 4, status="completed"), by=None)
    pledge.refresh_from_db()
    assert pledge.progress == 100.0
    assert pledge.progress_status == "completed"
    assert pledge.next_due_on is None
    assert list(pledge.reports.values_list("progress", flat=True)) == [100.0, 50.0]


def test_discontinued_needs_a_reason():
    pledge = make_pledge()
    with pytest.raises(ValidationError) as caught:
        services.file_report(pledge, report_data(pledge, 1, status="discontinued"), by=None)
    assert "discontinued_reason" in caught.value.message_dict
    assert ProgressReport.objects.count() == 0


def test_report_in_the_future_is_refused():
    pledge = make_pledge()
    future = timezone.localdate() + timedelta(days=3)
    with pytest.raises(ValidationError):
        services.file_report(pledge, report_data(pledge, 1, on=future), by=None)


def test_withdraw_keeps_the_pledge_and_records_history():
    user = FocalPointFactory()
    pledge = make_pledge(by=user)
    services.withdraw_pledge(pledge, "Budget was not approved.", by=user)
    pledge = Pledge.objects.get(pk=pledge.pk)
    assert pledge.is_withdrawn
    assert pledge.withdrawn_reason == "Budget was not approved."
    latest = pledge.history.first()
    assert latest.history_user == user
    assert latest.withdrawn_reason == "Budget was not approved."


def test_update_pledge_records_change_and_adds_target():
    user = FocalPointFactory()
    pledge = make_pledge(by=user)
    due = timezone.localdate() + timedelta(days=90)
    services.update_pledge(
        pledge,
        {
            "title": "Five one-stop centres",
            "targets": [{"indicator": "Guide published", "due_date": due}],
        },
        by=user,
    )
    pledge.refresh_from_db()
    assert pledge.title == "Five one-stop centres"
    assert pledge.targets.count() == 2
    assert pledge.history.count() >= 2


def test_public_ids_are_unique_under_many_creations():
    ids = {make_pledge().public_id for _ in range(5)}
    assert len(ids) == 5
    assert max(ids) == first_id(number=5)


def test_pledge_data_defaults_are_valid():
    assert services.create_pledge(pledge_data(), by=None).pk

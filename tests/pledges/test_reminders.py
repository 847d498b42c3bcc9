import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from gcmhub.pledges import services
from gcmhub.pledges.reminders import send_reminders
from tests.pledges.factories import at, make_pledge, report_data

pytestmark = pytest.mark.django_db


def test_reminder_before_due_date_sent_once():
    today = timezone.localdate()
    pledge = make_pledge(
        targets=[{"indicator": "Law adopted", "due_date": today + timedelta(days=10)}]
    )
    mail.outbox.clear()
    sent = send_reminders(today=today, days=30)
    assert [(s.kind, s.public_id) for s in sent] == [("due", pledge.public_id)]
    assert mail.outbox[0].to == ["ana.perez@example.org"]
    assert "Law adopted" in mail.outbox[0].body
    assert send_reminders(today=today, days=30) == []


def test_reminder_for_silent_pledge_and_not_for_reported_one():
    today = timezone.localdate()
    silent = make_pledge(**at(today - timedelta(days=400)))
    active = make_pledge(**at(today - timedelta(days=400)))
    services.file_report(active, report_data(active, 1, on=today - timedelta(days=20)), by=None)
    sent = send_reminders(today=today, days=0)
    assert [(s.kind, s.public_id) for s in sent] == [("silent", silent.public_id)]


def test_withdrawn_and_completed_pledges_get_no_reminder():
    today = timezone.localdate()
    done = make_pledge(**at(today - timedelta(days=400)))
    services.file_report(
        done, report_data(done, 4, on=today - timedelta(days=380), status="completed"), by=None
    )
    gone = make_pledge(**at(today - timedelta(days=400)))
    services.withdraw_pledge(gone, "Stopped", by=None)
    assert send_reminders(today=today, days=3000) == []


def test_command_json_and_dry_run(capsys):
    today = timezone.localdate()
    make_pledge(targets=[{"indicator": "Law adopted", "due_date": today + timedelta(days=5)}])
    mail.outbox.clear()
    call_command("pledge_reminders", "--dry-run", "--json")
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["kind"] == "due"
    assert mail.outbox == []
    call_command("pledge_reminders")
    assert "1 reminder sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_command_bad_date_is_clear_error():
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("pledge_reminders", "--today", "tomorrow")


@pytest.mark.parametrize(
    "backend",
    [
        "gcmhub.core.mail.StderrEmailBackend",  # the default console backend
        "django.core.mail.backends.console.EmailBackend",  # Django's, which prints to stdout
    ],
)
def test_command_json_is_valid_while_emails_go_to_the_console(settings, capsys, backend):
    settings.EMAIL_BACKEND = backend
    today = timezone.localdate()
    pledge = make_pledge(
        targets=[{"indicator": "Law adopted", "due_date": today + timedelta(days=5)}]
    )
    capsys.readouterr()
    call_command("pledge_reminders", "--json")
    out, err = capsys.readouterr()
    listed = json.loads(out)
    assert [(r["kind"], r["public_id"]) for r in listed] == [("due", pledge.public_id)]
    assert "Subject: Pledge" in err  # the email itself went to standard error

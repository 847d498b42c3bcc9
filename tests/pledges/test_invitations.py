"""Joint pledges: an invited participant answers through the signed link in the email, with or
without an account; a tampered or expired link changes nothing."""

import re
import time

import pytest
from django.core import mail
from django.test import Client

from gcmhub.pledges import services
from gcmhub.pledges.models import Participant
from tests.factories import FocalPointFactory, StakeholderFactory, country
from tests.pledges.factories import make_pledge

pytestmark = pytest.mark.django_db

BASE = "https://gcmhub.example.org"


@pytest.fixture
def joint(settings, django_capture_on_commit_callbacks):
    settings.GCMHUB_BASE_URL = BASE
    with django_capture_on_commit_callbacks(execute=True):
        pledge = make_pledge(
            form="common",
            participants=[
                {
                    "name": "Kenya",
                    "email": "K@ke.example",
                    "country": country("KEN"),
                    "part": "Trains the staff of two centres.",
                },
                {"name": "Senegal", "email": "s@sn.example", "country": country("SEN")},
            ],
        )
    return pledge


def _link(to: str) -> str:
    message = next(m for m in mail.outbox if m.to == [to])
    return re.search(rf"{re.escape(BASE)}(/\S+/invitation/\S+/)", message.body).group(1)


def test_email_carries_a_personal_link_under_the_base_url(joint):
    kenya = joint.participants.get(name="Kenya")
    body = next(m for m in mail.outbox if m.to == ["k@ke.example"]).body
    assert f"{BASE}/en/pledges/invitation/" in body
    assert "no account is needed" in body
    assert _link("k@ke.example") != _link("s@sn.example")
    token = _link("k@ke.example").split("/")[-2]
    assert services.participant_from_token(token) == kenya
    assert b"ke.example" not in services.signing.b64_decode(token.split(":")[0].encode())


def test_invitee_without_account_sees_part_and_confirms(client, joint):
    url = _link("k@ke.example")
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert joint.title in text
    assert "Trains the staff of two centres." in text
    assert page["Referrer-Policy"] == "same-origin"
    assert "ana.perez@example.org" not in text  # the lead's contact stays private
    response = client.post(url, {"answer": "confirm"})
    assert response.status_code == 302
    kenya = joint.participants.get(name="Kenya")
    assert kenya.status == Participant.Status.CONFIRMED
    assert kenya.responded_email == "k@ke.example"
    assert kenya.responded_by is None
    assert kenya.responded_at is not None
    record = kenya.history.order_by("-history_date").first()
    assert record.status == "confirmed"
    assert record.responded_email == "k@ke.example"
    assert record.history_user is None
    assert joint.participants.get(name="Senegal").status == Participant.Status.INVITED
    assert "Confirmed" in client.get(joint.get_absolute_url()).content.decode()


def test_logged_in_user_answering_through_link_is_recorded(client, joint):
    user = StakeholderFactory(email="someone@ke.example")
    client.force_login(user)
    client.post(_link("k@ke.example"), {"answer": "decline"})
    kenya = joint.participants.get(name="Kenya")
    assert kenya.status == Participant.Status.DECLINED
    assert kenya.responded_by == user
    assert kenya.responded_email == "k@ke.example"
    assert kenya.history.order_by("-history_date").first().history_user == user


def test_logged_in_path_still_works_for_matching_email(client, joint):
    kenya = joint.participants.get(name="Kenya")
    user = FocalPointFactory(country=country("UGA"), email="k@ke.example")
    client.force_login(user)
    url = f"/en/pledges/{joint.public_id}/participants/{kenya.pk}/respond/"
    assert client.post(url, {"answer": "confirm"}).status_code == 302
    kenya.refresh_from_db()
    assert (kenya.status, kenya.responded_by, kenya.responded_email) == (
        "confirmed",
        user,
        "k@ke.example",
    )


def test_tampered_link_is_refused_and_changes_nothing(client, joint):
    url = _link("k@ke.example")
    token = url.split("/")[-2]
    senegal = joint.participants.get(name="Senegal")
    forged = services.signing.dumps(
        {"participant": senegal.pk, "email": services._email_digest("s@sn.example")},
        salt="another salt",
    )
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"):
        bad_url = url.replace(token, bad)
        page = client.get(bad_url)
        assert page.status_code == 400
        assert "not valid" in page.content.decode()
        assert client.post(bad_url, {"answer": "confirm"}).status_code == 400
    assert set(joint.participants.values_list("status", flat=True)) == {"invited"}


def test_expired_link_is_refused(client, joint, monkeypatch):
    kenya = joint.participants.get(name="Kenya")
    sixty_one_days_ago = time.time() - 61 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(services.signing.time, "time", lambda: sixty_one_days_ago)
        token = services.invitation_token(kenya)
    url = f"/en/pledges/invitation/{token}/"
    page = client.get(url)
    assert page.status_code == 410
    assert "expired" in page.content.decode()
    assert client.post(url, {"answer": "confirm"}).status_code == 410
    kenya.refresh_from_db()
    assert kenya.status == "invited"


def test_link_dies_when_the_invited_address_changes(client, joint):
    url = _link("k@ke.example")
    Participant.objects.filter(name="Kenya").update(email="new@ke.example")
    assert client.post(url, {"answer": "confirm"}).status_code == 400
    assert joint.participants.get(name="Kenya").status == "invited"


def test_answer_needs_the_csrf_token(joint):
    browser = Client(enforce_csrf_checks=True)
    url = _link("k@ke.example")
    assert browser.post(url, {"answer": "confirm"}).status_code == 403
    assert joint.participants.get(name="Kenya").status == "invited"
    page = browser.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert browser.post(url, {"answer": "confirm", "csrfmiddlewaretoken": token}).status_code == 302
    assert joint.participants.get(name="Kenya").status == "confirmed"


def test_unknown_answer_and_withdrawn_pledge_change_nothing(client, joint):
    url = _link("k@ke.example")
    assert client.post(url, {"answer": "maybe"}).status_code == 400
    services.withdraw_pledge(joint, "Replaced.", by=None)
    page = client.get(url).content.decode()
    assert "Withdrawn on" in page
    assert "Confirm our part" not in page
    assert client.post(url, {"answer": "confirm"}).status_code == 409
    assert joint.participants.get(name="Kenya").status == "invited"


def test_entity_sends_a_fresh_link_when_the_old_one_expired(
    client, joint, monkeypatch, django_capture_on_commit_callbacks
):
    kenya = joint.participants.get(name="Kenya")
    url = f"/en/pledges/{joint.public_id}/participants/{kenya.pk}/resend/"
    client.force_login(StakeholderFactory())
    assert client.post(url).status_code == 403
    entity = FocalPointFactory(country=country("MEX"))
    client.force_login(entity)
    assert "Send the invitation again" in client.get(joint.get_absolute_url()).content.decode()
    mail.outbox.clear()
    sixty_one_days_ago = time.time() - 61 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(services.signing.time, "time", lambda: sixty_one_days_ago)
        stale = services.invitation_url(kenya).removeprefix(BASE)
    assert client.get(stale).status_code == 410
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    fresh = _link("k@ke.example")
    client.logout()
    assert client.post(fresh, {"answer": "confirm"}).status_code == 302
    kenya.refresh_from_db()
    assert kenya.status == "confirmed"
    assert kenya.history.filter(history_user=entity).exists()

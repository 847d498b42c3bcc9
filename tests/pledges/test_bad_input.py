"""Bad input gets a clear error and changes nothing: services, web form and API."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token

from gcmhub.pledges import services
from gcmhub.pledges.models import Pledge, PledgeSequence, Target
from tests.factories import FocalPointFactory
from tests.pledges.factories import DESCRIPTION, FORUM, pledge_data

pytestmark = pytest.mark.django_db
TOMORROW = timezone.localdate() + timedelta(days=1)


def docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


BAD = [
    ("short description", {"description": "x" * 100}, "description", "between 300 and 3000"),
    (
        "target without due date",
        {"targets": [{"indicator": "Centres open", "target_value": 4}]},
        "targets",
        "due date",
    ),
    (
        "matching names a missing pledge",
        {"form": "matching", "matches": None, "matches_missing": "IMRF2022-9999"},
        "matches",
        "IMRF2022-9999",
    ),
    ("amount without currency", {"amount": 1000, "currency": ""}, "currency", "currency"),
    ("unknown currency", {"amount": 1000, "currency": "XYZ"}, "currency", "ISO 4217"),
    (
        "financial without amount",
        {"pledge_type": "financial", "recipient": "MPTF"},
        "amount",
        "amount",
    ),
    (
        "attachment of wrong type",
        {"attachment": SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 10)},
        "attachment",
        "not accepted",
    ),
    (
        "attachment disguised as pdf",
        {"attachment": SimpleUploadedFile("plan.pdf", b"GIF89a fake")},
        "attachment",
        "not PDF",
    ),
    ("common pledge without participant", {"form": "common"}, "participants", "participant"),
    ("forum year that is no edition", {"forum_year": 2023}, "forum_year", "2022"),
    (
        "announced long before its forum",
        {"forum_year": 2030, "announced_on": date(2026, 5, 5)},
        "announced_on",
        "belongs to IMRF 2026",
    ),
    (
        "announced after its forum year",
        {"forum_year": 2022, "announced_on": date(2023, 1, 1)},
        "announced_on",
        "between 2019-01-01 and 2022-12-31",
    ),
]


@pytest.mark.parametrize(("case", "changes", "field", "words"), BAD, ids=[b[0] for b in BAD])
def test_create_pledge_bad_input_changes_nothing(case, changes, field, words):
    with pytest.raises(ValidationError) as caught:
        services.create_pledge(pledge_data(**changes), by=FocalPointFactory())
    messages = " ".join(caught.value.message_dict[field])
    assert words in messages
    assert Pledge.objects.count() == 0
    assert Target.objects.count() == 0
    assert PledgeSequence.objects.count() == 0


def test_attachment_over_25_mb_is_refused():
    big = SimpleUploadedFile("plan.docx", docx_bytes())
    big.size = 26 * 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        services.create_pledge(pledge_data(attachment=big), by=FocalPointFactory())
    assert "limit is 25" in " ".join(caught.value.message_dict["attachment"])
    assert Pledge.objects.count() == 0


def test_valid_docx_attachment_is_stored():
    upload = SimpleUploadedFile("plan.docx", docx_bytes())
    pledge = services.create_pledge(pledge_data(attachment=upload), by=FocalPointFactory())
    assert pledge.attachment.name.endswith(".docx")
    assert pledge.public_id in pledge.attachment.name


def _form_post(**changes):
    post = {
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        "title": "Centres",
        "description": DESCRIPTION,
        "pledge_type": "process",
        "form": "individual",
        "matches": "",
        "objectives": ["21"],
        "level": "national",
        "forum_year": str(FORUM),
        "announced_on": timezone.localdate().isoformat(),
        "currency": "",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-0-indicator": "Centres open",
        "targets-0-target_value": "4",
        "targets-0-due_date": (timezone.localdate() + timedelta(days=300)).isoformat(),
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
    }
    post.update(changes)
    return post


WEB_BAD = [
    ({"description": "y" * 100}, "between 300 and 3000"),
    ({"targets-0-due_date": ""}, "Target 1: give the due date"),
    ({"form": "matching", "matches": "IMRF2022-9999"}, "There is no pledge with the ID"),
    ({"amount": "5000"}, "An amount needs its currency"),
]


@pytest.mark.parametrize(("changes", "words"), WEB_BAD)
def test_web_form_bad_input_shows_error_and_stores_nothing(client, changes, words):
    client.force_login(FocalPointFactory())
    response = client.post("/en/pledges/new/", _form_post(**changes))
    assert response.status_code == 200
    assert words in response.content.decode()
    assert Pledge.objects.count() == 0


def test_web_form_wrong_attachment_type_shows_error(client):
    client.force_login(FocalPointFactory())
    upload = SimpleUploadedFile("notes.exe", b"MZ" * 50)
    response = client.post("/en/pledges/new/", {**_form_post(), "attachment": upload})
    assert "are not accepted here" in response.content.decode()
    assert Pledge.objects.count() == 0


def _api_body() -> dict:
    return {
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        "title": "Centres",
        "description": DESCRIPTION,
        "pledge_type": "process",
        "form": "individual",
        "objectives": [21],
        "level": "national",
        "forum_year": FORUM,
        "announced_on": timezone.localdate().isoformat(),
    }


API_BAD = [
    ({"description": "z" * 100}, "description"),
    ({"targets": [{"indicator": "Centres", "target_value": "4"}]}, "targets"),
    ({"form": "matching", "matches": "IMRF2022-9999"}, "matches"),
    ({"amount": "100.00"}, "currency"),
]


@pytest.mark.parametrize(("changes", "field"), API_BAD)
def test_api_bad_input_returns_uniform_error(api_client, changes, field):
    user = FocalPointFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    body = {**_api_body(), **changes}
    response = api_client.post("/api/v1/pledges/", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize(
    ("forum_year", "announced_on"),
    [(2022, date(2019, 1, 1)), (2022, date(2022, 12, 31)), (2026, date(2023, 1, 1))],
)
def test_announcement_window_edges_are_accepted(forum_year, announced_on):
    data = pledge_data(forum_year=forum_year, announced_on=announced_on)
    assert services.create_pledge(data, by=FocalPointFactory()).pk


def test_web_and_api_show_the_announcement_error(client, api_client):
    user = FocalPointFactory()
    client.force_login(user)
    changes = {"forum_year": "2022", "announced_on": "2024-03-01"}
    response = client.post("/en/pledges/new/", _form_post(**changes))
    assert "belongs to IMRF 2026" in response.content.decode()
    api_client.force_authenticate(user)
    body = {**_api_body(), "forum_year": 2022, "announced_on": "2024-03-01"}
    response = api_client.post("/api/v1/pledges/", body, format="json")
    assert response.status_code == 400
    assert "announced_on" in response.json()["error"]["fields"]
    assert Pledge.objects.count() == 0

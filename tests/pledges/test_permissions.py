"""The permission matrix: only the pledging entity and the secretariat change a pledge;
partners confirm only their own part; the public never sees contact data."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.authtoken.models import Token

from gcmhub.pledges import services
from tests.factories import (
    ExternalReviewerFactory,
    FocalPointFactory,
    OrganizationFactory,
    SecretariatFactory,
    StakeholderFactory,
    country,
)
from tests.pledges.factories import make_pledge

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": lambda: AnonymousUser(),
    "secretariat": lambda: SecretariatFactory(),
    "entity focal point": lambda: FocalPointFactory(country=country("MEX")),
    "other focal point": lambda: FocalPointFactory(country=country("KEN")),
    "stakeholder": lambda: StakeholderFactory(),
    "reviewer": lambda: ExternalReviewerFactory(),
    "invited partner": lambda: FocalPointFactory(country=country("KEN"), email="p@ke.example"),
}

MATRIX = [
    # role, change, withdraw, report, contact, confirm the partner's part
    ("anonymous", False, False, False, False, False),
    ("secretariat", True, True, True, True, False),
    ("entity focal point", True, True, True, True, False),
    ("other focal point", False, False, False, False, True),  # acts for Kenya, the partner
    ("stakeholder", False, False, False, False, False),
    ("reviewer", False, False, False, False, False),
    ("invited partner", False, False, False, False, True),
]


@pytest.fixture
def joint_pledge():
    return make_pledge(
        form="partnership",
        participants=[{"name": "Kenya", "email": "p@ke.example", "country": country("KEN")}],
    )


@pytest.mark.parametrize(("role", "change", "withdraw", "report", "contact", "confirm"), MATRIX)
def test_permission_matrix(joint_pledge, role, change, withdraw, report, contact, confirm):
    user = ROLES[role]()
    participant = joint_pledge.participants.get()
    assert user.has_perm("pledges.change_pledge", joint_pledge) is change
    assert user.has_perm("pledges.withdraw_pledge", joint_pledge) is withdraw
    assert user.has_perm("pledges.add_progress_report", joint_pledge) is report
    assert user.has_perm("pledges.view_contact", joint_pledge) is contact
    assert user.has_perm("pledges.confirm_participation", participant) is confirm


def test_partner_cannot_confirm_another_participants_part():
    pledge = make_pledge(
        form="common",
        participants=[
            {"name": "Kenya", "email": "k@ke.example", "country": country("KEN")},
            {"name": "Senegal", "email": "s@sn.example", "country": country("SEN")},
        ],
    )
    kenya, senegal = pledge.participants.order_by("id")
    kenyan = FocalPointFactory(country=country("KEN"))
    assert kenyan.has_perm("pledges.confirm_participation", kenya)
    assert not kenyan.has_perm("pledges.confirm_participation", senegal)


def test_organisation_member_confirms_for_its_organisation():
    org = OrganizationFactory()
    pledge = make_pledge(
        form="partnership",
        participants=[{"name": org.name, "email": "boss@org.example", "organization": org}],
    )
    member = StakeholderFactory(organization=org)
    assert member.has_perm("pledges.confirm_participation", pledge.participants.get())


def test_withdrawn_pledge_is_frozen_for_its_entity_but_not_for_secretariat():
    entity = FocalPointFactory(country=country("MEX"))
    pledge = make_pledge(by=entity)
    services.withdraw_pledge(pledge, "No budget.", by=entity)
    assert not entity.has_perm("pledges.change_pledge", pledge)
    assert not entity.has_perm("pledges.add_progress_report", pledge)
    assert SecretariatFactory().has_perm("pledges.change_pledge", pledge)


def test_stakeholder_entity_changes_its_organisations_pledge():
    org = OrganizationFactory()
    member = StakeholderFactory(organization=org)
    pledge = make_pledge(by=member, entity_country=None, entity_organization=org)
    assert member.has_perm("pledges.change_pledge", pledge)
    assert not StakeholderFactory().has_perm("pledges.change_pledge", pledge)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("other focal point", 403),
        ("entity focal point", 200),
        ("secretariat", 200),
    ],
)
def test_edit_page_permissions(client, joint_pledge, role, status):
    user = ROLES[role]()
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(f"/en/pledges/{joint_pledge.public_id}/edit/")
    assert response.status_code == status


def test_public_page_and_api_never_show_contact(client, api_client, joint_pledge):
    page = client.get(joint_pledge.get_absolute_url()).content.decode()
    api = api_client.get(f"/api/v1/pledges/{joint_pledge.public_id}/").json()
    listing = api_client.get("/api/v1/pledges/").content.decode()
    export = client.get("/en/pledges/export.json").content.decode()
    for text in (page, str(api), listing, export):
        assert "ana.perez@example.org" not in text
        assert "Ana Pérez" not in text
        assert "p@ke.example" not in text
    assert api["contact"] is None


def test_entity_sees_contact_on_page_and_api(client, api_client, joint_pledge):
    user = FocalPointFactory(country=country("MEX"))
    client.force_login(user)
    assert "ana.perez@example.org" in client.get(joint_pledge.get_absolute_url()).content.decode()
    api_client.force_authenticate(user)
    body = api_client.get(f"/api/v1/pledges/{joint_pledge.public_id}/").json()
    assert body["contact"]["email"] == "ana.perez@example.org"


@pytest.mark.parametrize(
    ("role", "status"), [("other focal point", 403), ("entity focal point", 200)]
)
def test_api_update_only_by_entity(api_client, joint_pledge, role, status):
    user = ROLES[role]()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = api_client.patch(
        f"/api/v1/pledges/{joint_pledge.public_id}/", {"title": "Renamed"}, format="json"
    )
    assert response.status_code == status
    joint_pledge.refresh_from_db()
    assert (joint_pledge.title == "Renamed") is (status == 200)


def test_api_update_refused_once_withdrawn(api_client):
    entity = FocalPointFactory(country=country("MEX"))
    pledge = make_pledge(by=entity)
    services.withdraw_pledge(pledge, "Stopped.", by=entity)
    api_client.force_authenticate(entity)
    response = api_client.patch(
        f"/api/v1/pledges/{pledge.public_id}/", {"title": "X"}, format="json"
    )
    assert response.status_code == 403


def test_partner_confirms_only_through_its_invitation(client, joint_pledge):
    participant = joint_pledge.participants.get()
    url = f"/en/pledges/{joint_pledge.public_id}/participants/{participant.pk}/respond/"
    client.force_login(StakeholderFactory())
    assert client.post(url, {"answer": "confirm"}).status_code == 403
    participant.refresh_from_db()
    assert participant.status == "invited"
    client.force_login(ROLES["invited partner"]())
    assert client.post(url, {"answer": "confirm"}).status_code == 302
    participant.refresh_from_db()
    assert participant.status == "confirmed"


def test_anonymous_cannot_file_progress_by_api(api_client, joint_pledge):
    response = api_client.post(
        f"/api/v1/pledges/{joint_pledge.public_id}/progress/",
        {"reported_on": "2026-01-01", "status": "in_progress"},
        format="json",
    )
    assert response.status_code in (401, 403)
    assert joint_pledge.reports.count() == 0

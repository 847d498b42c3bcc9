import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gcmhub.framework.models import Objective
from gcmhub.practices import roster
from gcmhub.practices.models import Expert
from tests.factories import SecretariatFactory, StakeholderFactory, country
from tests.practices.factories import make_expert

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    return {
        "name": "Dr Rivera",
        "gender": "woman",
        "languages": "es, en",
        "country": country("COL"),
        "years_experience": 12,
        "themes": ["gender", "human_rights"],
        **overrides,
    }


def test_apply_then_secretariat_approves():
    user = StakeholderFactory()
    expert = roster.apply(user, _fields(), list(Objective.objects.filter(number__in=[7, 23])))
    assert expert.status == Expert.Status.APPLIED
    assert expert.languages == "en,es"
    assert expert.region.name == "Americas"
    with pytest.raises(PermissionDenied):
        roster.set_status(expert, Expert.Status.APPROVED, user)
    roster.set_status(expert, Expert.Status.APPROVED, SecretariatFactory())
    user.refresh_from_db()
    assert user.role == "external_reviewer"


def test_apply_with_bad_language_changes_nothing():
    with pytest.raises(ValidationError):
        roster.apply(
            StakeholderFactory(), _fields(languages="xx"), list(Objective.objects.all()[:1])
        )
    assert not Expert.objects.exists()


def test_secretariat_adds_expert_with_new_account():
    expert = roster.add(
        SecretariatFactory(),
        "new.expert@example.org",
        _fields(is_un=True),
        list(Objective.objects.filter(number=1)),
    )
    assert expert.status == Expert.Status.APPROVED
    assert expert.user.role == "internal_reviewer"


def test_balance_shows_gaps():
    make_expert(objectives=(1, 2), country="SEN", gender="woman", languages="fr")
    make_expert(objectives=(2,), country="BRA", gender="man", languages="pt,es")
    make_expert(objectives=(3,), status="applied")
    balance = roster.balance()
    assert balance["total"] == 2
    assert dict(balance["regions"]) == {"Africa": 1, "Americas": 1}
    assert 3 in balance["gaps"]
    assert 1 not in balance["gaps"]
    assert dict(balance["objectives"])[2] == 2


def test_roster_page_balance_for_secretariat_only(client):
    make_expert(public_profile=True, name="Visible Person")
    make_expert(public_profile=False, name="Private Person")
    page = client.get("/en/practices/experts/").content.decode()
    assert "Visible Person" in page
    assert "Private Person" not in page
    assert "Balance of the approved roster" not in page
    client.force_login(SecretariatFactory())
    page = client.get("/en/practices/experts/").content.decode()
    assert "Private Person" in page
    assert "Balance of the approved roster" in page


def test_apply_through_form_with_declared_conflict(client):
    from tests.factories import OrganizationFactory

    conflicted = OrganizationFactory(name="Former Employer")
    user = StakeholderFactory()
    client.force_login(user)
    response = client.post(
        "/en/practices/experts/apply/",
        {
            "name": "Applicant Person",
            "country": str(country("KEN").pk),
            "gender": "woman",
            "years_experience": "5",
            "max_load": "2",
            "objectives": [str(Objective.objects.get(number=4).pk)],
            "language_choices": ["en", "fr"],
            "theme_choices": ["child"],
            "conflict_organizations": [str(conflicted.pk)],
        },
    )
    assert response.status_code == 302
    expert = Expert.objects.get(user=user)
    assert (expert.status, expert.languages, expert.themes) == ("applied", "en,fr", "child")
    assert list(expert.conflict_organizations.all()) == [conflicted]


def test_secretariat_approves_on_profile_page(client):
    expert = make_expert(status="applied")
    client.force_login(SecretariatFactory())
    response = client.post(expert.get_absolute_url(), {"status": "approved"})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.status == "approved"


def test_private_profile_hidden_from_public(client):
    expert = make_expert(public_profile=False)
    assert client.get(expert.get_absolute_url()).status_code == 404

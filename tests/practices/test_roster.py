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


# --- fields that decide the panel rules -------------------------------------------------------


def _form_data(expert, **overrides):
    """The profile form as the expert would post it, unchanged unless overridden."""
    data = {
        "name": expert.name,
        "country": str(expert.country_id),
        "gender": expert.gender,
        "years_experience": str(expert.years_experience),
        "max_load": str(expert.max_load),
        "available": "on",
        "objectives": [str(pk) for pk in expert.objectives.values_list("pk", flat=True)],
        "language_choices": expert.language_list,
    }
    if expert.is_un:
        data["is_un"] = "on"
    if expert.organization_id:
        data["organization"] = str(expert.organization_id)
    if expert.government_of_id:
        data["government_of"] = str(expert.government_of_id)
    data.update(overrides)
    return data


def _objectives(expert):
    return list(expert.objectives.all())


@pytest.mark.parametrize(
    "change",
    ["is_un", "organization", "government_of", "conflict_organizations"],
)
def test_approved_expert_cannot_change_panel_fields(change):
    from tests.factories import OrganizationFactory

    employer = OrganizationFactory(name="Old Employer")
    expert = make_expert(is_un=False, organization=employer, government_of=country("SEN"))
    expert.conflict_organizations.set([employer])
    values = {
        "is_un": {"is_un": True},
        "organization": {"organization": OrganizationFactory(name="New Employer")},
        "government_of": {"government_of": None},
        "conflict_organizations": {"conflict_organizations": []},
    }[change]
    with pytest.raises(ValidationError) as raised:
        roster.update(expert, expert.user, _fields(**values), _objectives(expert))
    assert change in raised.value.message_dict
    assert "secretariat" in raised.value.message_dict[change][0]
    expert = Expert.objects.get(pk=expert.pk)
    assert (expert.is_un, expert.organization, expert.government_of.iso3) == (
        False,
        employer,
        "SEN",
    )
    assert list(expert.conflict_organizations.all()) == [employer]
    assert expert.name != "Dr Rivera"  # nothing else was saved either


def test_approved_expert_still_edits_other_fields_and_secretariat_edits_all():
    expert = make_expert(is_un=False)
    roster.update(
        expert,
        expert.user,
        _fields(is_un=False, organization=None, government_of=None, conflict_organizations=[]),
        _objectives(expert),
    )
    assert Expert.objects.get(pk=expert.pk).name == "Dr Rivera"
    roster.update(expert, SecretariatFactory(), _fields(is_un=True), _objectives(expert))
    assert Expert.objects.get(pk=expert.pk).is_un is True


def test_pending_applicant_may_set_panel_fields():
    user = StakeholderFactory()
    expert = roster.apply(user, _fields(), list(Objective.objects.filter(number=3)))
    roster.update(expert, user, _fields(is_un=True), list(Objective.objects.filter(number=3)))
    assert Expert.objects.get(pk=expert.pk).is_un is True


def test_profile_form_shows_panel_fields_read_only_and_ignores_posted_changes(client):
    import re

    expert = make_expert(is_un=False)
    client.force_login(expert.user)
    url = f"/en/practices/experts/{expert.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Only the secretariat can change this" in page
    for name in ("is_un", "organization", "government_of", "conflict_organizations"):
        assert re.search(rf'name="{name}"[^>]*disabled', page), name
    assert not re.search(r'name="gender"[^>]*disabled', page)
    response = client.post(url, _form_data(expert, is_un="on", name="Renamed Expert"))
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.name == "Renamed Expert"
    assert expert.is_un is False
    client.force_login(SecretariatFactory())
    page = client.get(url).content.decode()
    assert "Only the secretariat can change this" not in page
    client.post(url, _form_data(expert, is_un="on"))
    expert.refresh_from_db()
    assert expert.is_un is True


def test_api_cannot_change_an_expert(api_client):
    from rest_framework.authtoken.models import Token

    expert = make_expert(is_un=False, public_profile=True)
    token, _created = Token.objects.get_or_create(user=expert.user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    for method in (api_client.patch, api_client.put):
        response = method(f"/api/v1/experts/{expert.pk}/", {"is_un": True}, format="json")
        assert response.status_code == 405
    assert Expert.objects.get(pk=expert.pk).is_un is False


# --- applying without an account ----------------------------------------------------------------


def _application(**overrides):
    data = {
        "name": "Outside Expert",
        "email": "Outside.Expert@Example.org",
        "country": str(country("PER").pk),
        "gender": "woman",
        "years_experience": "15",
        "max_load": "2",
        "available": "on",
        "objectives": [str(Objective.objects.get(number=5).pk)],
        "language_choices": ["es", "en"],
        "theme_choices": ["gender"],
    }
    data.update(overrides)
    return data


def test_visitor_applies_is_approved_and_sets_a_password(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    import re

    from django.contrib.auth import get_user_model

    settings.GCMHUB_BASE_URL = "https://gcmhub.example.org"
    assert client.get("/en/practices/experts/apply/").status_code == 200
    response = client.post("/en/practices/experts/apply/", _application())
    assert response.status_code == 302
    expert = Expert.objects.get()
    assert (expert.status, expert.user, expert.email) == (
        "applied",
        None,
        "outside.expert@example.org",
    )
    assert not get_user_model().objects.filter(email="outside.expert@example.org").exists()
    assert mailoutbox == []

    # The secretariat sees the application and approves it.
    secretariat = SecretariatFactory()
    client.force_login(secretariat)
    page = client.get(expert.get_absolute_url()).content.decode()
    assert "outside.expert@example.org" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(expert.get_absolute_url(), {"status": "approved"})
    expert.refresh_from_db()
    assert expert.status == "approved"
    user = expert.user
    assert (user.email, user.role, user.full_name) == (
        "outside.expert@example.org",
        "external_reviewer",
        "Outside Expert",
    )
    assert not user.has_usable_password()
    [message] = mailoutbox
    assert message.to == ["outside.expert@example.org"]
    link = re.search(r"https://gcmhub\.example\.org(/\S+)", message.body).group(1)
    assert "/reset/" in link

    # The applicant chooses a password and signs in.
    client.logout()
    response = client.get(link, follow=True)
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url,
        {"new_password1": "a-long-new-passphrase-42", "new_password2": "a-long-new-passphrase-42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-passphrase-42")
    client.force_login(user)
    assert client.get("/en/practices/reviews/").status_code == 200


def test_visitor_application_for_the_un_makes_an_internal_reviewer(mailoutbox):
    expert = roster.apply_without_account(
        "un.person@example.org", _fields(is_un=True), list(Objective.objects.filter(number=2))
    )
    roster.set_status(expert, Expert.Status.APPROVED, SecretariatFactory())
    assert Expert.objects.get(pk=expert.pk).user.role == "internal_reviewer"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": ""}, "email"),
        ({"name": ""}, "name"),
        ({"objectives": []}, "objectives"),
        ({"language_choices": []}, "language_choices"),
    ],
)
def test_bad_visitor_application_is_refused_and_stores_nothing(client, overrides, field):
    response = client.post("/en/practices/experts/apply/", _application(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Expert.objects.exists()


def test_visitor_application_with_an_existing_account_or_twice_is_refused(client):
    StakeholderFactory(email="member@example.org")
    response = client.post("/en/practices/experts/apply/", _application(email="member@example.org"))
    assert "Log in, then apply from your account" in response.content.decode()
    assert not Expert.objects.exists()
    client.post("/en/practices/experts/apply/", _application())
    response = client.post("/en/practices/experts/apply/", _application())
    assert "already waiting" in response.content.decode()
    assert Expert.objects.count() == 1


def test_visitor_applications_are_rate_limited(client, monkeypatch):
    from gcmhub.practices import views

    monkeypatch.setattr(views, "ANONYMOUS_APPLICATIONS_PER_HOUR", 2)
    for n in range(2):
        response = client.post(
            "/en/practices/experts/apply/", _application(email=f"person{n}@example.org")
        )
        assert response.status_code == 302
    response = client.post("/en/practices/experts/apply/", _application(email="third@example.org"))
    assert response.status_code == 200
    assert "Too many applications" in response.content.decode()
    assert Expert.objects.count() == 2


def test_approval_refused_when_the_address_got_an_account_meanwhile(client):
    expert = roster.apply_without_account(
        "late@example.org", _fields(), list(Objective.objects.filter(number=2))
    )
    StakeholderFactory(email="late@example.org")
    with pytest.raises(ValidationError):
        roster.set_status(expert, Expert.Status.APPROVED, SecretariatFactory())
    expert.refresh_from_db()
    assert (expert.status, expert.user) == ("applied", None)
    client.force_login(SecretariatFactory())
    page = client.post(expert.get_absolute_url(), {"status": "approved"}, follow=True)
    assert "An account already uses late@example.org" in page.content.decode()


def test_visitor_cannot_edit_or_add(client):
    expert = make_expert()
    for url in (f"/en/practices/experts/{expert.pk}/edit/", "/en/practices/experts/add/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_signed_in_user_applies_from_account_as_before(client):
    user = StakeholderFactory()
    client.force_login(user)
    page = client.get("/en/practices/experts/apply/").content.decode()
    assert 'name="email"' not in page
    data = _application()
    data.pop("email")
    assert client.post("/en/practices/experts/apply/", data).status_code == 302
    assert Expert.objects.get().user == user

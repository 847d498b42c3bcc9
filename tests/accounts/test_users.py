import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from gcmhub.accounts.domain import add_user, api_token
from gcmhub.accounts.models import Organization, Role, User

pytestmark = pytest.mark.django_db


def test_add_focal_point_binds_the_country(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = add_user("fp@example.org", Role.FOCAL_POINT, country="ken", password="a-long-password-1")
    assert user.country.iso3 == "KEN"
    assert user.check_password("a-long-password-1")
    assert user.password.startswith("argon2")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"role": Role.FOCAL_POINT}, "country"),
        ({"role": Role.FOCAL_POINT, "country": "XYZ"}, "country"),
        ({"role": Role.STAKEHOLDER}, "organization"),
        ({"role": "president"}, "role"),
        (
            {"role": Role.STAKEHOLDER, "organization": "New Org", "stakeholder_type": "nope"},
            "stakeholder_type",
        ),
    ],
)
def test_add_user_with_bad_input_creates_nothing(kwargs, field):
    users, orgs = User.objects.count(), Organization.objects.count()
    role = kwargs.pop("role")
    with pytest.raises(ValidationError) as error:
        add_user("someone@example.org", role, **kwargs)
    assert field in error.value.message_dict
    assert (User.objects.count(), Organization.objects.count()) == (users, orgs)


def test_add_user_rejects_a_weak_password_and_keeps_nothing():
    with pytest.raises(ValidationError):
        add_user("weak@example.org", Role.SECRETARIAT, password="123")
    assert not User.objects.filter(email="weak@example.org").exists()


def test_add_stakeholder_creates_the_organisation_with_its_type():
    user = add_user(
        "s@example.org",
        Role.STAKEHOLDER,
        organization="Harbour Workers",
        stakeholder_type="trade-union",
    )
    assert user.organization.stakeholder_type.slug == "trade-union"
    assert not user.has_usable_password()


def test_users_command_add_list_and_token(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password-2\n"))
    out = io.StringIO()
    call_command(
        "users",
        "add",
        "cli@example.org",
        "--role",
        "focal_point",
        "--country",
        "MEX",
        "--password-stdin",
        stdout=out,
    )
    assert "Added cli@example.org" in out.getvalue()
    assert User.objects.get(email="cli@example.org").check_password("a-long-password-2")

    out = io.StringIO()
    call_command("users", "list", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert {
        "email": "cli@example.org",
        "role": "focal_point",
        "country": "MEX",
        "organization": None,
        "active": True,
    } in rows

    out = io.StringIO()
    call_command("users", "token", "cli@example.org", stdout=out)
    assert out.getvalue().strip() == api_token(User.objects.get(email="cli@example.org"))


def test_users_command_reports_an_unknown_country_clearly():
    with pytest.raises(CommandError, match="Unknown country code “ZZZ”"):
        call_command("users", "add", "x@example.org", "--role", "focal_point", "--country", "ZZZ")
    assert not User.objects.filter(email="x@example.org").exists()


def test_users_command_refuses_a_weak_password_clearly(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match=r"^password: .*too short"):
        call_command(
            "users", "add", "weak@example.org", "--role", "secretariat", "--password-stdin"
        )
    assert not User.objects.filter(email="weak@example.org").exists()


@pytest.mark.parametrize("role", ["secretariat", "internal_reviewer", "external_reviewer"])
def test_users_command_refuses_a_country_for_roles_without_one(role):
    with pytest.raises(CommandError, match=r"^country: Only Member State focal points"):
        call_command("users", "add", "c@example.org", "--role", role, "--country", "MEX")
    assert not User.objects.filter(email="c@example.org").exists()


def test_model_validation_requires_country_for_focal_points():
    with pytest.raises(ValidationError):
        User.objects.create_user(
            email="no-country@example.org", password="x", role=Role.FOCAL_POINT
        )

"""The role matrix every app's permissions are built from."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gcmhub.accounts import rules as role_rules
from tests.factories import (
    ExternalReviewerFactory,
    FocalPointFactory,
    InternalReviewerFactory,
    SecretariatFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

MAKERS = {
    "public": lambda: AnonymousUser(),
    "secretariat": SecretariatFactory,
    "focal_point": FocalPointFactory,
    "stakeholder": StakeholderFactory,
    "internal_reviewer": InternalReviewerFactory,
    "external_reviewer": ExternalReviewerFactory,
}

# predicate -> roles for which it holds
MATRIX = {
    "is_secretariat": {"secretariat"},
    "is_focal_point": {"focal_point"},
    "is_stakeholder": {"stakeholder"},
    "is_internal_reviewer": {"internal_reviewer"},
    "is_external_reviewer": {"external_reviewer"},
    "is_reviewer": {"internal_reviewer", "external_reviewer"},
    "is_submitter": {"secretariat", "focal_point", "stakeholder"},
}


@pytest.mark.parametrize("role", list(MAKERS))
@pytest.mark.parametrize("predicate", list(MATRIX))
def test_role_predicates(role, predicate):
    user = MAKERS[role]()
    assert getattr(role_rules, predicate).test(user) is (role in MATRIX[predicate])


@pytest.mark.parametrize("role", list(MAKERS))
def test_only_the_secretariat_manages_users_and_sees_history(role):
    user = MAKERS[role]()
    assert user.has_perm("accounts.manage_users") is (role == "secretariat")
    assert user.has_perm("accounts.view_history") is (role == "secretariat")


def test_a_user_sees_only_their_own_profile_unless_secretariat():
    one, other = FocalPointFactory(), StakeholderFactory()
    assert one.has_perm("accounts.view_user_profile", one)
    assert not one.has_perm("accounts.view_user_profile", other)
    assert SecretariatFactory().has_perm("accounts.view_user_profile", other)


def test_an_inactive_secretariat_member_has_no_powers():
    user = SecretariatFactory(is_active=False)
    assert not role_rules.is_secretariat.test(user)


def test_secretariat_users_can_enter_the_admin():
    assert SecretariatFactory().is_staff


@pytest.mark.parametrize(
    ("role", "expected"),
    [("secretariat", 200), ("focal_point", 302), ("stakeholder", 302), ("public", 302)],
)
def test_admin_is_for_the_secretariat(client, role, expected):
    user = MAKERS[role]()
    if role != "public":
        client.force_login(user)
    response = client.get("/en/admin/accounts/organization/")
    assert response.status_code == expected


def test_secretariat_may_change_but_never_delete_in_the_admin():
    user = SecretariatFactory()
    assert user.has_perm("accounts.change_organization")
    assert user.has_perm("framework.view_objective")
    assert not user.has_perm("accounts.delete_organization")

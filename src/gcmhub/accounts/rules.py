"""Role predicates every app builds its object permissions from (django-rules)."""

import rules

from gcmhub.accounts.models import Role


@rules.predicate
def is_secretariat(user):
    return bool(getattr(user, "is_secretariat", False))


def _has_role(role):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user):
        return user.is_authenticated and user.is_active and user.role == role

    return predicate


is_focal_point = _has_role(Role.FOCAL_POINT)
is_stakeholder = _has_role(Role.STAKEHOLDER)
is_internal_reviewer = _has_role(Role.INTERNAL_REVIEWER)
is_external_reviewer = _has_role(Role.EXTERNAL_REVIEWER)
is_reviewer = is_internal_reviewer | is_external_reviewer
is_submitter = is_focal_point | is_stakeholder | is_secretariat


@rules.predicate
def is_self(user, other):
    return other is not None and user.is_authenticated and user.pk == other.pk


rules.add_perm("accounts.view_user_profile", is_self | is_secretariat)
rules.add_perm("accounts.manage_users", is_secretariat)
rules.add_perm("accounts.view_history", is_secretariat)

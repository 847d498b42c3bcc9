"""Who can see and do what with a practice at each state: the permission matrix."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gcmhub.practices import review
from gcmhub.practices.models import State
from tests.factories import SecretariatFactory, StakeholderFactory
from tests.practices.factories import force_state, make_expert, make_practice

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "public_user",
    "submitter",
    "secretariat",
    "invited",
    "cleared",
    "other_reviewer",
]
S = State

# perm -> {role: set of states where the role has it}
ALL = set(State.values)
EDIT = {S.DRAFT, S.CHANGES_REQUESTED}
WITHDRAW = {S.DRAFT, S.SUBMITTED, S.SCREENING, S.IN_REVIEW, S.CHANGES_REQUESTED}
VIEW = {
    "anonymous": {S.APPROVED},
    "public_user": {S.APPROVED},
    "submitter": ALL,
    "secretariat": ALL,
    "invited": {S.APPROVED},
    "cleared": ALL,
    "other_reviewer": {S.APPROVED},
}
MATRIX = {
    "practices.view_practice": VIEW,
    "practices.change_practice": {"submitter": EDIT},
    "practices.submit_practice": {"submitter": EDIT},
    "practices.withdraw_practice": {"submitter": WITHDRAW},
    "practices.manage_practice": {"secretariat": ALL},
    "practices.decide_practice": {"secretariat": ALL},
    "practices.declare_conflict": {
        "invited": {S.SCREENING, S.IN_REVIEW},
        "cleared": {S.SCREENING, S.IN_REVIEW},
    },
    "practices.review_practice": {"cleared": {S.IN_REVIEW}},
    "practices.view_reviewer_identities": {"secretariat": ALL},
    "practices.view_private_contact": {"secretariat": ALL, "submitter": ALL},
    "practices.view_history": {"secretariat": ALL, "submitter": ALL},
}
CASES = [
    (perm, role, state, state in MATRIX[perm].get(role, set()))
    for perm in MATRIX
    for role in ROLES
    for state in State.values
]


def _setup(state):
    practice = make_practice()
    secretariat = SecretariatFactory()
    force_state(practice, S.SCREENING)
    invited = make_expert()
    cleared = make_expert(country="BRA")
    other = make_expert(country="IND")
    review.assign(practice, invited, secretariat)
    review.assign(practice, cleared, secretariat)
    review.declare(practice, cleared.user, has_conflict=False)
    force_state(practice, state)
    users = {
        "anonymous": AnonymousUser(),
        "public_user": StakeholderFactory(),
        "submitter": practice.submitter,
        "secretariat": secretariat,
        "invited": invited.user,
        "cleared": cleared.user,
        "other_reviewer": other.user,
    }
    return practice, users


@pytest.mark.parametrize("state", State.values)
def test_permission_matrix(state):
    practice, users = _setup(state)
    failures = []
    for perm, role, case_state, expected in CASES:
        if case_state != state:
            continue
        fresh = type(practice).objects.get(pk=practice.pk)
        if users[role].has_perm(perm, fresh) != expected:
            failures.append((perm, role, state, expected))
    assert failures == []


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("public_user", 403),
        ("submitter", 200),
        ("secretariat", 200),
        ("invited", 403),
        ("cleared", 200),
    ],
)
def test_detail_page_in_review_by_role(client, role, status):
    practice, users = _setup(S.IN_REVIEW)
    if role != "anonymous":
        client.force_login(users[role])
    assert client.get(practice.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("submitter", 403), ("cleared", 403), ("secretariat", 200)],
)
def test_manage_page_by_role(client, role, status):
    practice, users = _setup(S.IN_REVIEW)
    if role != "anonymous":
        client.force_login(users[role])
    assert client.get(f"/en/practices/{practice.pk}/manage/").status_code == status


def test_submitter_never_sees_reviewer_identities(client):
    practice, users = _setup(S.IN_REVIEW)
    from tests.practices.factories import review_data

    review.submit_review(practice, users["cleared"], review_data("revise", comments="More data."))
    force_state(practice, S.CHANGES_REQUESTED)
    client.force_login(users["submitter"])
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "More data." in page
    assert "Reviewer 1" in page
    for role in ("invited", "cleared"):
        expert = users[role].expert
        assert expert.name not in page
        assert users[role].email not in page


def test_reviewer_sees_only_assigned_practices(client):
    practice, users = _setup(S.IN_REVIEW)
    other_practice = make_practice(title="Another one")
    force_state(other_practice, S.IN_REVIEW)
    client.force_login(users["cleared"])
    assert client.get(f"/en/practices/{practice.pk}/review/").status_code == 200
    assert client.get(f"/en/practices/{other_practice.pk}/review/").status_code == 403
    assert client.get(other_practice.get_absolute_url()).status_code == 403
    mine = client.get("/en/practices/reviews/").content.decode()
    assert practice.title in mine
    assert "Another one" not in mine


def test_invited_reviewer_sees_declaration_not_submission(client):
    practice, users = _setup(S.IN_REVIEW)
    client.force_login(users["invited"])
    page = client.get(f"/en/practices/{practice.pk}/review/").content.decode()
    assert "conflict of interest" in page
    assert practice.results not in page


# --- downloading attachments ------------------------------------------------------------------

# Whoever may not download: a 404 when not signed in (nothing to reveal), a 403 otherwise.
REFUSED = {"anonymous": 404}


@pytest.mark.parametrize("state", [S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED])
@pytest.mark.parametrize("role", ROLES)
def test_attachment_download_by_role_and_state(client, role, state):
    from tests.practices.factories import PDF, add_attachment

    practice, users = _setup(S.SCREENING)
    attachment = add_attachment(practice, "evaluation report.pdf")
    force_state(practice, state)
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(f"/en/practices/{practice.pk}/files/{attachment.pk}/")
    allowed = state in VIEW[role]
    if allowed:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert "evaluation report.pdf" in response["Content-Disposition"]
    else:
        assert response.status_code == REFUSED.get(role, 403)


def test_attachment_of_another_practice_is_not_found(client):
    from tests.practices.factories import add_attachment

    published = make_practice(state=S.APPROVED)
    hidden = make_practice()
    attachment = add_attachment(hidden)
    response = client.get(f"/en/practices/{published.pk}/files/{attachment.pk}/")
    assert response.status_code == 404


def test_removed_attachment_only_for_the_secretariat(client):
    from gcmhub.practices import submission
    from tests.practices.factories import add_attachment

    practice = make_practice()
    attachment = add_attachment(practice)
    submission.remove_attachment(attachment, practice.submitter)
    force_state(practice, S.APPROVED)
    url = f"/en/practices/{practice.pk}/files/{attachment.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(SecretariatFactory())
    assert client.get(url).status_code == 200


def test_pages_link_attachments_to_the_download_view(client):
    from tests.practices.factories import add_attachment

    practice, users = _setup(S.IN_REVIEW)
    attachment = add_attachment(practice, "annex.pdf")
    url = f"/en/practices/{practice.pk}/files/{attachment.pk}/"
    client.force_login(users["cleared"])
    for page_url in (practice.get_absolute_url(), f"/en/practices/{practice.pk}/review/"):
        page = client.get(page_url).content.decode()
        assert f'href="{url}"' in page
        assert "/media/" not in page
    force_state(practice, S.CHANGES_REQUESTED)
    client.force_login(users["submitter"])
    page = client.get(f"/en/practices/{practice.pk}/edit/").content.decode()
    assert f'href="{url}"' in page

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from gcmhub.practices import review, submission, workflow
from gcmhub.practices.models import Practice, Review, State
from tests.factories import SecretariatFactory, StakeholderFactory
from tests.practices.factories import full_panel, make_expert, make_practice, review_data

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "title": "Language buddies for newly arrived pupils",
    "summary": "Older pupils who speak the same language mentor newcomers.",
    "description": "Schools pair pupils for a term.",
    "primary_objective": 16,
    "objectives": [15],
    "principles": ["child-sensitive"],
    "scope": "local",
    "countries": ["CAN"],
    "implementing_entity": "Lakeside School Board",
    "implementer_type": "local-authority",
    "start_date": "2020-09-01",
    "implementation_status": "mostly_completed",
    "target_groups": ["children"],
    "results": "Attendance of newcomers rose.",
    "contact_name": "Pat Doe",
    "contact_email": "pat@example.org",
    "language": "en",
}


def _auth(api_client, user):
    token, _created = Token.objects.get_or_create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client


def test_list_is_public_and_filtered(api_client):
    make_practice(state=State.APPROVED, title="Public one", objectives=(20,), countries=("PHL",))
    make_practice(state=State.IN_REVIEW, title="Hidden one", objectives=(20,))
    make_practice(state=State.APPROVED, title="Other objective", objectives=(2,))
    data = api_client.get("/api/v1/practices/?objective=20").json()
    assert [row["title"] for row in data["results"]] == ["Public one"]
    row = data["results"][0]
    assert row["countries"] == ["PHL"]
    assert row["objectives"] == [20]
    assert "contact_email" not in row
    assert api_client.get("/api/v1/practices/?q=public").json()["count"] == 1


def test_list_query_count_constant(api_client):
    make_practice(state=State.APPROVED)
    api_client.get("/api/v1/practices/")
    with CaptureQueriesContext(connection) as one:
        api_client.get("/api/v1/practices/")
    for _i in range(3):
        make_practice(
            state=State.APPROVED, countries=("KEN", "UGA"), target_groups=("women", "children")
        )
    with CaptureQueriesContext(connection) as four:
        response = api_client.get("/api/v1/practices/")
    assert response.json()["count"] == 4
    assert len(one) == len(four)


def test_create_and_submit_by_stakeholder(api_client):
    user = StakeholderFactory()
    response = _auth(api_client, user).post(
        "/api/v1/practices/", {**PAYLOAD, "submit": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    practice = Practice.objects.get()
    assert practice.state == State.SUBMITTED
    assert practice.submitter == user
    assert response.json()["contact_email"] == "pat@example.org"


def test_create_without_objectives_fails_and_creates_nothing(api_client):
    payload = {**PAYLOAD, "primary_objective": None, "objectives": [], "submit": True}
    response = _auth(api_client, StakeholderFactory()).post(
        "/api/v1/practices/", payload, format="json"
    )
    assert response.status_code == 400
    assert "objectives" in response.json()["error"]["fields"]
    assert not Practice.objects.exists()


def test_create_anonymous_or_reviewer_is_refused(api_client):
    assert api_client.post("/api/v1/practices/", PAYLOAD, format="json").status_code in (401, 403)
    reviewer = make_expert().user
    response = _auth(api_client, reviewer).post("/api/v1/practices/", PAYLOAD, format="json")
    assert response.status_code == 403


def test_update_by_submitter_only_while_editable(api_client):
    practice = make_practice()
    _auth(api_client, practice.submitter)
    response = api_client.patch(
        f"/api/v1/practices/{practice.pk}/", {"title": "New"}, format="json"
    )
    assert response.status_code == 200
    assert Practice.objects.get().title == "New"
    submission.submit(practice, practice.submitter)
    response = api_client.patch(f"/api/v1/practices/{practice.pk}/", {"title": "X"}, format="json")
    assert response.status_code == 403
    other = _auth(api_client, StakeholderFactory())
    response = other.patch(f"/api/v1/practices/{practice.pk}/", {"title": "X"}, format="json")
    assert response.status_code == 404
    assert Practice.objects.get().title == "New"


def test_unpublished_detail_hidden_from_public(api_client):
    practice = make_practice(state=State.IN_REVIEW)
    assert api_client.get(f"/api/v1/practices/{practice.pk}/").status_code == 404
    published = make_practice(state=State.APPROVED)
    assert api_client.get(f"/api/v1/practices/{published.pk}/").status_code == 200


def _in_review():
    secretariat = SecretariatFactory()
    practice = make_practice()
    submission.submit(practice, practice.submitter)
    workflow.transition(practice, State.SCREENING, secretariat)
    panel = full_panel(practice, secretariat)
    workflow.transition(practice, State.IN_REVIEW, secretariat)
    return practice, panel, secretariat


def test_reviews_and_decision_through_api(api_client):
    practice, panel, secretariat = _in_review()
    url = f"/api/v1/practices/{practice.pk}/reviews/"
    for assignment in panel:
        response = _auth(api_client, assignment.expert.user).post(url, review_data(), format="json")
        assert response.status_code == 201, response.json()
    response = _auth(api_client, secretariat).post(
        f"/api/v1/practices/{practice.pk}/decision/",
        {"decision": "approve", "reasons": "All three approve."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["state"] == "approved"


def test_review_by_unassigned_user_is_refused(api_client):
    practice, _panel, _sec = _in_review()
    outsider = make_expert(country="IND")
    response = _auth(api_client, outsider.user).post(
        f"/api/v1/practices/{practice.pk}/reviews/", review_data(), format="json"
    )
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_review_with_conflict_is_refused(api_client):
    secretariat = SecretariatFactory()
    practice = make_practice()
    submission.submit(practice, practice.submitter)
    workflow.transition(practice, State.SCREENING, secretariat)
    panel = full_panel(practice, secretariat, declare=False)
    review.declare(practice, panel[0].expert.user, has_conflict=True, note="My former employer.")
    response = _auth(api_client, panel[0].expert.user).post(
        f"/api/v1/practices/{practice.pk}/reviews/", review_data(), format="json"
    )
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_decision_by_non_secretariat_is_refused(api_client):
    practice, panel, _sec = _in_review()
    for assignment in panel:
        review.submit_review(practice, assignment.expert.user, review_data())
    response = _auth(api_client, practice.submitter).post(
        f"/api/v1/practices/{practice.pk}/decision/",
        {"decision": "approve", "reasons": "Mine is great."},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["status"] == 403
    assert Practice.objects.get().state == State.IN_REVIEW


def test_decision_against_agreement_gives_clear_error(api_client):
    practice, panel, secretariat = _in_review()
    for assignment in panel:
        review.submit_review(practice, assignment.expert.user, review_data("reject"))
    response = _auth(api_client, secretariat).post(
        f"/api/v1/practices/{practice.pk}/decision/",
        {"decision": "approve", "reasons": "Overrule."},
        format="json",
    )
    assert response.status_code == 400
    assert "decision" in response.json()["error"]["fields"]


def test_experts_public_list_shows_only_consenting(api_client):
    shown = make_expert(public_profile=True)
    make_expert(public_profile=False)
    make_expert(public_profile=True, status="applied")
    data = api_client.get("/api/v1/experts/").json()
    assert [row["id"] for row in data["results"]] == [shown.pk]
    assert "gender" not in data["results"][0]
    _auth(api_client, SecretariatFactory())
    assert api_client.get("/api/v1/experts/").json()["count"] == 3


# --- attachments, warnings, bad parameters and ids ----------------------------------------------


def test_attachments_listed_with_download_urls(api_client):
    from tests.practices.factories import PDF, add_attachment

    practice = make_practice(state=State.APPROVED)
    attachment = add_attachment(practice, "annex.pdf")
    gone = add_attachment(practice, "old.pdf")
    type(gone).objects.filter(pk=gone.pk).update(removed=True)
    url = f"/en/practices/{practice.pk}/files/{attachment.pk}/"
    for data in (
        api_client.get(f"/api/v1/practices/{practice.pk}/").json(),
        api_client.get("/api/v1/practices/").json()["results"][0],
    ):
        assert data["attachments"] == [
            {"id": attachment.pk, "name": "annex.pdf", "size": len(PDF), "url": url}
        ]
    response = api_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_list_query_count_constant_with_attachments(api_client):
    from tests.practices.factories import add_attachment

    add_attachment(make_practice(state=State.APPROVED))
    api_client.get("/api/v1/practices/")
    with CaptureQueriesContext(connection) as one:
        api_client.get("/api/v1/practices/")
    for _i in range(3):
        practice = make_practice(state=State.APPROVED)
        add_attachment(practice, "a.pdf")
        add_attachment(practice, "b.pdf")
    with CaptureQueriesContext(connection) as four:
        response = api_client.get("/api/v1/practices/")
    assert sum(len(row["attachments"]) for row in response.json()["results"]) == 7
    assert len(one) == len(four)


def test_submit_returns_acronym_warnings(api_client):
    payload = {**PAYLOAD, "description": "The NGO runs it with IOM.", "submit": True}
    response = _auth(api_client, StakeholderFactory()).post(
        "/api/v1/practices/", payload, format="json"
    )
    assert response.status_code == 201, response.json()
    warnings = response.json()["warnings"]
    assert any("“NGO”" in warning for warning in warnings)
    assert any("“IOM”" in warning for warning in warnings)
    assert Practice.objects.get().state == State.SUBMITTED
    clean = _auth(api_client, StakeholderFactory()).post(
        "/api/v1/practices/", {**PAYLOAD, "submit": True}, format="json"
    )
    assert clean.json()["warnings"] == []


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("objective=abc", {"objective"}),
        ("objective=99", {"objective"}),
        ("year=xx", {"year"}),
        ("sort=bogus", {"sort"}),
        ("scope=planetary", {"scope"}),
        ("status=maybe", {"status"}),
        ("target_group=aliens", {"target_group"}),
        ("language=klingon", {"language"}),
        ("country=Kenya", {"country"}),
        ("call=first", {"call"}),
        ("region=europe", {"region"}),
        ("objective=abc&year=xx&sort=bogus", {"objective", "year", "sort"}),
        ("objective=16&objective=x", {"objective"}),
    ],
)
def test_bad_list_parameters_are_a_400_with_field_errors(api_client, query, fields):
    make_practice(state=State.APPROVED)
    response = api_client.get(f"/api/v1/practices/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == fields
    for messages in error["fields"].values():
        assert messages
        assert all(isinstance(m, str) and m for m in messages)


def test_good_list_parameters_still_work(api_client):
    make_practice(state=State.APPROVED, objectives=(16,), countries=("KEN",))
    query = (
        "objective=16&year=2019&sort=title&scope=local&status=completed&target_group=women"
        "&language=en&country=ken&region=002&principle=human-rights"
        "&stakeholder_type=local-authority&objective="
    )
    response = api_client.get(f"/api/v1/practices/?{query}")
    assert response.status_code == 200, response.json()
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/practices/abc/",
        "/api/v1/practices/1.5/",
        "/api/v1/practices/abc/reviews/",
        "/api/v1/practices/abc/decision/",
        "/api/v1/experts/abc/",
        "/api/v1/practices/99999999999999999999999/",
        "/api/v1/practices/999999/",
        "/api/v1/experts/999999/",
    ],
)
def test_malformed_or_unknown_ids_are_a_json_404(api_client, url):
    _auth(api_client, SecretariatFactory())
    method = api_client.post if url.endswith(("reviews/", "decision/")) else api_client.get
    response = method(url, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["status"] == 404

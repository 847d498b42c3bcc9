import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmhub.documents import workflow
from gcmhub.documents.models import Document
from tests.documents.conftest import ingest
from tests.documents.helpers import REVIEW_TEXT, make_encrypted_pdf, upload
from tests.factories import ExternalReviewerFactory, InternalReviewerFactory, StakeholderFactory


def test_upload_through_api_and_publish(api_client, focal_point, secretariat):
    api_client.force_authenticate(focal_point)
    response = api_client.post(
        "/api/v1/documents/",
        {
            "file": upload("plan.txt", REVIEW_TEXT),
            "title": "Plan",
            "kind": "national-plan",
            "date": "2025-03-01",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["processing"] == "ready"
    assert body["publication"] == "submitted"
    assert body["country"] == "MEX"
    document_id = body["id"]
    assert api_client.post(f"/api/v1/documents/{document_id}/publish/").status_code == 403
    api_client.force_authenticate(secretariat)
    published = api_client.post(f"/api/v1/documents/{document_id}/publish/")
    assert published.json()["publication"] == "published"
    api_client.force_authenticate(None)
    detail = api_client.get(f"/api/v1/documents/{document_id}/")
    assert detail.status_code == 200
    assert detail.json()["objective_scores"]


def test_upload_errors_are_uniform_and_store_nothing(api_client, focal_point):
    api_client.force_authenticate(focal_point)
    response = api_client.post(
        "/api/v1/documents/",
        {"file": upload("secret.pdf", make_encrypted_pdf())},
        format="multipart",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "password" in str(error["fields"])
    assert Document.objects.count() == 0
    api_client.post(
        "/api/v1/documents/", {"file": upload("a.txt", REVIEW_TEXT)}, format="multipart"
    )
    again = api_client.post(
        "/api/v1/documents/", {"file": upload("b.txt", REVIEW_TEXT)}, format="multipart"
    )
    assert again.status_code == 400
    assert "already in gcmhub" in str(again.json())
    version = api_client.post(
        "/api/v1/documents/",
        {"file": upload("b.txt", REVIEW_TEXT), "on_duplicate": "new_version"},
        format="multipart",
    )
    assert version.status_code == 201
    assert version.json()["version"] == 2


@pytest.mark.parametrize("factory", [None, ExternalReviewerFactory, InternalReviewerFactory])
def test_upload_refused_without_the_role(api_client, db, factory):
    if factory:
        api_client.force_authenticate(factory())
    response = api_client.post(
        "/api/v1/documents/", {"file": upload("a.txt", REVIEW_TEXT)}, format="multipart"
    )
    assert response.status_code in (401, 403)
    assert Document.objects.count() == 0


def test_unpublished_documents_are_hidden_from_the_public(api_client, focal_point):
    document = ingest(focal_point, publish=False, country=None)
    assert api_client.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    assert api_client.get("/api/v1/documents/").json()["count"] == 0
    api_client.force_authenticate(StakeholderFactory())
    assert api_client.get(f"/api/v1/documents/{document.pk}/paragraphs/").status_code == 404


def test_paragraphs_endpoint(api_client, review_document):
    response = api_client.get(f"/api/v1/documents/{review_document.pk}/paragraphs/?page_size=50")
    assert response.status_code == 200
    rows = response.json()["results"]
    two = next(r for r in rows if r["number"] == "2")
    assert two["anchor"] == "p2"
    assert two["tags"]["objectives"][0]["number"] == 20
    assert two["commitments"][0]["deadline"] == "by 2030"
    assert two["footnotes"][0]["marker"] == "1"


def test_list_and_paragraph_queries_do_not_grow(api_client, secretariat):
    ingest(secretariat)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert api_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    first = Document.objects.get()
    one = count("/api/v1/documents/"), count(f"/api/v1/documents/{first.pk}/paragraphs/")
    ingest(secretariat, name="two.txt", text=REVIEW_TEXT + "\n\n4. More words on pensions abroad.")
    ingest(secretariat, name="three.txt", text=REVIEW_TEXT + "\n\n4. Other words on schools.")
    assert count("/api/v1/documents/") == one[0]
    assert count(f"/api/v1/documents/{first.pk}/paragraphs/") == one[1]


def test_search_endpoint(api_client, review_document):
    response = api_client.get(
        "/api/v1/search/", {"q": "transfer", "objective": 20, "country": "KEN"}
    )
    body = response.json()
    assert response.status_code == 200
    assert body["total"] >= 1
    assert body["hits"][0]["document_id"] == review_document.pk
    assert "objective" in body["facets"]
    bad = api_client.get("/api/v1/search/", {"q": "x", "objective": "99"})
    assert bad.status_code == 400
    assert "objective" in bad.json()["error"]["fields"]


def test_classify_endpoint(api_client, db):
    response = api_client.post(
        "/api/v1/classify/", {"text": "cheaper money transfers home", "top": 2}, format="json"
    )
    body = response.json()
    assert response.status_code == 200
    assert len(body["objectives"]) == 2
    assert body["objectives"][0]["number"] == 20
    assert api_client.post("/api/v1/classify/", {"text": ""}, format="json").status_code == 400


def test_review_tags_endpoint(api_client, review_document, secretariat):
    paragraph = review_document.paragraphs.get(number="3")
    url = f"/api/v1/paragraphs/{paragraph.pk}/review/"
    api_client.force_authenticate(ExternalReviewerFactory())
    assert api_client.post(url, {"objectives": [6]}, format="json").status_code == 403
    api_client.force_authenticate(InternalReviewerFactory())
    response = api_client.post(
        url, {"objectives": [6, 18], "principles": ["human-rights"]}, format="json"
    )
    assert response.status_code == 200, response.content
    tags = response.json()["tags"]
    assert [t["number"] for t in tags["objectives"]] == [6, 18]
    assert all(t["origin"] == "person" for t in tags["objectives"])
    assert response.json()["reviewed"] is True
    assert api_client.post(url, {"objectives": []}, format="json").status_code == 400


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/documents/abc/"),
        ("get", "/api/v1/documents/abc/paragraphs/"),
        ("get", "/api/v1/documents/1x/paragraphs/"),
        ("post", "/api/v1/documents/abc/publish/"),
        ("post", "/api/v1/documents/abc/withdraw/"),
    ],
)
def test_malformed_document_ids_are_json_404(api_client, secretariat, method, url):
    api_client.force_authenticate(secretariat)
    response = getattr(api_client, method)(url)
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_review_of_a_paragraph_in_a_document_one_cannot_see_is_404(api_client, focal_point):
    document = ingest(focal_point, publish=False, country=None)
    paragraph = document.paragraphs.get(number="3")
    api_client.force_authenticate(InternalReviewerFactory())
    response = api_client.post(
        f"/api/v1/paragraphs/{paragraph.pk}/review/", {"objectives": [6]}, format="json"
    )
    assert response.status_code == 404
    assert not hasattr(type(paragraph).objects.get(pk=paragraph.pk), "review")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "remittances", "country": "XXX"}, "country"),
        ({"q": "remittances", "kind": "bogus"}, "kind"),
        ({"q": "remittances", "language": "xx"}, "language"),
        ({"q": "remittances", "principle": "nope"}, "principle"),
        ({"q": "remittances", "region": "999"}, "region"),
        ({"q": "remittances", "year": "later"}, "year"),
        ({"q": "remittances", "limit": "1000"}, "limit"),
        ({}, "q"),
        ({"q": "   "}, "q"),
    ],
)
def test_search_refuses_unknown_filters(api_client, db, params, field):
    response = api_client.get("/api/v1/search/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == [field]
    assert error["fields"][field][0]


def test_search_api_and_cli_share_the_validation(api_client, db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    message = api_client.get("/api/v1/search/", {"q": "x", "region": "999"}).json()
    with pytest.raises(CommandError) as caught:
        call_command("search", "x", "--region", "999")
    assert message["error"]["fields"]["region"][0] in str(caught.value)


def test_search_errors_are_translated(api_client, db):
    response = api_client.get(
        "/api/v1/search/", {"q": "x", "country": "XXX"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Code de pays inconnu" in response.json()["error"]["fields"]["country"][0]


def test_search_api_has_a_region_facet(api_client, review_document):
    body = api_client.get("/api/v1/search/", {"q": "transfer"}).json()
    assert body["facets"]["region"][0]["value"] == "002"
    assert body["facets"]["region"][0]["count"] == body["total"]
    filtered = api_client.get("/api/v1/search/", {"q": "transfer", "region": "142"}).json()
    assert filtered["total"] == 0


def test_upload_metadata_region_and_organisation(api_client, secretariat):
    from tests.factories import OrganizationFactory

    organisation = OrganizationFactory(name="Arcadia Migrant Network")
    api_client.force_authenticate(secretariat)
    response = api_client.post(
        "/api/v1/documents/",
        {
            "file": upload("r.txt", REVIEW_TEXT),
            "kind": "regional-review",
            "region": "019",
            "organization": "arcadia migrant network",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["region"] == "019"
    assert response.json()["organization"] == organisation.name
    bad = api_client.post(
        "/api/v1/documents/",
        {
            "file": upload("s.txt", REVIEW_TEXT + " More."),
            "region": "999",
            "country": "XXX",
            "organization": "Nobody",
        },
        format="multipart",
    )
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"region", "country", "organization"}
    assert Document.objects.count() == 1


def test_upload_a_new_version_through_the_api(api_client, focal_point, secretariat):
    first = ingest(focal_point, publish=False, country=None)
    stranger = StakeholderFactory()
    api_client.force_authenticate(stranger)
    refused = api_client.post(
        "/api/v1/documents/",
        {"file": upload("v2.txt", REVIEW_TEXT + "\n\n4. New."), "version_of": first.pk},
        format="multipart",
    )
    assert refused.status_code == 400  # the stranger cannot see the document
    assert "version_of" in refused.json()["error"]["fields"]
    workflow.publish(first, by=secretariat)
    refused = api_client.post(
        "/api/v1/documents/",
        {"file": upload("v2.txt", REVIEW_TEXT + "\n\n4. New."), "version_of": first.pk},
        format="multipart",
    )
    assert refused.status_code == 403
    assert "secretariat" in refused.json()["error"]["message"]
    hijack = api_client.post(
        "/api/v1/documents/",
        {"file": upload("same.txt", REVIEW_TEXT), "on_duplicate": "new_version"},
        format="multipart",
    )
    assert hijack.status_code == 403
    assert Document.objects.count() == 1
    api_client.force_authenticate(focal_point)
    accepted = api_client.post(
        "/api/v1/documents/",
        {"file": upload("v2.txt", REVIEW_TEXT + "\n\n4. New."), "version_of": first.pk},
        format="multipart",
    )
    assert accepted.status_code == 201, accepted.content
    body = accepted.json()
    assert (body["version"], body["first_version"], body["is_current"]) == (2, first.pk, False)

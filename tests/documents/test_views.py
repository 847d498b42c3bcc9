from django.urls import reverse

from gcmhub.documents.models import Document, TagReview
from tests.documents.helpers import REVIEW_TEXT, upload
from tests.factories import InternalReviewerFactory, StakeholderFactory, country


def test_document_page_shows_numbered_paragraphs_with_anchors_tags_and_commitments(
    client, review_document
):
    response = client.get(review_document.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="p2"' in html
    assert 'id="p2-a"' in html
    assert 'href="#p3"' in html
    assert "Objective 20" in html
    assert "by 2030" in html
    assert "Central bank survey" in html  # the footnote beside its paragraph


def test_upload_page_stores_and_redirects(client, focal_point):
    client.force_login(focal_point)
    response = client.post(
        reverse("documents:upload"),
        {
            "file": upload("plan.txt", REVIEW_TEXT),
            "title": "Our plan",
            "kind": "national-plan",
            "on_duplicate": "refuse",
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == document.get_absolute_url()
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Submitted" in page


def test_upload_page_shows_errors(client, focal_point):
    client.force_login(focal_point)
    response = client.post(
        reverse("documents:upload"),
        {"file": upload("empty.txt", b""), "kind": "other", "on_duplicate": "refuse"},
    )
    assert response.status_code == 400
    assert Document.objects.count() == 0


def test_upload_page_needs_a_submitter_role(client, db):
    reviewer = InternalReviewerFactory()
    client.force_login(reviewer)
    assert client.get(reverse("documents:upload")).status_code == 403


def test_failed_document_shows_reason_to_uploader(client, focal_point):
    from gcmhub.documents import ingestion
    from tests.documents.helpers import make_image_only_pdf

    document = ingestion.submit(upload("scan.pdf", make_image_only_pdf()), by=focal_point)
    client.force_login(focal_point)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Processing failed" in html
    assert "text layer" in html
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_search_page_with_facets(client, review_document):
    response = client.get(reverse("documents:search"), {"q": "transfer"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in html
    assert "Arcadia national review" in html
    assert "objective=20" in html  # a facet link
    filtered = client.get(reverse("documents:search"), {"q": "transfer", "objective": "13"})
    assert "0 paragraphs found" in filtered.content.decode()


def test_review_tags_page(client, review_document):
    reviewer = InternalReviewerFactory()
    paragraph = review_document.paragraphs.get(number="1")
    url = reverse("documents:review_tags", args=[paragraph.pk])
    stakeholder = StakeholderFactory()
    client.force_login(stakeholder)
    assert client.get(url).status_code == 403
    client.force_login(reviewer)
    assert client.get(url).status_code == 200
    response = client.post(url, {"objectives": ["23"], "principles": ["whole-of-society-approach"]})
    assert response.status_code == 302
    review = TagReview.objects.get(paragraph=paragraph)
    assert review.objectives == [23]
    assert review.reviewed_by == reviewer
    html = client.get(review_document.get_absolute_url()).content.decode()
    assert "Tags confirmed by" in html


def test_objective_and_country_panels(client, review_document):
    objective_page = client.get(reverse("framework:objective", args=[20])).content.decode()
    assert "Paragraphs most about this objective" in objective_page
    assert review_document.get_absolute_url() + "#p2" in objective_page
    country_page = client.get(reverse("framework:country", args=["KEN"])).content.decode()
    assert "Arcadia national review" in country_page
    assert country("KEN").documents.count() == 1


def test_commitments_per_objective_page(client, review_document):
    html = client.get(reverse("documents:commitments", args=[20])).content.decode()
    assert "below 3 per cent" in html


def test_index_lists_published_documents(client, review_document):
    html = client.get(reverse("documents:index")).content.decode()
    assert "Arcadia national review" in html

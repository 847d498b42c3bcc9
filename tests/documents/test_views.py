from django.urls import reverse
from django.utils.html import escape

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


def test_failed_document_shows_reason_to_uploader(client, focal_point, monkeypatch):
    from gcmhub.documents import ingestion

    def explode(*args, **kwargs):
        raise RuntimeError("tagger unavailable")

    monkeypatch.setattr(ingestion, "tag_paragraphs", explode)
    document = ingestion.submit(upload("plan.txt", REVIEW_TEXT), by=focal_point)
    client.force_login(focal_point)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Processing failed" in html
    assert "tagger unavailable" in html
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_image_only_pdf_is_refused_on_the_upload_page(client, focal_point):
    from tests.documents.helpers import make_image_only_pdf

    client.force_login(focal_point)
    response = client.post(
        reverse("documents:upload"),
        {
            "file": upload("scan.pdf", make_image_only_pdf()),
            "kind": "other",
            "on_duplicate": "refuse",
        },
    )
    assert response.status_code == 400
    assert "OCR" in response.content.decode()
    assert Document.objects.count() == 0


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


def test_search_page_region_facet_and_translated_labels(client, review_document, secretariat):
    from gcmhub.documents import tagging
    from gcmhub.framework.models import GuidingPrinciple, Objective

    paragraph = review_document.paragraphs.get(number="(a)")  # it says "transfer"
    tagging.review(paragraph, objectives=[20], principles=["national-sovereignty"], by=secretariat)
    html = client.get(reverse("documents:search"), {"q": "transfer"}).content.decode()
    assert "region=002" in html
    assert "Africa" in html
    assert "National sovereignty" in html
    french = client.get("/fr/documents/search/", {"q": "transfer"}).content.decode()
    objective = Objective.objects.get(number=20)
    label = objective.localized("short_label", "fr")[0]
    assert label != objective.short_label
    assert f"20. {label}" in french
    assert f"20. {objective.short_label}<" not in french
    principle = GuidingPrinciple.objects.get(slug="national-sovereignty")
    assert principle.localized("name", "fr")[0] in french
    assert "National sovereignty" not in french
    assert "Afrique" in french  # the region facet
    filtered = client.get(
        "/fr/documents/search/", {"q": "transfer", "kind": "voluntary-review", "region": "002"}
    ).content.decode()
    assert "Examen national volontaire" in filtered  # the chosen filter, in French
    assert "Région : Afrique" in filtered or "Région: Afrique" in filtered
    bad = client.get("/en/documents/search/", {"q": "transfer", "country": "XXX"})
    assert "Unknown country code" in bad.content.decode()


def test_document_page_shows_translated_tag_names(client, review_document, secretariat):
    from gcmhub.documents import tagging
    from gcmhub.framework.models import GuidingPrinciple, Objective

    paragraph = review_document.paragraphs.get(number="3")
    tagging.review(paragraph, objectives=[6], principles=["national-sovereignty"], by=secretariat)
    html = client.get(f"/fr{review_document.get_absolute_url()[3:]}").content.decode()
    principle = GuidingPrinciple.objects.get(slug="national-sovereignty")
    assert principle.localized("name", "fr")[0] in html
    assert f">{principle.name} ·" not in html
    assert escape(Objective.objects.get(number=6).localized("title", "fr")[0]) in html


def test_upload_page_region_organisation_and_new_version(client, focal_point, secretariat):
    from gcmhub.documents import workflow
    from tests.documents.conftest import ingest
    from tests.factories import OrganizationFactory

    organisation = OrganizationFactory()
    client.force_login(secretariat)
    response = client.post(
        reverse("documents:upload"),
        {
            "file": upload("regional.txt", REVIEW_TEXT),
            "kind": "regional-review",
            "region": "150",
            "organization": organisation.pk,
            "on_duplicate": "refuse",
        },
    )
    assert response.status_code == 302
    regional = Document.objects.get()
    assert (regional.region.m49, regional.organization) == ("150", organisation)
    workflow.publish(regional, by=secretariat)

    first = ingest(
        focal_point, publish=False, country=None, name="plan.txt", text=REVIEW_TEXT + "\n\n4. Plan."
    )
    workflow.publish(first, by=secretariat)
    page = client.get(first.get_absolute_url()).content.decode()
    assert f"?version_of={first.pk}" in page  # the secretariat may add a version
    stranger = StakeholderFactory()
    client.force_login(stranger)
    assert f"?version_of={first.pk}" not in client.get(first.get_absolute_url()).content.decode()
    data = {"kind": "national-plan", "on_duplicate": "refuse", "version_of": first.pk}
    refused = client.post(
        reverse("documents:upload"), {**data, "file": upload("v2.txt", "1. New.")}
    )
    assert refused.status_code == 403
    assert "secretariat" in refused.content.decode()
    assert Document.objects.count() == 2
    client.force_login(focal_point)
    form = client.get(reverse("documents:upload"), {"version_of": first.pk}).content.decode()
    assert f'value="{first.pk}"' in form
    accepted = client.post(
        reverse("documents:upload"), {**data, "file": upload("v2.txt", "1. New.")}
    )
    assert accepted.status_code == 302
    second = Document.objects.get(version=2)
    assert second.first_version == first
    html = client.get(second.get_absolute_url()).content.decode()
    assert "version 1 stays the current version until this one is published" in html


def test_original_file_downloads_only_for_those_who_may_see_the_document(
    client, focal_point, secretariat
):
    from tests.documents.conftest import ingest

    published = ingest(secretariat)
    private = ingest(focal_point, name="draft.txt", text=REVIEW_TEXT + " Draft.", publish=False)
    url = reverse("documents:original", args=[published.pk])
    page = client.get(reverse("documents:detail", args=[published.pk]))
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")  # text is never shown inline
    assert b"".join(response.streaming_content).decode() == REVIEW_TEXT
    assert client.get(reverse("documents:original", args=[private.pk])).status_code == 404
    client.force_login(StakeholderFactory())
    assert client.get(reverse("documents:original", args=[private.pk])).status_code == 404
    client.force_login(focal_point)
    assert client.get(reverse("documents:original", args=[private.pk])).status_code == 200

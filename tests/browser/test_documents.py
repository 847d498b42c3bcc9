"""Upload a document in the browser, read it paragraph by paragraph, search with a facet."""

from tests.documents.helpers import REVIEW_TEXT
from tests.factories import FocalPointFactory, SecretariatFactory


def test_upload_publish_view_and_search_with_a_facet(page, login, tmp_path):
    from gcmhub.documents.models import Document

    focal_point = FocalPointFactory()
    path = tmp_path / "review.txt"
    path.write_text(REVIEW_TEXT, encoding="utf-8")

    login(focal_point)
    page.goto("/en/documents/upload/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_label("Title:").fill("Browser review")
    page.get_by_label("Kind of document:").select_option("voluntary-review")
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()
    assert page.get_by_role("heading", name="Browser review").is_visible()
    assert page.locator("#p2").is_visible()
    assert "Objective 20" in page.locator("#p2").inner_text()

    document = Document.objects.get(title="Browser review")
    page.context.clear_cookies()
    login(SecretariatFactory())
    page.goto(f"/en/documents/{document.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    assert page.get_by_text("The document is published.").is_visible()

    page.goto("/en/documents/search/")
    page.get_by_label("Words or a “quoted phrase”").fill("money")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert page.locator("mark").first.is_visible()
    with page.expect_navigation():
        page.locator(".facets").get_by_role("link", name="20. Remittances").click()
    assert "objective=20" in page.url
    hit = page.get_by_role("link", name="Browser review, paragraph 2.")
    assert hit.is_visible()
    with page.expect_navigation():
        hit.click()
    assert page.url.endswith("#p2")

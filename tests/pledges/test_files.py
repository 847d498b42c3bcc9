"""Uploads: served only by the download views (never from /media/), linked from the page and the
API; a failed create, update or report leaves no file on disk."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.pledges import services
from gcmhub.pledges.models import Pledge, ProgressReport, ReportAttachment
from tests.factories import FocalPointFactory, country
from tests.pledges.factories import make_pledge, pledge_data, report_data

pytestmark = pytest.mark.django_db


def docx(name="plan.docx") -> SimpleUploadedFile:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf(name="evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def with_files():
    entity = FocalPointFactory(country=country("MEX"))
    pledge = make_pledge(by=entity, attachment=docx())
    services.file_report(pledge, report_data(pledge, 2, files=[pdf()]), by=entity)
    return pledge


def test_anyone_downloads_the_attachment_and_report_files(client, with_files):
    response = client.get(f"/en/pledges/{with_files.public_id}/attachment/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "plan" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"PK")
    item = ReportAttachment.objects.get()
    response = client.get(f"/en/pledges/{with_files.public_id.lower()}/files/{item.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_page_links_the_download_views_not_media(client, with_files):
    page = client.get(with_files.get_absolute_url()).content.decode()
    item = ReportAttachment.objects.get()
    assert f"/en/pledges/{with_files.public_id}/attachment/" in page
    assert f"/en/pledges/{with_files.public_id}/files/{item.pk}/" in page
    assert item.filename in page
    assert "/media/" not in page


def test_api_gives_download_urls(api_client, with_files):
    detail = api_client.get(f"/api/v1/pledges/{with_files.public_id}/").json()
    assert detail["attachment_url"].endswith(f"/pledges/{with_files.public_id}/attachment/")
    assert detail["attachment_url"].startswith("http")
    reports = api_client.get(f"/api/v1/pledges/{with_files.public_id}/progress/").json()
    files = reports["results"][0]["files"]
    item = ReportAttachment.objects.get()
    assert files == [
        {
            "name": item.filename,
            "url": f"http://testserver/en/pledges/{with_files.public_id}/files/{item.pk}/",
        }
    ]
    assert api_client.get(files[0]["url"]).status_code == 200
    plain = make_pledge()
    assert api_client.get(f"/api/v1/pledges/{plain.public_id}/").json()["attachment_url"] is None


def test_withdrawn_pledge_files_stay_downloadable_and_marked(client, with_files):
    services.withdraw_pledge(with_files, "Merged into another pledge.", by=None)
    page = client.get(with_files.get_absolute_url()).content.decode()
    assert "Withdrawn on" in page
    assert client.get(f"/en/pledges/{with_files.public_id}/attachment/").status_code == 200


def test_file_of_another_pledge_or_missing_file_is_404(client, with_files):
    other = make_pledge()
    item = ReportAttachment.objects.get()
    assert client.get(f"/en/pledges/{other.public_id}/files/{item.pk}/").status_code == 404
    assert client.get(f"/en/pledges/{other.public_id}/attachment/").status_code == 404
    assert client.get(f"/en/pledges/{with_files.public_id}/files/999999/").status_code == 404
    assert client.get("/en/pledges/IMRF2022-9999/attachment/").status_code == 404
    assert client.get("/media/" + with_files.attachment.name).status_code == 404


def _fail(*args, **kwargs):
    raise RuntimeError("the database went away")


def test_failed_create_leaves_no_file(monkeypatch):
    monkeypatch.setattr(services.search, "index_pledge", _fail)
    with pytest.raises(RuntimeError):
        services.create_pledge(pledge_data(attachment=docx()), by=FocalPointFactory())
    assert Pledge.objects.count() == 0
    assert stored_files() == []


def test_failed_update_leaves_no_new_file(monkeypatch):
    pledge = make_pledge(attachment=docx("first.docx"))
    before = stored_files()
    monkeypatch.setattr(services.search, "index_pledge", _fail)
    with pytest.raises(RuntimeError):
        services.update_pledge(pledge, {"attachment": docx("second.docx")}, by=None)
    assert stored_files() == before
    pledge.refresh_from_db()
    assert pledge.attachment.name.endswith("first.docx")


def test_failed_report_leaves_no_file(monkeypatch):
    pledge = make_pledge()
    monkeypatch.setattr(services, "refresh_progress", _fail)
    with pytest.raises(RuntimeError):
        services.file_report(pledge, report_data(pledge, 2, files=[pdf(), pdf("b.pdf")]), by=None)
    assert ProgressReport.objects.count() == 0
    assert stored_files() == []


def test_successful_report_keeps_its_files():
    pledge = make_pledge()
    services.file_report(pledge, report_data(pledge, 2, files=[pdf()]), by=None)
    assert len(stored_files()) == 1

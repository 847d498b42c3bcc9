"""Serving uploads, the development email backend and the deployment check of the base URL."""

import io
import sys

import pytest
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.http import Http404

from gcmhub.core.files import file_response
from gcmhub.core.mail import StderrEmailBackend


class Stored:
    """A stand-in for a model's FieldFile over the default storage."""

    def __init__(self, name):
        self.name = name

    def __bool__(self):
        return bool(self.name)

    def open(self, mode="rb"):
        return default_storage.open(self.name, mode)


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def store(name, content=b"%PDF-1.4 test"):
        return Stored(default_storage.save(name, ContentFile(content)))

    return store


def test_pdf_is_shown_inline_without_sniffing_or_scripts(stored):
    response = file_response(stored("reports/plan.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, max-age=0"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "notes.docx", "data"])
def test_other_types_are_always_downloads(stored, name):
    response = file_response(stored(f"files/{name}", b"<script>alert(1)</script>"))
    assert response["Content-Disposition"].startswith("attachment")


def test_missing_or_empty_file_is_404(stored):
    with pytest.raises(Http404):
        file_response(Stored("nowhere/gone.pdf"))
    with pytest.raises(Http404):
        file_response(Stored(""))


def test_console_emails_go_to_stderr_not_stdout(monkeypatch):
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    StderrEmailBackend().send_messages([EmailMessage("Hello", "Body", to=["a@example.org"])])
    assert "Subject: Hello" in err.getvalue()
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("url", "warned"),
    [
        ("http://127.0.0.1:8000", True),
        ("https://localhost", True),
        ("http://gcmhub.example.org", True),
        ("https://gcmhub.example.org", False),
    ],
)
def test_deploy_check_wants_the_public_https_address(settings, url, warned):
    settings.GCMHUB_BASE_URL = url
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert ("gcmhub.W001" in ids) is warned


@pytest.mark.django_db
def test_files_written_in_a_failed_transaction_are_removed(stored):
    from gcmhub.core.files import atomic_with_files

    with atomic_with_files():
        kept = default_storage.save("keep/one.pdf", ContentFile(b"1"))

    def fail():
        with atomic_with_files():
            default_storage.save("lose/two.pdf", ContentFile(b"2"))
            with atomic_with_files():  # nested: the outer failure removes the inner's files too
                default_storage.save("lose/three.pdf", ContentFile(b"3"))
            raise ValueError("invalid input")

    with pytest.raises(ValueError, match="invalid input"):
        fail()
    assert default_storage.exists(kept)
    assert not default_storage.exists("lose/two.pdf")
    assert not default_storage.exists("lose/three.pdf")
    # Outside any such block nothing is tracked or removed.
    outside = default_storage.save("plain/four.pdf", ContentFile(b"4"))
    assert default_storage.exists(outside)

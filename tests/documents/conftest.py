import pytest

from gcmhub.documents.models import Document
from tests.documents.helpers import REVIEW_TEXT, upload
from tests.factories import FocalPointFactory, SecretariatFactory, country


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request to a /fr/ page leaves French active in the thread; start each test in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def secretariat(db):
    return SecretariatFactory()


@pytest.fixture
def focal_point(db):
    return FocalPointFactory()


def ingest(by, name="arcadia-review.txt", text=REVIEW_TEXT, publish=True, **metadata):
    from gcmhub.documents import ingestion, workflow

    metadata.setdefault("title", "Arcadia national review")
    metadata.setdefault("kind", "voluntary-review")
    metadata.setdefault("country", country("KEN"))
    document = ingestion.submit(upload(name, text), by=by, **metadata)
    assert document.processing == Document.Processing.READY, document.failure_reason
    return workflow.publish(document, by=by) if publish else document


@pytest.fixture
def review_document(secretariat):
    return ingest(secretariat)

"""Versions: who may add one, and which version is current, searchable and listed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gcmhub.documents import ingestion, workflow
from gcmhub.documents.models import Document
from gcmhub.documents.search import SearchQuery, search
from tests.documents.conftest import ingest
from tests.documents.helpers import REVIEW_TEXT, upload
from tests.factories import FocalPointFactory, SecretariatFactory, StakeholderFactory

NEW_TEXT = (
    "National review of the Compact in Arcadia, second edition\n\n"
    "1. The second edition reports on consular hotlines for workers abroad.\n\n"
    "2. Every embassy now answers calls from workers in distress within a day."
)


def _found(word):
    return {hit.document_id for hit in search(SearchQuery(word)).hits}


def _reasons(document):
    return list(document.history.values_list("history_change_reason", flat=True))


def test_a_published_file_cannot_be_hijacked_as_a_new_version(review_document):
    stranger = StakeholderFactory()
    data = review_document.file.open("rb").read()
    with pytest.raises(PermissionDenied) as caught:
        ingestion.submit(upload("same.txt", data), by=stranger, on_duplicate="new_version")
    assert "secretariat" in str(caught.value)
    with pytest.raises(PermissionDenied):
        ingestion.submit(upload("other.txt", NEW_TEXT), by=stranger, version_of=review_document)
    assert Document.objects.count() == 1
    review_document.refresh_from_db()
    assert review_document.is_current


def test_the_original_uploader_may_add_a_version(focal_point, secretariat):
    first = ingest(focal_point, publish=False, country=None)
    workflow.publish(first, by=secretariat)
    second = ingestion.submit(upload("v2.txt", NEW_TEXT), by=focal_point, version_of=first)
    assert second.version == 2
    assert second.first_version == first
    assert second.title == first.title  # inherited when none is given
    other_focal_point = FocalPointFactory()  # same country, but not the uploader
    with pytest.raises(PermissionDenied):
        ingestion.submit(
            upload("v3.txt", NEW_TEXT + " More."), by=other_focal_point, version_of=first
        )


def test_previous_version_stays_current_until_the_new_one_is_published(
    review_document, secretariat
):
    first = review_document
    assert _found("transfer") == {first.pk}
    second = ingestion.submit(upload("v2.txt", NEW_TEXT), by=secretariat, version_of=first)
    assert second.processing == Document.Processing.READY, second.failure_reason
    assert second.publication == Document.Publication.SUBMITTED
    first.refresh_from_db()
    assert first.is_current
    assert not second.is_current
    assert _found("transfer") == {first.pk}  # still searchable
    assert _found("hotlines") == set()  # the submitted version is not
    assert list(Document.objects.filter(is_current=True)) == [first]

    workflow.publish(second, by=secretariat)
    first.refresh_from_db()
    assert second.is_current
    assert not first.is_current
    assert _found("hotlines") == {second.pk}
    assert _found("transfer") == set()
    assert "version 2 became the current version" in _reasons(first)

    workflow.withdraw(second, by=secretariat)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_current
    assert not second.is_current
    assert _found("transfer") == {first.pk}
    assert _found("hotlines") == set()
    assert "became the current version" in _reasons(first)
    record = first.history.filter(history_change_reason="became the current version").first()
    assert record.history_user == secretariat


def test_withdrawing_the_current_version_brings_back_the_latest_published_one(secretariat):
    first = ingest(secretariat)
    second = ingest(secretariat, name="v2.txt", text=NEW_TEXT, version_of=first)
    third = ingest(
        secretariat, name="v3.txt", text=NEW_TEXT + "\n\n3. A third edition.", version_of=first
    )
    assert [d.version for d in (first, second, third)] == [1, 2, 3]
    workflow.withdraw(third, by=secretariat)
    current = Document.objects.get(is_current=True)
    assert current == second
    assert _found("hotlines") == {second.pk}


def test_a_failed_new_version_leaves_the_published_one_current(
    review_document, secretariat, monkeypatch
):
    def explode(*args, **kwargs):
        raise RuntimeError("tagger unavailable")

    monkeypatch.setattr(ingestion, "tag_paragraphs", explode)
    second = ingestion.submit(
        upload("v2.txt", NEW_TEXT), by=secretariat, version_of=review_document
    )
    assert second.processing == Document.Processing.FAILED
    review_document.refresh_from_db()
    assert review_document.is_current
    assert not second.is_current
    assert _found("transfer") == {review_document.pk}


def test_duplicate_message_names_the_document_only_to_who_may_see_it(focal_point):
    private = ingest(focal_point, publish=False, country=None)
    stranger = StakeholderFactory()
    for on_duplicate in ("refuse", "new_version"):
        with pytest.raises(ValidationError) as caught:
            ingestion.submit(
                upload("copy.txt", REVIEW_TEXT), by=stranger, on_duplicate=on_duplicate
            )
        message = caught.value.messages[0]
        assert caught.value.code == "duplicate"
        assert "already in gcmhub" in message
        assert str(private.pk) not in message
        assert private.title not in message
    with pytest.raises(ValidationError) as caught:
        ingestion.submit(upload("copy.txt", REVIEW_TEXT), by=SecretariatFactory())
    assert str(private.pk) in caught.value.messages[0]
    assert private.title in caught.value.messages[0]
    assert Document.objects.count() == 1

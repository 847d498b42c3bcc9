import pytest

from tests.factories import (
    ExternalReviewerFactory,
    FocalPointFactory,
    InternalReviewerFactory,
    SecretariatFactory,
    StakeholderFactory,
    UserFactory,
)

ROLES = {
    "secretariat": SecretariatFactory,
    "focal_point": FocalPointFactory,
    "stakeholder": StakeholderFactory,
    "internal_reviewer": InternalReviewerFactory,
    "external_reviewer": ExternalReviewerFactory,
}


@pytest.mark.parametrize(
    ("role", "upload", "publish", "review_tags"),
    [
        ("secretariat", True, True, True),
        ("focal_point", True, False, False),
        ("stakeholder", True, False, False),
        ("internal_reviewer", False, False, True),
        ("external_reviewer", False, False, False),
    ],
)
def test_permission_matrix(review_document, role, upload, publish, review_tags):
    user = ROLES[role]()
    assert user.has_perm("documents.add_document") is upload
    assert user.has_perm("documents.publish_document", review_document) is publish
    assert user.has_perm("documents.review_tags", review_document) is review_tags
    assert user.has_perm("documents.view_document", review_document) is True


def test_anonymous_and_inactive_cannot_upload(db):
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("documents.add_document")
    assert not UserFactory(is_active=False).has_perm("documents.add_document")


def test_unpublished_document_is_visible_to_uploader_country_and_secretariat(focal_point):
    from tests.documents.conftest import ingest

    document = ingest(focal_point, publish=False, country=None)
    assert focal_point.has_perm("documents.view_document", document)
    assert FocalPointFactory().has_perm("documents.view_document", document)  # same country
    assert SecretariatFactory().has_perm("documents.view_document", document)
    assert not StakeholderFactory().has_perm("documents.view_document", document)
    assert focal_point.has_perm("documents.withdraw_document", document)
    assert not StakeholderFactory().has_perm("documents.withdraw_document", document)


def test_only_the_uploader_and_the_secretariat_add_versions(focal_point):
    from tests.documents.conftest import ingest

    document = ingest(focal_point, publish=False, country=None)
    assert focal_point.has_perm("documents.add_version", document)
    assert SecretariatFactory().has_perm("documents.add_version", document)
    assert not FocalPointFactory().has_perm("documents.add_version", document)
    assert not StakeholderFactory().has_perm("documents.add_version", document)

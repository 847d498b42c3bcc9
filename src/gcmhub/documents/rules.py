"""Who may do what with documents (django-rules)."""

import rules

from gcmhub.accounts.rules import (
    is_focal_point,
    is_internal_reviewer,
    is_secretariat,
    is_submitter,
)


@rules.predicate
def is_uploader(user, document):
    return document is not None and user.is_authenticated and document.uploaded_by_id == user.pk


@rules.predicate
def is_published(user, document):
    return document is not None and document.publication == "published"


@rules.predicate
def is_country_focal_point(user, document):
    return (
        document is not None
        and document.country_id is not None
        and getattr(user, "country_id", None) == document.country_id
    )


rules.add_perm("documents.add_document", is_submitter)
rules.add_perm(
    "documents.view_document",
    is_published | is_uploader | is_secretariat | (is_focal_point & is_country_focal_point),
)
rules.add_perm("documents.publish_document", is_secretariat)
rules.add_perm("documents.withdraw_document", is_secretariat | is_uploader)
rules.add_perm("documents.add_version", is_secretariat | is_uploader)
rules.add_perm("documents.review_tags", is_secretariat | is_internal_reviewer)
rules.add_perm("documents.view_history", is_secretariat | is_uploader)

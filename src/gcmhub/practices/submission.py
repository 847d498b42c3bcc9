"""Creating and editing practices (drafts), attachments, and submitting them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Role
from gcmhub.core.files import atomic_with_files
from gcmhub.core.uploads import check_upload
from gcmhub.framework.models import Region
from gcmhub.practices import search, workflow
from gcmhub.practices.models import Attachment, Practice, PracticeTargetGroup, State, TargetGroup
from gcmhub.practices.rules import EDITABLE_STATES

ATTACHMENT_TYPES = {"pdf", "docx", "png", "jpg", "jpeg", "gif", "webp"}
ATTACHMENT_MAX_BYTES = 15 * 1024 * 1024
M2M_FIELDS = ["objectives", "principles", "countries", "regions", "partner_types"]


def new_practice(user) -> Practice:
    if not user.has_perm("practices.add_practice"):
        raise PermissionDenied(
            _("Only Member State focal points, stakeholders and the secretariat submit practices.")
        )
    practice = Practice(submitter=user, organization=user.organization)
    if user.role == Role.FOCAL_POINT:
        practice.submitting_state = user.country
    return practice


def save_draft(
    practice: Practice, fields: dict, by, *, m2m: dict | None = None, target_groups=None, files=()
) -> Practice:
    """Save the practice's fields, relations, target groups and new attachments in one
    transaction. Every file is checked before anything is written, and the files written are
    removed again if the transaction fails."""
    if practice.pk and not by.has_perm("practices.change_practice", practice):
        raise PermissionDenied(_("This practice cannot be edited now."))
    if practice.pk and practice.state not in EDITABLE_STATES:
        raise PermissionDenied(_("This practice cannot be edited now."))
    for upload in files:
        check_upload(upload, ATTACHMENT_TYPES, ATTACHMENT_MAX_BYTES)
    unknown = set(target_groups or []) - set(TargetGroup.values)
    if unknown:
        raise ValidationError({"target_groups": [_("Unknown target group.")]})
    with atomic_with_files():
        for name, value in fields.items():
            setattr(practice, name, value)
        practice.start_year = practice.start_date.year if practice.start_date else None
        practice.search_text = search.body_of(practice).lower()
        practice._history_user = by
        practice.save()
        m2m = m2m or {}
        for name in M2M_FIELDS:
            if name in m2m:
                getattr(practice, name).set(m2m[name])
        if practice.primary_objective_id:
            practice.objectives.add(practice.primary_objective_id)
        if "countries" in m2m or "regions" in m2m:
            _derive_regions(practice)
        if target_groups is not None:
            practice.target_groups.exclude(group__in=target_groups).delete()
            existing = set(practice.target_groups.values_list("group", flat=True))
            PracticeTargetGroup.objects.bulk_create(
                PracticeTargetGroup(practice=practice, group=g)
                for g in target_groups
                if g not in existing
            )
        for upload in files:
            attachment = Attachment(
                practice=practice, name=upload.name[:200], size=upload.size, uploaded_by=by
            )
            attachment.file.save(upload.name, upload, save=False)
            attachment._history_user = by
            attachment.save()
        search.index_practice(practice)
    return practice


def _derive_regions(practice) -> None:
    """A practice's regions include those of its countries (region and sub-region)."""
    chosen = set(practice.regions.values_list("id", flat=True))
    for region_id, subregion_id in practice.countries.values_list("region_id", "subregion_id"):
        chosen.update(i for i in (region_id, subregion_id) if i)
    parents = (
        Region.objects.filter(id__in=chosen)
        .exclude(parent=None)
        .values_list("parent_id", flat=True)
    )
    chosen.update(parents)
    practice.regions.set(chosen)


def remove_attachment(attachment, by) -> None:
    if not by.has_perm("practices.change_practice", attachment.practice):
        raise PermissionDenied(_("This practice cannot be edited now."))
    with transaction.atomic():
        attachment.removed = True
        attachment._history_user = by
        attachment.save()


def submit(practice, by) -> Practice:
    """Submit a draft, or resubmit after changes were requested (the criteria are checked)."""
    target = State.IN_REVIEW if practice.state == State.CHANGES_REQUESTED else State.SUBMITTED
    return workflow.transition(practice, target, by)

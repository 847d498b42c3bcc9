"""Pledges: commitments made at a review forum, their targets, joint participants and progress.

Some facts are stored twice on purpose (``progress_status``, ``progress``, ``last_report_on``,
``next_due_on``, ``entity_kind``, ``region``): the dashboard and the lists read them from the
pledge row instead of joining reports. Only the functions in ``pledges.services`` write them.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gcmhub.accounts.models import Organization
from gcmhub.framework.models import (
    Action,
    Country,
    Forum,
    GuidingPrinciple,
    Objective,
    Region,
)

STATE_KIND = "state"
# A pledge's public ID: the forum's prefix and a number, e.g. IMRF2022-0142 (any letter case in
# addresses). API routes accept only this shape, so a malformed ID is a plain 404.
PUBLIC_ID_PATTERN = r"[Ii][Mm][Rr][Ff][0-9]{4}-[0-9]{1,8}"


class PledgeType(models.TextChoices):
    FINANCIAL = "financial", _("Financial contribution")
    HUMAN_RESOURCES = "human_resources", _("Human-resource contribution")
    PROCESS = "process", _("Process-oriented commitment")
    POLICY = "policy", _("Policy-oriented commitment")


class PledgeForm(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual pledge")
    COMMON = "common", _("Common pledge with several States or actors")
    PARTNERSHIP = "partnership", _("Pledge in partnership")
    MATCHING = "matching", _("Matching pledge")


JOINT_FORMS = {PledgeForm.COMMON, PledgeForm.PARTNERSHIP}


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


def attachment_path(instance, filename):
    return f"pledges/{instance.public_id or 'new'}/{filename}"


def report_attachment_path(instance, filename):
    return f"pledges/{instance.report.pledge.public_id}/reports/{filename}"


class PledgeSequence(models.Model):
    """The last number handed out per public-ID prefix (``IMRF2022``)."""

    prefix = models.CharField(max_length=16, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.prefix}: {self.last}"


class Pledge(models.Model):
    public_id = models.CharField(_("pledge ID"), max_length=24, unique=True)
    # The pledging entity: exactly one of these two.
    entity_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges_made"
    )
    entity_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    entity_kind = models.CharField(
        max_length=40, db_index=True, help_text="'state' or the stakeholder type's slug."
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    pledge_type = models.CharField(
        _("pledge type"), max_length=20, choices=PledgeType.choices, db_index=True
    )
    form = models.CharField(_("form"), max_length=20, choices=PledgeForm.choices, db_index=True)
    matches = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matched_by",
        verbose_name=_("matched pledge"),
    )
    objectives = models.ManyToManyField(Objective, related_name="pledges")
    principles = models.ManyToManyField(GuidingPrinciple, related_name="pledges", blank=True)
    actions = models.ManyToManyField(Action, related_name="pledges", blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    countries = models.ManyToManyField(Country, related_name="pledges_concerning", blank=True)
    forum_year = models.PositiveSmallIntegerField(_("forum year"), db_index=True)
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    announced_on = models.DateField(_("announced on"))
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True)
    quality_warnings = models.JSONField(default=list, blank=True)
    # Derived from targets and reports (see services.refresh_progress).
    progress_status = models.CharField(
        max_length=20,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
        db_index=True,
    )
    progress = models.FloatField(default=0)
    last_report_on = models.DateField(null=True, blank=True, db_index=True)
    next_due_on = models.DateField(null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-announced_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(entity_country__isnull=False, entity_organization__isnull=True)
                    | models.Q(entity_country__isnull=True, entity_organization__isnull=False)
                ),
                name="pledge_has_one_entity",
            )
        ]
        indexes = [
            models.Index(fields=["-announced_on", "-id"], name="pledge_recent"),
            # Covers the dashboard's one-pass count (SQLite scans it instead of the wide rows).
            models.Index(
                fields=[
                    "pledge_type",
                    "entity_kind",
                    "region",
                    "progress_status",
                    "withdrawn_at",
                    "last_report_on",
                    "forum_year",
                    "form",
                    "level",
                ],
                name="pledge_cube",
            ),
            models.Index(
                fields=["currency", "recipient", "amount", "withdrawn_at"],
                condition=models.Q(amount__isnull=False),
                name="pledge_money",
            ),
            # The few withdrawn pledges, whose links the unfiltered dashboard subtracts.
            models.Index(
                fields=["id"],
                condition=models.Q(withdrawn_at__isnull=False),
                name="pledge_withdrawn",
            ),
        ]

    def __str__(self):
        return f"{self.public_id} {self.title}"

    def get_absolute_url(self):
        return reverse("pledges:detail", args=[self.public_id])

    @property
    def entity(self):
        return self.entity_country or self.entity_organization

    @property
    def attachment_filename(self) -> str:
        return PurePosixPath(self.attachment.name).name if self.attachment else ""

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_joint(self) -> bool:
        return self.form in JOINT_FORMS


class PledgeTerm(models.Model):
    """The search index: each distinct normalised word of a pledge's ID, title, description and
    entity (see ``search``). Rebuilt whenever the pledge is saved; not user content."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["term", "pledge"], name="pledge_term")]

    def __str__(self):
        return self.term


class Target(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=300)
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    due_date = models.DateField(_("due date"))
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    # Latest reported state (services.refresh_progress).
    current_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    achieved = models.BooleanField(default=False)
    progress = models.FloatField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pledge", "position", "id"]

    def __str__(self):
        return self.indicator

    @property
    def is_milestone(self) -> bool:
        """A yes/no milestone has no target number: done or not done."""
        return self.target_value is None


class Participant(models.Model):
    """Another State or actor in a joint pledge (or a partner), invited to confirm its part."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", pgettext_lazy("pledge participant", "Declined")

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email of the person who confirms"))
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    part = models.TextField(_("its part"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who answered: the invited address when answered through the emailed link (with or
    # without an account), else the email of the account that answered.
    responded_email = models.EmailField(_("answered by (email)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pledge", "id"]

    def __str__(self):
        return self.name


class ProgressReport(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="reports")
    reported_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices)
    discontinued_reason = models.TextField(_("reason for discontinuing"), blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    progress = models.FloatField(default=0, help_text="Overall progress once this was filed.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["pledge", "-reported_on"], name="report_pledge_recent")]

    def __str__(self):
        return f"{self.pledge.public_id} {self.reported_on}"


class TargetProgress(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="results")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="results")
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    achieved = models.BooleanField(default=False)
    evidence = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "target__position", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="one_result_per_target")
        ]

    def __str__(self):
        return f"{self.target}: {self.value}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to=report_attachment_path)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.file.name

    @property
    def filename(self) -> str:
        return PurePosixPath(self.file.name).name


class Reminder(models.Model):
    """One reminder sent, so the same one is not sent again."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=60)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pledge", "kind", "key"], name="unique_reminder")
        ]

    def __str__(self):
        return f"{self.pledge_id} {self.kind} {self.key}"

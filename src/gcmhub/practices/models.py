"""Repository of Practices: practices, their peer review, the expert roster and calls.

Business rules live elsewhere: ``criteria`` (what a submission must hold), ``workflow`` (state
changes), ``review`` (assignments, declarations, scores, the decision rule), ``suggestions``
(ranking reviewers), ``search`` (repository filters and full-text search).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gcmhub.framework.models import Country, GuidingPrinciple, Objective, Region, StakeholderType

LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
    ("pt", _("Portuguese")),
    ("other", _("Other")),
]


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("practice", "Submitted")
    SCREENING = "screening", _("Screening")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ARCHIVED = "archived", _("Archived")


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class ImplementationStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    MOSTLY_COMPLETED = "mostly_completed", _("Mostly completed")
    COMPLETED = "completed", _("Completed")


class TargetGroup(models.TextChoices):
    WOMEN = "women", _("Women and girls")
    CHILDREN = "children", _("Children")
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    RETURNEES = "returnees", _("Returnees")
    DIASPORA = "diaspora", _("Diaspora")
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    IRREGULAR = "irregular", _("Migrants in irregular situations")
    STUDENTS = "students", _("Students")
    FAMILIES = "families", _("Families")
    COMMUNITIES = "communities", _("Host communities")
    OFFICIALS = "officials", _("Public officials")


class Call(models.Model):
    """A themed call for practices opened by the secretariat."""

    title = models.CharField(_("title"), max_length=200)
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        related_name="practice_calls",
        verbose_name=_("objective"),
    )
    description = models.TextField(_("description"))
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-deadline"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:call", args=[self.pk])


class Practice(models.Model):
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practices"
    )
    organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.PROTECT
    )
    # Set when a Member State focal point submits: the State whose government submits.
    submitting_state = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    call = models.ForeignKey(
        Call,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("answering the call"),
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    review_round = models.PositiveSmallIntegerField(default=1)

    title = models.CharField(_("title"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Two or three sentences."))
    description = models.TextField(_("full description"), blank=True, help_text=_("Markdown."))
    primary_objective = models.ForeignKey(
        Objective,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("primary objective"),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="practices", verbose_name=_("objectives served")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="practices", verbose_name=_("guiding principles")
    )
    scope = models.CharField(
        _("geographical scope"), max_length=10, choices=Scope.choices, blank=True
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="practices", verbose_name=_("countries")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="practices", verbose_name=_("regions")
    )
    implementing_entity = models.CharField(_("implementing entity"), max_length=250, blank=True)
    implementer_type = models.ForeignKey(
        StakeholderType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("implementer's stakeholder type"),
    )
    partners = models.TextField(_("partners"), blank=True)
    partner_types = models.ManyToManyField(
        StakeholderType, blank=True, related_name="+", verbose_name=_("partners' stakeholder types")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    predates_gcm = models.BooleanField(
        _("started before December 2018"),
        default=False,
        help_text=_("Tick and explain if the practice began before the GCM was adopted."),
    )
    predates_gcm_reason = models.TextField(_("why it is still relevant"), blank=True)
    implementation_status = models.CharField(
        _("status"), max_length=20, choices=ImplementationStatus.choices, blank=True
    )
    resources = models.TextField(_("resources and funding"), blank=True)
    results = models.TextField(_("results and evidence of impact"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    replicability = models.TextField(_("replicability"), blank=True)
    sustainability = models.TextField(_("sustainability"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email (kept private)"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES, default="en")
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))

    # Denormalised for fast filtering and sorting.
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    search_text = models.TextField(blank=True, editable=False)

    decision_reasons = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["state", "published_at"])]

    def __str__(self):
        return self.title or _("Untitled practice")

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.pk])

    @property
    def is_published(self):
        return self.state == State.APPROVED

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PracticeTargetGroup(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(max_length=20, choices=TargetGroup.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "group"], name="unique_practice_group")
        ]
        indexes = [models.Index(fields=["group", "practice"])]

    def __str__(self):
        return self.get_group_display()


def attachment_path(instance, filename):
    return f"practices/{instance.practice_id}/{filename}"


class Attachment(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed = models.BooleanField(default=False)
    history = HistoricalRecords()

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The download address: the view checks the permission on the practice."""
        return reverse("practices:attachment", args=[self.practice_id, self.pk])


class Transition(models.Model):
    """Every state change: who, when, from what to what, and why."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class Theme(models.TextChoices):
    GENDER = "gender", _("Gender")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    CHILD = "child", _("Child-sensitivity")


class Expert(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", pgettext_lazy("expert application", "Declined")
        RETIRED = "retired", _("Retired")

    # Empty for an application from someone without an account: the account is created, with
    # ``email``, when the secretariat approves the application.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert",
    )
    email = models.EmailField(_("email address"), blank=True)
    # The language the applicant used, for the email sent when the application is approved.
    language = models.CharField(max_length=8, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("organisation"),
    )
    is_un = models.BooleanField(_("works for the UN system"), default=False)
    # A government employee: excluded from reviewing that State's own submissions.
    government_of = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("works for the government of"),
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("country")
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    languages = models.CharField(
        _("languages"), max_length=60, help_text=_("Language codes separated by commas.")
    )
    objectives = models.ManyToManyField(
        Objective, related_name="experts", verbose_name=_("objectives of expertise")
    )
    themes = models.CharField(_("cross-cutting themes"), max_length=60, blank=True)
    years_experience = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    publications = models.TextField(_("publications"), blank=True)
    bio = models.TextField(_("short biography"), blank=True)
    available = models.BooleanField(_("available for reviews"), default=True)
    max_load = models.PositiveSmallIntegerField(_("most reviews at a time"), default=3)
    public_profile = models.BooleanField(_("show my profile publicly"), default=False)
    conflict_organizations = models.ManyToManyField(
        "accounts.Organization",
        blank=True,
        related_name="+",
        verbose_name=_("declared conflicts with organisations"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "available"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="expert_has_user_or_email",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.languages = ",".join(
            sorted({c.strip().lower() for c in self.languages.split(",")} - {""})
        )
        self.region_id = self.country.region_id if self.country_id else None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("practices:expert", args=[self.pk])

    @property
    def language_list(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def theme_list(self):
        return [code for code in self.themes.split(",") if code]


class Assignment(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Awaiting conflict declaration")
        ACTIVE = "active", _("Reviewing")
        CONFLICT = "conflict", _("Declared a conflict")
        REMOVED = "removed", _("Removed")

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="assignments")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    due_date = models.DateField()
    declared_at = models.DateTimeField(null=True, blank=True)
    conflict_note = models.TextField(blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "expert"], name="unique_assignment")
        ]

    def __str__(self):
        return f"{self.expert} → {self.practice}"


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REVISE = "revise", _("Revise")
    REJECT = "reject", _("Reject")


CRITERIA = [
    ("relevance", _("Relevance to the objectives")),
    ("principles", _("Adherence to the guiding principles")),
    ("evidence", _("Evidence of results")),
    ("innovation", _("Innovation")),
    ("replicability", _("Replicability")),
    ("sustainability", _("Sustainability")),
]
SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class Review(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="reviews")
    round = models.PositiveSmallIntegerField()
    relevance = models.PositiveSmallIntegerField(
        _("relevance to the objectives"), choices=SCORE_CHOICES
    )
    principles = models.PositiveSmallIntegerField(
        _("adherence to the guiding principles"), choices=SCORE_CHOICES
    )
    evidence = models.PositiveSmallIntegerField(_("evidence of results"), choices=SCORE_CHOICES)
    innovation = models.PositiveSmallIntegerField(_("innovation"), choices=SCORE_CHOICES)
    replicability = models.PositiveSmallIntegerField(_("replicability"), choices=SCORE_CHOICES)
    sustainability = models.PositiveSmallIntegerField(_("sustainability"), choices=SCORE_CHOICES)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices
    )
    comments = models.TextField(_("comments for the submitter"))
    confidential_comments = models.TextField(_("comments for the secretariat only"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="unique_review_round")
        ]

    def __str__(self):
        return f"{self.assignment} (round {self.round})"

    @property
    def total(self):
        return sum(getattr(self, name) for name, _label in CRITERIA)

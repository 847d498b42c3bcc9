"""Review documents, their citable paragraphs and footnotes, tags, tag reviews and commitments."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gcmhub.framework.models import Country, GuidingPrinciple, Objective, Region

LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("zh", "中文"),
]


class Kind(models.TextChoices):
    VOLUNTARY_REVIEW = "voluntary-review", _("Voluntary national review")
    NATIONAL_PLAN = "national-plan", _("National implementation plan")
    REGIONAL_REVIEW = "regional-review", _("Regional review report")
    STAKEHOLDER_SUBMISSION = "stakeholder-submission", _("Stakeholder submission")
    SG_REPORT = "sg-report", _("Report of the Secretary-General")
    DECLARATION = "declaration", pgettext_lazy("document kind", "Declaration")
    STATEMENT = "statement", _("Statement")
    OTHER = "other", _("Other")


class Document(models.Model):
    class Processing(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Publication(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("document", "Submitted")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.PROTECT
    )
    date = models.DateField(_("date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES, blank=True)
    language_detected = models.CharField(max_length=5, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="documents"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to="documents/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_type = models.CharField(max_length=8, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    content_hash = models.CharField(max_length=64, db_index=True)
    # Versions: every version points at the first one; version numbers count from 1.
    first_version = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="later_versions"
    )
    version = models.PositiveSmallIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    processing = models.CharField(
        max_length=12, choices=Processing.choices, default=Processing.QUEUED
    )
    failure_reason = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    publication = models.CharField(
        max_length=12, choices=Publication.choices, default=Publication.SUBMITTED
    )
    # Document-level tags: [{"number", "score"}], [{"name", "score"}] (roll-up of paragraphs).
    objective_scores = models.JSONField(default=list, blank=True)
    principle_scores = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(excluded_fields=["objective_scores", "principle_scores"])

    class Meta:
        ordering = ["-date", "-uploaded_at"]
        indexes = [models.Index(fields=["publication", "is_current"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])

    @property
    def year(self):
        return self.date.year if self.date else None

    @property
    def is_published(self):
        return self.publication == self.Publication.PUBLISHED


class Paragraph(models.Model):
    """One citable unit of a document, in reading order. ``number`` is the document's own
    numbering ("37", "(a)"), empty for unnumbered text; ``kind`` says heading or paragraph."""

    class ParagraphKind(models.TextChoices):
        HEADING = "heading", _("Heading")
        PARAGRAPH = "paragraph", _("Paragraph")
        ITEM = "item", _("List item")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=20, blank=True)
    parent_number = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=10, choices=ParagraphKind.choices)
    section = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    page = models.PositiveIntegerField(null=True, blank=True)
    # Copies of the document's facets so that filtered search is one join.
    language = models.CharField(max_length=5, blank=True)
    doc_kind = models.CharField(max_length=24, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    searchable = models.BooleanField(default=False)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="unique_paragraph")
        ]
        indexes = [
            models.Index(fields=["doc_kind"]),
            models.Index(fields=["country"]),
            models.Index(fields=["language"]),
            models.Index(fields=["year"]),
        ]

    def __str__(self):
        return f"{self.document_id} ¶{self.label}"

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#{self.anchor}"

    @property
    def label(self):
        if not self.number:
            return ""
        if self.number.startswith("("):
            return self.number
        return f"{self.number}."

    @property
    def anchor(self):
        """Stable within a document version: the own number when there is one."""
        if self.number:
            prefix = f"{self.parent_number}-" if self.parent_number else ""
            return "p" + (prefix + self.number).strip("()").replace("(", "").replace(")", "")
        return f"x{self.position}"


class Footnote(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="footnotes")
    marker = models.CharField(max_length=10)
    text = models.TextField()
    # Every paragraph that cites the note (a note may be cited more than once).
    paragraphs = models.ManyToManyField(Paragraph, related_name="footnotes", blank=True)

    class Meta:
        ordering = ["document", "id"]

    def __str__(self):
        return f"{self.marker} {self.text[:40]}"


class Origin(models.TextChoices):
    MODEL = "model", _("Suggested by the classifier")
    PERSON = "person", _("Confirmed by a person")


class ParagraphTag(models.Model):
    """An objective or a guiding principle that a paragraph addresses, with a score."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="tags")
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.CASCADE, related_name="paragraph_tags"
    )
    principle = models.ForeignKey(
        GuidingPrinciple,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="paragraph_tags",
    )
    score = models.FloatField()
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MODEL)

    class Meta:
        indexes = [
            models.Index(fields=["objective", "score"]),
            models.Index(fields=["principle", "score"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(objective__isnull=False) | models.Q(principle__isnull=False),
                name="paragraph_tag_has_target",
            )
        ]

    def __str__(self):
        target = self.objective or self.principle
        return f"{self.paragraph_id}: {target} ({self.score:.2f})"


class TagReview(models.Model):
    """A person's confirmation or correction of a paragraph's tags; used to retrain."""

    paragraph = models.OneToOneField(Paragraph, on_delete=models.CASCADE, related_name="review")
    objectives = models.JSONField(default=list)
    principles = models.JSONField(default=list)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reviewed_at = models.DateTimeField(auto_now=True)
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"review of {self.paragraph}"


class Commitment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="commitments")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="commitments")
    sentence = models.TextField()
    actor = models.CharField(max_length=200)
    action = models.TextField()
    target = models.CharField(max_length=200, blank=True)
    deadline = models.CharField(max_length=60, blank=True)
    objectives = models.ManyToManyField(Objective, related_name="document_commitments", blank=True)

    class Meta:
        ordering = ["document", "paragraph__position", "id"]

    def __str__(self):
        return self.sentence[:80]

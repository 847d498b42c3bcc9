"""The GCM framework: what every submission, indicator and report is tied to.

Texts that exist in several languages keep English in the main field and the others in an
``i18n`` JSON field ({"fr": {"title": ...}}); ``localized()`` says when it had to fall back.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcmhub.framework.names import territory_name

RESOLUTION_SYMBOL = "A/RES/73/195"
RESOLUTION_URL = "https://undocs.org/A/RES/73/195"


class Localized(models.Model):
    i18n = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def localized(self, attr: str, language: str | None) -> tuple[str, bool]:
        english = getattr(self, attr) or ""
        if not language or language.startswith("en"):
            return english, False
        text = (self.i18n.get(language) or {}).get(attr)
        return (text, False) if text else (english, True)


class Region(models.Model):
    class Level(models.IntegerChoices):
        REGION = 1, _("Region")
        SUBREGION = 2, _("Sub-region")

    m49 = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=80)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["level", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language (CLDR), or the registry's English name."""
        return territory_name(self.m49, self.name)


class Country(models.Model):
    """A UN Member State or another country or area with an ISO 3166 alpha-3 code."""

    iso3 = models.CharField(max_length=3, unique=True)
    iso2 = models.CharField(max_length=2, blank=True)
    m49 = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=120)
    official_name = models.CharField(max_length=200, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="countries"
    )
    subregion = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="subregion_countries"
    )
    is_member_state = models.BooleanField(default=False)
    member_since = models.PositiveSmallIntegerField(null=True, blank=True)
    name_pattern = models.CharField(
        max_length=300, blank=True, help_text="Regular expression matching the usual names."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("framework:country", args=[self.iso3])

    @property
    def display_name(self) -> str:
        """The name in the active language (CLDR), or the registry's English name."""
        return territory_name(self.iso2, self.name)


class GuidingPrinciple(Localized):
    letter = models.CharField(max_length=1, unique=True)
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    text = models.TextField(null=True, blank=True)
    paragraph = models.PositiveSmallIntegerField(default=15)

    class Meta:
        ordering = ["letter"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("framework:principle", args=[self.slug])


class Objective(Localized):
    number = models.PositiveSmallIntegerField(unique=True)
    short_label = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    commitment_paragraph = models.PositiveSmallIntegerField()
    commitment = models.TextField(null=True, blank=True)
    actions_complete = models.BooleanField(default=True)
    source_note = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("framework:objective", args=[self.number])

    @property
    def resolution_url(self):
        return RESOLUTION_URL


class Action(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    letter = models.CharField(max_length=2)
    text = models.TextField()

    class Meta:
        ordering = ["objective__number", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "letter"], name="unique_action_letter")
        ]

    def __str__(self):
        return f"{self.objective.number}({self.letter})"

    @property
    def code(self):
        return f"{self.objective.number}{self.letter}"


class Forum(models.Model):
    """A review forum edition (IMRF 2022, IMRF 2026, ...)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField(unique=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    segments = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("framework:forum", args=[self.slug])


class RoundTable(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="round_tables")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300, blank=True)
    objectives = models.ManyToManyField(Objective, related_name="round_tables")
    co_chairs = models.ManyToManyField(Country, related_name="round_tables_chaired", blank=True)

    class Meta:
        ordering = ["forum", "number"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "number"], name="unique_round_table")
        ]

    def __str__(self):
        return f"{self.forum.short_name}, round table {self.number}"

    def get_absolute_url(self):
        return reverse("framework:round_table", args=[self.forum.slug, self.number])


class SDGTarget(models.Model):
    code = models.CharField(max_length=8, unique=True)
    title = models.TextField()
    objectives = models.ManyToManyField(Objective, related_name="sdg_targets", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "SDG target"

    def __str__(self):
        return f"SDG {self.code}"


class SDGIndicator(models.Model):
    code = models.CharField(max_length=10, unique=True)
    target = models.ForeignKey(SDGTarget, on_delete=models.PROTECT, related_name="indicators")
    title = models.TextField()
    custodian = models.CharField(max_length=120, blank=True)
    objectives = models.ManyToManyField(Objective, related_name="sdg_indicators", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "SDG indicator"

    def __str__(self):
        return f"SDG {self.code}"


class StakeholderType(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

"""Imported releases of the public datasets and their observations.

Observations are stored long and narrow (one numeric value per row, short codes) so that a
release of a few hundred thousand rows loads in seconds and the indicator queries stay on
indexes. Incidents of the Missing Migrants Project keep their own richer table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Release(models.Model):
    """One imported file of a dataset: versioned by its source, date and content hash.

    ``version`` is the release's label, unique within its dataset (``--release DATASET=VERSION``
    names one release). One release per dataset is current: a strictly newer import takes over
    by itself; anything else only when someone asks (who and when are kept, and the history).
    """

    dataset = models.CharField(max_length=40, db_index=True)
    version = models.CharField(max_length=60)
    source = models.CharField(max_length=300, help_text=_("File name or address it came from."))
    released = models.DateField(help_text=_("Publication date, or the last date the data cover."))
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    current_since = models.DateTimeField(null=True, blank=True)
    current_by = models.CharField(
        max_length=200, blank=True, help_text=_("Who made this release current.")
    )
    history = HistoricalRecords(excluded_fields=["summary"])

    class Meta:
        ordering = ["dataset", "-released", "-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "sha256"], name="unique_release_content"),
            models.UniqueConstraint(fields=["dataset", "version"], name="unique_release_version"),
        ]

    def __str__(self):
        return f"{self.dataset} {self.version}"


class Observation(models.Model):
    """A value for a series, a year (and quarter), a country and optionally a partner country.

    ``country`` is the reporting country (destination, asylum, sender, ...), ``partner`` the
    other side (origin, receiver; "" when there is none). Codes are ISO3 as normalised at
    import; the publishers' codes for what is not a country (OOO = unknown origin,
    STL = stateless, ...) are kept as published. A code or name that matches no country is
    stored as NULL (never cut or guessed) and named in the release's import summary: such rows
    count in world totals but in no country's figures.
    """

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    series = models.CharField(max_length=16)
    year = models.SmallIntegerField()
    quarter = models.SmallIntegerField(default=0)
    country = models.CharField(max_length=3, null=True)
    partner = models.CharField(max_length=3, null=True, blank=True, default="")
    sex = models.CharField(max_length=1, blank=True, default="")
    value = models.FloatField()
    weight = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["release", "series", "country", "year"], name="obs_country"),
            models.Index(fields=["release", "series", "year"], name="obs_year"),
            models.Index(fields=["release", "series", "partner", "year"], name="obs_partner"),
        ]

    def __str__(self):
        return f"{self.series} {self.country} {self.year}: {self.value}"


class Incident(models.Model):
    """An incident of the IOM Missing Migrants Project (SDG 10.7.3)."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="incidents", db_index=False
    )
    incident_id = models.CharField(max_length=40)
    incident_type = models.CharField(max_length=40, blank=True)
    date = models.DateField(null=True, blank=True)
    year = models.SmallIntegerField(null=True, blank=True)
    month = models.SmallIntegerField(null=True, blank=True)
    region = models.CharField(max_length=100, blank=True)
    route = models.CharField(max_length=100, blank=True)
    cause = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=3, blank=True)
    country_name = models.CharField(max_length=120, blank=True)
    origin = models.CharField(max_length=300, blank=True)
    dead = models.IntegerField(default=0)
    missing = models.IntegerField(default=0)
    total = models.IntegerField(default=0)
    survivors = models.IntegerField(null=True, blank=True)
    females = models.IntegerField(null=True, blank=True)
    males = models.IntegerField(null=True, blank=True)
    children = models.IntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["release", "date"], name="incident_date"),
            models.Index(fields=["release", "year"], name="incident_year"),
            models.Index(fields=["release", "country", "year"], name="incident_country"),
        ]

    def __str__(self):
        return self.incident_id

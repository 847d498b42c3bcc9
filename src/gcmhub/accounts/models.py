from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.framework.models import Country, StakeholderType


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Network secretariat")
    FOCAL_POINT = "focal_point", _("Member State focal point")
    STAKEHOLDER = "stakeholder", _("Stakeholder")
    INTERNAL_REVIEWER = "internal_reviewer", _("Internal reviewer (UN)")
    EXTERNAL_REVIEWER = "external_reviewer", _("External reviewer")


class Organization(models.Model):
    """A stakeholder organisation (or a UN entity) that users act for."""

    name = models.CharField(max_length=200, unique=True)
    stakeholder_type = models.ForeignKey(StakeholderType, on_delete=models.PROTECT)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        fields.setdefault("role", Role.SECRETARIAT)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A person with an email login and one role. Focal points belong to a country,
    stakeholders to an organisation; reviewers may have an affiliation."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(max_length=24, choices=Role.choices)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    preferred_language = models.CharField(max_length=8, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        if self.role == Role.FOCAL_POINT and self.country_id is None:
            raise ValidationError(
                {"country": _("A Member State focal point must be bound to a country.")}
            )
        if self.role == Role.STAKEHOLDER and self.organization_id is None:
            raise ValidationError(
                {"organization": _("A stakeholder must be bound to an organisation.")}
            )
        if self.role == Role.SECRETARIAT:
            self.is_staff = True

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (self.role == Role.SECRETARIAT or self.is_superuser)

    @property
    def is_reviewer(self) -> bool:
        return self.role in (Role.INTERNAL_REVIEWER, Role.EXTERNAL_REVIEWER)

"""Account actions shared by the CLI, the admin and the web."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from gcmhub.accounts.models import Organization, Role, User
from gcmhub.framework.models import StakeholderType
from gcmhub.framework.registry import country_by_code


@transaction.atomic
def add_user(
    email: str,
    role: str,
    *,
    password: str | None = None,
    country: str | None = None,
    organization: str | None = None,
    stakeholder_type: str | None = None,
    full_name: str = "",
) -> User:
    """Create a user; raise ValidationError (and create nothing) when anything is off."""
    errors = {}
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("“%(email)s” is not a valid email address.") % {"email": email}]
    if role not in Role.values:
        errors["role"] = [
            _("Unknown role “%(role)s”; roles are: %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        ]
    if User.objects.filter(email=email).exists():
        errors["email"] = [_("A user with the email %(email)s already exists.") % {"email": email}]
    country_obj = None
    if country:
        try:
            country_obj = country_by_code(country)
        except ValidationError as exc:
            errors["country"] = exc.messages
    if role == Role.FOCAL_POINT and not country:
        errors["country"] = [_("A Member State focal point needs a country (ISO3 code).")]
    if country and role not in (Role.FOCAL_POINT, Role.STAKEHOLDER):
        errors["country"] = [
            _(
                "Only Member State focal points (their State) and stakeholders (the country of "
                "a new organisation) take a country."
            )
        ]
    if role == Role.STAKEHOLDER and not organization:
        errors["organization"] = [_("A stakeholder needs an organisation.")]
    if errors:
        raise ValidationError(errors)

    org = None
    if organization:
        org = Organization.objects.filter(name=organization).first()
        if org is None:
            type_slug = stakeholder_type or "civil-society"
            try:
                kind = StakeholderType.objects.get(slug=type_slug)
            except StakeholderType.DoesNotExist:
                raise ValidationError(
                    {
                        "stakeholder_type": [
                            _("Unknown stakeholder type “%(type)s”.") % {"type": type_slug}
                        ]
                    }
                ) from None
            org = Organization.objects.create(
                name=organization, stakeholder_type=kind, country=country_obj
            )
    if password is not None:
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(password, User(email=email, full_name=full_name))
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    user = User.objects.create_user(
        email=email,
        password=password,
        role=role,
        country=country_obj,
        organization=org,
        full_name=full_name,
        is_staff=role == Role.SECRETARIAT,
    )
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def api_token(user: User) -> str:
    token, _ = Token.objects.get_or_create(user=user)
    return token.key

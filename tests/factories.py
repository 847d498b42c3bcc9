"""Factories shared by every app's tests. Countries and stakeholder types come from the framework
registry that each test database starts with."""

import factory

from gcmhub.accounts.models import Organization, Role, User
from gcmhub.framework.models import Country, StakeholderType

PASSWORD = "correct-horse-battery-staple"


def country(iso3: str = "KEN") -> Country:
    return Country.objects.get(iso3=iso3)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    stakeholder_type = factory.LazyFunction(
        lambda: StakeholderType.objects.get(slug="civil-society")
    )
    country = factory.LazyFunction(lambda: country("KEN"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    role = Role.STAKEHOLDER
    organization = factory.SubFactory(OrganizationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class SecretariatFactory(UserFactory):
    role = Role.SECRETARIAT
    organization = None
    is_staff = True


class FocalPointFactory(UserFactory):
    role = Role.FOCAL_POINT
    organization = None
    country = factory.LazyFunction(lambda: country("MEX"))


class StakeholderFactory(UserFactory):
    role = Role.STAKEHOLDER


class InternalReviewerFactory(UserFactory):
    role = Role.INTERNAL_REVIEWER
    organization = factory.SubFactory(
        OrganizationFactory,
        stakeholder_type=factory.LazyFunction(lambda: StakeholderType.objects.get(slug="un-io")),
    )


class ExternalReviewerFactory(UserFactory):
    role = Role.EXTERNAL_REVIEWER
    organization = None
    country = factory.LazyFunction(lambda: country("SEN"))

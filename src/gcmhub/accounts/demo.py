"""Demo users, one or more per role. Other apps' demo content refers to them by email."""

from gcmhub.accounts.models import Organization, Role, User
from gcmhub.framework.models import Country, StakeholderType

ORGANIZATIONS = [
    ("Coastal Migrant Workers' Alliance", "migrant-diaspora", "PHL"),
    ("City of Riverside Integration Office", "local-authority", "DEU"),
    ("Andean Human Mobility Research Centre", "academia", "ECU"),
    ("Fair Recruitment Employers' Forum", "private-sector", "ARE"),
    ("Union of Domestic and Care Workers", "trade-union", "ZAF"),
    ("Global Migration Data Partnership", "un-io", None),
]

# email, role, country, organization, full name
USERS = [
    ("secretariat@demo.gcmhub.org", Role.SECRETARIAT, None, None, "Amina Diallo"),
    ("focal.mexico@demo.gcmhub.org", Role.FOCAL_POINT, "MEX", None, "Lucía Hernández"),
    ("focal.kenya@demo.gcmhub.org", Role.FOCAL_POINT, "KEN", None, "David Otieno"),
    ("focal.philippines@demo.gcmhub.org", Role.FOCAL_POINT, "PHL", None, "Maria Santos"),
    ("focal.germany@demo.gcmhub.org", Role.FOCAL_POINT, "DEU", None, "Jonas Weber"),
    ("focal.morocco@demo.gcmhub.org", Role.FOCAL_POINT, "MAR", None, "Youssef Benali"),
    (
        "stakeholder.migrants@demo.gcmhub.org",
        Role.STAKEHOLDER,
        "PHL",
        "Coastal Migrant Workers' Alliance",
        "Grace Villanueva",
    ),
    (
        "stakeholder.city@demo.gcmhub.org",
        Role.STAKEHOLDER,
        "DEU",
        "City of Riverside Integration Office",
        "Clara Neumann",
    ),
    (
        "stakeholder.research@demo.gcmhub.org",
        Role.STAKEHOLDER,
        "ECU",
        "Andean Human Mobility Research Centre",
        "Andrés Quispe",
    ),
    (
        "stakeholder.union@demo.gcmhub.org",
        Role.STAKEHOLDER,
        "ZAF",
        "Union of Domestic and Care Workers",
        "Thandiwe Nkosi",
    ),
    (
        "reviewer.un@demo.gcmhub.org",
        Role.INTERNAL_REVIEWER,
        None,
        "Global Migration Data Partnership",
        "Sofia Rossi",
    ),
    (
        "reviewer.un2@demo.gcmhub.org",
        Role.INTERNAL_REVIEWER,
        None,
        "Global Migration Data Partnership",
        "Kenji Watanabe",
    ),
    ("reviewer.external@demo.gcmhub.org", Role.EXTERNAL_REVIEWER, "SEN", None, "Fatou Ndiaye"),
    ("reviewer.external2@demo.gcmhub.org", Role.EXTERNAL_REVIEWER, "CAN", None, "Liam O'Connor"),
    ("reviewer.external3@demo.gcmhub.org", Role.EXTERNAL_REVIEWER, "JOR", None, "Layla Haddad"),
]


def password_for(email: str) -> str:
    """Demo passwords are public by design: the demo is for looking around."""
    return "demo-" + email.split("@", 1)[0].replace(".", "-") + "-2026"


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def load(out) -> None:
    countries = {c.iso3: c for c in Country.objects.all()}
    kinds = {k.slug: k for k in StakeholderType.objects.all()}
    for name, kind, iso3 in ORGANIZATIONS:
        Organization.objects.get_or_create(
            name=name, defaults={"stakeholder_type": kinds[kind], "country": countries.get(iso3)}
        )
    organizations = {o.name: o for o in Organization.objects.all()}
    out.write("  Demo users (email / password):")
    for email, role, iso3, org, full_name in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=password_for(email),
                role=role,
                country=countries.get(iso3),
                organization=organizations.get(org),
                full_name=full_name,
                is_staff=role == Role.SECRETARIAT,
            )
        out.write(f"    {email:<42} {password_for(email):<40} {user.get_role_display()}")

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gcmhub.accounts.domain import add_user, api_token
from gcmhub.accounts.models import Role, User
from gcmhub.core.setup import prepare


class Command(BaseCommand):
    help = "Add and list users, and print API tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a user")
        add.add_argument("email")
        add.add_argument("--role", required=True, choices=Role.values)
        add.add_argument("--country", help="ISO 3166 alpha-3 code (focal points)")
        add.add_argument("--organization", help="organisation name (stakeholders)")
        add.add_argument("--stakeholder-type", help="slug, for a new organisation")
        add.add_argument("--name", default="", help="full name")
        add.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        token = sub.add_parser("token", help="print the user's API token (created if needed)")
        token.add_argument("email")
        listing = sub.add_parser("list", help="list users")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        prepare()
        return getattr(self, f"_{action}")(**options)

    def _add(self, email, role, country, organization, stakeholder_type, name, password_stdin, **_):
        password = sys.stdin.readline().rstrip("\n") if password_stdin else None
        try:
            user = add_user(
                email,
                role,
                password=password,
                country=country,
                organization=organization,
                stakeholder_type=stakeholder_type,
                full_name=name,
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
            ) from None
        self.stdout.write(f"Added {user.email} as {user.get_role_display()}.")
        if password is None:
            self.stdout.write("No password set: use the password reset link to choose one.")

    def _token(self, email, **_):
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            raise CommandError(f"No user with the email {email}.")
        self.stdout.write(api_token(user))

    def _list(self, json=False, **_):
        import json as json_module

        users = User.objects.select_related("country", "organization").order_by("role", "email")
        rows = [
            {
                "email": u.email,
                "role": u.role,
                "country": u.country.iso3 if u.country else None,
                "organization": u.organization.name if u.organization else None,
                "active": u.is_active,
            }
            for u in users
        ]
        if json:
            self.stdout.write(json_module.dumps(rows, indent=2))
            return
        for row in rows:
            extra = row["country"] or row["organization"] or ""
            self.stdout.write(f"{row['email']:<40} {row['role']:<18} {extra}")

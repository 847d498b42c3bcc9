"""Bringing a data folder up to date: migrations, static files, the framework registry."""

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from gcmhub.framework.loading import ensure_framework


def prepare(out=None, *, collectstatic: bool | None = None) -> None:
    call_command("migrate", interactive=False, verbosity=0)
    if ensure_framework() and out is not None:
        out.write("Loaded the GCM framework registry.\n")
    if collectstatic if collectstatic is not None else settings.PRODUCTION:
        call_command("collectstatic", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        # Keeps the query planner's statistics fresh (cheap when nothing changed).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")

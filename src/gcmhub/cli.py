"""The ``gcmhub`` console command.

``gcmhub NAME ...`` runs the gcmhub management command NAME (serve, demo, framework, users, and
those the apps add: import, snapshot, search, classify, ...); ``gcmhub manage ...`` passes anything
to Django's management commands.
"""

import os
import sys


def _gcmhub_commands() -> dict[str, str]:
    from django.core.management import get_commands

    return {name: app for name, app in get_commands().items() if app.startswith("gcmhub.")}


def _usage(commands) -> str:
    names = "\n".join(
        f"  {name:<14} ({app.removeprefix('gcmhub.')})" for name, app in sorted(commands.items())
    )
    return (
        "usage: gcmhub COMMAND [ARGS...]   (gcmhub COMMAND --help for its options)\n\n"
        f"commands:\n{names}\n  manage         any Django management command\n"
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcmhub.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    commands = _gcmhub_commands()
    if not argv or argv[0] in {"-h", "--help", "help"}:
        sys.stdout.write(_usage(commands))
        return 0
    if argv[0] == "manage":
        execute_from_command_line(["gcmhub manage", *argv[1:]])
        return 0
    if argv[0] not in commands:
        sys.stderr.write(f"gcmhub: unknown command {argv[0]!r}\n\n{_usage(commands)}")
        return 2
    try:
        execute_from_command_line(["gcmhub", *argv])
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

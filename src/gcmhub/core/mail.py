"""The development email backend: emails printed to standard error, so that a command's own
output (for example ``--json``) stays clean on standard output."""

import sys

from django.core.mail.backends.console import EmailBackend as ConsoleBackend


class StderrEmailBackend(ConsoleBackend):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(*args, **kwargs)

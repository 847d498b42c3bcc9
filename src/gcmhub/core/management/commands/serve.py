import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from gcmhub.core.setup import prepare


class Command(BaseCommand):
    help = "Apply migrations, load the framework if missing, and serve gcmhub (waitress WSGI)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        prepare(self.stdout)
        serve(self.stdout, host, port, threads)


def serve(out, host, port, threads):
    from waitress import serve as waitress_serve

    from gcmhub.wsgi import application

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    out.write(
        f"gcmhub is serving at http://{host}:{port}/ (data in {settings.HOME}). Stop with Ctrl+C.\n"
    )
    out.flush()
    waitress_serve(application, host=host, port=port, threads=threads, ident="gcmhub")

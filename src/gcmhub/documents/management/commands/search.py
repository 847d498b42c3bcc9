import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gcmhub.documents.search import query_from_params, search
from gcmhub.documents.serializers import hit_dict

FILTERS = ("objective", "principle", "country", "region", "kind", "language", "year", "limit")
CLI_MAX_LIMIT = 10_000


class Command(BaseCommand):
    help = "Search document paragraphs (full text, with filters)."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--objective", type=int)
        parser.add_argument("--principle", help="guiding principle slug")
        parser.add_argument("--country", help="ISO3 code")
        parser.add_argument("--region", help="M49 region code")
        parser.add_argument("--kind")
        parser.add_argument("--language")
        parser.add_argument("--year", type=int)
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        params = {key: options[key] for key in FILTERS}
        try:
            query = query_from_params({"q": options["query"], **params}, max_limit=CLI_MAX_LIMIT)
        except ValidationError as exc:
            raise CommandError(
                " ".join(
                    f"{'query' if field == 'q' else '--' + field}: {message}"
                    for field, messages in exc.message_dict.items()
                    for message in messages
                )
            ) from None
        results = search(query, facets=False)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"total": results.total, "hits": [hit_dict(h) for h in results.hits]},
                    ensure_ascii=False,
                )
            )
            return
        for hit in results.hits:
            self.stdout.write(f"[{hit.document_id}] {hit.title} ¶{hit.label} ({hit.score:.3f})")
            self.stdout.write(f"    {hit.snippet}")

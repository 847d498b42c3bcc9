import json

from django.core.management.base import BaseCommand, CommandError

from gcmhub.documents.search import SearchQuery, search
from gcmhub.documents.serializers import hit_dict


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
        from gcmhub.documents.models import Kind

        if options["kind"] and options["kind"] not in Kind.values:
            raise CommandError(f"Unknown kind; use one of: {', '.join(Kind.values)}.")
        if options["objective"] and not 1 <= options["objective"] <= 23:
            raise CommandError("--objective must be a number from 1 to 23.")
        if options["limit"] < 1:
            raise CommandError("--limit must be 1 or more.")
        if options["country"]:
            from gcmhub.framework.models import Country

            if not Country.objects.filter(iso3=options["country"].upper()).exists():
                raise CommandError(f"Unknown country code {options['country']!r}.")
        results = search(
            SearchQuery(
                text=options["query"],
                objective=options["objective"],
                principle=options["principle"],
                country=options["country"],
                region=options["region"],
                kind=options["kind"],
                language=options["language"],
                year=options["year"],
                limit=options["limit"],
            ),
            facets=False,
        )
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

"""Search over a generated corpus: p50/p95 with one facet filter, beside a naive LIKE scan.

    GCMHUB_HOME=/tmp/bench-documents python bench/documents_search.py [--size N] [--quick]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gcm_documents_bench \\
        python bench/documents_search.py --size N

The corpus (paragraphs of 25-60 words drawn from a migration vocabulary plus filler, each
paragraph with one objective tag, documents spread over countries, kinds, languages, years) is
generated once per size and kept; later runs reuse it. Writes bench/out/documents_search_<db>.json.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documents_common import setup, summary, write

PER_DOCUMENT = 500
QUERIES = [
    "remittances",
    "recruitment",
    "detention",
    "consular",
    "trafficking",
    "diaspora",
    "pension",
    "smuggling",
    "integration",
    "xenophobia",
    "border",
    "statistics",
    '"mobile money"',
    '"labour inspection"',
    '"search and rescue"',
    "skills recognition",
    "vaccination clinics",
    "readmission",
    "drought",
    "birth registration",
]


def _words():
    from gcmhub.documents import training

    vocabulary = training.vocabulary()["objectives"]
    topical = {int(k): " ".join(training._terms(v["en"])).split() for k, v in vocabulary.items()}
    filler = [
        "the",
        "a",
        "of",
        "and",
        "to",
        "in",
        "for",
        "with",
        "on",
        "by",
        "government",
        "ministry",
        "programme",
        "city",
        "local",
        "national",
        "support",
        "people",
        "community",
        "services",
        "year",
        "new",
        "plan",
        "partners",
        "policy",
        "report",
        "progress",
        "implementation",
        "review",
        "measures",
        "public",
        "access",
        "women",
        "children",
        "workers",
        "families",
    ]
    return topical, filler


def build(size: int) -> None:
    from django.db import connection, transaction

    from gcmhub.accounts.models import Role, User
    from gcmhub.documents.models import Document, Paragraph
    from gcmhub.framework.models import Country, Objective

    if Paragraph.objects.filter(document__title__startswith="bench ").count() >= size:
        return
    print(f"generating {size} paragraphs ...", file=sys.stderr)
    rng = random.Random(42)
    topical, filler = _words()
    user, _ = User.objects.get_or_create(
        email="bench@example.org", defaults={"role": Role.SECRETARIAT}
    )
    countries = list(
        Country.objects.filter(is_member_state=True).values_list("id", "region_id")[:60]
    )
    objectives = dict(Objective.objects.values_list("number", "id"))
    kinds = [
        "voluntary-review",
        "national-plan",
        "regional-review",
        "stakeholder-submission",
        "statement",
    ]
    languages = ["en"] * 6 + ["fr", "es"]
    started = time.perf_counter()
    with transaction.atomic():
        documents = []
        for index in range(size // PER_DOCUMENT):
            country_id, _region_id = rng.choice(countries)
            documents.append(
                Document(
                    title=f"bench {index}",
                    kind=rng.choice(kinds),
                    country_id=country_id,
                    language=rng.choice(languages),
                    uploaded_by=user,
                    content_hash=f"bench-{index}",
                    processing="ready",
                    publication="published",
                    date=f"{rng.randint(2019, 2026)}-06-01",
                )
            )
        documents = Document.objects.bulk_create(documents, batch_size=2000)
        cursor = connection.cursor()
        for document in documents:
            rows = []
            for position in range(1, PER_DOCUMENT + 1):
                number = rng.randint(1, 23)
                words = rng.choices(topical[number], k=rng.randint(6, 14)) + rng.choices(
                    filler, k=rng.randint(19, 46)
                )
                rng.shuffle(words)
                rows.append(
                    (
                        document.pk,
                        position,
                        str(position),
                        "",
                        "paragraph",
                        "",
                        " ".join(words),
                        document.language,
                        document.kind,
                        document.country_id,
                        None,
                        int(str(document.date)[:4]),
                        True,
                        number,
                    )
                )
            cursor.executemany(
                "INSERT INTO documents_paragraph (document_id, position, number, parent_number, "
                "kind, section, text, language, doc_kind, country_id, region_id, year, searchable) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [row[:-1] for row in rows],
            )
            cursor.execute(
                "INSERT INTO documents_paragraphtag (paragraph_id, objective_id, score, origin) "
                "SELECT id, %s, 0.5, 'model' FROM documents_paragraph WHERE document_id = %s",
                [objectives[rows[0][-1]], document.pk],
            )
        print(f"  rows in {time.perf_counter() - started:.0f}s; indexing ...", file=sys.stderr)
        # the same facet tokens as gcmhub.documents.search.facet_tokens, built in SQL
        facets = (
            "'k' || replace(p.doc_kind, '-', '') || ' l' || p.language || ' y' || p.year "
            "|| ' c' || p.country_id || ' o' || t.objective_id"
        )
        bench = "p.document_id IN (SELECT id FROM documents_document WHERE title LIKE 'bench %%')"
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO documents_fts(rowid, text, facets) "
                f"SELECT p.id, p.text, {facets} FROM documents_paragraph p "
                f"JOIN documents_paragraphtag t ON t.paragraph_id = p.id WHERE {bench}"
            )
        else:
            cursor.execute(
                "UPDATE documents_paragraph p SET search_vector = setweight(to_tsvector("
                "CASE p.language WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish' "
                "ELSE 'english' END::regconfig, p.text), 'A') || to_tsvector('simple', p.text) "
                f"|| to_tsvector('simple', {facets}) FROM documents_paragraphtag t "
                f"WHERE t.paragraph_id = p.id AND {bench}"
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE documents_paragraph")
            cursor.execute("ANALYZE documents_paragraphtag")
    print(f"  built in {time.perf_counter() - started:.0f}s", file=sys.stderr)


def measure(size: int, quick: bool) -> dict:
    from django.db import connection

    from gcmhub.documents.models import Paragraph
    from gcmhub.documents.search import SearchQuery, search
    from gcmhub.framework.models import Country

    iso3 = (
        Country.objects.filter(pk=Paragraph.objects.values("country_id")[:1])
        .values_list("iso3", flat=True)
        .first()
    )
    rng = random.Random(1)
    cases = []
    for text in QUERIES:
        cases.append(SearchQuery(text, objective=rng.randint(1, 23)))
        cases.append(SearchQuery(text, country=iso3))
    result = {"database": connection.vendor, "paragraphs": Paragraph.objects.count()}
    for label, engine_name, with_facets, repeat in [
        ("engine_page_only", None, False, 1 if quick else 3),
        ("engine_with_facets", None, True, 1),
        ("like_scan", "like", False, 1),
    ]:
        cases_here = cases if engine_name != "like" else cases[: (6 if quick else 12)]
        times = []
        search(cases_here[0], engine_name=engine_name, facets=with_facets)  # warm caches
        for _ in range(repeat):
            for query in cases_here:
                start = time.perf_counter()
                search(query, engine_name=engine_name, facets=with_facets)
                times.append(time.perf_counter() - start)
        result[label] = summary(times)
    return result


def main():
    quick = "--quick" in sys.argv
    size = 100_000 if quick else 1_000_000
    if "--size" in sys.argv:
        size = int(sys.argv[sys.argv.index("--size") + 1])
    setup()
    from django.db import connection

    build(size)
    report = measure(size, quick)
    report["requested_size"] = size
    report["filter"] = "one facet per query: objective N or country ISO3, alternating"
    write(f"documents_search_{connection.vendor}", report)


if __name__ == "__main__":
    main()

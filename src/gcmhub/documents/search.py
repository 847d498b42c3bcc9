"""Full-text search over paragraphs: one interface, two engines.

``search(SearchQuery(...))`` returns ranked hits with highlighted snippets and facet counts.
The engine follows the database: SQLite FTS5 (``documents_fts``, porter/unicode61 tokenizer,
Chinese pre-segmented into single characters and searched as phrases) or PostgreSQL full-text
search (a ``search_vector`` tsvector column on the paragraph table with a GIN index, built with
the paragraph's language configuration plus ``simple``). Any other database falls back to a
plain ``LIKE`` scan, which is also what the benchmark compares against.
"""

import html
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count
from django.utils.translation import get_language, gettext

from gcmhub.documents.language import segment_cjk, unsegment_cjk
from gcmhub.framework.names import territory_name

PG_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
FACET_LIMIT = 2000  # facets are counted over the best this many matches
START, STOP = "\x02", "\x03"
_TOKEN = re.compile(r'"([^"]+)"|(\S+)')
OR = ("OR", None)  # the OR operator between terms


@dataclass
class SearchQuery:
    text: str
    objective: int | None = None
    principle: str | None = None  # slug
    kind: str | None = None
    country: str | None = None  # ISO3
    region: str | None = None  # M49 code
    language: str | None = None
    year: int | None = None
    limit: int = 20
    offset: int = 0


@dataclass
class Hit:
    paragraph_id: int
    document_id: int
    title: str
    number: str
    label: str
    anchor: str
    snippet: str
    score: float
    language: str
    kind: str
    year: int | None


@dataclass
class Results:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict = field(default_factory=dict)
    engine: str = ""


MAX_LIMIT = 100
MAX_OFFSET = 100_000


def query_from_params(params, *, max_limit: int = MAX_LIMIT) -> SearchQuery:
    """Check search parameters (text from a URL, or values from the command line) and return
    the query, or raise ``ValidationError({field: [message]})`` naming every bad field. The
    search page, the API and ``gcmhub search`` all use it, so they accept the same input."""
    from gcmhub.documents.models import LANGUAGES, Kind
    from gcmhub.framework.models import GuidingPrinciple, Region
    from gcmhub.framework.registry import country_by_code

    errors = {}

    def text(name) -> str:
        value = params.get(name)
        return "" if value is None else str(value).strip()

    def number(name, low, high, default=None):
        raw = text(name)
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            errors[name] = [gettext("Enter a whole number.")]
            return default
        if not low <= value <= high:
            errors[name] = [
                gettext("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
            ]
            return default
        return value

    def choice(name, value, valid: bool, message: str, choices=()):
        if value and not valid:
            errors[name] = [message % {"value": value, "choices": ", ".join(choices)}]
        return value or None

    q = text("q")
    if not q:
        errors["q"] = [gettext("Enter the words to search for.")]
    objective = number("objective", 1, 23)
    year = number("year", 1900, 2100)
    limit = number("limit", 1, max_limit, 20)
    offset = number("offset", 0, MAX_OFFSET, 0)
    kind = text("kind")
    kind = choice(
        "kind",
        kind,
        kind in Kind.values,
        gettext("Unknown kind of document “%(value)s”; use one of: %(choices)s."),
        Kind.values,
    )
    language = text("language")
    codes = [code for code, _name in LANGUAGES]
    language = choice(
        "language",
        language,
        language in codes,
        gettext("Unknown language “%(value)s”; use one of: %(choices)s."),
        codes,
    )
    country = text("country").upper() or None
    if country:
        try:
            country_by_code(country)
        except ValidationError as error:
            errors["country"] = error.messages
    region = text("region")
    region = choice(
        "region",
        region,
        bool(region) and Region.objects.filter(m49=region).exists(),
        gettext("Unknown region code “%(value)s”; use a UN M49 region code such as 002."),
    )
    principle = text("principle").lower()
    principle = choice(
        "principle",
        principle,
        bool(principle) and GuidingPrinciple.objects.filter(slug=principle).exists(),
        gettext("Unknown guiding principle “%(value)s”; use one of: %(choices)s."),
        GuidingPrinciple.objects.order_by("letter").values_list("slug", flat=True),
    )
    if errors:
        raise ValidationError(errors)
    return SearchQuery(
        text=q,
        objective=objective,
        principle=principle,
        kind=kind,
        country=country,
        region=region,
        language=language,
        year=year,
        limit=limit,
        offset=offset,
    )


def parse(text: str) -> list[tuple[str, bool]]:
    """The query as (term, is_phrase) pairs; quoted text is a phrase, Chinese runs too."""
    terms = []
    for phrase, word in _TOKEN.findall(text or ""):
        if word == "OR":
            if terms and terms[-1] is not OR:
                terms.append(OR)
            continue
        value = (phrase or word).strip()
        value = re.sub(r"[^\w\s'’-]", " ", value).strip() if not phrase else value
        if not value:
            continue
        segmented = " ".join(segment_cjk(value).split())
        terms.append((segmented, bool(phrase) or segmented != value))
    while terms and terms[-1] is OR:
        terms.pop()
    return terms


def _groups(terms) -> list[list[tuple[str, bool]]]:
    """Terms split at OR: any group may match; inside a group every term must."""
    groups = [[]]
    for term in terms:
        if term is OR:
            groups.append([])
        else:
            groups[-1].append(term)
    return [group for group in groups if group]


# --- filters shared by the engines --------------------------------------------------------
#
# The full-text engines index only searchable paragraphs (published, current version), each
# with its facets as tokens in the same index ("k<kind>", "l<language>", "y<year>",
# "c<country id>", "r<region id>", "o<objective id>", "g<principle id>"), so a filtered query
# is one index intersection.


def facet_tokens(paragraph, objective_ids=(), principle_ids=()) -> str:
    tokens = []
    if paragraph.doc_kind:
        tokens.append("k" + paragraph.doc_kind.replace("-", ""))
    if paragraph.language:
        tokens.append("l" + paragraph.language)
    if paragraph.year:
        tokens.append(f"y{paragraph.year}")
    if paragraph.country_id:
        tokens.append(f"c{paragraph.country_id}")
    if paragraph.region_id:
        tokens.append(f"r{paragraph.region_id}")
    tokens += [f"o{pk}" for pk in objective_ids] + [f"g{pk}" for pk in principle_ids]
    return " ".join(tokens)


def _resolved(query: SearchQuery) -> dict:
    """The query's filters as database ids (None when unset, -1 when unknown)."""
    from gcmhub.framework.models import Country, GuidingPrinciple, Objective, Region

    def lookup(model, **where):
        return model.objects.filter(**where).values_list("id", flat=True).first() or -1

    return {
        "kind": query.kind or None,
        "language": query.language or None,
        "year": int(query.year) if query.year else None,
        "country": lookup(Country, iso3=query.country.upper()) if query.country else None,
        "region": lookup(Region, m49=query.region) if query.region else None,
        "objective": lookup(Objective, number=query.objective) if query.objective else None,
        "principle": lookup(GuidingPrinciple, slug=query.principle) if query.principle else None,
    }


def _filter_tokens(query: SearchQuery) -> list[str]:
    ids = _resolved(query)
    tokens = []
    for key, prefix in (
        ("kind", "k"),
        ("language", "l"),
        ("year", "y"),
        ("country", "c"),
        ("region", "r"),
        ("objective", "o"),
        ("principle", "g"),
    ):
        value = ids[key]
        if value is None:
            continue
        if value == -1:
            tokens.append("nomatch")
        else:
            tokens.append(prefix + str(value).replace("-", ""))
    return tokens


def _filters(query: SearchQuery, alias: str = "p") -> tuple[str, list]:
    """The same filters as SQL on the paragraph table (for the LIKE scan)."""
    ids = _resolved(query)
    sql, params = [f"{alias}.searchable = %s"], [True]
    for key, column in (
        ("kind", "doc_kind"),
        ("language", "language"),
        ("year", "year"),
        ("country", "country_id"),
        ("region", "region_id"),
    ):
        if ids[key] is not None:
            sql.append(f"{alias}.{column} = %s")
            params.append(ids[key])
    for key, column in (("objective", "objective_id"), ("principle", "principle_id")):
        if ids[key] is not None:
            sql.append(
                f"{alias}.id IN (SELECT paragraph_id FROM documents_paragraphtag "  # noqa: S608
                f"WHERE {column} = %s)"
            )
            params.append(ids[key])
    return " AND ".join(sql), params


def _snippet_html(raw: str) -> str:
    text = html.escape(unsegment_cjk(" ".join((raw or "").split())), quote=False)
    return text.replace(START, "<mark>").replace(STOP, "</mark>")


# --- engines --------------------------------------------------------------------------------


class SqliteEngine:
    name = "sqlite-fts5"

    @staticmethod
    def text_expression(terms) -> str:
        return " OR ".join(
            "(" + " ".join('"' + term.replace('"', '""') + '"' for term, _ in group) + ")"
            for group in _groups(terms)
        )

    def match(self, query, terms) -> str:
        text = f"text : ({self.text_expression(terms)})"
        tokens = _filter_tokens(query)
        if not tokens:
            return text
        facets = " AND ".join(f'"{token}"' for token in tokens)
        return f"({text}) AND (facets : ({facets}))"

    def candidates(self, query, terms, limit=FACET_LIMIT):
        sql = (
            "SELECT rowid, bm25(documents_fts, 1.0, 0.0) AS rank FROM documents_fts "
            "WHERE documents_fts MATCH %s ORDER BY rank LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match(query, terms), limit])
            return [(row[0], -float(row[1])) for row in cursor.fetchall()]

    def count(self, query, terms):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH %s",
                [self.match(query, terms)],
            )
            return cursor.fetchone()[0]

    def snippets(self, ids, terms):
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT rowid, snippet(documents_fts, 0, '{START}', '{STOP}', '…', 28) "  # noqa: S608 - fixed fragments; values are parameters
            f"FROM documents_fts WHERE documents_fts MATCH %s AND rowid IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [f"text : ({self.text_expression(terms)})", *ids])
            return dict(cursor.fetchall())

    def index(self, rows):
        """rows: (paragraph_id, language, text, facet tokens or None when not searchable)."""
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM documents_fts WHERE rowid = %s", [(row[0],) for row in rows]
            )
            cursor.executemany(
                "INSERT INTO documents_fts(rowid, text, facets) VALUES (%s, %s, %s)",
                [
                    (pk, segment_cjk(text), tokens)
                    for pk, _, text, tokens in rows
                    if tokens is not None
                ],
            )

    def unindex(self, ids):
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM documents_fts WHERE rowid = %s", [(i,) for i in ids])


class PostgresEngine:
    name = "postgresql-fts"

    @staticmethod
    def tsquery(query, terms) -> tuple[str, list]:
        """A derived table ``tq`` with ``t`` (the words, for ranking and snippets) and ``q``
        (the words and the facet tokens, for matching)."""
        text = " or ".join(
            " ".join(f'"{term}"' if phrase else term for term, phrase in group)
            for group in _groups(terms)
        )
        config = PG_CONFIGS.get(query.language or "en", "simple")
        words = "(websearch_to_tsquery('simple', %s) || websearch_to_tsquery(%s::regconfig, %s))"
        tokens = _filter_tokens(query)
        if not tokens:
            return (
                f"(SELECT x.w AS t, x.w AS q FROM (SELECT {words} AS w) AS x) AS tq",  # noqa: S608
                [text, config, text],
            )
        return (
            f"(SELECT x.w AS t, x.w && to_tsquery('simple', %s) AS q "  # noqa: S608
            f"FROM (SELECT {words} AS w) AS x) AS tq",
            [" & ".join(tokens), text, config, text],
        )

    def candidates(self, query, terms, limit=FACET_LIMIT):
        tsq, tsq_params = self.tsquery(query, terms)
        sql = (
            f"SELECT p.id, ts_rank_cd(p.search_vector, tq.t) AS rank "  # noqa: S608 - fixed fragments; values are parameters
            f"FROM documents_paragraph p, {tsq} WHERE p.search_vector @@ tq.q "
            f"ORDER BY rank DESC, p.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*tsq_params, limit])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def count(self, query, terms):
        tsq, tsq_params = self.tsquery(query, terms)
        sql = f"SELECT count(*) FROM documents_paragraph p, {tsq} WHERE p.search_vector @@ tq.q"  # noqa: S608 - fixed fragments; values are parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, tsq_params)
            return cursor.fetchone()[0]

    def snippets(self, ids, terms):
        if not ids:
            return {}
        tsq, tsq_params = self.tsquery(SearchQuery(text=""), terms)
        options = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=18, MaxFragments=2"
        sql = (
            f"SELECT p.id, ts_headline('simple', p.text, tq.t, %s) FROM documents_paragraph p, "  # noqa: S608 - fixed fragments; values are parameters
            f"{tsq} WHERE p.id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [options, *tsq_params, list(ids)])
            found = dict(cursor.fetchall())
        missing = [pk for pk, text in found.items() if START not in (text or "")]
        if missing:
            from gcmhub.documents.models import Paragraph

            texts = Paragraph.objects.filter(id__in=missing).values_list("id", "text")
            found.update({pk: python_snippet(text, terms) for pk, text in texts})
        return found

    def index(self, rows):
        searchable = [row for row in rows if row[3] is not None]
        hidden = [row[0] for row in rows if row[3] is None]
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE documents_paragraph SET search_vector = "
                "setweight(to_tsvector(%s::regconfig, %s), 'A') || to_tsvector('simple', %s) "
                "|| to_tsvector('simple', %s) WHERE id = %s",
                [
                    (PG_CONFIGS.get(language, "simple"), seg, seg, tokens, pk)
                    for pk, language, text, tokens in searchable
                    for seg in [segment_cjk(text)]
                ],
            )
        if hidden:
            self.unindex(hidden)

    def unindex(self, ids):
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE documents_paragraph SET search_vector = NULL WHERE id = ANY(%s)",
                [list(ids)],
            )


def python_snippet(text: str, terms, width: int = 240) -> str:
    """Highlight the query words in a window of the text (for engines without a snippet
    function for this text, such as PostgreSQL on unsegmented Chinese)."""
    words = [unsegment_cjk(term) for group in _groups(terms) for term, _ in group]
    pattern = re.compile("|".join(re.escape(w) for w in words if w), re.I) if words else None
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - 80) if found else 0
    piece = ("…" if start else "") + text[start : start + width]
    return pattern.sub(lambda m: START + m.group(0) + STOP, piece) if pattern else piece


class LikeEngine:
    """The naive scan: no index, no ranking (every match scores 1)."""

    name = "like-scan"

    def _where(self, query, terms):
        where, params = _filters(query)
        alternatives = []
        for group in _groups(terms):
            alternatives.append("(" + " AND ".join(["p.text LIKE %s"] * len(group)) + ")")
            params += ["%" + unsegment_cjk(term) + "%" for term, _ in group]
        return f"{where} AND ({' OR '.join(alternatives)})", params

    def candidates(self, query, terms, limit=FACET_LIMIT):
        where, params = self._where(query, terms)
        sql = f"SELECT p.id, 1.0 FROM documents_paragraph p WHERE {where} ORDER BY p.id LIMIT %s"  # noqa: S608 - fixed SQL fragments; values are parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def count(self, query, terms):
        where, params = self._where(query, terms)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM documents_paragraph p WHERE {where}", params)  # noqa: S608 - fixed SQL fragments; values are parameters
            return cursor.fetchone()[0]

    def snippets(self, ids, terms):
        from gcmhub.documents.models import Paragraph

        texts = dict(Paragraph.objects.filter(id__in=ids).values_list("id", "text"))
        return {pk: python_snippet(text, terms) for pk, text in texts.items()}

    def index(self, rows):
        pass

    def unindex(self, ids):
        pass


def engine(name: str | None = None):
    if name == "like":
        return LikeEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    if connection.vendor == "postgresql":
        return PostgresEngine()
    return LikeEngine()


# --- the interface --------------------------------------------------------------------------


def search(query: SearchQuery, engine_name: str | None = None, facets: bool = True) -> Results:
    from gcmhub.documents.models import Paragraph

    backend = engine(engine_name)
    terms = parse(query.text)
    if not terms:
        return Results(query=query, total=0, hits=[], engine=backend.name)
    # Facets are counted over the best FACET_LIMIT matches; without facets only the page is
    # ranked out of all matches.
    limit = FACET_LIMIT if facets else query.offset + query.limit
    candidates = backend.candidates(query, terms, limit=limit)
    total = len(candidates) if len(candidates) < limit else backend.count(query, terms)
    page = candidates[query.offset : query.offset + query.limit]
    ids = [pk for pk, _ in page]
    snippets = backend.snippets(ids, terms)
    paragraphs = Paragraph.objects.select_related("document").in_bulk(ids)
    hits = []
    for pk, score in page:
        paragraph = paragraphs.get(pk)
        if paragraph is None:
            continue
        hits.append(
            Hit(
                paragraph_id=pk,
                document_id=paragraph.document_id,
                title=paragraph.document.title,
                number=paragraph.number,
                label=paragraph.label,
                anchor=paragraph.anchor,
                snippet=_snippet_html(snippets.get(pk) or paragraph.text[:240]),
                score=round(score, 6),
                language=paragraph.language,
                kind=paragraph.doc_kind,
                year=paragraph.year,
            )
        )
    results = Results(query=query, total=total, hits=hits, engine=backend.name)
    if facets:
        results.facets = facet_counts([pk for pk, _ in candidates])
    return results


def facet_counts(ids: list[int]) -> dict:
    """Counts of the matching paragraphs by objective, principle, kind, country, region,
    language and year. Objective and principle labels are in the active language (English,
    marked ``"fallback": true``, where there is no translation)."""
    from gcmhub.documents.models import Paragraph, ParagraphTag
    from gcmhub.framework.models import GuidingPrinciple, Objective

    if not ids:
        return {}
    rows = Paragraph.objects.filter(id__in=ids)

    def grouped(field_name, label_field=None, code_field=None):
        """Counts by ``field_name``; with ``code_field`` (an ISO alpha-2 or M49 code) the label
        is the territory's name in the active language."""
        fields = list(dict.fromkeys(f for f in (field_name, label_field, code_field) if f))
        out = []
        for row in rows.values(*fields).annotate(n=Count("id")).order_by("-n", field_name):
            if row[field_name] in (None, ""):
                continue
            label = row[label_field] if label_field else row[field_name]
            if code_field:
                label = territory_name(row[code_field], label)
            out.append({"value": row[field_name], "label": label, "count": row["n"]})
        return out

    def tagged(model, column, key, attr):
        counts = list(
            tags.filter(**{f"{column}__isnull": False})
            .values(column)
            .annotate(n=Count("paragraph_id", distinct=True))
        )
        found = model.objects.in_bulk([row[column] for row in counts])
        language = get_language()
        out = []
        for row in counts:
            item = found[row[column]]
            label, fallback = item.localized(attr, language)
            out.append(
                {
                    "value": getattr(item, key),
                    "label": label,
                    "fallback": fallback,
                    "count": row["n"],
                }
            )
        return sorted(out, key=lambda entry: (-entry["count"], entry["value"]))

    tags = ParagraphTag.objects.filter(paragraph_id__in=ids)
    return {
        "objective": tagged(Objective, "objective", "number", "short_label"),
        "principle": tagged(GuidingPrinciple, "principle", "slug", "name"),
        "kind": grouped("doc_kind"),
        "country": grouped("country__iso3", "country__name", "country__iso2"),
        "region": grouped("region__m49", "region__name", "region__m49"),
        "language": grouped("language"),
        "year": grouped("year"),
    }


def index_paragraphs(paragraphs) -> None:
    """(Re)index these paragraphs with their text and facets (tags included)."""
    from gcmhub.documents.models import ParagraphTag

    paragraphs = [p for p in paragraphs if p.text]
    if not paragraphs:
        return
    objectives, principles = {}, {}
    for pk, objective_id, principle_id in ParagraphTag.objects.filter(
        paragraph_id__in=[p.pk for p in paragraphs]
    ).values_list("paragraph_id", "objective_id", "principle_id"):
        if objective_id:
            objectives.setdefault(pk, []).append(objective_id)
        if principle_id:
            principles.setdefault(pk, []).append(principle_id)
    rows = [
        (
            p.pk,
            p.language,
            p.text,
            facet_tokens(p, objectives.get(p.pk, ()), principles.get(p.pk, ()))
            if p.searchable
            else None,
        )
        for p in paragraphs
    ]
    engine().index(rows)


def reindex_document(document) -> None:
    from gcmhub.documents.models import Paragraph

    index_paragraphs(list(Paragraph.objects.filter(document=document)))


def unindex_paragraphs(ids) -> None:
    ids = list(ids)
    if ids:
        engine().unindex(ids)

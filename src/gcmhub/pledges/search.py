"""Word search over pledges without scanning their text: a table of (term, pledge) kept by
the services. Words are lower-cased, stripped of accents and of a plural "s", so "Nurses",
"nurse" and "NURSES" find the same pledges. Portable across SQLite and PostgreSQL."""

import re
import unicodedata

from django.db.models import QuerySet

WORD = re.compile(r"\w+", re.UNICODE)
MAX_LENGTH = 40
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "will",
        "our",
        "their",
        "its",
        "are",
        "was",
        "were",
        "has",
        "have",
        "been",
        "into",
        "over",
        "les",
        "des",
        "une",
        "pour",
        "avec",
        "dans",
        "sur",
        "par",
        "los",
        "las",
        "del",
        "con",
        "para",
        "por",
        "una",
        "que",
    ]
)


def normalise(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    if len(plain) > 3 and plain.endswith("s") and not plain.endswith("ss"):
        plain = plain[:-1]
    return plain[:MAX_LENGTH]


def terms(text: str) -> set[str]:
    found = set()
    for word in WORD.findall(text or ""):
        term = normalise(word)
        if len(term) >= 2 and term not in STOPWORDS:
            found.add(term)
    return found


def pledge_text(pledge) -> str:
    return " ".join([pledge.public_id, pledge.title, pledge.description, str(pledge.entity)])


def index_pledge(pledge) -> None:
    from gcmhub.pledges.models import PledgeTerm

    PledgeTerm.objects.filter(pledge=pledge).delete()
    PledgeTerm.objects.bulk_create(
        PledgeTerm(pledge=pledge, term=term) for term in sorted(terms(pledge_text(pledge)))
    )


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Pledges holding every word of the query (or whose ID is the query)."""
    from gcmhub.pledges.models import PledgeTerm

    words = terms(query)
    if not words:
        return queryset
    for term in sorted(words):
        queryset = queryset.filter(pk__in=PledgeTerm.objects.filter(term=term).values("pledge_id"))
    return queryset

"""Country and region names in the reader's language, from the Unicode CLDR data that Babel
ships with its package (nothing is downloaded). English keeps the registry's UN short names."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# Django's language codes where Babel's differ.
BABEL_CODES = {"zh-hans": "zh_Hans"}


@lru_cache(maxsize=16)
def _territories(language: str) -> dict:
    try:
        return dict(Locale.parse(BABEL_CODES.get(language, language)).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def territory_name(code: str, english: str, language: str | None = None) -> str:
    """The name of the territory with this ISO 3166 alpha-2 or UN M49 code in ``language``
    (default: the active language); ``english`` when there is none."""
    language = (language or get_language() or "en").lower()
    if not code or language.startswith("en"):
        return english
    return _territories(language).get(code) or english

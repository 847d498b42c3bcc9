"""Normalising country codes and names to the framework registry's ISO3 codes."""

import re
from collections import Counter

from gcmhub.framework.models import Country

# Codes the publishers use for things that are not countries, kept as published.
SPECIAL_CODES = {
    "OOO": "Other or unknown origin",
    "XXX": "Other or unknown origin",
    "XCX": "Other or unknown origin (unspecified)",
    "STL": "Stateless",
    "TIB": "Tibetan",
    "ANT": "Netherlands Antilles (former)",
}
# Codes some publishers use in place of the registry's (World Bank uses KSV for Kosovo).
ALIASES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "WBG": "PSE"}
UNKNOWN_NAMES = {"", "unknown", "mixed", "n/a", "na", "none", "various"}


class CountryMatcher:
    """Matches codes and names; remembers what it could not match, for the import summary."""

    def __init__(self):
        rows = list(Country.objects.values_list("iso3", "name", "name_pattern"))
        self.codes = {iso3 for iso3, _, _ in rows}
        self.names = {iso3: name for iso3, name, _ in rows}
        self.patterns = [
            (re.compile(pattern, re.IGNORECASE), iso3) for iso3, _, pattern in rows if pattern
        ]
        self._by_name: dict[str, str] = {}
        self.unmatched: Counter = Counter()
        self.special: Counter = Counter()

    def code(self, raw: str) -> str | None:
        """The registry's ISO3 for a code, a publisher's special code as published, or None.

        None for anything else: a code is never cut or guessed (``Atlantis`` is not ``ATL``);
        the text as published is counted in ``unmatched`` for the import summary.
        """
        text = str(raw if raw is not None else "").strip()
        code = text.upper()
        code = ALIASES.get(code, code)
        if code in self.codes:
            return code
        if code in SPECIAL_CODES:
            self.special[code] += 1
            return code
        self.unmatched[text] += 1
        return None

    def name(self, raw: str) -> str:
        """ISO3 for a country name, or "" (and the name is counted as unmatched)."""
        text = (raw or "").strip()
        if text.lower() in UNKNOWN_NAMES:
            return ""
        if text not in self._by_name:
            self._by_name[text] = next(
                (iso3 for regex, iso3 in self.patterns if regex.search(text)), ""
            )
        found = self._by_name[text]
        if not found:
            self.unmatched[text] += 1
        return found

    def report(self) -> dict:
        return {
            "unmatched": dict(self.unmatched.most_common()),
            "special_codes": {
                code: {"label": SPECIAL_CODES[code], "rows": n} for code, n in self.special.items()
            },
        }

"""The translation catalogues: complete, compiled, and consistent with one another.

Django merges every catalogue of a language into one at run time, so a msgid (with its context)
that two catalogues translate differently gets one of the translations everywhere.
"""

import gettext
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import to_locale

import gcmhub

PACKAGE = Path(gcmhub.__file__).parent
CATALOGUES = sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))
LANGUAGES = sorted(to_locale(code) for code, _name in settings.LANGUAGES if code != "en")


@dataclass
class Entry:
    msgid: str
    context: str | None = None
    plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        return f"line {self.line}: " + (f"[{self.context}] " if self.context else "") + self.msgid


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+"(.*)"$')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, the header (msgid "") first; obsolete (#~) ones are left out."""
    entries: list[Entry] = []
    entry, target, flags = None, None, set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            text = _unquote(line[1:-1])
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += text
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + text)
            continue
        match = _KEYWORD.match(line)
        assert match, f"{path}:{number}: cannot read {raw!r}"
        keyword, index, text = match.group(1), match.group(2), _unquote(match.group(3))
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
            entry = Entry(msgid="", flags=flags, line=number)
            entries.append(entry)
            flags = set()
        if keyword == "msgstr":
            target = ("msgstr", int(index or 0))
            entry.msgstr[target[1]] = text
        else:
            target = ({"msgctxt": "context", "msgid_plural": "plural"}.get(keyword, keyword),)
            setattr(entry, target[0], text)
    return entries


def _nplurals(header: Entry) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr[0])
    assert match, "the header has no Plural-Forms"
    return int(match.group(1))


def _key(entry: Entry) -> str:
    return f"{entry.context}\x04{entry.msgid}" if entry.context is not None else entry.msgid


def _expected_catalog(entries: list[Entry]) -> dict:
    """What gettext reads from the .mo compiled from these entries.

    msgfmt leaves out fuzzy and untranslated entries, and the header's POT-Creation-Date.
    """
    catalog = {}
    for entry in entries:
        if entry.msgid and ("fuzzy" in entry.flags or not any(entry.msgstr.values())):
            continue
        if not entry.msgid:
            catalog[""] = _without_pot_date(entry.msgstr[0])
        elif entry.plural is None:
            catalog[_key(entry)] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                catalog[(_key(entry), index)] = text
    return catalog


def _without_pot_date(header: str) -> str:
    return "".join(
        line for line in header.splitlines(keepends=True) if not line.startswith("POT-Creation")
    )


def _mo_catalog(path: Path) -> dict:
    with path.open("rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)
    catalog[""] = _without_pot_date(catalog.get("", ""))
    return catalog


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE)) if path.is_relative_to(PACKAGE) else str(path)


def test_every_place_has_a_catalogue_for_every_language():
    places = defaultdict(set)
    for path in CATALOGUES:
        places[path.parents[3]].add(path.parents[1].name)
    assert len(places) >= 5  # the project catalogue and the apps'
    for place, languages in places.items():
        assert sorted(languages) == LANGUAGES, _name(place)


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_catalogue_is_complete(path):
    header, *entries = parse_po(path)
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    nplurals = _nplurals(header)
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.label}")
        forms = 1 if entry.plural is None else nplurals
        if sorted(entry.msgstr) != list(range(forms)):
            problems.append(f"{len(entry.msgstr)} forms instead of {forms}: {entry.label}")
        elif not all(entry.msgstr.values()):
            problems.append(f"untranslated: {entry.label}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_compiled_catalogue_matches_its_source(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{_name(compiled)} is missing: run compilemessages"
    expected = _expected_catalog(parse_po(path))
    actual = _mo_catalog(compiled)
    stale = sorted(map(str, set(expected.items()) ^ set(actual.items())))
    assert not stale, f"{_name(compiled)} is out of date: run compilemessages\n" + "\n".join(
        stale[:20]
    )


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_catalogue_compiles_cleanly_to_the_committed_mo(path, tmp_path):
    target = tmp_path / "django.mo"
    command = [shutil.which("msgfmt"), "--check", "-o", str(target), str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    assert not result.stderr
    compiled = path.with_suffix(".mo")
    assert _mo_catalog(target) == _mo_catalog(compiled), f"run compilemessages: {_name(compiled)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_msgid_has_one_translation_across_catalogues(language):
    """Give the uses a context (pgettext, translate ... context) when they need different ones."""
    seen = defaultdict(dict)
    for path in CATALOGUES:
        if path.parents[1].name != language:
            continue
        for entry in parse_po(path)[1:]:
            forms = tuple(entry.msgstr[index] for index in sorted(entry.msgstr))
            seen[(entry.context, entry.msgid)][_name(path)] = forms
    conflicts = [
        f"[{context}] {msgid!r}: "
        + "; ".join(f"{where} = {' | '.join(forms)}" for where, forms in places.items())
        for (context, msgid), places in seen.items()
        if len(set(places.values())) > 1
    ]
    assert not conflicts, "\n".join(conflicts)

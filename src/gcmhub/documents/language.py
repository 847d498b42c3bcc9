"""A small, dependency-free language guess for the six UN languages (script, then stop words)."""

import re

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "are", "on", "by", "we"},
    "fr": {
        "le",
        "la",
        "les",
        "des",
        "et",
        "du",
        "est",
        "une",
        "pour",
        "dans",
        "que",
        "sur",
        "nous",
    },
    "es": {"el", "la", "los", "las", "y", "del", "que", "en", "una", "para", "por", "con", "se"},
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """ "en", "fr", "es", "ru", "ar" or "zh" (empty when there is no text)."""
    sample = (text or "")[:20000]
    if not sample.strip():
        return ""
    counts = {"zh": 0, "ar": 0, "ru": 0, "latin": 0}
    for char in sample:
        code = ord(char)
        if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            counts["zh"] += 1
        elif 0x0600 <= code <= 0x06FF:
            counts["ar"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["ru"] += 1
        elif char.isalpha():
            counts["latin"] += 1
    script = max(counts, key=counts.get)
    if script != "latin":
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPWORDS.items()}
    return max(scores, key=scores.get) if any(scores.values()) else "en"


CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def segment_cjk(text: str) -> str:
    """Put spaces between Chinese characters so word-based full-text engines index each one
    (queries are segmented the same way and searched as phrases)."""
    return CJK_RUN.sub(lambda m: " " + " ".join(m.group(0)) + " ", text)


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_UNSEGMENT = re.compile(
    rf"(?<=[{_CJK}]) +|(?<=[{_CJK}][\x02\x03]) +| +(?=[{_CJK}])| +(?=[\x02\x03][{_CJK}])"
)


def unsegment_cjk(text: str) -> str:
    """Undo ``segment_cjk`` for display (Chinese text has no spaces of its own)."""
    return _UNSEGMENT.sub("", text)

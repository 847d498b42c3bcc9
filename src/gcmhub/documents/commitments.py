"""Find commitment sentences ("We commit to…", "We will…", "States are urged to…", "the
Government will…") with their actor, action, quantified target and deadline."""

import re
from dataclasses import dataclass, field

SENTENCE_END = re.compile(
    r"(?<=[.!?;。！？])\s+(?=[A-Z\"“(\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff])"
)
_VERB = (
    r"(?:commit(?:s|ted)? to|recommit to|will|shall|pledges? to|undertakes? to|"
    r"resolves? to|(?:are|is) (?:urged|encouraged|called upon|invited|requested) to|"
    r"should|must|intends? to|plans? to|aims? to|agree to)"
)
# "We call on X to ...": the actor is X.
DELEGATED = re.compile(
    r"\b(?:we|I)\s+(?:call on|call upon|urge|encourage|invite|request)\s+"
    r"(?P<actor>[^,;]{3,120}?)\s+to\s+(?P<action>.+)",
    re.I | re.S,
)
DIRECT = re.compile(
    r"(?P<actor>\b(?:[Ww]e|I|(?:[Tt]he\s+)?(?:[A-Z][\w'’-]*\s+){0,5}(?:States|Governments?|"
    r"Ministry|Ministries|Member States|countries|authorities|parties|partners|"
    r"Secretary-General|Network|we))\b)"
    r"(?:\s+(?:also|further|will also|hereby|jointly|collectively))?\s+"
    r"(?P<verb>" + _VERB + r")\s+(?P<action>.+)",
    re.S,
)
OTHER_LANGUAGES = re.compile(
    r"(?P<actor>nous|nos|el Gobierno|le Gouvernement|los Estados|les États|мы|правительство|"
    r"نحن|الحكومة|我们|政府)\s*(?P<verb>nous engageons à|allons|veillerons à|comprometemos a|"
    r"vamos a|se compromete a|s'engage à|обязуемся|будем|обязуется|نلتزم|ستقوم|承诺|将)\s*"
    r"(?P<action>.+)",
    re.I | re.S,
)
PERCENT = (
    r"\d+(?:[.,]\d+)?\s*(?:per\s*cent|percent|%|pour\s*cent|por\s*ciento|процент\w*|في المائة)"
)
TARGET = re.compile(
    r"((?:below|under|to|at least|more than|less than|up to|by|a|at)\s+)?(?:" + PERCENT + r"|"
    r"\d[\d,.]*\s*(?:million|billion|thousand)?\s*(?:migrants|people|persons|workers|children|"
    r"women|returnees|dollars|US\$|USD|places|visas|permits|centres|officials|cases)\b|"
    r"(?:US)?\$\s?\d[\d,.]*\s*(?:million|billion)?)",
    re.I,
)
DEADLINE = re.compile(
    r"\b(?:by|before|until|no later than|d'ici|para|avant|к|بحلول)\s+(?:the end of\s+|end\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?((?:19|20)\d{2})\b|\bwithin\s+(?:\w+\s+){0,2}(?:years?|months?)\b|"
    r"(\d{4})\s*年(?:前|以前)",
    re.I,
)


@dataclass
class Found:
    sentence: str
    actor: str
    action: str
    target: str = ""
    deadline: str = ""
    objectives: list[int] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(text or "") if part.strip()]


def _tidy(action: str) -> str:
    action = action.strip().rstrip(".;:")
    return action[:1000]


def extract_from_sentence(sentence: str) -> Found | None:
    match = DELEGATED.search(sentence)
    if match:
        actor, action = match.group("actor"), match.group("action")
    else:
        match = DIRECT.search(sentence) or OTHER_LANGUAGES.search(sentence)
        if not match:
            return None
        actor, action = match.group("actor"), match.group("action")
        if match.group("verb").lower() in {"should", "must"} and actor.lower() in {"we", "i"}:
            pass  # "we must …" is a commitment in statements
    actor = " ".join(actor.split())
    actor = actor[0].upper() + actor[1:] if actor else actor
    found = Found(sentence=sentence, actor=actor[:200], action=_tidy(action))
    target = TARGET.search(sentence)
    if target:
        found.target = " ".join(target.group(0).split())[:200]
    deadline = DEADLINE.search(sentence)
    if deadline:
        found.deadline = " ".join(deadline.group(0).split())[:60]
    return found


def extract(text: str) -> list[Found]:
    return [found for s in sentences(text) if (found := extract_from_sentence(s)) is not None]

"""Find commitment sentences ("We commit to…", "We will…", "States are urged to…", "the
Government will…") with their actor, action, quantified target and deadline.

What counts: an actor binding itself ("we commit to", "we will", "the Government will", "I will",
first-person "we must"), and the formal calls on an actor that declarations use ("States are
urged to", "we call on Member States to"). What does not: recommendations ("Member States
should…", "policies must…"), predictions ("I believe States will…"), questions, and what a
speaker will do in the meeting itself ("today we will discuss…", "we must acknowledge that…").
"""

import re
from dataclasses import dataclass, field

SENTENCE_END = re.compile(
    r"(?<=[.!?;。！？])\s+(?=[A-Z\"“(\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff])"
)
_VERB = (
    r"(?:commit(?:s|ted)? to|recommit(?:s|ted)? to|will|shall|pledges? to|pledged to|"
    r"undertakes? to|undertook to|resolves? to|resolved to|"
    r"(?:are|is) (?:hereby )?(?:urged|encouraged|called upon|invited|requested) to|"
    r"intends? to|plans? to|aims? to|agree to|agreed to)"
)
# "We call on X to ...": the actor is X.
DELEGATED = re.compile(
    r"\b(?:we|I)\s+(?:also\s+|further\s+|strongly\s+)?"
    r"(?:call on|call upon|urge|encourage|invite|request)\s+"
    r"(?P<actor>(?!that\b|the fact\b)[^,;]{3,120}?)\s+to\s+(?P<action>.+)",
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
# "We must …" binds the speakers themselves (statements); "States must …" only exhorts others.
FIRST_PERSON_MUST = re.compile(
    r"(?P<actor>\b(?:[Ww]e|I))(?:\s+(?:also|further|all|collectively|jointly))?\s+"
    r"(?P<verb>must)\s+(?P<action>.+)",
    re.S,
)
OTHER_LANGUAGES = re.compile(
    r"(?P<actor>nous|nos|el Gobierno|le Gouvernement|los Estados|les États|мы|правительство|"
    r"نحن|الحكومة|我们|政府)\s*(?P<verb>nous engageons à|allons|veillerons à|comprometemos a|"
    r"vamos a|se compromete a|s'engage à|обязуемся|будем|обязуется|نلتزم|ستقوم|承诺|将)\s*"
    r"(?P<action>.+)",
    re.I | re.S,
)
# What follows the verb when the speakers describe the meeting or state a view, not a pledge.
NOT_AN_ACTION = re.compile(
    r"^(?:not\s+(?:allow|forget|lose sight)|(?:sadly\s+|also\s+|first\s+)?(?:acknowledge|"
    r"recogni[sz]e|note|recall|remember|admit|bear in mind|keep in mind|hear|listen|discuss|"
    r"exchange views|reflect|debate|see|look at|hope|wish|thank|congratulate|"
    r"be (?:eager|pleased|happy|glad|honou?red|delighted|interested)|look forward|"
    r"(?:now\s+)?turn to|return to|come back to|revert to|elaborate|describe|outline|"
    r"give the floor|hand over|be discussing|be hearing|"
    r"(?:open|close|begin|start|conclude|adjourn)\s+(?:the|this|our|today's)\s+"
    r"(?:meeting|session|dialogue|debate|discussion|segment|conference|forum|round table))\b)",
    re.I,
)
# "I believe (that) States will …", "it is likely that …": a prediction, not a pledge.
PREDICTION = re.compile(
    r"\b(?:believes?|think|thinks|expects?|hopes?|trusts?|fears?|assumes?|likely|anticipates?)"
    r"\s+(?:that\s+)?(?:the\s+)?$",
    re.I,
)

_NUMBER = r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s*(?:million|billion|thousand|millions|milliards?|millones|млн|млрд))?"
PERCENT = (
    r"(?:" + _NUMBER + r")\s*(?:per\s*cent|percent|percentage points?|%|pour\s*cent|"
    r"por\s*ciento|процент\w*|في المائة)"
)
MONEY = (
    r"(?:(?:US|USD|EUR|CHF)\s?\$?|\$|€|£)\s?(?:" + _NUMBER + r")" + _SCALE + r"|"
    r"(?:" + _NUMBER + r")" + _SCALE + r"\s*(?:dollars|euros|US\$|USD|EUR)\b"
)
_COUNTED = (
    r"migrants?|people|persons|individuals|workers|children|women|girls|men|youths?|"
    r"returnees|refugees|families|households|students|beneficiaries|victims|survivors|"
    r"officials|officers|staff|inspectors|interpreters|dollars|places|visas|permits|"
    r"scholarships|centres|centers|offices|desks|shelters|clinics|schools|jobs|cases|"
    r"agreements|partnerships|cities|municipalities|"
    r"personnes|travailleurs|enfants|femmes|personas|trabajadores|niños|mujeres|"
    r"человек|мигрантов|работников|детей|женщин"
)
COUNT = r"(?:" + _NUMBER + r")" + _SCALE + r"\s+(?:[\w-]+\s+){0,2}(?:" + _COUNTED + r")\b"
QUANTITY = re.compile(r"(?:" + PERCENT + r"|" + MONEY + r"|" + COUNT + r")", re.I)
# Words right before a quantity that make it the aim ("below 3 per cent") ...
TARGET_CUE = re.compile(
    r"(?:\b(?:(?:target|goal|aim|objective) of|below|under|to|by|at least|at most|"
    r"no more than|not more than|fewer than|"
    r"less than|more than|over|up to|a further|an additional|another|a total of|"
    r"reach(?:ing)?|(?:capped|kept|held|maintained|limited) at|moins de|au moins|"
    r"menos de|al menos|ниже|не менее|до|أقل من)\s+)$",
    re.I,
)
# ... or a count of what an action will reach ("support 10,000 migrant workers") ...
ACTION_CUE = re.compile(
    r"\b(?:support|supporting|train|training|assist|assisting|help|helping|reach|resettle|"
    r"resettling|employ|hire|recruit|provide|providing|create|creating|issue|issuing|grant|"
    r"granting|open|opening|build|building|establish|establishing|admit|admitting|protect|"
    r"integrate|register|reintegrate|welcome|host|hosting|offer|offering|deploy|fund|"
    r"funding|finance|allocate|allocating|invest|investing|mobilize|mobilizing|enrol|"
    r"enroll|regularize|regularizing|document|relocate|relocating|place|placing)"
    r"(?:\s+(?:some|about|around|approximately|nearly|almost|over))?\s+$",
    re.I,
)
# ... while these make it a description of today ("remained at 6.3 per cent").
CURRENT_CUE = re.compile(
    r"(?:\b(?:from|currently|stands? at|stood at|remains? at|remained at|at|was|were|is|are|"
    r"of|averag\w+|average of)\s+)$",
    re.I,
)
MULTIPLIER = re.compile(
    r"\b(?:halve|halving|double|doubling|triple|tripling)\s+(?:the\s+)?[\w-]+"
    r"(?:\s+of\s+(?:the\s+)?[\w-]+)?",
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


def find_target(sentence: str, action: str = "") -> str:
    """The quantified aim of a commitment: a quantity introduced as an aim ("to less than 3
    per cent", "at least 500 officials") comes first, then a count an action will reach
    ("support 10,000 migrant workers"), then any other quantity in the action; a quantity
    that describes the present ("remained at 6.3 per cent", "from 7 per cent") is never one."""
    best: tuple[int, int, str] | None = None
    for scope, text in ((0, action), (1, sentence)):
        if not text:
            continue
        for match in QUANTITY.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()]
            quantity = match.group(0)
            cue = TARGET_CUE.search(before)
            if cue:
                rank, found = 0, cue.group(0) + quantity
            elif ACTION_CUE.search(before) and not re.match(PERCENT, quantity, re.I):
                rank, found = 1, quantity
            elif CURRENT_CUE.search(before) or scope == 1:
                continue  # today's figure, or a figure outside what is promised
            else:
                rank, found = 2, quantity
            key = (rank, scope, " ".join(found.split()))
            if best is None or key[:2] < best[:2]:
                best = key
        if best is not None and best[0] == 0:
            break
    if best is None:
        multiplier = MULTIPLIER.search(action or "")
        return " ".join(multiplier.group(0).split())[:200] if multiplier else ""
    return best[2][:200]


def _match(sentence: str):
    match = DELEGATED.search(sentence)
    if match:
        return match
    for pattern in (DIRECT, FIRST_PERSON_MUST, OTHER_LANGUAGES):
        position = 0
        while (candidate := pattern.search(sentence, position)) is not None:
            if not PREDICTION.search(sentence[: candidate.start()]):
                return candidate
            position = candidate.end("actor")
    return None


def extract_from_sentence(sentence: str) -> Found | None:
    if sentence.rstrip().endswith("?"):
        return None
    match = _match(sentence)
    if not match:
        return None
    actor, action = match.group("actor"), match.group("action")
    if NOT_AN_ACTION.match(action.strip()):
        return None
    if re.match(r"not\b", action.strip()) and re.search(r"\b(?:if|unless)\b", action):
        return None  # "we will not achieve … if we do not …": a warning, not a pledge
    actor = " ".join(actor.split())
    actor = actor[0].upper() + actor[1:] if actor else actor
    found = Found(sentence=sentence, actor=actor[:200], action=_tidy(action))
    found.target = find_target(sentence, action)
    deadline = DEADLINE.search(sentence)
    if deadline:
        found.deadline = " ".join(deadline.group(0).split())[:60]
    return found


def extract(text: str) -> list[Found]:
    return [found for s in sentences(text) if (found := extract_from_sentence(s)) is not None]

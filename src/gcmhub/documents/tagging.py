"""Tags for paragraphs and documents from the classifier, and people's reviews of them."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.documents.classification import classify_many
from gcmhub.documents.models import Origin, Paragraph, ParagraphTag, TagReview
from gcmhub.framework.models import GuidingPrinciple, Objective

OBJECTIVE_MIN_SCORE = 0.12
OBJECTIVE_MAX_TAGS = 3
PRINCIPLE_MIN_SCORE = 0.2
PRINCIPLE_MAX_TAGS = 2
MIN_TEXT_LENGTH = 40  # shorter text (salutations, headings) is not tagged

# Courtesy and procedure in statements and reports: thanks, greetings, wishes for a good
# meeting, giving the floor. Such sentences are about no objective; the classifier, which
# must always rank the 23 objectives, would otherwise tag them at low scores.
_COURTESY = re.compile(
    r"^(?:(?:and|but|so|finally|lastly|first(?:ly)?|once again|in closing|to conclude),?\s+)?"
    r"(?:(?:i|we|let me|allow me to|permit me to|i would like to|i wish to|we would like to|"
    r"we wish to|i want to|i should like to|my delegation wishes to)\s+"
    r"(?:also\s+|once again\s+|again\s+|sincerely\s+|warmly\s+|first\s+|further\s+)?"
    r"(?:begin by\s+|start by\s+|conclude by\s+|end by\s+)?"
    r"(?:thank|congratulat|express (?:my|our) (?:sincere |deep |warm )?(?:gratitude|"
    r"appreciation|thanks)|extend (?:my|our) (?:sincere |warm )?(?:thanks|gratitude)|"
    r"welcome (?:you|all|everyone|the participants|delegates)|wish (?:you|everyone|all|us)|"
    r"greet)"
    r"|thank you\b|(?:many|warm|sincere|special) thanks\b|"
    r"(?:it is|it's|it has been) (?:an?|my|our|a great) (?:great )?(?:honou?r|pleasure|privilege)|"
    r"(?:excellenc(?:y|ies)|distinguished (?:delegates|guests|participants|colleagues)|"
    r"ladies and gentlemen|dear (?:colleagues|friends|participants)|good (?:morning|afternoon|"
    r"evening))\b|(?:my|our|the) delegation (?:aligns|associates) itself|"
    r"i (?:now )?give the floor|the (?:meeting|session) is (?:now )?(?:open|closed|adjourned)|"
    r"(?:je|nous) (?:vous )?remerci|merci\b|(?:muchas )?gracias\b|agradezc|agradecemos|"
    r"благодар|спасибо|شكرا|أشكر|نشكر|谢谢|感谢)",
    re.I,
)
_WISH_FOR_THE_MEETING = re.compile(
    r"\b(?:productive|fruitful|successful|constructive|rich|interactive) (?:and \w+ )?"
    r"(?:discussions?|deliberations|meetings?|dialogues?|sessions?|debates?|exchanges?)\b",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])\s+")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|H\.E|No|St|Amb)\.$")


def suggested_tags(paragraphs, results, objective_ids, principle_ids) -> list[ParagraphTag]:
    tags = []
    for paragraph, result in zip(paragraphs, results, strict=True):
        for item in result["objectives"][:OBJECTIVE_MAX_TAGS]:
            if item["score"] >= OBJECTIVE_MIN_SCORE:
                tags.append(
                    ParagraphTag(
                        paragraph=paragraph,
                        objective_id=objective_ids[item["number"]],
                        score=item["score"],
                    )
                )
        for item in result["principles"][:PRINCIPLE_MAX_TAGS]:
            if item["score"] >= PRINCIPLE_MIN_SCORE:
                tags.append(
                    ParagraphTag(
                        paragraph=paragraph,
                        principle_id=principle_ids[item["name"]],
                        score=item["score"],
                    )
                )
    return tags


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for part in _SENTENCE_BREAK.split(text or ""):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"  # "Mr. President" does not end a sentence
        elif part.strip():
            out.append(part)
    return out


def is_courtesy(sentence: str) -> bool:
    """A sentence of courtesy or procedure (thanks, greetings, wishes for the meeting)."""
    sentence = sentence.strip().lstrip("\"“'‘(")
    if _COURTESY.match(sentence):
        return True
    return bool(
        _WISH_FOR_THE_MEETING.search(sentence) and re.search(r"\b(?:wish|hope)", sentence, re.I)
    )


def substantive_text(text: str) -> str:
    """The paragraph without its sentences of courtesy and procedure."""
    return " ".join(s for s in _sentences(text) if not is_courtesy(s)).strip()


def tag_paragraphs(paragraphs: list[Paragraph]) -> tuple[list, list]:
    """Create model tags for the paragraphs; return the document's objective and principle
    roll-up (length-weighted mean score, best first, top 5 each). Headings, short text and
    courtesy are not tagged; a paragraph is classified on its substantive sentences."""
    taggable, texts = [], []
    for paragraph in paragraphs:
        if paragraph.kind == "heading" or len(paragraph.text) < MIN_TEXT_LENGTH:
            continue
        text = substantive_text(paragraph.text)
        if len(text) >= MIN_TEXT_LENGTH:
            taggable.append(paragraph)
            texts.append(text)
    if not taggable:
        return [], []
    results = classify_many(texts, top=23)
    objective_ids = dict(Objective.objects.values_list("number", "id"))
    principle_ids = dict(GuidingPrinciple.objects.values_list("name", "id"))
    ParagraphTag.objects.bulk_create(
        suggested_tags(taggable, results, objective_ids, principle_ids)
    )
    return _rollup(taggable, results)


def _rollup(paragraphs, results):
    weights = [min(len(p.text), 1500) for p in paragraphs]
    total = float(sum(weights)) or 1.0
    objectives, principles = {}, {}
    for weight, result in zip(weights, results, strict=True):
        for item in result["objectives"]:
            objectives[item["number"]] = (
                objectives.get(item["number"], 0.0) + item["score"] * weight
            )
        for item in result["principles"]:
            principles[item["name"]] = principles.get(item["name"], 0.0) + item["score"] * weight
    best = sorted(objectives.items(), key=lambda kv: -kv[1])[:5]
    best_principles = sorted(principles.items(), key=lambda kv: -kv[1])[:5]
    return (
        [{"number": n, "score": round(s / total, 4)} for n, s in best],
        [{"name": n, "score": round(s / total, 4)} for n, s in best_principles],
    )


@transaction.atomic
def review(paragraph: Paragraph, *, objectives, principles, by, note: str = "") -> TagReview:
    """Confirm or correct a paragraph's tags. The reviewed tags replace the suggestions and
    are used the next time the classifier is trained."""
    numbers = sorted({int(n) for n in objectives})
    found = dict(Objective.objects.filter(number__in=numbers).values_list("number", "id"))
    if len(found) != len(numbers) or not numbers:
        raise ValidationError(
            {"objectives": _("Choose one or more objectives between 1 and 23.")}, code="invalid"
        )
    slugs = sorted(set(principles or []))
    principle_ids = dict(GuidingPrinciple.objects.filter(slug__in=slugs).values_list("slug", "id"))
    if len(principle_ids) != len(slugs):
        raise ValidationError({"principles": _("Unknown guiding principle.")}, code="invalid")
    record, _created = TagReview.objects.update_or_create(
        paragraph=paragraph,
        defaults={"objectives": numbers, "principles": slugs, "reviewed_by": by, "note": note},
    )
    paragraph.tags.all().delete()
    ParagraphTag.objects.bulk_create(
        [
            ParagraphTag(
                paragraph=paragraph, objective_id=found[n], score=1.0, origin=Origin.PERSON
            )
            for n in numbers
        ]
        + [
            ParagraphTag(
                paragraph=paragraph, principle_id=principle_ids[s], score=1.0, origin=Origin.PERSON
            )
            for s in slugs
        ]
    )
    from gcmhub.documents.search import index_paragraphs

    index_paragraphs([paragraph])
    return record


def corrections() -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """People's reviewed tags as training pairs for the objective and principle models."""
    names = dict(GuidingPrinciple.objects.values_list("slug", "name"))
    objective_pairs, principle_pairs = [], []
    for text, numbers, slugs in TagReview.objects.values_list(
        "paragraph__text", "objectives", "principles"
    ).order_by("id"):
        objective_pairs += [(text, int(n)) for n in numbers]
        principle_pairs += [(text, names[s]) for s in slugs if s in names]
    return objective_pairs, principle_pairs

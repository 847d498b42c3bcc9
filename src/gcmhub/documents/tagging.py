"""Tags for paragraphs and documents from the classifier, and people's reviews of them."""

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


def tag_paragraphs(paragraphs: list[Paragraph]) -> tuple[list, list]:
    """Create model tags for the paragraphs; return the document's objective and principle
    roll-up (length-weighted mean score, best first, top 5 each)."""
    taggable = [p for p in paragraphs if p.kind != "heading" and len(p.text) >= MIN_TEXT_LENGTH]
    if not taggable:
        return [], []
    results = classify_many([p.text for p in taggable], top=23)
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

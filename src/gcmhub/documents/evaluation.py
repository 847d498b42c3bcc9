"""Evaluate the tagger on a JSONL file of {"text": ..., "objectives": [ints], "language"?: ...}."""

import gzip
import json
from collections import defaultdict
from pathlib import Path

from django.core.exceptions import ValidationError

from gcmhub.documents.classification import classify_many


def read_jsonl(path: Path) -> list[dict]:
    """Read a JSONL file (plain or .gz)."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError("The file is not UTF-8 text.") from exc
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            labels = [int(n) for n in item["objectives"]]
            text = str(item["text"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ValidationError(
                f'Line {number} is not {{"text": ..., "objectives": [numbers]}}: {exc}'
            ) from exc
        if not labels or any(not 1 <= n <= 23 for n in labels):
            raise ValidationError(f"Line {number}: objectives must be numbers from 1 to 23.")
        items.append({"text": text, "objectives": labels, "language": item.get("language", "")})
    if not items:
        raise ValidationError("The file holds no items.")
    return items


BUILTIN = Path(__file__).resolve().parent / "data" / "evaluation.jsonl.gz"


def metrics(items: list[dict], predictions: list[list[int]]) -> dict:
    """Top-1 accuracy (best prediction is a true label), top-3 hit rate, macro-F1 of the
    top-1 prediction against the labels (one-vs-rest per objective, averaged over objectives
    that occur in the labels or predictions)."""
    n = len(items)
    top1 = sum(
        1 for item, pred in zip(items, predictions, strict=False) if pred[0] in item["objectives"]
    )
    top3 = sum(
        1
        for item, pred in zip(items, predictions, strict=False)
        if set(pred[:3]) & set(item["objectives"])
    )
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    for item, pred in zip(items, predictions, strict=False):
        guess, truth = pred[0], set(item["objectives"])
        if guess in truth:
            tp[guess] += 1
        else:
            fp[guess] += 1
            for label in truth:
                fn[label] += 1
    classes = set(tp) | set(fp) | set(fn)
    f1s = []
    for label in classes:
        denominator = 2 * tp[label] + fp[label] + fn[label]
        f1s.append(2 * tp[label] / denominator if denominator else 0.0)
    return {
        "items": n,
        "top1_accuracy": round(top1 / n, 4),
        "top3_hit_rate": round(top3 / n, 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
    }


def evaluate(items: list[dict]) -> dict:
    results = classify_many([item["text"] for item in items], top=5)
    predictions = [[o["number"] for o in r["objectives"]] for r in results]
    report = metrics(items, predictions)
    by_language = defaultdict(list)
    for index, item in enumerate(items):
        if item["language"]:
            by_language[item["language"]].append(index)
    if by_language:
        report["by_language"] = {
            language: metrics([items[i] for i in indexes], [predictions[i] for i in indexes])
            for language, indexes in sorted(by_language.items())
        }
    return report

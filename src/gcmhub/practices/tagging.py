"""Seam to the documents app's classifier: suggested objectives and principles for a text.

The classifier is optional. If it cannot be imported (not installed, not built yet) or fails,
the submission form simply shows no suggestions; the submitter always decides.
"""

import logging
from importlib import import_module

logger = logging.getLogger(__name__)
CLASSIFIER_MODULE = "gcmhub.documents.classification"
EMPTY = {"objectives": [], "principles": []}
# Suggestions the classifier is less sure of than this are not shown.
MIN_SCORE = 0.05


def _classifier():
    try:
        module = import_module(CLASSIFIER_MODULE)
    except ImportError:
        return None
    return getattr(module, "classify_text", None)


def suggest(text: str, top: int = 5) -> dict:
    """{"objectives": [{"number", "score"}], "principles": [{"name", "score"}]}; empty lists
    when there is no text or no classifier."""
    if not text or not text.strip():
        return dict(EMPTY)
    classify = _classifier()
    if classify is None:
        return dict(EMPTY)
    try:
        result = classify(text, top=top) or {}
    except Exception:  # a broken classifier must not break submission
        logger.exception("The classifier failed; showing no suggestions.")
        return dict(EMPTY)
    return {
        "objectives": [
            {"number": int(item["number"]), "score": float(item.get("score", 0))}
            for item in result.get("objectives", [])
            if "number" in item and float(item.get("score", 0)) >= MIN_SCORE
        ][:top],
        "principles": [
            {"name": str(item["name"]), "score": float(item.get("score", 0))}
            for item in result.get("principles", [])
            if "name" in item and float(item.get("score", 0)) >= MIN_SCORE
        ][:top],
    }

"""The offline tagger: GCM objectives (1-23) and guiding principles for any text.

Public, stable API (other apps call it)::

    classify_text(text: str, top: int = 5) -> {"objectives": [{"number", "score"}...],
                                                "principles": [{"name", "score"}...]}

The model is a linear classifier over character n-grams (works across the six UN languages and
needs no word segmentation for Chinese). It is trained deterministically from data shipped in the
package (see ``training.py``) the first time it is needed, or loaded from the artefact written by
``gcmhub classifier train`` (which adds people's tag corrections) in ``GCMHUB_HOME/classifier``.
Nothing is downloaded.
"""

import contextlib
import hashlib
import os
import pickle
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

from gcmhub.documents import training

ARTEFACT_NAME = "tagger.pkl"
# Margins from the linear model become scores in [0, 1] with a softmax at this temperature.
SOFTMAX_SCALE = 4.0
# How often (seconds, at most) a process checks whether the artefact on disk has changed.
RELOAD_CHECK_SECONDS = 3.0
_lock = threading.Lock()
_model = None
_model_stamp: tuple[int, int] | None = None  # the artefact file the model was loaded from
_checked_at = 0.0


@dataclass
class Tagger:
    """One text representation (shared), two linear models on top of it."""

    vectorizer: object
    objective_model: object
    objective_numbers: list[int]
    principle_model: object
    principle_names: list[str]
    fingerprint: str
    trained_on: int

    def scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        features = self.vectorizer.transform([_normalise(text) for text in texts])
        return (
            _softmax(self.objective_model.decision_function(features)),
            _softmax(self.principle_model.decision_function(features)),
        )


def _softmax(margins: np.ndarray) -> np.ndarray:
    scaled = np.asarray(margins, dtype=np.float64) * SOFTMAX_SCALE
    scaled -= scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def _normalise(text: str) -> str:
    return " ".join((text or "").lower().split())[:4000]


def _vectorizer():
    characters = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 4),
        sublinear_tf=True,
        min_df=2,
        max_features=150_000,
        dtype=np.float32,
    )
    words = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1, dtype=np.float32
    )
    return make_union(characters, words)


def train(objective_corrections=(), principle_corrections=()) -> Tagger:
    objective_items = training.objective_items(objective_corrections)
    principle_items = training.principle_items(principle_corrections)
    fingerprint = hashlib.sha256(
        repr((objective_items, principle_items)).encode("utf-8")
    ).hexdigest()[:16]
    vectorizer = _vectorizer().fit(
        [_normalise(t) for t, _ in objective_items] + [_normalise(t) for t, _ in principle_items]
    )
    objectives = LinearSVC(C=0.5).fit(
        vectorizer.transform([_normalise(t) for t, _ in objective_items]),
        [n for _, n in objective_items],
    )
    principles = LinearSVC(C=0.5).fit(
        vectorizer.transform([_normalise(t) for t, _ in principle_items]),
        [n for _, n in principle_items],
    )
    return Tagger(
        vectorizer=vectorizer,
        objective_model=objectives,
        objective_numbers=[int(n) for n in objectives.classes_],
        principle_model=principles,
        principle_names=[str(n) for n in principles.classes_],
        fingerprint=fingerprint,
        trained_on=len(objective_items) + len(principle_items),
    )


def artefact_path() -> Path:
    return Path(settings.HOME) / "classifier" / ARTEFACT_NAME


def save(tagger: Tagger, path: Path | None = None) -> Path:
    path = path or artefact_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(tagger, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)
    return path


def _load(path: Path) -> Tagger | None:
    if not path.exists():
        return None
    try:
        # our own artefact, written by this module into GCMHUB_HOME
        loaded = pickle.loads(path.read_bytes())  # noqa: S301
    except Exception:  # unreadable or from another version: ignore it
        return None
    return loaded if isinstance(loaded, Tagger) else None


def shipped_fingerprint() -> str:
    items = (training.objective_items(), training.principle_items())
    return hashlib.sha256(repr(items).encode("utf-8")).hexdigest()[:16]


def _stamp(path: Path) -> tuple[int, int] | None:
    """What tells a new artefact from the one loaded: its modification time and size."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _shipped_tagger() -> Tagger:
    cache = artefact_path().with_name(f"shipped-{shipped_fingerprint()}.pkl")
    tagger = _load(cache)
    if tagger is None:
        tagger = train()
        with contextlib.suppress(OSError):  # read-only home: retrain next time
            save(tagger, cache)
    return tagger


def get_tagger() -> Tagger:
    """The tagger in use: the artefact of the last ``classifier train`` if there is one, else
    the model trained from the shipped data (cached in GCMHUB_HOME after its first training,
    under the fingerprint of that data, so an upgrade retrains).

    A running server picks up a newly trained artefact (``classifier train`` run in another
    process): at most every ``RELOAD_CHECK_SECONDS`` the artefact's modification time and size
    are compared with those of the one loaded, and the model is reloaded when they differ (or
    falls back to the shipped model when the artefact was removed)."""
    global _model, _model_stamp, _checked_at
    model = _model
    if model is not None and time.monotonic() - _checked_at < RELOAD_CHECK_SECONDS:
        return model
    with _lock:
        now = time.monotonic()
        if _model is not None and now - _checked_at < RELOAD_CHECK_SECONDS:
            return _model
        path = artefact_path()
        stamp = _stamp(path)
        _checked_at = now
        if _model is not None and stamp == _model_stamp:
            return _model
        tagger = _load(path) if stamp is not None else None
        if tagger is None and stamp is not None and _model is not None:
            _model_stamp = stamp  # unreadable artefact: keep the model in use, don't retry
            return _model
        _model = tagger if tagger is not None else _shipped_tagger()
        _model_stamp = stamp
    return _model


def set_tagger(tagger: Tagger | None) -> None:
    """Use this tagger from now on (None: reload on next use). It stays in use until the
    artefact file changes."""
    global _model, _model_stamp, _checked_at
    with _lock:
        _model = tagger
        _model_stamp = _stamp(artefact_path()) if tagger is not None else None
        _checked_at = time.monotonic()


def _result(tagger, objective_row, principle_row, top):
    order = np.argsort(-objective_row, kind="stable")[:top]
    porder = np.argsort(-principle_row, kind="stable")[:top]
    return {
        "objectives": [
            {"number": tagger.objective_numbers[i], "score": round(float(objective_row[i]), 4)}
            for i in order
        ],
        "principles": [
            {"name": tagger.principle_names[i], "score": round(float(principle_row[i]), 4)}
            for i in porder
        ],
    }


def classify_many(texts: list[str], top: int = 5) -> list[dict]:
    tagger = get_tagger()
    if not texts:
        return []
    objectives, principles = tagger.scores(texts)
    return [_result(tagger, objectives[i], principles[i], top) for i in range(len(texts))]


def classify_text(text: str, top: int = 5) -> dict:
    """Objectives and guiding principles for ``text``, best first, with scores in [0, 1]."""
    top = max(1, min(int(top), 23))
    return classify_many([text or ""], top=top)[0]

"""Classification throughput on one core.

GCMHUB_HOME=/tmp/bench-documents python bench/documents_classify.py [--quick]
"""

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documents_common import setup, summary, write  # noqa: E402


def paragraphs(count: int) -> list[str]:
    from gcmhub.documents import training

    rng = random.Random(7)
    vocabulary = training.vocabulary()["objectives"]
    words = [t for v in vocabulary.values() for t in training._terms(v["en"])]
    filler = [
        "the",
        "government",
        "and",
        "its",
        "partners",
        "worked",
        "with",
        "local",
        "communities",
        "to",
        "improve",
    ]
    out = []
    for _ in range(count):
        chosen = rng.sample(words, 4) + rng.sample(filler, 8)
        rng.shuffle(chosen)
        out.append(" ".join(chosen * 3).capitalize() + ".")  # about 60-80 words
    return out


def main():
    quick = "--quick" in sys.argv
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    setup()
    from gcmhub.documents.classification import classify_many, classify_text, get_tagger

    start = time.perf_counter()
    get_tagger()
    load = time.perf_counter() - start
    texts = paragraphs(2000 if quick else 10000)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        classify_many(texts, top=5)
        runs.append(time.perf_counter() - start)
    single = []
    for text in texts[:300]:
        start = time.perf_counter()
        classify_text(text)
        single.append(time.perf_counter() - start)
    best = min(runs)
    write(
        "documents_classify",
        {
            "paragraphs": len(texts),
            "mean_characters": round(sum(map(len, texts)) / len(texts)),
            "model_load_or_train_seconds": round(load, 2),
            "batch_paragraphs_per_second": round(len(texts) / best),
            "batch_runs": summary(runs),
            "single_call": summary(single),
            "target_paragraphs_per_second": 500,
        },
    )


if __name__ == "__main__":
    main()

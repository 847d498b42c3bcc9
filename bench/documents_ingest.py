"""Ingest, segment, tag and index the four sample documents in one process.

    GCMHUB_HOME=/tmp/bench-documents python bench/documents_ingest.py [--quick]

Prints the time for all four (first run: including loading, or on a fresh GCMHUB_HOME
training, the classifier; warm: the model already loaded), median and p95 over the
repeats, and writes bench/out/documents_ingest.json.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documents_common import setup, summary, write


def main():
    quick = "--quick" in sys.argv
    setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gcmhub.accounts.models import Role, User
    from gcmhub.documents import classification, ingestion
    from gcmhub.documents.models import Document

    seeds = sorted((Path(settings.GCMHUB_SHARED_DIR) / "seeds").glob("*.txt"))
    if not seeds:
        sys.exit("No sample documents in GCMHUB_SHARED_DIR/seeds.")
    user, _ = User.objects.get_or_create(
        email="bench@example.org", defaults={"role": Role.SECRETARIAT}
    )

    def clear():
        for document in Document.objects.filter(uploaded_by=user).order_by("-pk"):
            ingestion.search.unindex_paragraphs(document.paragraphs.values_list("id", flat=True))
            document.commitments.all().delete()
            document.paragraphs.all().delete()
            document.history.all().delete()
            Document.objects.filter(pk=document.pk).delete()

    def run_once():
        start = time.perf_counter()
        paragraphs = 0
        for path in seeds:
            document = ingestion.submit(
                SimpleUploadedFile(path.name, path.read_bytes()), by=user, kind="other"
            )
            assert document.processing == "ready", document.failure_reason
            paragraphs += document.paragraphs.count()
        return time.perf_counter() - start, paragraphs

    import logging

    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    clear()
    classification.set_tagger(None)
    cold, paragraphs = run_once()
    warm = []
    for _ in range(3 if quick else 10):
        clear()
        elapsed, _count = run_once()
        warm.append(elapsed)
    clear()
    write(
        "documents_ingest",
        {
            "documents": len(seeds),
            "paragraphs": paragraphs,
            "first_run_seconds": round(cold, 3),
            "first_run_note": "includes loading the tagger (training it if GCMHUB_HOME has "
            "no cached model yet)",
            "warm": summary(warm),
            "target_seconds": 3.0,
        },
    )


if __name__ == "__main__":
    main()

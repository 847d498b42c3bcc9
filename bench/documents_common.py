"""Shared set-up for the documents benchmarks: Django with its own GCMHUB_HOME, migrated."""

import json
import os
import statistics
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def setup():
    os.environ.setdefault("GCMHUB_HOME", "/tmp/bench-documents")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcmhub.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    from gcmhub.framework.loading import ensure_framework

    ensure_framework()


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(times),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
    }


def write(name: str, data: dict) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    print(json.dumps(data, indent=2))
    print(f"written to {path}", file=sys.stderr)
    return path

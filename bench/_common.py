"""Shared helpers for the benchmark scripts: Django set-up, timing, reporting."""

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcmhub.settings")
    # The benchmarks time the pages, not the API's request limits.
    os.environ.setdefault("GCMHUB_API_ANON_RATE", "1000000/min")
    os.environ.setdefault("GCMHUB_API_USER_RATE", "1000000/min")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from gcmhub.framework.loading import ensure_framework

    ensure_framework()


def machine() -> dict:
    from django.db import connection

    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "database": connection.vendor,
        "platform": platform.platform(),
    }


def timed(fn, repeat: int = 30, warmup: int = 3) -> dict:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 2),
        "max_ms": round(samples[-1], 2),
        "runs": repeat,
    }


def report(name: str, results: dict) -> None:
    payload = {"benchmark": name, "machine": machine(), "results": results}
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}-{payload['machine']['database']}.json"
    path.write_text(json.dumps(payload, indent=2))
    json.dump(payload, sys.stdout, indent=2)
    sys.stdout.write("\n")

"""Import all six bundled datasets (seven files) from scratch; seconds per file and in all.

GCMHUB_HOME=/tmp/bench-indicators python bench/indicators_import.py
DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gcm_indicators_bench ... (same on PostgreSQL)
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import report, setup_django


def main():
    setup_django()
    from gcmhub.indicators.demo import load_bundled
    from gcmhub.indicators.models import Incident, Observation, Release

    Observation.objects.all().delete()
    Incident.objects.all().delete()
    Release.objects.all().delete()
    start = time.perf_counter()
    summaries = load_bundled()
    total = time.perf_counter() - start
    results = {
        "files": {
            f"{s['dataset']} {s['release']['version']}": {
                "seconds": s["seconds"],
                "rows_read": s["rows_read"],
                "rows_rejected": s["rows_rejected"],
            }
            for s in summaries
        },
        "total_seconds": round(total, 2),
        "rows": sum(s["rows_read"] for s in summaries),
        "target_seconds": 60,
    }
    start = time.perf_counter()
    again = load_bundled()
    results["reimport_unchanged_seconds"] = round(time.perf_counter() - start, 2)
    assert all(s["status"] == "unchanged" for s in again)
    report("indicators_import", results)


if __name__ == "__main__":
    main()

"""Public pledge IDs under concurrency: several processes create pledges at once through the
services against the real database (a WAL file on SQLite, or PostgreSQL), then the IDs are
checked to be unique and without gaps.

    GCMHUB_HOME=/tmp/bench-pledges-ids python bench/pledges_ids.py [--quick]
"""

import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import report, setup_django

PREFIX_YEAR = 2030  # the next forum: its own ID series, apart from other data


def worker(count: int) -> list[float]:
    import django

    django.setup()
    from datetime import date, timedelta

    from gcmhub.framework.models import Country, Objective
    from gcmhub.pledges import services

    mexico = Country.objects.get(iso3="MEX")
    objective = Objective.objects.get(number=5)
    times = []
    for n in range(count):
        start = time.perf_counter()
        services.create_pledge(
            {
                "entity_country": mexico,
                "contact_name": "Bench",
                "contact_email": "bench@example.org",
                "title": f"Concurrent pledge {n}",
                "description": "We will open regular pathways for migrant workers. " * 8,
                "pledge_type": "policy",
                "form": "individual",
                "objectives": [objective],
                "level": "national",
                "forum_year": PREFIX_YEAR,
                "announced_on": date(2028, 5, 8),  # within IMRF 2030's announcement window
                "targets": [
                    {
                        "indicator": "Visas",
                        "target_value": 10,
                        "due_date": date(2026, 5, 8) + timedelta(days=900),
                    }
                ],
            },
            by=None,
        )
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    quick = "--quick" in sys.argv
    setup_django()
    from gcmhub.pledges.models import Pledge

    processes, each = (4, 10) if quick else (8, 25)
    before = Pledge.objects.filter(forum_year=PREFIX_YEAR).count()
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        samples = sorted(t for chunk in pool.map(worker, [each] * processes) for t in chunk)
    wall = time.perf_counter() - start
    ids = sorted(Pledge.objects.filter(forum_year=PREFIX_YEAR).values_list("public_id", flat=True))
    numbers = [int(i.split("-")[1]) for i in ids]
    created = len(ids) - before
    results = {
        "processes": processes,
        "pledges_created": created,
        "unique": len(set(ids)) == len(ids),
        "gapless": numbers == list(range(1, len(numbers) + 1)),
        "wall_s": round(wall, 2),
        "create_median_ms": round(samples[len(samples) // 2], 1),
        "create_p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
    }
    report("pledges_ids", results)
    if not (results["unique"] and results["gapless"] and created == processes * each):
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Repository page with two facets selected, over 20,000 published practices (2,000 with
--quick). Budget: p95 under 150 ms.

    GCMHUB_HOME=/tmp/bench-practices python bench/practices_repository.py [--quick]
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import practices_data


def cpu_figures(cpu):
    """CPU time of the process per request (SQLite runs in-process): the figure without
    contention from other work on the machine."""
    cpu = sorted(cpu)
    return {
        "cpu_median_ms": round(cpu[len(cpu) // 2], 2),
        "cpu_p95_ms": round(cpu[max(0, round(0.95 * len(cpu)) - 1)], 2),
    }


def main():
    practices_data.setup()
    count, _experts = practices_data.sizes()
    practices_data.ensure_practices(count)
    from django.db import connection
    from django.test import Client

    from gcmhub.framework.models import Region

    regions = list(Region.objects.filter(level=1).values_list("m49", flat=True))
    client = Client()
    rng = random.Random(3)
    facet_pairs = [
        lambda: f"objective={rng.randrange(1, 24)}&region={rng.choice(regions)}",
        lambda: f"objective={rng.randrange(1, 24)}&language={rng.choice(['fr', 'es', 'en'])}",
        lambda: f"scope={rng.choice(['local', 'national'])}&target_group=women",
        lambda: "principle=human-rights&status=completed",
    ]
    two_facets = [f"/en/practices/?{rng.choice(facet_pairs)()}" for _ in range(100)]
    # The bench's texts come from a 40-word vocabulary, so every word matches most practices:
    # a harsher case for full-text search than real prose.
    with_search = [
        f"/en/practices/?q={rng.choice(practices_data.WORDS)}&objective={rng.randrange(1, 24)}"
        for _ in range(30)
    ]

    def run(urls):
        for url in urls[:5]:
            assert client.get(url).status_code == 200
        timings, cpu = [], []
        for url in urls:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200
        return timings, cpu

    info = {"practices": count, "database": connection.vendor}
    timings, cpu = run(two_facets)
    practices_data.report(
        "practices_repository",
        timings,
        {**info, "budget_p95_ms": 150, **practices_data.cpu_figures(cpu)},
    )
    timings, cpu = run(with_search)
    practices_data.report(
        "practices_repository_search", timings, {**info, **practices_data.cpu_figures(cpu)}
    )


if __name__ == "__main__":
    main()

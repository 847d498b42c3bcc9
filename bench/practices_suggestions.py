"""Reviewer suggestions for one practice with 2,000 roster experts (200 with --quick) and
20,000 practices. Budget: under 200 ms.

    GCMHUB_HOME=/tmp/bench-practices python bench/practices_suggestions.py [--quick]
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import practices_data


def main():
    practices_data.setup()
    count, experts = practices_data.sizes()
    practices_data.ensure_practices(count)
    practices_data.ensure_experts(experts)
    from django.db import connection

    from gcmhub.practices.models import Practice
    from gcmhub.practices.suggestions import suggest_reviewers

    practices = list(Practice.objects.filter(state="approved").order_by("?")[:30])
    suggest_reviewers(practices[0])
    timings, cpu = [], []
    for practice in practices:
        start, start_cpu = time.perf_counter(), time.process_time()
        suggestions = suggest_reviewers(practice, limit=8)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert len(suggestions) == 8
    practices_data.report(
        "practices_suggestions",
        timings,
        {
            "practices": count,
            "experts": experts,
            "database": connection.vendor,
            "budget_ms": 200,
            **practices_data.cpu_figures(cpu),
        },
    )


if __name__ == "__main__":
    main()

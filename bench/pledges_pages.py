"""Pledge dashboard and filtered list with 50,000 pledges and 200,000 progress reports:
median and p95 through the full Django stack (web pages and API).

    GCMHUB_HOME=/tmp/bench-pledges python bench/pledges_pages.py [--quick]

--quick uses 5,000 pledges and 20,000 reports. Targets: dashboard p95 < 200 ms, list p95 < 150 ms.
Dashboards are timed cold (cache cleared before every request, so the figures come from the
database) and cached. Besides wall time, the process CPU time is given: on SQLite it is nearly all
the work, so it shows the cost when other processes share the machine.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import report, setup_django, timed

DASHBOARDS = {
    "dashboard": "/en/pledges/dashboard/",
    "dashboard_filtered": "/en/pledges/dashboard/?forum=2022&type=financial",
    "api_dashboard": "/api/v1/pledges/dashboard/",
}
LISTS = {
    "list": "/en/pledges/",
    "list_objective": "/en/pledges/?objective=8",
    "list_type_region": "/en/pledges/?type=policy&region=002",
    "list_status_entity": "/en/pledges/?status=in_progress&entity=state&forum=2022",
    "list_country": "/en/pledges/?country=KEN",
    "list_search": "/en/pledges/?q=reintegration+and+nurses",
    "list_page_40": "/en/pledges/?objective=3&page=40",
    "api_list_filtered": "/api/v1/pledges/?objective=12&type=process",
}


def main():
    quick = "--quick" in sys.argv
    setup_django()
    from django.test import Client

    from pledges_data import generate

    pledges, reports = (5_000, 20_000) if quick else (50_000, 200_000)
    generate(pledges, reports)
    from django.db import connection

    with connection.cursor() as cursor:
        # Planner statistics (and on PostgreSQL the visibility map that index-only scans need),
        # as autovacuum would give after a bulk load.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    from django.core.cache import cache

    client = Client()
    results = {"size": {"pledges": pledges, "reports": reports}, "load_before": os.getloadavg()}
    cases = {f"{name}_cold": (url, True) for name, url in DASHBOARDS.items()}
    cases |= {f"{name}_cached": (url, False) for name, url in DASHBOARDS.items()}
    cases |= {name: (url, False) for name, url in LISTS.items()}
    for name, (url, cold) in cases.items():
        cpu = []

        def fetch(url=url, cold=cold, cpu=cpu):
            if cold:
                cache.clear()  # every request computes the figures from the database
            start = time.process_time()
            response = client.get(url, HTTP_HOST="127.0.0.1")
            cpu.append((time.process_time() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)

        results[name] = timed(fetch, repeat=30)
        cpu.sort()
        results[name]["cpu_median_ms"] = round(cpu[len(cpu) // 2], 2)
        results[name]["cpu_p95_ms"] = round(cpu[int(len(cpu) * 0.95) - 1], 2)
        results[name]["url"] = url
        limit = 150 if name in LISTS else 200
        results[name]["target_p95_ms"] = limit
        results[name]["ok"] = results[name]["p95_ms"] < limit
    results["load_after"] = os.getloadavg()
    report("pledges_pages", results)


if __name__ == "__main__":
    main()

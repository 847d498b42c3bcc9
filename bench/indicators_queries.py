"""Snapshot, indicator observation queries (one country, one year) and the country page.

Targets: snapshot < 0.5 s; observation query p95 < 50 ms; country profile page p95 < 200 ms.
Imports the bundled datasets first if they are not there yet. --quick: fewer runs.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import report, setup_django, timed


def main():
    quick = "--quick" in sys.argv
    runs = 10 if quick else 30
    setup_django()
    from django.core.cache import cache
    from django.test import Client

    from gcmhub.framework.models import Country
    from gcmhub.indicators import service
    from gcmhub.indicators.catalog import INDICATORS
    from gcmhub.indicators.demo import load_bundled
    from gcmhub.indicators.panels import country_panel
    from gcmhub.indicators.snapshot import snapshot

    load_bundled()
    results = {"snapshot": timed(snapshot, repeat=runs)}
    client = Client()
    for code, indicator in INDICATORS.items():
        for label, filters in (("country_MEX", {"country": "MEX"}), ("year_2020", {"year": 2020})):
            results[f"observations {code} {label}"] = timed(
                lambda i=indicator, f=filters: list(service.observations(i, f)), repeat=runs
            )
    for label, url in (
        ("api country", "/api/v1/indicators/migrant-stock/observations/?country=MEX"),
        ("api year", "/api/v1/indicators/10.7.3/observations/?year=2020"),
    ):
        results[label] = timed(lambda u=url: client.get(u, HTTP_HOST="127.0.0.1"), repeat=runs)
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["MEX", "DEU", "KEN", "PHL"])}

    def profile_panel():
        for country in countries.values():
            country_panel(country, None)

    results["country panel x4 (context only, cold cache)"] = timed(
        lambda: (cache.clear(), profile_panel()), repeat=runs
    )
    for iso3 in countries:
        url = f"/en/framework/countries/{iso3}/"
        try:
            assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
            results[f"country page {iso3}"] = timed(
                lambda u=url: client.get(u, HTTP_HOST="127.0.0.1"), repeat=runs
            )
        except Exception as error:  # another app's panel may be unfinished
            results[f"country page {iso3}"] = {"error": repr(error)[:200]}
    worst = max(
        (v["p95_ms"] for k, v in results.items() if k.startswith("observations")), default=0
    )
    results["observations worst p95_ms"] = worst
    report("indicators_queries", results)


if __name__ == "__main__":
    main()

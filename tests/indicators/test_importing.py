import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from gcmhub.indicators.importing import ImportFailedError, run_import
from gcmhub.indicators.models import Incident, Observation, Release
from tests.indicators import synthetic

pytestmark = pytest.mark.django_db


def stock_total(release, **filters):
    rows = Observation.objects.filter(release=release, series="stock", **filters)
    return rows.aggregate(total=Sum("value"))["total"]


def test_import_stock_csv_stores_every_row_and_reports_summary(tmp_path):
    summary = run_import("migrant-stock", synthetic.write(tmp_path, "s.csv", synthetic.STOCK_CSV))
    release = Release.objects.get(dataset="migrant-stock")
    assert summary["status"] == "imported"
    assert summary["rows_read"] == 12
    assert summary["rows_imported"] == 12
    assert summary["rows_rejected"] == 0
    assert summary["countries"]["special_codes"]["OOO"]["rows"] == 2
    assert release.is_current
    assert release.version == "IMS 2020"
    assert release.released == dt.date(2020, 12, 31)
    assert stock_total(release, year=2000) == 330
    assert stock_total(release, year=2020, sex="f") == 310


def test_import_wrong_layout_names_the_missing_columns(tmp_path):
    path = synthetic.write(tmp_path, "wrong.csv", "year,destination,n\n2000,KEN,5\n")
    with pytest.raises(ImportFailedError) as error:
        run_import("migrant-stock", path)
    message = str(error.value)
    assert "'dest_iso3'" in message
    assert "'orig_iso3'" in message
    assert "'sex'" in message
    assert not Release.objects.exists()


def test_import_bad_rows_are_reported_with_line_and_reason(tmp_path):
    text = synthetic.STOCK_CSV + "2020,KEN,UGA,both,5,1,0,1,0\n2020,KEN,UGA,female,abc,1,0,1,0\n"
    text += "1800,KEN,UGA,male,5,1,0,1,0\n2020,KEN,UGA,male,-3,1,0,1,0\n"
    summary = run_import("migrant-stock", synthetic.write(tmp_path, "bad.csv", text), strict=False)
    assert summary["rows_read"] == 16
    assert summary["rows_imported"] == 12
    assert summary["rows_rejected"] == 4
    lines = {row["line"]: row["reason"] for row in summary["rejected_rows"]}
    assert lines[14].startswith("sex must be female or male")
    assert lines[15] == "not a number: n is 'abc'"
    assert lines[16].startswith("year out of range")
    assert lines[17].startswith("negative value")
    assert summary["rejected_by_reason"] == {
        "sex must be female or male": 1,
        "not a number": 1,
        "year out of range": 1,
        "negative value": 1,
    }
    assert Observation.objects.filter(series="stock").count() == 12


def test_import_with_bad_rows_changes_nothing_by_default(tmp_path):
    text = synthetic.STOCK_CSV + "2020,KEN,UGA,female,abc,1,0,1,0\n"
    with pytest.raises(ImportFailedError, match="nothing was imported") as error:
        run_import("migrant-stock", synthetic.write(tmp_path, "bad.csv", text))
    assert error.value.summary["rows_rejected"] == 1
    assert not Release.objects.exists()
    assert not Observation.objects.exists()


def test_reimport_same_content_changes_nothing_even_compressed(tmp_path):
    run_import("migrant-stock", synthetic.write(tmp_path, "s.csv", synthetic.STOCK_CSV))
    before = (Release.objects.count(), Observation.objects.count())
    again = run_import("migrant-stock", synthetic.write(tmp_path, "s.csv", synthetic.STOCK_CSV))
    gz = run_import(
        "migrant-stock", synthetic.write(tmp_path, "s.csv", synthetic.STOCK_CSV, gz=True)
    )
    assert again["status"] == "unchanged"
    assert gz["status"] == "unchanged"
    assert (Release.objects.count(), Observation.objects.count()) == before


def test_newer_release_becomes_current_and_old_one_stays(tmp_path):
    old = run_import("migrant-stock", synthetic.write(tmp_path, "a.csv", synthetic.STOCK_CSV))
    newer_text = synthetic.STOCK_CSV + "2024,KEN,UGA,female,1,1,0,1,0\n"
    new = run_import("migrant-stock", synthetic.write(tmp_path, "b.csv", newer_text))
    assert new["replaced"]["version"] == "IMS 2020"
    current = Release.objects.get(dataset="migrant-stock", is_current=True)
    assert current.version == "IMS 2024"
    previous = Release.objects.get(pk=old["release"]["id"])
    assert not previous.is_current
    assert stock_total(previous) == 940  # still there, still readable
    assert Observation.objects.filter(release=previous, series="stock").count() == 12
    # An older release imported later is stored but does not take over.
    older_text = synthetic.STOCK_CSV.replace("2020,", "2015,")
    older = run_import("migrant-stock", synthetic.write(tmp_path, "c.csv", older_text))
    assert older["release"]["is_current"] is False
    assert Release.objects.get(is_current=True, dataset="migrant-stock").version == "IMS 2024"


def test_import_ims_destination_origin_xlsx(tmp_path):
    summary = run_import("migrant-stock", synthetic.ims_destination_origin_xlsx(tmp_path))
    release = Release.objects.get(pk=summary["release"]["id"])
    assert summary["layout"] == "UN DESA destination and origin xlsx"
    assert summary["rows_skipped"] == {"regional or world aggregate (not a country)": 1}
    assert stock_total(release, year=1990) == 10 + 20 + 1 + 2 + 5 + 6
    assert stock_total(release, year=2020, country="KEN", partner="UGA", sex="m") == 20
    assert stock_total(release, year=2020, country="KEN", partner="OOO") == 5
    assert stock_total(release, year=2020, country="MEX") is None  # ".." is no data


def test_import_missing_migrants_csv_normalises_countries(tmp_path):
    summary = run_import("missing-migrants", synthetic.missing_migrants_csv(tmp_path))
    assert summary["rows_imported"] == 6
    assert summary["countries"]["unmatched"] == {"Atlantis": 1}
    assert set(Incident.objects.values_list("country", flat=True)) == {
        "LBY",
        "MEX",
        "USA",
        "GRC",
        "",
    }
    adjusted = Incident.objects.get(incident_id="2020.2")
    assert (adjusted.dead, adjusted.missing, adjusted.total) == (4, -1, 3)
    undated = Incident.objects.get(incident_id="2020.4")
    assert undated.date is None
    assert undated.year is None


def test_import_missing_migrants_bad_rows(tmp_path):
    bad = synthetic.MM_ROWS[0].replace("2016-03-01,2016", "2016-03-01,2017")
    bad2 = synthetic.MM_ROWS[1].replace(",3,,3,", ",,,,")
    path = synthetic.missing_migrants_csv(tmp_path, [bad, bad2])
    summary = run_import("missing-migrants", path, strict=False)
    reasons = [row["reason"] for row in summary["rejected_rows"]]
    assert summary["rows_rejected"] == 2
    assert reasons[0].startswith("date and year disagree")
    assert reasons[1].startswith("no count")
    assert [row["line"] for row in summary["rejected_rows"]] == [8, 9]


def test_import_missing_migrants_xlsx_export(tmp_path):
    summary = run_import("missing-migrants", synthetic.missing_migrants_xlsx(tmp_path))
    assert summary["rows_imported"] == 2
    first = Incident.objects.get(incident_id="2021.1")
    assert first.date == dt.date(2021, 5, 4)
    assert (first.total, first.children, first.country) == (10, 2, "TUN")
    assert Incident.objects.get(incident_id="2021.2").country == "TCA"


def test_import_rpw_provider_xlsx_averages_providers(tmp_path):
    summary = run_import("remittance-prices", synthetic.rpw_provider_xlsx(tmp_path))
    assert summary["layout"] == "RPW provider-level dataset (xlsx)"
    corridor = Observation.objects.get(series="cost200", country="KEN", partner="UGA")
    assert (corridor.year, corridor.quarter, corridor.value, corridor.weight) == (2025, 1, 6.0, 2)
    assert Release.objects.get(dataset="remittance-prices").version == "RPW to 2025Q1"


def test_import_wdi_download_skips_aggregates(tmp_path):
    summary = run_import("remittance-flows", synthetic.wdi_wide_csv(tmp_path))
    assert summary["rows_skipped"] == {"aggregate or code not in the country registry": 1}
    values = dict(Observation.objects.filter(series="remit_in").values_list("year", "value"))
    assert values == {2021: 110000, 2022: 120000}
    assert Observation.objects.filter(series="remit_out").count() == 1


def test_import_other_datasets(synthetic_data):
    assert synthetic_data["displacement"]["countries"]["special_codes"]["STL"]["rows"] == 1
    assert Observation.objects.filter(series="refugee").aggregate(t=Sum("value"))["t"] == 470
    assert synthetic_data["population"]["rows_imported"] == 11
    assert synthetic_data["remittance-flows"]["records_stored"] == 7
    assert Release.objects.filter(is_current=True).count() == 6


def test_import_command_prints_json_summary(tmp_path, capsys):
    path = synthetic.write(tmp_path, "s.csv", synthetic.STOCK_CSV)
    call_command("import", "migrant-stock", str(path), "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["rows_imported"] == 12
    assert summary["release"]["is_current"] is True


def test_import_command_errors_clearly(tmp_path):
    path = synthetic.write(tmp_path, "wrong.csv", "a,b\n1,2\n")
    with pytest.raises(CommandError, match="missing 'year'"):
        call_command("import", "migrant-stock", str(path))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import", "population", str(tmp_path / "absent.csv"))


def test_unmatched_country_codes_are_not_cut_into_fake_codes(tmp_path):
    """'Atlantis' is not ATL: the row is stored without a country (NULL), named in the summary,
    counted in the world total and in no country's figures."""
    from gcmhub.indicators.catalog import INDICATORS, Context

    text = (
        synthetic.STOCK_CSV
        + "2020,Atlantis,UGA,female,7,1,0,1,0\n2020,KEN,Lemuria,male,3,1,0,1,0\n"
    )
    summary = run_import("migrant-stock", synthetic.write(tmp_path, "s.csv", text))
    assert summary["countries"]["unmatched"] == {"Atlantis": 1, "Lemuria": 1}
    assert not Observation.objects.filter(country__in=["ATL", "LEM"]).exists()
    assert not Observation.objects.filter(partner__in=["ATL", "LEM"]).exists()
    stored = Observation.objects.get(series="stock", value=7)
    assert (stored.country, stored.partner) == (None, "UGA")
    assert Observation.objects.get(series="stock", value=3).partner is None
    stock = INDICATORS["migrant-stock"]
    assert dict(stock.headline(Context()))[2020] == 610 + 7 + 3  # the world total keeps them
    rows = list(stock.rows(Context({"year": 2020})))
    assert {row["country_code"] for row in rows} == {"KEN", "MEX", "UGA"}
    by_origin = list(stock.rows(Context({"year": 2020, "by": "origin"})))
    assert None not in {row["origin"] for row in by_origin}
    assert sum(row["value"] for row in rows) == 610 + 3  # Lemuria's migrants live in Kenya

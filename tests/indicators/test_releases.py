"""Which release is current: only a strictly newer one takes over by itself; labels name one
release each; an earlier release can be made current again, and who did it is kept."""

import json

import pytest
from django.core.management import CommandError, call_command

from gcmhub.indicators.catalog import INDICATORS, Context
from gcmhub.indicators.importing import ImportFailedError, run_import
from gcmhub.indicators.models import Observation, Release
from gcmhub.indicators.releases import ReleaseChoiceError, find_release, make_current
from tests.indicators import synthetic

pytestmark = pytest.mark.django_db

# The same last year (2020) as synthetic.REMITTANCES_CSV, so the same default label and date:
# a subset like the 52-row WDI file imported with --keep-good-rows.
SUBSET_CSV = """iso3,year,remittances_received_usd,remittances_paid_usd
KEN,2020,100000,200
KEN,2020,not a number,1
"""


def full_and_subset(tmp_path):
    full = run_import(
        "remittance-flows", synthetic.write(tmp_path, "full.csv", synthetic.REMITTANCES_CSV)
    )
    subset_path = synthetic.write(tmp_path, "subset.csv", SUBSET_CSV)
    return full, subset_path


def world_inflows():
    return dict(INDICATORS["remittance-inflows"].headline(Context()))


def test_same_date_release_does_not_replace_the_current_one(tmp_path):
    full, subset_path = full_and_subset(tmp_path)
    subset = run_import("remittance-flows", subset_path, strict=False)
    assert subset["release"]["released"] == full["release"]["released"]
    assert subset["release"]["is_current"] is False
    assert subset["release"]["version"] == "WDI to 2020 (2)"  # the default label was taken
    assert subset["replaced"] is None
    assert subset["current"]["version"] == "WDI to 2020"
    assert "Not made current" in subset["message"]
    assert "--make-current" in subset["message"]
    current = Release.objects.get(dataset="remittance-flows", is_current=True)
    assert current.pk == full["release"]["id"]
    assert world_inflows()[2020] == 100000 + 50000000 + 3000  # still the full release


def test_import_command_says_a_same_date_release_is_not_current(tmp_path, capsys):
    _full, subset_path = full_and_subset(tmp_path)
    call_command("import", "remittance-flows", str(subset_path), "--keep-good-rows")
    out = capsys.readouterr().out
    assert "'WDI to 2020 (2)'" in out
    assert "NOT current" in out
    assert "'WDI to 2020' stays current" in out
    assert "gcmhub releases remittance-flows --make-current 'WDI to 2020 (2)'" in out


def test_make_current_on_import_and_back_again_records_who_and_when(tmp_path, capsys):
    full, subset_path = full_and_subset(tmp_path)
    call_command(
        "import", "remittance-flows", str(subset_path), "--keep-good-rows", "--make-current"
    )
    assert "now current" in capsys.readouterr().out
    subset = Release.objects.get(dataset="remittance-flows", is_current=True)
    assert subset.version == "WDI to 2020 (2)"
    assert subset.current_by.endswith("(command line)")
    assert world_inflows()[2020] == 100000

    call_command("releases", "remittance-flows", "--make-current", "WDI to 2020")
    out = capsys.readouterr().out
    assert "'WDI to 2020' (released 2020-12-31) is now current" in out
    assert "in place of 'WDI to 2020 (2)'" in out
    again = Release.objects.get(pk=full["release"]["id"])
    assert again.is_current
    assert again.current_by.endswith("(command line)")
    assert again.current_since is not None
    assert Release.objects.filter(dataset="remittance-flows", is_current=True).count() == 1
    assert world_inflows()[2020] == 100000 + 50000000 + 3000
    history = list(again.history.order_by("history_date").values_list("is_current", flat=True))
    assert history[-1] is True
    assert again.history.latest().history_change_reason.startswith("made current by ")
    replaced = Release.objects.get(pk=subset.pk)
    assert replaced.history.latest().is_current is False

    call_command("releases", "remittance-flows", "--make-current", "WDI to 2020")
    assert "already current; no change" in capsys.readouterr().out


def test_releases_command_lists_and_refuses_unknown_versions(tmp_path, capsys):
    _full, subset_path = full_and_subset(tmp_path)
    run_import("remittance-flows", subset_path, strict=False)
    call_command("releases", "remittance-flows", "--json")
    listed = json.loads(capsys.readouterr().out)["remittance-flows"]
    assert {(r["version"], r["is_current"]) for r in listed} == {
        ("WDI to 2020", True),
        ("WDI to 2020 (2)", False),
    }
    with pytest.raises(CommandError, match="No release 'WDI to 1999' of remittance-flows"):
        call_command("releases", "remittance-flows", "--make-current", "WDI to 1999")
    with pytest.raises(CommandError, match="needs the DATASET"):
        call_command("releases", "--make-current", "WDI to 2020")


def test_a_taken_label_is_refused_and_nothing_is_stored(tmp_path):
    full_and_subset(tmp_path)
    before = (Release.objects.count(), Observation.objects.count())
    path = synthetic.write(tmp_path, "other.csv", SUBSET_CSV.replace("not a number", "5"))
    with pytest.raises(ImportFailedError, match="already labelled 'WDI to 2020'"):
        run_import("remittance-flows", path, version="WDI to 2020")
    with pytest.raises(ImportFailedError, match="cannot start with 'id:'"):
        run_import("remittance-flows", path, version="id:1")
    assert (Release.objects.count(), Observation.objects.count()) == before


def test_a_pin_names_one_release_by_label_or_id(tmp_path):
    full, subset_path = full_and_subset(tmp_path)
    subset = run_import("remittance-flows", subset_path, strict=False)
    assert find_release("remittance-flows", "WDI to 2020").pk == full["release"]["id"]
    by_id = find_release("remittance-flows", f"id:{subset['release']['id']}")
    assert by_id.version == "WDI to 2020 (2)"
    with pytest.raises(ReleaseChoiceError, match="its releases are: 'WDI to 2020"):
        find_release("remittance-flows", str(full["release"]["id"]))  # a bare number is a label
    with pytest.raises(ReleaseChoiceError, match="Unknown dataset"):
        find_release("remittances", "WDI to 2020")


def test_newer_release_still_takes_over_and_make_current_returns_the_old_one(tmp_path):
    old = run_import("migrant-stock", synthetic.write(tmp_path, "a.csv", synthetic.STOCK_CSV))
    newer = synthetic.STOCK_CSV + "2024,KEN,UGA,female,1,1,0,1,0\n"
    new = run_import("migrant-stock", synthetic.write(tmp_path, "b.csv", newer))
    assert new["release"]["is_current"] is True
    assert new["replaced"]["version"] == "IMS 2020"
    release, previous, changed = make_current("migrant-stock", "IMS 2020", by="tester")
    assert (release.pk, previous.version, changed) == (old["release"]["id"], "IMS 2024", True)
    assert Release.objects.get(is_current=True, dataset="migrant-stock").current_by == "tester"

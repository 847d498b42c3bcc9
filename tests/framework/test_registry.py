import json

import pytest
from django.core.management import call_command

from gcmhub.framework.models import Action, Country, GuidingPrinciple, Objective, RoundTable

pytestmark = pytest.mark.django_db


def test_registry_has_23_objectives_10_principles_181_actions():
    assert Objective.objects.count() == 23
    assert GuidingPrinciple.objects.count() == 10
    assert Action.objects.count() == 181


def test_objective_20_is_marked_incomplete_with_its_commitment():
    objective = Objective.objects.get(number=20)
    assert not objective.actions_complete
    assert objective.actions.count() == 3
    assert objective.commitment.startswith("We commit")
    assert objective.commitment_paragraph == 36


def test_missing_commitments_stay_missing_not_empty():
    with_text = set(Objective.objects.exclude(commitment=None).values_list("number", flat=True))
    assert with_text == {1, 10, 12, 13, 14, 20, 23}


def test_imrf_2022_round_tables_cover_all_objectives_once():
    tables = RoundTable.objects.filter(forum__slug="imrf-2022").prefetch_related("objectives")
    covered = [o.number for table in tables for o in table.objectives.all()]
    assert sorted(covered) == list(range(1, 24))
    third = tables.get(number=3)
    assert sorted(o.number for o in third.objectives.all()) == [14, 15, 16, 19, 20, 22]
    assert sorted(c.iso3 for c in third.co_chairs.all()) == ["PRT", "THA"]


def test_countries_have_m49_regions_and_193_member_states():
    assert Country.objects.filter(is_member_state=True).count() == 193
    kenya = Country.objects.select_related("region", "subregion").get(iso3="KEN")
    assert (kenya.region.name, kenya.subregion.name, kenya.m49) == (
        "Africa",
        "Eastern Africa",
        "404",
    )
    assert not Country.objects.get(iso3="PSE").is_member_state


def test_framework_json_command_prints_the_contract(capsys):
    call_command("framework", "--json")
    data = json.loads(capsys.readouterr().out)
    assert len(data["objectives"]) == 23
    assert len(data["guiding_principles"]) == 10
    assert set(data["objectives"][0]) >= {"number", "title", "commitment", "actions"}
    assert next(rt["objectives"] for rt in data["round_tables"]) == [2, 5, 6, 12, 18]
    assert data["objectives"][1]["commitment"]["text"] is None
    assert data["objectives"][1]["commitment_missing"] is True


def test_loading_twice_changes_nothing():
    from gcmhub.framework.loading import load_framework

    before = (Objective.objects.count(), Action.objects.count(), Country.objects.count())
    load_framework()
    assert (Objective.objects.count(), Action.objects.count(), Country.objects.count()) == before

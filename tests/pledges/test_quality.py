from datetime import date, timedelta
from decimal import Decimal

from gcmhub.pledges import quality

TODAY = date(2026, 5, 8)
GOOD = quality.Draft(
    title="Labour attachés",
    description="We will post twelve labour attachés to assist migrant workers abroad.",
    objective_count=1,
    targets=(quality.DraftTarget("Attachés posted", Decimal(12), TODAY + timedelta(days=400)),),
)


def weak(draft):
    return quality.warnings(draft, TODAY)


def test_check_good_draft_has_no_warnings():
    assert weak(GOOD) == []


def test_check_intent_only_is_not_concrete():
    draft = quality.Draft(
        description="We reaffirm our commitment and will strive to promote migration dialogue.",
        objective_count=1,
        targets=GOOD.targets,
    )
    assert weak(draft) == ["concrete"]


def test_check_no_target_is_not_measurable_nor_time_bound():
    draft = quality.Draft(description=GOOD.description, objective_count=1)
    assert weak(draft) == ["measurable", "time_bound", "realistic"]


def test_check_past_due_date_is_not_realistic():
    draft = quality.Draft(
        description=GOOD.description,
        objective_count=1,
        targets=(quality.DraftTarget("x", Decimal(1), TODAY - timedelta(days=1)),),
    )
    findings = {f.criterion: f for f in quality.check(draft, TODAY)}
    assert not findings["realistic"].ok
    assert "2026-05-07" in findings["realistic"].message


def test_check_due_date_beyond_ten_years_is_not_realistic():
    draft = quality.Draft(
        description=GOOD.description,
        objective_count=1,
        targets=(quality.DraftTarget("x", None, date(2037, 1, 1)),),
    )
    assert weak(draft) == ["realistic"]


def test_check_milestone_without_number_is_measurable():
    draft = quality.Draft(
        description=GOOD.description,
        objective_count=1,
        targets=(quality.DraftTarget("Law adopted", None, TODAY + timedelta(days=30)),),
    )
    assert weak(draft) == []


def test_check_without_objective_is_not_linked():
    draft = quality.Draft(description=GOOD.description, objective_count=0, targets=GOOD.targets)
    assert weak(draft) == ["linked"]


def test_check_refugees_only_warns_about_migrants():
    draft = quality.Draft(
        description="We will provide housing to refugees and asylum seekers in three provinces.",
        objective_count=1,
        targets=GOOD.targets,
    )
    findings = {f.criterion: f for f in quality.check(draft, TODAY)}
    assert weak(draft) == ["migrants"]
    assert "Global Compact on Refugees" in str(findings["migrants"].message)


def test_check_refugees_and_migrants_is_fine():
    draft = quality.Draft(
        description="We will provide housing to refugees and migrants in three provinces.",
        objective_count=1,
        targets=GOOD.targets,
    )
    assert weak(draft) == []

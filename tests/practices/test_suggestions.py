import pytest

from gcmhub.practices import review, submission, workflow
from gcmhub.practices.models import State
from gcmhub.practices.suggestions import suggest_reviewers
from tests.factories import FocalPointFactory, SecretariatFactory, StakeholderFactory, country
from tests.practices.factories import make_expert, make_practice

pytestmark = pytest.mark.django_db


def _screening(**kwargs):
    secretariat = SecretariatFactory()
    practice = make_practice(**kwargs)
    submission.submit(practice, practice.submitter)
    return workflow.transition(practice, State.SCREENING, secretariat), secretariat


def test_suggestions_exclude_conflicts():
    submitter = FocalPointFactory()
    practice, _sec = _screening(submitter=submitter)
    other = StakeholderFactory()
    fine = make_expert(objectives=(16,))
    government = make_expert(objectives=(16,), government_of=country("MEX"))
    declared = make_expert(objectives=(16,))
    unapproved = make_expert(objectives=(16,), status="applied")
    busy = make_expert(objectives=(16,), max_load=0)
    declared.conflict_organizations.add(other.organization)
    names = {s.expert.pk for s in suggest_reviewers(practice)}
    assert fine.pk in names
    assert declared.pk in names
    assert government.pk not in names
    assert unapproved.pk not in names
    assert busy.pk not in names


def test_suggestions_rank_expertise_language_and_balance():
    practice, _secretariat = _screening(objectives=(16, 3))
    internal = make_expert(is_un=True, objectives=(16,), country="CHE", gender="man")
    primary = make_expert(objectives=(16,), country="SEN", gender="woman")
    secondary = make_expert(objectives=(3,), country="BRA", gender="man")
    unrelated = make_expert(objectives=(1,), country="IND", gender="woman", languages="zh")
    ranked = [s.expert.pk for s in suggest_reviewers(practice)]
    assert ranked.index(primary.pk) < ranked.index(unrelated.pk)
    assert ranked.index(secondary.pk) < ranked.index(unrelated.pk)
    assert internal.pk in ranked[:3]
    top = suggest_reviewers(practice)[0]
    assert top.reasons


def test_suggestions_skip_experts_already_on_panel_and_penalise_load():
    practice, secretariat = _screening()
    on_panel = make_expert(objectives=(16,))
    review.assign(practice, on_panel, secretariat)
    ranked = [s.expert.pk for s in suggest_reviewers(practice)]
    assert on_panel.pk not in ranked


def test_suggestions_query_count_constant(django_assert_max_num_queries):
    practice, _sec = _screening()
    for index in range(12):
        make_expert(objectives=(16,), country=["SEN", "BRA", "IND", "CHE"][index % 4])
    with django_assert_max_num_queries(6):
        suggestions = suggest_reviewers(practice)
    assert len(suggestions) == 8

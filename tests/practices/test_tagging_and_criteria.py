import sys
import types

import pytest

from gcmhub.practices import criteria, tagging


@pytest.fixture
def fake_classifier(monkeypatch):
    module = types.ModuleType(tagging.CLASSIFIER_MODULE)
    calls = []

    def classify_text(text, top=5):
        calls.append((text, top))
        return {
            "objectives": [{"number": 6, "score": 0.81}, {"number": "16", "score": 0.4}],
            "principles": [{"name": "Human rights", "score": 0.7}],
        }

    module.classify_text = classify_text
    monkeypatch.setitem(sys.modules, tagging.CLASSIFIER_MODULE, module)
    return calls


def test_suggest_uses_classifier(fake_classifier):
    result = tagging.suggest("Fair recruitment of farm workers", top=3)
    assert result["objectives"] == [{"number": 6, "score": 0.81}, {"number": 16, "score": 0.4}]
    assert result["principles"] == [{"name": "Human rights", "score": 0.7}]
    assert fake_classifier == [("Fair recruitment of farm workers", 3)]


def test_suggest_without_classifier_gives_nothing(monkeypatch):
    monkeypatch.setattr(tagging, "CLASSIFIER_MODULE", "gcmhub.practices.no_such_module")
    assert tagging.suggest("anything") == {"objectives": [], "principles": []}


def test_suggest_with_failing_classifier_gives_nothing(monkeypatch):
    module = types.ModuleType(tagging.CLASSIFIER_MODULE)

    def broken(text, top=5):
        raise RuntimeError("model missing")

    module.classify_text = broken
    monkeypatch.setitem(sys.modules, tagging.CLASSIFIER_MODULE, module)
    assert tagging.suggest("anything") == {"objectives": [], "principles": []}


def test_suggest_empty_text_does_not_call_classifier(fake_classifier):
    assert tagging.suggest("   ") == {"objectives": [], "principles": []}
    assert fake_classifier == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The International Organization for Migration (IOM) helped.", []),
        ("IOM (International Organization for Migration) helped.", []),
        ("IOM helped. Later the International Organization for Migration (IOM) left.", []),
        ("The NGO and IOM helped.", ["NGO", "IOM"]),
        ("Funded by the UN with USD 20,000.", []),
        ("Phase II of the scheme.", []),
        ("Nothing shouted here.", []),
    ],
)
def test_unexplained_acronyms(text, expected):
    assert criteria.unexplained_acronyms(text) == expected


@pytest.mark.django_db
def test_edit_page_shows_classifier_suggestions(client, fake_classifier):
    from tests.practices.factories import make_practice

    practice = make_practice()
    client.force_login(practice.submitter)
    page = client.get(f"/en/practices/{practice.pk}/edit/").content.decode()
    assert "Suggested by the classifier" in page
    assert "Objective 6" in page
    assert "Human rights (0.70)" in page

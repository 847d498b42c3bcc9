import pytest

from gcmhub.core import panels
from gcmhub.core.history import history_entries
from tests.factories import OrganizationFactory, SecretariatFactory


def test_unknown_page_is_refused():
    with pytest.raises(ValueError, match="unknown page"):
        panels.register("nowhere", "x.html", lambda obj, request: {})


def test_panels_hide_when_their_context_is_none(monkeypatch):
    monkeypatch.setattr(panels, "_registry", {page: [] for page in panels.PAGES})
    panels.register("country", "b.html", lambda obj, request: {"n": obj}, order=20)
    panels.register("country", "a.html", lambda obj, request: {"n": obj}, order=10)
    panels.register("country", "hidden.html", lambda obj, request: None)
    assert panels.render_list("country", 7, None) == [
        {"template": "a.html", "data": {"n": 7}},
        {"template": "b.html", "data": {"n": 7}},
    ]


@pytest.mark.django_db
def test_history_records_who_changed_what():
    from simple_history.utils import update_change_reason

    org = OrganizationFactory(name="Before")
    org.name = "After"
    org._history_user = SecretariatFactory(email="editor@example.org")
    org.save()
    update_change_reason(org, "typo")
    entries = history_entries(org)
    assert [e.action for e in entries] == ["changed", "created"]
    assert entries[0].who == "editor@example.org"
    assert entries[0].reason == "typo"
    assert ("name", "Before", "After") in entries[0].changes


@pytest.mark.django_db
def test_history_speaks_the_reader_language():
    from django.utils import translation

    org = OrganizationFactory(name="Avant")
    with translation.override("fr"):
        entries = history_entries(org)
    assert [e.action for e in entries] == ["création"]
    assert entries[0].who == "système"

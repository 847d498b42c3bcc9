import pytest

from gcmhub.practices import tagging


@pytest.fixture(autouse=True)
def _no_real_classifier(monkeypatch):
    """The documents app's classifier takes seconds to load; tests use a fake or none."""
    monkeypatch.setattr(tagging, "CLASSIFIER_MODULE", "gcmhub.practices.tests_fake_classifier")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached facets start empty in every test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

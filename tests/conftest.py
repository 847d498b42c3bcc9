import pytest

from gcmhub.framework.loading import load_framework


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the framework registry (objectives, countries, ...)."""
    with django_db_blocker.unblock():
        load_framework()


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def _framework_in_transactional_tests(request):
    """Transactional tests flush the database after each test; reload the registry for them."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from gcmhub.framework.loading import ensure_framework

    ensure_framework()

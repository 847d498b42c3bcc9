"""Headers every page carries, and the API's request limits."""

import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("url", ["/en/", "/en/framework/", "/en/pledges/", "/api/v1/objectives/"])
def test_pages_carry_a_strict_content_security_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline scripts, no eval, no other site
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_api_docs_need_no_inline_script(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html.replace(" ", "")
    script = client.get("/api/v1/docs?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.fixture
def tight_limits(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    cache.clear()
    yield
    cache.clear()


def test_anonymous_api_clients_are_limited_with_a_clear_error(client, tight_limits):
    for _ in range(3):
        assert client.get("/api/v1/objectives/").status_code == 200
    response = client.get("/api/v1/objectives/")
    assert response.status_code == 429
    assert response.json()["error"]["status"] == 429
    assert int(response["Retry-After"]) > 0
    # Another address has its own allowance.
    assert client.get("/api/v1/objectives/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_accounts_have_their_own_higher_limit(api_client, tight_limits):
    api_client.force_authenticate(UserFactory())
    codes = [api_client.get("/api/v1/objectives/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]

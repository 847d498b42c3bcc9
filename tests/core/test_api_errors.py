import pytest

from tests.factories import SecretariatFactory

pytestmark = pytest.mark.django_db


def test_unknown_object_is_a_json_404(api_client):
    response = api_client.get("/api/v1/objectives/99/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_api_path_is_json_too(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_framework_is_read_only_even_with_a_token(api_client):
    api_client.force_authenticate(SecretariatFactory())
    response = api_client.post("/api/v1/objectives/", {"number": 24}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_malformed_json_is_a_clear_400(api_client):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=SecretariatFactory())
    response = api_client.post(
        "/api/v1/objectives/",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code in (400, 405)
    assert "error" in response.json()


def test_bad_token_is_a_json_401(api_client):
    response = api_client.get("/api/v1/objectives/", HTTP_AUTHORIZATION="Token nope")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_schema_is_served(client):
    response = client.get("/api/v1/schema", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/v1/objectives/" in response.content.decode()


def test_api_errors_follow_the_accept_language_header(client):
    response = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Introuvable."


def _api_detail_routes():
    """Every API route that takes an identifier, from the URL configuration itself."""
    import re

    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    routes = set()
    for route in walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/") or "<" not in route:
            continue
        route = route.replace("^", "").replace("$", "")
        route = re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>", "not-an-id", route)
        routes.add("/" + route)
    return sorted(routes)


def test_every_api_route_answers_a_malformed_identifier_with_a_json_404(client):
    client.raise_request_exception = False
    routes = _api_detail_routes()
    assert len(routes) > 15
    wrong = []
    for url in routes:
        response = client.get(url)
        if response.status_code not in (404, 405) or not response["Content-Type"].startswith(
            "application/json"
        ):
            wrong.append((url, response.status_code))
    assert wrong == []

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_openapi_schema_is_valid_and_has_no_warnings(tmp_path):
    """Every endpoint of every app documents itself; a warning here is a schema bug."""
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "/api/v1/objectives/" in text
    assert "tokenAuth" in text

"""The OpenAPI schema is generated without a warning and served to authenticated callers."""

import pytest
import yaml
from django.core.management import call_command

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_the_schema_generates_and_validates_without_a_warning(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert set(schema["paths"]) == {
        "/api/inquiries/",
        "/api/inquiries/{id}/",
        "/api/forwardings/",
        "/api/forwardings/{id}/",
        "/api/forwardings/{id}/answer/",
        "/api/recommendations/",
        "/api/recommendations/{id}/",
        "/api/statistics/",
    }
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"


def test_the_schema_is_served_as_json_and_yaml(advisor):
    api = token_client(advisor)
    assert api.get("/api/schema/?format=json").json()["openapi"].startswith("3.")
    served = api.get("/api/schema/")
    assert served.status_code == 200
    assert "/api/inquiries/" in yaml.safe_load(served.content)["paths"]


def test_swagger_ui_comes_from_the_apps_own_static_files(advisor_client):
    page = advisor_client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()

"""docs/practices/documentation.md#document-query-parameters: what drf-spectacular documents."""
import pytest


@pytest.fixture
def spectacular(settings):
    settings.REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}


def test_query_parameters_and_docstring_in_schema(spectacular):
    from drf_spectacular.generators import SchemaGenerator
    schema = SchemaGenerator(urlconf="cookbook.drfcook.practices_schema_views").get_schema(
        request=None, public=True)
    operation = schema["paths"]["/api/notes/search/"]["get"]
    # The view's docstring becomes the description (its first line included).
    assert operation["description"].startswith("Search notes by title.")
    params = {(p["in"], p["name"]): p for p in operation["parameters"]}
    assert params[("query", "q")]["required"] is True
    assert params[("query", "q")]["description"] == "Words to look for in the title."
    limit = params[("query", "limit")]
    assert limit.get("required", False) is False  # OpenAPI leaves out "required: false"
    assert limit["schema"]["minimum"] == 1 and limit["schema"]["maximum"] == 100
    assert limit["schema"]["default"] == 20
    assert params[("header", "X-Request-ID")]["description"] == "Echoed in the logs, for support."


@pytest.mark.django_db
def test_bad_query_parameter_is_a_400(rf, spectacular):  # imports the view: spectacular first
    from cookbook.drfcook.practices_schema_views import search_notes
    assert search_notes(rf.get("/api/notes/search/", {"q": "x", "limit": "0"})).status_code == 400
    assert search_notes(rf.get("/api/notes/search/")).status_code == 400
    assert search_notes(rf.get("/api/notes/search/", {"q": "x"})).status_code == 200

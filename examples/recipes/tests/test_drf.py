"""Tests of the DRF recipes (docs/howto/drf.md) and of the DRF symptom entries they fix.

Each test runs the code a recipe shows (examples/recipes/cookbook/drfcook/) and checks the
behaviour the recipe promises.
"""
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from cookbook.drfcook import cors_settings, throttle_settings
from cookbook.drfcook.models import Attachment, IdempotencyRecord, Note, Order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests only: Django's PBKDF2 spends about a second of CPU per hash on a busy CI machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users():
    User = get_user_model()
    return User.objects.create_user("abel", "abel@example.com", "pw-abel-123"), \
        User.objects.create_user("hana", "hana@example.com", "pw-hana-123")


@pytest.fixture
def client():
    return APIClient()


def make_notes(owner, count, **fields):
    return [Note.objects.create(owner=owner, title=f"Note {i}", body=f"Body of note {i}", **fields)
            for i in range(count)]


# --- Paginate an APIView -----------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/drfcook/note-pages/", "/drfcook/note-pages-fn/"])
def test_paginate_apiview(client, users, url):
    make_notes(users[0], 12)
    first = client.get(url).json()
    assert first["count"] == 12 and len(first["results"]) == 5
    assert first["next"].endswith(f"{url}?page=2") and first["previous"] is None
    last = client.get(url, {"page": 3}).json()
    assert len(last["results"]) == 2 and last["next"] is None
    assert len(client.get(url, {"page_size": 100}).json()["results"]) == 12  # capped at 50, 12 exist
    ids = [n["id"] for page in (1, 2, 3) for n in client.get(url, {"page": page}).json()["results"]]
    assert len(ids) == len(set(ids)) == 12  # a stable order: no row repeated or skipped
    from rest_framework.pagination import PageNumberPagination
    from rest_framework.settings import DEFAULTS
    assert PageNumberPagination.page_size_query_param is None  # ?page_size= ignored by default
    assert "PAGE_SIZE_QUERY_PARAM" not in DEFAULTS  # no such setting: subclass the paginator


def test_overridden_list_still_paginates(client, users):
    make_notes(users[0], 7, status=Note.Status.PUBLISHED)
    make_notes(users[0], 3)  # drafts: not listed
    body = client.get("/drfcook/published/").json()
    assert body["count"] == 7 and len(body["results"]) == 5


# --- Filter a list by query parameters ---------------------------------------------------------

def test_filter_query_params(client, users):
    abel, hana = users
    Note.objects.create(owner=abel, title="Django signals", status="published", priority=3)
    Note.objects.create(owner=abel, title="Celery retries", status="draft", priority=1)
    Note.objects.create(owner=hana, title="Django ORM", status="published", priority=1, body="select_related")

    def titles(**params):
        return sorted(n["title"] for n in client.get("/drfcook/search/", params).json()["results"])

    assert titles() == ["Celery retries", "Django ORM", "Django signals"]
    assert titles(status="published") == ["Django ORM", "Django signals"]
    assert titles(title="django", min_priority=2) == ["Django signals"]
    assert titles(owner="hana") == ["Django ORM"]
    assert titles(search="select_related") == ["Django ORM"]
    ordered = [n["priority"] for n in client.get("/drfcook/search/", {"ordering": "-priority"}).json()["results"]]
    assert ordered == [3, 1, 1]
    bad = client.get("/drfcook/search/", {"min_priority": "high"})
    assert bad.status_code == 400 and "min_priority" in bad.json()  # invalid filter values are a 400


def test_filter_in_get_queryset(client, users):
    make_notes(users[0], 2, status="published")
    make_notes(users[0], 1)
    assert len(client.get("/drfcook/by-status/").json()) == 3
    assert len(client.get("/drfcook/by-status/", {"status": "draft"}).json()) == 1


def test_filters_ignored_without_a_backend(client, users):
    """The symptom: filterset_class without DjangoFilterBackend in filter_backends does nothing."""
    from cookbook.drfcook.views import NoteSearchView
    make_notes(users[0], 2, status="published")
    make_notes(users[0], 1)
    view = NoteSearchView.as_view(filter_backends=[])  # as if DEFAULT_FILTER_BACKENDS were unset
    from rest_framework.test import APIRequestFactory
    response = view(APIRequestFactory().get("/", {"status": "draft"}))
    assert response.data["count"] == 3  # every row: the parameter was silently ignored


# --- PUT or PATCH ------------------------------------------------------------------------------

def test_partial_update(client, users):
    abel, hana = users
    note = Note.objects.create(owner=abel, title="Old title", body="Keep me")
    client.force_authenticate(abel)
    patched = client.patch(f"/drfcook/note-detail/{note.pk}/", {"title": "New title"}, format="json")
    assert patched.status_code == 200 and patched.json()["body"] == "Keep me"
    put = client.put(f"/drfcook/note-detail/{note.pk}/", {"body": "No title sent"}, format="json")
    assert put.status_code == 400 and put.json() == {"title": ["This field is required."]}
    put = client.put(f"/drfcook/note-detail/{note.pk}/", {"title": "Only the title"}, format="json")
    assert put.status_code == 200 and put.json()["body"] == "Keep me"  # DRF's PUT keeps optional fields
    client.force_authenticate(hana)
    assert client.patch(f"/drfcook/note-detail/{note.pk}/", {"title": "x"}, format="json").status_code == 403


# --- Owner-only editing ------------------------------------------------------------------------

def test_owner_only(client, users):
    abel, hana = users
    client.force_authenticate(abel)
    created = client.post("/drfcook/notes/", {"title": "Mine", "owner": "hana"}, format="json")
    assert created.status_code == 201 and created.json()["owner"] == "abel"  # the body can't pick the owner
    note_id = created.json()["id"]
    client.force_authenticate(hana)
    assert client.get(f"/drfcook/notes/{note_id}/").status_code == 404  # a draft of someone else: not found
    Note.objects.filter(pk=note_id).update(status="published")
    assert client.get(f"/drfcook/notes/{note_id}/").status_code == 200  # published: anyone reads it
    refused = client.patch(f"/drfcook/notes/{note_id}/", {"title": "Hijacked"}, format="json")
    assert refused.status_code == 403 and refused.json()["detail"] == "Only the owner can change this note."
    assert client.delete(f"/drfcook/notes/{note_id}/").status_code == 403
    client.force_authenticate(None)
    assert client.patch(f"/drfcook/notes/{note_id}/", {"title": "x"}, format="json").status_code == 403
    client.force_authenticate(abel)
    assert client.patch(f"/drfcook/notes/{note_id}/", {"title": "Renamed"}, format="json").status_code == 200


def test_object_permission_is_not_checked_for_lists(users):
    """The symptom: has_object_permission() runs for one object only, never for a list."""
    from rest_framework import generics
    from cookbook.drfcook.permissions import IsOwnerOrReadOnly
    from cookbook.drfcook.serializers import NoteSerializer
    from rest_framework.test import APIRequestFactory, force_authenticate

    class IsOwner(IsOwnerOrReadOnly):
        def has_object_permission(self, request, view, obj):
            return obj.owner_id == request.user.id  # meant to hide other people's notes

    abel, hana = users
    make_notes(abel, 2)
    view = generics.ListAPIView.as_view(queryset=Note.objects.all(), serializer_class=NoteSerializer,
                                        permission_classes=[IsOwner])
    request = APIRequestFactory().get("/")
    force_authenticate(request, hana)
    assert len(view(request).data) == 2  # hana sees abel's notes: the object check never ran


# --- The serializer ignores a field (troubleshooting/drf.md#drf-serializer-ignores-field) ------

def test_serializer_ignores_field_causes(users):
    from rest_framework import serializers
    from cookbook.drfcook.serializers import LooseStatusSerializer, NoteSerializer, StatusSerializer
    loose = LooseStatusSerializer(data={"title": "T", "status": "published"})
    assert loose.is_valid() and loose.validated_data["status"] == "published"  # still writable
    fixed = StatusSerializer(data={"title": "T", "status": "published"})
    assert fixed.is_valid() and "status" not in fixed.validated_data  # silently dropped, as meant

    class WithDefault(serializers.ModelSerializer):
        title = serializers.CharField(read_only=True, default="from default")

        class Meta:
            model = Note
            fields = ["title"]
    with_default = WithDefault(data={})
    assert with_default.is_valid() and "title" not in with_default.validated_data  # since DRF 3.8:
    # read_only plus default is no longer written; pass the value to save(), as perform_create does
    note = Note.objects.create(owner=users[0], title="Shown")
    assert set(NoteSerializer(note).data) == {"id", "owner", "title", "body", "status", "priority", "created_at"}


# --- File uploads ------------------------------------------------------------------------------

def test_file_upload(client, settings, tmp_path):
    settings.MEDIA_ROOT, settings.MEDIA_URL = tmp_path, "/media/"
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post("/drfcook/attachments/", {"file": upload}, format="multipart")
    assert response.status_code == 201
    assert response.json()["file"].startswith("http://testserver/media/cookbook/attachments/cv")
    assert (tmp_path / Attachment.objects.get().file.name).read_bytes() == b"%PDF-1.4 test"
    as_json = client.post("/drfcook/attachments/", {"file": "cv.pdf"}, format="json")
    assert as_json.status_code == 415  # a file needs multipart/form-data, not JSON
    wrong = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    refused = client.post("/drfcook/attachments/", {"file": wrong}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.json()
    big = SimpleUploadedFile("big.txt", b"x" * (2 * 1024 * 1024 + 1), content_type="text/plain")
    assert client.post("/drfcook/attachments/", {"file": big}, format="multipart").json() == \
        {"file": ["The file is larger than 2 MB."]}


def test_multiple_file_upload(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    files = [SimpleUploadedFile(f"page{i}.png", b"\x89PNG", content_type="image/png") for i in (1, 2)]
    response = client.post("/drfcook/attachments/many/", {"files": files}, format="multipart")
    assert response.status_code == 201 and len(response.json()) == 2
    mixed = [SimpleUploadedFile("ok.txt", b"ok"), SimpleUploadedFile("bad.exe", b"MZ")]
    assert client.post("/drfcook/attachments/many/", {"files": mixed}, format="multipart").status_code == 400
    assert Attachment.objects.count() == 2  # the valid file of the refused batch was not saved


# --- Versioning --------------------------------------------------------------------------------

def test_url_path_versioning(client, users):
    make_notes(users[0], 1)
    assert "summary" not in client.get("/drfcook/v1/notes/").json()[0]
    assert client.get("/drfcook/v2/notes/").json()[0]["summary"] == "Body of note 0"
    assert client.get("/drfcook/v3/notes/").status_code == 404


def test_accept_header_versioning(client, users):
    make_notes(users[0], 1)
    url = "/drfcook/header-versioned/notes/"
    assert "summary" not in client.get(url).json()[0]
    assert "summary" in client.get(url, HTTP_ACCEPT="application/json; version=2.0").json()[0]


# --- Writable nested update --------------------------------------------------------------------

def test_nested_update(client):
    created = client.post("/drfcook/orders/", {"customer": "Selam", "lines": [
        {"product": "Coffee", "quantity": 2}, {"product": "Tea", "quantity": 1}]}, format="json")
    assert created.status_code == 201
    order = created.json()
    coffee, tea = order["lines"]
    updated = client.put(f"/drfcook/orders/{order['id']}/", {"customer": "Selam T.", "lines": [
        {"id": coffee["id"], "product": "Coffee", "quantity": 5},  # changed in place
        {"product": "Juice", "quantity": 1},                       # new
    ]}, format="json")                                             # Tea left out: deleted
    assert updated.status_code == 200
    lines = {line["product"]: line for line in updated.json()["lines"]}
    assert set(lines) == {"Coffee", "Juice"} and lines["Coffee"]["id"] == coffee["id"]
    assert lines["Coffee"]["quantity"] == 5
    renamed = client.patch(f"/drfcook/orders/{order['id']}/", {"customer": "S. T."}, format="json")
    assert len(renamed.json()["lines"]) == 2  # PATCH without "lines" keeps them
    other = Order.objects.create(customer="Other").lines.create(product="Salt", quantity=1)
    stolen = client.patch(f"/drfcook/orders/{order['id']}/", {"lines": [
        {"id": other.id, "product": "Salt", "quantity": 9}]}, format="json")
    assert stolen.status_code == 400 and Order.objects.get(pk=order["id"]).lines.count() == 2


# --- Error envelope ----------------------------------------------------------------------------

@pytest.fixture
def envelope_settings(settings):
    settings.ROOT_URLCONF = "cookbook.drfcook.project_urls"
    settings.REST_FRAMEWORK = {"EXCEPTION_HANDLER": "cookbook.drfcook.exceptions.api_exception_handler"}


def test_error_envelope(client, users, envelope_settings, settings):
    invalid = client.post("/drfcook/notes/", {}, format="json")
    assert invalid.status_code == 403 and invalid.json()["error"]["code"] == "not_authenticated"
    client.force_authenticate(users[0])
    invalid = client.post("/drfcook/notes/", {}, format="json")
    assert invalid.status_code == 400
    assert invalid.json() == {"error": {"code": "invalid", "message": "The request data is invalid.",
                                        "details": {"title": ["This field is required."]}}}
    missing = client.get("/drfcook/notes/999/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    unknown = client.get("/no/such/url/")
    assert unknown.status_code == 404 and unknown.json()["error"]["details"] == {"path": "/no/such/url/"}
    settings.API_VALIDATION_STATUS = 422
    assert client.post("/drfcook/notes/", {}, format="json").status_code == 422


def test_error_envelope_for_a_crash(envelope_settings, monkeypatch):
    from cookbook.drfcook import views

    def crash(self, request):
        raise RuntimeError("a bug")
    monkeypatch.setattr(views.NoteListView, "get", crash)
    client = APIClient(raise_request_exception=False)
    response = client.get("/drfcook/note-pages/")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "server_error", "message": "Something went wrong on our side.",
                                         "details": {}}}


# --- Idempotency-Key ---------------------------------------------------------------------------

def test_idempotency_key(client, users):
    client.force_authenticate(users[0])
    body = {"customer": "Selam", "lines": [{"product": "Coffee", "quantity": 1}]}
    first = client.post("/drfcook/idempotent-orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    retry = client.post("/drfcook/idempotent-orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1
    changed = client.post("/drfcook/idempotent-orders/", {**body, "customer": "Other"}, format="json",
                          HTTP_IDEMPOTENCY_KEY="k-1")
    assert changed.status_code == 422 and Order.objects.count() == 1  # same key, other body
    IdempotencyRecord.objects.create(user=users[0], key="k-running", fingerprint=IdempotencyRecord.objects
                                     .get(key="k-1").fingerprint)  # as if the first request still ran
    running = client.post("/drfcook/idempotent-orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-running")
    assert running.status_code == 409 and Order.objects.count() == 1
    client.post("/drfcook/idempotent-orders/", body, format="json")  # no key: a plain create
    assert Order.objects.count() == 2
    invalid = client.post("/drfcook/idempotent-orders/", {"customer": "X"}, format="json",
                          HTTP_IDEMPOTENCY_KEY="k-2")
    assert invalid.status_code == 400 and not IdempotencyRecord.objects.filter(key="k-2").exists()
    client.force_authenticate(users[1])  # keys are per user
    other = client.post("/drfcook/idempotent-orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 201 and Order.objects.count() == 3


# --- Scoped throttle for one endpoint -----------------------------------------------------------

@pytest.fixture
def login_rates(monkeypatch):
    # SimpleRateThrottle reads DEFAULT_THROTTLE_RATES once, when DRF is imported: patch the class.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES",
                        throttle_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
    cache.clear()
    yield
    cache.clear()


def test_scoped_throttle(client, login_rates):
    answers = [client.post("/drfcook/login/").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    blocked = client.post("/drfcook/login/")
    assert int(blocked["Retry-After"]) > 0
    assert client.get("/drfcook/note-pages/").status_code == 200  # other endpoints are not affected


def test_throttle_never_triggers_with_dummy_cache(client, login_rates, settings):
    """The symptom: with DummyCache (a common dev setting) nothing is ever counted."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert {client.post("/drfcook/login/").status_code for _ in range(10)} == {200}


# --- CORS --------------------------------------------------------------------------------------

@pytest.fixture
def cors(settings):
    for name in ("MIDDLEWARE", "CORS_ALLOWED_ORIGINS", "CORS_ALLOW_CREDENTIALS", "CSRF_TRUSTED_ORIGINS"):
        setattr(settings, name, getattr(cors_settings, name))


def test_cors_allowed_origin(client, cors):
    response = client.get("/drfcook/note-pages/", HTTP_ORIGIN="http://localhost:5173")
    assert response["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert response["Access-Control-Allow-Credentials"] == "true"
    preflight = client.options("/drfcook/notes/", HTTP_ORIGIN="http://localhost:5173",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type")
    assert preflight.status_code == 200
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Max-Age"] == "86400"  # the browser caches the answer a day


def test_cors_preflight_is_answered_before_the_view(client, cors, settings):
    """The preflight carries no token; CorsMiddleware answers it before authentication runs."""
    preflight = {"HTTP_ORIGIN": "http://localhost:5173", "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST",
                 "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization, idempotency-key"}
    answer = client.options("/authcook/me/", **preflight)  # a view that demands IsAuthenticated
    assert answer.status_code == 200 and answer.content == b""
    assert "idempotency-key" not in answer["Access-Control-Allow-Headers"]  # not a default header
    settings.CORS_ALLOW_HEADERS = cors_settings.CORS_ALLOW_HEADERS  # the recipe's two extra settings
    settings.CORS_EXPOSE_HEADERS = cors_settings.CORS_EXPOSE_HEADERS
    assert "idempotency-key" in client.options("/authcook/me/", **preflight)["Access-Control-Allow-Headers"]
    read = client.get("/drfcook/note-pages/", HTTP_ORIGIN="http://localhost:5173")
    assert read["Access-Control-Expose-Headers"] == "Retry-After"


def test_cors_headers_only_for_listed_origins(client, cors):
    other = client.get("/drfcook/note-pages/", HTTP_ORIGIN="http://localhost:3000")
    assert other.status_code == 200 and "Access-Control-Allow-Origin" not in other  # the browser blocks it
    no_origin = client.get("/drfcook/note-pages/")  # curl and Postman send no Origin: no CORS headers
    assert "Access-Control-Allow-Origin" not in no_origin


def cors_check_errors():
    from django.core import checks
    return [m.msg for m in checks.run_checks() if m.id and m.id.startswith("corsheaders")]


def test_cors_settings_pass_the_system_checks(cors, settings):
    assert cors_check_errors() == []
    settings.CORS_ALLOWED_ORIGINS = ["http://localhost:5173/"]  # a trailing slash
    assert cors_check_errors() == ["Origin 'http://localhost:5173/' in CORS_ALLOWED_ORIGINS should not have path"]
    settings.CORS_ALLOWED_ORIGINS = ["http://localhost:3000" "http://127.0.0.1:3000"]  # a missing comma
    assert cors_check_errors() == ["Origin 'http://localhost:3000http://127.0.0.1:3000' in CORS_ALLOWED_ORIGINS "
                                   "should not have path"]


# --- OpenAPI with drf-spectacular ---------------------------------------------------------------

@pytest.fixture
def spectacular(settings):
    settings.REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}


def test_schema_has_security_schemes(client, spectacular):
    schema = client.get("/drfcook/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["jwtAuth"] == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    assert schemes["apiKeyAuth"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    operation = schema["paths"]["/api/profile/"]["get"]
    assert {"jwtAuth": []} in operation["security"] and {"apiKeyAuth": []} in operation["security"]


def test_swagger_ui_page(client, spectacular):
    page = client.get("/drfcook/api/docs/")
    assert page.status_code == 200 and b"swagger-ui" in page.content


def test_custom_authentication_class_works(client, users, settings):
    settings.API_KEYS = {"k-123": "abel"}
    assert client.get("/drfcook/api/profile/", HTTP_X_API_KEY="k-123").json()["username"] == "abel"
    refused = client.get("/drfcook/api/profile/", HTTP_X_API_KEY="wrong")
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Bearer realm=\"api\""


def test_spectacular_apiview_without_serializer(spectacular, capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    GENERATOR_STATS.reset()  # it prints each message once per process
    schema = SchemaGenerator(urlconf="cookbook.drfcook.stats_views").get_schema(request=None, public=True)
    printed = capsys.readouterr().err
    message = ("unable to guess serializer. This is graceful fallback handling for APIViews. Consider using "
               "GenericAPIView as view base class, if view is under your control.")
    assert f"Error [note_count]: {message}" in printed and f"Error [NoteArchiveView]: {message}" in printed
    paths = schema["paths"]
    assert paths["/api/notes/count/"]["get"]["responses"] == {"200": {"description": "No response body"}}
    documented = paths["/api/v2/notes/count/"]["get"]["responses"]["200"]
    assert documented["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Count"}
    archive = paths["/api/v2/notes/{id}/archive/"]["post"]
    assert archive["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Archive"}
    assert archive["responses"]["404"] == {"description": "No such note."}
    assert "documented_note_count" not in printed and "DocumentedNoteArchiveView" not in printed


def test_datetimes_in_json_follow_time_zone(settings):
    """docs/collab/api-contracts.md#api-contracts-dates: what DRF sends and accepts for datetimes."""
    from datetime import datetime, timezone

    from rest_framework import serializers

    class Meeting(serializers.Serializer):
        at = serializers.DateTimeField()

    moment = datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)
    settings.TIME_ZONE = "UTC"
    assert Meeting({"at": moment}).data == {"at": "2026-12-07T09:30:00Z"}
    settings.TIME_ZONE = "Africa/Addis_Ababa"
    assert Meeting({"at": moment}).data == {"at": "2026-12-07T12:30:00+03:00"}  # same instant
    no_offset = Meeting(data={"at": "2026-12-07T09:30"})  # read as TIME_ZONE's local time
    assert no_offset.is_valid() and no_offset.validated_data["at"].astimezone(timezone.utc).hour == 6
    from_js = Meeting(data={"at": "2026-12-07T09:30:00.000Z"})  # JavaScript's toISOString()
    assert from_js.is_valid() and from_js.validated_data["at"] == moment
    wrong = Meeting(data={"at": "07/12/2026 09:30"})
    assert not wrong.is_valid() and str(wrong.errors["at"][0]) == (
        "Datetime has wrong format. Use one of these formats instead: "
        "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].")


# --- Unique fields, validate() and the shape of serializer.errors -------------------------------

def test_unique_validators(users):
    from rest_framework.test import APIRequestFactory

    from cookbook.drfcook.serializers import OwnTitleSerializer, UniqueTitleSerializer
    abel, hana = users
    note = Note.objects.create(owner=abel, title="Groceries")
    duplicate = UniqueTitleSerializer(data={"title": "Groceries"})
    assert not duplicate.is_valid()
    assert duplicate.errors == {"title": ["A note with this title already exists."]}
    # An update of the same row is not a duplicate of itself.
    assert UniqueTitleSerializer(note, data={"title": "Groceries", "body": "milk"}).is_valid()

    def request_by(user):
        request = APIRequestFactory().post("/")
        request.user = user
        return {"request": request}

    mine = OwnTitleSerializer(data={"title": "Groceries"}, context=request_by(abel))
    assert not mine.is_valid()
    assert mine.errors == {"non_field_errors": ["The fields owner, title must make a unique set."]}
    theirs = OwnTitleSerializer(data={"title": "Groceries"}, context=request_by(hana))
    assert theirs.is_valid(), theirs.errors
    assert theirs.save().owner == hana  # the hidden owner came from request.user


def test_unique_together_through_a_view(client, users):
    abel, _ = users
    client.force_authenticate(abel)
    assert client.post("/drfcook/own-notes/", {"title": "Plan"}, format="json").status_code == 201
    again = client.post("/drfcook/own-notes/", {"title": "Plan", "owner": 99}, format="json")
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["The fields owner, title must make a unique set."]}


def test_validate_methods_and_error_shape():
    from cookbook.drfcook.serializers import JobOfferSerializer
    ok = JobOfferSerializer(data={"title": " Backend developer ", "min_salary": 10, "max_salary": 20})
    assert ok.is_valid() and ok.validated_data["title"] == "Backend developer"
    field = JobOfferSerializer(data={"title": "test", "min_salary": "ten"})
    assert not field.is_valid()
    assert field.errors == {"title": ["Give the job a real title."],
                            "min_salary": ["A valid integer is required."],
                            "max_salary": ["This field is required."]}  # validate() never ran
    to_field = JobOfferSerializer(data={"title": "Dev", "min_salary": 30, "max_salary": 20})
    assert not to_field.is_valid() and to_field.errors == {"max_salary": ["Must be at least min_salary."]}
    general = JobOfferSerializer(data={"title": "Dev", "min_salary": 0, "max_salary": 200_000})
    assert not general.is_valid() and general.errors == {"non_field_errors": ["The salary range is too wide."]}
    assert general.errors["non_field_errors"][0].code == "invalid"


# --- Serializer context, HyperlinkedModelSerializer, to_representation ---------------------------

def test_serializer_context_and_hyperlinks(client, users):
    from cookbook.drfcook.serializers import NoteLinkSerializer
    abel, _ = users
    note = Note.objects.create(owner=abel, title="Public", status=Note.Status.PUBLISHED)
    with pytest.raises(AssertionError, match="requires the request in the serializer context"):
        NoteLinkSerializer(note).data
    client.force_authenticate(abel)
    [item] = client.get("/drfcook/note-links/").json()
    assert item == {"url": f"http://testserver/drfcook/notes/{note.id}/", "id": note.id,
                    "title": "Public", "is_mine": True}


def test_to_representation():
    from cookbook.drfcook.serializers import NoteCardSerializer
    User = get_user_model()
    note = Note.objects.create(owner=User.objects.create_user("tigist"), title="Card", body="")
    assert NoteCardSerializer(note).data == {"id": note.id, "title": "Card", "status": "Draft"}
    incoming = NoteCardSerializer(data={"title": "New", "status": "published"})
    assert incoming.is_valid() and incoming.validated_data["status"] == "published"


def test_redoc_page(client, spectacular):
    page = client.get("/drfcook/api/redoc/")
    assert page.status_code == 200 and b"redoc" in page.content.lower()


# --- A serializer and permissions per action ---------------------------------------------------

def test_per_action_serializer_and_permissions(client, users):
    abel, hana = users
    note = Note.objects.create(owner=abel, title="Draft", body="The whole text")
    listed = client.get("/drfcook/per-action-notes/").json()
    assert set(listed[0]) == {"id", "title", "owner", "status"}  # the list serializer: no body
    assert client.get(f"/drfcook/per-action-notes/{note.pk}/").json()["body"] == "The whole text"
    assert client.post("/drfcook/per-action-notes/", {"title": "x"}, format="json").status_code == 403
    assert client.get("/drfcook/per-action-notes/mine/").status_code == 403  # the @action's own class
    client.force_authenticate(hana)
    assert client.get("/drfcook/per-action-notes/mine/").json() == []
    assert client.post(f"/drfcook/per-action-notes/{note.pk}/publish/").status_code == 403  # not hers
    client.force_authenticate(abel)
    from django.urls import reverse
    assert reverse("cookbook-per-action-note-publish", args=[note.pk]) == f"/drfcook/per-action-notes/{note.pk}/publish/"
    published = client.post(f"/drfcook/per-action-notes/{note.pk}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert [n["title"] for n in client.get("/drfcook/per-action-notes/mine/").json()] == ["Draft"]
    assert client.delete(f"/drfcook/per-action-notes/{note.pk}/").status_code == 403  # staff only
    abel.is_staff = True
    abel.save()
    assert client.delete(f"/drfcook/per-action-notes/{note.pk}/").status_code == 204


# --- Search, order and filter across a relation, or by several values ---------------------------

def test_related_search_ordering_and_in_filter(client, users):
    abel, hana = users
    a1 = Note.objects.create(owner=abel, title="Signals", priority=1)
    a2 = Note.objects.create(owner=abel, title="Celery", priority=3, status="published")
    h1 = Note.objects.create(owner=hana, title="ORM", priority=2, status="published")

    def ids(**params):
        response = client.get("/drfcook/browse/", params)
        assert response.status_code == 200, response.content
        return [n["id"] for n in response.json()]

    assert sorted(ids(search="hana")) == [h1.pk]  # the owner's username is searched too
    assert ids(ordering="owner__username,-priority") == [a2.pk, a1.pk, h1.pk]
    assert ids(ordering="body") == [h1.pk, a2.pk, a1.pk]  # not in ordering_fields: default order
    assert sorted(ids(id__in=f"{a1.pk},{h1.pk}")) == sorted([a1.pk, h1.pk])
    assert sorted(ids(status=["draft", "published"])) == sorted([a1.pk, a2.pk, h1.pk])
    assert client.get("/drfcook/browse/", {"id__in": "1,abc"}).status_code == 400


# --- 409 Conflict with a field error ------------------------------------------------------------

def test_conflict_409_with_field_error(client, users):
    abel, _ = users
    client.force_authenticate(abel)
    assert client.post("/drfcook/unique-notes/", {"title": "Plans"}, format="json").status_code == 201
    again = client.post("/drfcook/unique-notes/", {"title": "plans"}, format="json")
    assert again.status_code == 409
    assert again.json() == {"title": ["You already have a note with this title."]}
    invalid = client.post("/drfcook/unique-notes/", {"title": ""}, format="json")
    assert invalid.status_code == 400  # validation errors stay 400


def test_validation_error_status_is_always_400():
    """Why the recipe raises its own exception: is_valid() re-raises a fresh ValidationError."""
    from rest_framework import serializers
    from rest_framework.exceptions import ValidationError

    class Sneaky(serializers.Serializer):
        name = serializers.CharField()

        def validate_name(self, value):
            error = ValidationError("Taken.")
            error.status_code = 409
            raise error

    with pytest.raises(ValidationError) as exc:
        Sneaky(data={"name": "x"}).is_valid(raise_exception=True)
    assert exc.value.status_code == 400 and exc.value.detail == {"name": ["Taken."]}

    from rest_framework.views import exception_handler
    from cookbook.drfcook.views import Conflict

    class Escapes(serializers.Serializer):
        name = serializers.CharField()
        other = serializers.IntegerField()

        def validate_name(self, value):
            raise Conflict({"name": ["Taken."]})

    with pytest.raises(Conflict):  # not a ValidationError: is_valid() lets it through, other errors unseen
        Escapes(data={"name": "x", "other": "not a number"}).is_valid(raise_exception=True)
    response = exception_handler(Conflict("Taken."), {})
    assert response.status_code == 409 and response.data == {"detail": "Taken."}
    assert Conflict().get_codes() == "conflict"


# --- Got a TypeError when calling User.objects.create() ----------------------------------------

def test_create_typeerror_from_extra_field(client):
    from catalogue import assert_reproduces, printed
    from rest_framework import serializers

    class RegisterSerializer(serializers.ModelSerializer):
        """Broken: password2 stays in validated_data, and User.objects.create() has no such field."""
        password = serializers.CharField(write_only=True)
        password2 = serializers.CharField(write_only=True)

        class Meta:
            model = get_user_model()
            fields = ["username", "password", "password2"]

        def validate(self, attrs):
            if attrs["password"] != attrs["password2"]:
                raise serializers.ValidationError({"password2": "The two passwords differ."})
            return attrs

    data = {"username": "lena", "password": "pw-lena-123", "password2": "pw-lena-123"}
    serializer = RegisterSerializer(data=data)
    assert serializer.is_valid(), serializer.errors
    with pytest.raises(TypeError) as exc:
        serializer.save()
    assert_reproduces(printed(exc.value), "drf/create-typeerror")
    assert "TypeError: User() got unexpected keyword arguments: 'password2'" in str(exc.value)
    created = client.post("/drfcook/register/", data, format="json")  # the fixed serializer
    assert created.status_code == 201 and created.json() == {"username": "lena"}
    assert get_user_model().objects.get(username="lena").check_password("pw-lena-123")
    differ = client.post("/drfcook/register/", {**data, "username": "ole", "password2": "other"}, format="json")
    assert differ.status_code == 400 and differ.json() == {"password2": ["The two passwords differ."]}

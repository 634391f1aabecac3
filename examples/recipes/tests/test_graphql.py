"""Tests of the GraphQL recipes (docs/howto/graphql.md), code in cookbook/gqlcook/."""
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken

from cookbook.gqlcook.models import Author, Book

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:The HMAC key is")]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests only: Django's PBKDF2 spends about a second of CPU per hash on a busy CI machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people():
    User = get_user_model()
    return User.objects.create_user("abel", password="pw-abel-123"), User.objects.create_user("hana", password="pw")


@pytest.fixture
def library(people):
    abel, hana = people
    writers = [Author.objects.create(name=name) for name in ("Tsitsi", "Ngugi", "Chinua")]
    books = [Book.objects.create(title=f"Book {i}", pages=100 + i, author=writers[i % 3], owner=abel if i < 4 else hana)
             for i in range(12)]
    return writers, books


def gql(query, token=None, variables=None, url="/gqlcook/graphql/", client=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = (client or Client()).post(url, {"query": query, "variables": variables or {}},
                                         content_type="application/json", **headers)
    return response.status_code, response.json()


def token_for(user):
    return str(AccessToken.for_user(user))


# --- Require login -------------------------------------------------------------------------------

MY_BOOKS = "{ myBooks { title } }"


def test_login_required(people, library):
    abel, _ = people
    _, anonymous = gql(MY_BOOKS)
    assert anonymous["data"] is None
    assert anonymous["errors"][0]["message"] == "You must be logged in."
    assert anonymous["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    _, mine = gql(MY_BOOKS, token_for(abel))
    assert [b["title"] for b in mine["data"]["myBooks"]] == ["Book 0", "Book 1", "Book 2", "Book 3"]
    status, bad = gql(MY_BOOKS, "not-a-token")
    assert status == 401 and bad["errors"] == [{"message": "Given token not valid for any token type",
                                                "extensions": {"code": "UNAUTHENTICATED"}}]


def test_session_cookie_does_not_log_in(people, library):
    """The view is csrf_exempt, so it must ignore the session: only the token logs a user in."""
    client = Client()
    client.force_login(people[0])
    _, result = gql(MY_BOOKS, client=client)
    assert result["errors"][0]["message"] == "You must be logged in."


def test_plain_graphql_view_ignores_the_token(people, library, settings):
    """The symptom: graphene-django's own view never reads the Authorization header."""
    from django.urls import path
    from graphene_django.views import GraphQLView
    from cookbook.gqlcook.schema import schema
    import types
    import sys
    module = types.ModuleType("cookbook_plain_graphql_urls")
    module.urlpatterns = [path("graphql/", GraphQLView.as_view(schema=schema))]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    _, result = gql(MY_BOOKS, token_for(people[0]), url="/graphql/", client=Client(enforce_csrf_checks=False))
    assert result["errors"][0]["message"] == "You must be logged in."  # a valid token, still anonymous


# --- Pagination ------------------------------------------------------------------------------------

CONNECTION = """query($first: Int, $after: String, $offset: Int) {
  books(first: $first, after: $after, offset: $offset) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { title } }
  }
}"""


def test_relay_connection_pagination(library):
    _, first = gql(CONNECTION, variables={"first": 5})
    page = first["data"]["books"]
    assert page["totalCount"] == 12 and page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["title"] for e in page["edges"]] == [f"Book {i}" for i in range(5)]
    _, second = gql(CONNECTION, variables={"first": 5, "after": page["pageInfo"]["endCursor"]})
    assert [e["node"]["title"] for e in second["data"]["books"]["edges"]] == [f"Book {i}" for i in range(5, 10)]
    _, jumped = gql(CONNECTION, variables={"first": 5, "offset": 10})  # "page 3" without a cursor
    assert [e["node"]["title"] for e in jumped["data"]["books"]["edges"]] == ["Book 10", "Book 11"]
    assert jumped["data"]["books"]["pageInfo"]["hasNextPage"] is False
    _, too_many = gql(CONNECTION, variables={"first": 500})
    assert "exceeds the `first` limit of 50" in too_many["errors"][0]["message"]


def test_page_number_pagination(library):
    query = "{ bookPage(page: 3, pageSize: 5) { page pages total items { title } } }"
    _, result = gql(query)
    assert result["data"]["bookPage"] == {"page": 3, "pages": 3, "total": 12,
                                          "items": [{"title": "Book 10"}, {"title": "Book 11"}]}


def test_pagination_is_one_query_per_request(library, django_assert_num_queries):
    with django_assert_num_queries(2):  # COUNT(*) and one page with its authors joined
        _, result = gql("{ books(first: 5) { totalCount edges { node { title author { name } } } } }")
    assert len(result["data"]["books"]["edges"]) == 5


# --- Mutations: update, and errors -------------------------------------------------------------------

UPDATE = """mutation($id: ID!, $title: String, $pages: Int) {
  updateBook(id: $id, title: $title, pages: $pages) { book { title pages } }
}"""


def test_update_mutation_changes_only_what_was_sent(people, library):
    abel, hana = people
    book = library[1][0]  # abel's
    _, result = gql(UPDATE, token_for(abel), {"id": book.pk, "title": "A new title"})
    assert result["data"]["updateBook"]["book"] == {"title": "A new title", "pages": 100}
    _, forbidden = gql(UPDATE, token_for(hana), {"id": book.pk, "pages": 1})
    assert forbidden["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    _, missing = gql(UPDATE, token_for(abel), {"id": 9999, "pages": 1})
    assert missing["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    _, invalid = gql(UPDATE, token_for(abel), {"id": book.pk, "pages": 0})
    assert invalid["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert invalid["errors"][0]["extensions"]["fields"] == {"pages": ["Ensure this value is greater than or equal to 1."]}
    book.refresh_from_db()
    assert (book.title, book.pages) == ("A new title", 100)


CREATE = """mutation($title: String!, $pages: Int!, $author: ID!) {
  createBook(title: $title, pages: $pages, authorId: $author) {
    book { title }
    errors { field messages }
  }
}"""


def test_mutation_returns_field_errors(people, library):
    abel, _ = people
    writer = library[0][0]
    _, bad = gql(CREATE, token_for(abel), {"title": "  ", "pages": 0, "author": writer.pk})
    errors = {e["field"]: e["messages"] for e in bad["data"]["createBook"]["errors"]}
    assert bad["data"]["createBook"]["book"] is None and "errors" not in bad
    assert errors == {"title": ["This field cannot be blank."],
                      "pages": ["Ensure this value is greater than or equal to 1."]}
    _, good = gql(CREATE, token_for(abel), {"title": "Weep Not, Child", "pages": 150, "author": writer.pk})
    assert good["data"]["createBook"] == {"book": {"title": "Weep Not, Child"}, "errors": []}


# --- DataLoader ------------------------------------------------------------------------------------

def test_dataloader_batches_author_lookups(library, django_assert_num_queries):
    query = "{ books { title author { name } } }"
    with django_assert_num_queries(2):  # the books, then every author in one IN (...) query
        _, result = gql(query, url="/gqlcook/graphql-loaders/")
    assert len(result["data"]["books"]) == 12
    assert result["data"]["books"][1] == {"title": "Book 1", "author": {"name": "Ngugi"}}


def test_loader_view_refuses_a_bad_token(library):
    status, result = gql("{ books { title } }", "not-a-token", url="/gqlcook/graphql-loaders/")
    assert status == 401 and result["errors"][0]["message"] == "Given token not valid for any token type"


# --- File upload ---------------------------------------------------------------------------------

UPLOAD = "mutation($id: ID!) { uploadBookCover(bookId: $id) { path size } }"


def test_upload_mutation_reads_the_multipart_file(people, library, settings, tmp_path):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    settings.MEDIA_ROOT = tmp_path
    abel, _ = people
    _, books = library
    png = SimpleUploadedFile("cover.png", b"\x89PNG fake image bytes", content_type="image/png")
    response = Client().post(  # Django's test client sends multipart/form-data by default
        "/gqlcook/graphql/", {"query": UPLOAD, "variables": json.dumps({"id": books[0].pk}), "cover": png},
        HTTP_AUTHORIZATION=f"Bearer {token_for(abel)}")
    payload = response.json()["data"]["uploadBookCover"]
    assert payload == {"path": f"covers/book-{books[0].pk}-cover.png", "size": 21}
    assert (tmp_path / payload["path"]).read_bytes() == b"\x89PNG fake image bytes"
    # The same mutation as JSON has no file to read.
    _, as_json = gql(UPLOAD, token_for(abel), {"id": books[0].pk})
    assert as_json["errors"][0]["message"] == "Send the image as a multipart file field named 'cover'."
    # Apollo's upload link sends the GraphQL multipart request spec (operations, map, 0): the stock
    # GraphQLView finds no "query" field in it.
    spec = Client().post("/gqlcook/graphql/", {
        "operations": json.dumps({"query": UPLOAD, "variables": {"id": books[0].pk, "file": None}}),
        "map": json.dumps({"0": ["variables.file"]}), "0": png}, HTTP_AUTHORIZATION=f"Bearer {token_for(abel)}")
    assert spec.status_code == 400 and spec.json()["errors"][0]["message"] == "Must provide query string."

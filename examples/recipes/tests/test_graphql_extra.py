"""Tests of the second GraphQL schema (cookbook/gqlextra/) and of the errors in docs/troubleshooting/graphql.md
that it reproduces: computed fields, ordering, tests with GraphQLTestCase, error logging, alias limits,
JSON values, resolver arguments, non-null fields, async resolvers and unknown model fields."""
import asyncio
import logging

import graphene
import pytest
from catalogue import assert_reproduces, printed
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps
from graphene_django import DjangoObjectType
from graphene_django.utils.testing import GraphQLTestCase
from rest_framework_simplejwt.tokens import AccessToken

from cookbook.gqlcook.models import Author, Book

pytestmark = pytest.mark.filterwarnings("ignore:The HMAC key is")
URL = "/gqlextra/graphql/"


def make_library():
    User = get_user_model()
    abel = User.objects.create_user("abel", password="pw")
    hana = User.objects.create_user("hana", password="pw")
    writer = Author.objects.create(name="Tsitsi")
    for i, pages in enumerate((320, 120, 200)):
        Book.objects.create(title=f"Book {i}", pages=pages, author=writer, owner=abel if i < 2 else hana)
    return abel, hana


def gql(query, variables=None, url=URL, client=None):
    response = (client or Client()).post(url, {"query": query, "variables": variables or {}},
                                         content_type="application/json")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_computed_fields_read_the_model_instance():
    abel, _ = make_library()
    client = Client()
    client.force_login(abel)
    _, result = gql("{ shelf { title authorName readingHours isMine } }", client=client)
    assert result["data"]["shelf"][0] == {"title": "Book 0", "authorName": "Tsitsi", "readingHours": 8.0, "isMine": True}
    assert [b["isMine"] for b in result["data"]["shelf"]] == [True, True, False]


@pytest.mark.django_db
def test_order_by_argument_sorts_the_connection():
    make_library()
    _, result = gql('{ books(orderBy: "-pages", first: 2) { edges { node { title pages } } } }')
    assert [e["node"]["pages"] for e in result["data"]["books"]["edges"]] == [320, 200]
    _, both = gql('{ books(orderBy: "pages", title_Icontains: "book", pages_Gte: 150) { edges { node { pages } } } }')
    assert [e["node"]["pages"] for e in both["data"]["books"]["edges"]] == [200, 320]
    _, bad = gql('{ books(orderBy: "owner") { edges { node { pages } } } }')
    assert "owner" in bad["errors"][0]["message"] and "not one of the available choices" in bad["errors"][0]["message"]


# --8<-- [start:graphql-test-case]
class ShelfQueryTests(GraphQLTestCase):
    GRAPHQL_URL = "/gqlextra/graphql/"  # the default, "/graphql", must match your urls.py

    def setUp(self):
        self.abel, self.hana = make_library()

    def test_logged_in_user_sees_own_books(self):
        self.client.force_login(self.abel)  # the session: works with the stock GraphQLView
        response = self.query("query Shelf { shelf { title isMine } }", operation_name="Shelf")
        self.assertResponseNoErrors(response)
        self.assertEqual([b["isMine"] for b in response.json()["data"]["shelf"]], [True, True, False])


class TokenQueryTests(GraphQLTestCase):
    GRAPHQL_URL = "/gqlcook/graphql/"  # a view that reads a JWT (the login recipe)

    def test_token_in_the_authorization_header(self):
        abel, _ = make_library()
        token = str(AccessToken.for_user(abel))
        # Django 4.2+: plain header names. The "HTTP_AUTHORIZATION" key is for Django < 4.2.
        response = self.query("{ myBooks { title } }", headers={"Authorization": f"Bearer {token}"})
        self.assertResponseNoErrors(response)
        self.assertEqual(len(response.json()["data"]["myBooks"]), 2)
# --8<-- [end:graphql-test-case]

    def test_the_old_header_key_is_not_sent_as_authorization(self):
        make_library()
        token = str(AccessToken.for_user(get_user_model().objects.get(username="abel")))
        response = self.query("{ myBooks { title } }", headers={"HTTP_AUTHORIZATION": f"Bearer {token}"})
        self.assertResponseHasErrors(response)
        self.assertEqual(response.json()["errors"][0]["message"], "You must be logged in.")


class DefaultUrlTests(GraphQLTestCase):
    def test_default_url_is_not_mounted_here(self):
        response = self.query("{ shelf { title } }")
        self.assertEqual(response.status_code, 404)  # HTML, not JSON: check GRAPHQL_URL first
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        with self.assertRaisesMessage(ValueError, 'Content-Type header is "text/html; charset=utf-8"'):
            response.json()


@pytest.mark.django_db
def test_stock_view_does_not_log_resolver_exceptions(caplog):
    with caplog.at_level(logging.DEBUG):
        status, result = gql("{ broken }", url="/gqlextra/plain/")
    assert status == 200 and result["errors"][0]["message"] == "'missing'"  # a KeyError, no traceback
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.django_db
def test_middleware_logs_the_traceback(caplog):
    with caplog.at_level(logging.ERROR, logger="cookbook.gqlextra.schema"):
        gql("{ broken }")
    [record] = caplog.records
    assert record.getMessage() == "Query.broken failed" and record.exc_info[0] is KeyError


@pytest.mark.django_db
def test_alias_limit():
    many = "{ " + " ".join(f"a{i}: stats {{ asObject }}" for i in range(11)) + " }"
    status, result = gql(many)
    assert status == 400 and result["errors"][0]["message"] == "Too many aliases: the limit is 10."
    status, _ = gql("{ " + " ".join(f"a{i}: stats {{ asObject }}" for i in range(10)) + " }")
    assert status == 200


@pytest.mark.django_db
def test_json_string_or_generic_scalar():
    _, result = gql("{ stats { asJsonString asObject } }")
    stats = result["data"]["stats"]
    assert stats["asJsonString"] == '{"total": 12, "by_author": {"Tsitsi": 4, "Ngugi": 4, "Chinua": 4}}'
    assert stats["asObject"]["by_author"]["Ngugi"] == 4
    _, echoed = gql("query($d: GenericScalar!) { echo(data: $d) }", {"d": {"tags": ["a", "b"], "n": 1}})
    assert echoed["data"]["echo"] == {"tags": ["a", "b"], "n": 1}
    _, literal = gql('{ echo(data: {tags: ["a"], n: 1}) }')
    assert literal["data"]["echo"] == {"tags": ["a"], "n": 1}


def test_json_field_converts_to_json_string():
    from graphene_django.converter import convert_django_field
    assert isinstance(convert_django_field(models.JSONField()), graphene.JSONString)


# --- Errors -----------------------------------------------------------------------------------------

def test_unexpected_keyword_argument():
    class Query(graphene.ObjectType):
        book = graphene.String(id=graphene.ID(required=True))

        def resolve_book(root, info):  # the argument is missing from the signature
            return "never"

    result = graphene.Schema(query=Query).execute("{ book(id: 7) }")
    assert_reproduces(result.errors[0].message, "graphql/unexpected-keyword-argument")


def test_resolver_receives_snake_case_arguments():
    # --8<-- [start:resolver-arguments]
    class Query(graphene.ObjectType):
        book = graphene.String(book_id=graphene.ID(required=True), shelf=graphene.String())

        def resolve_book(root, info, book_id, shelf=None):  # snake_case; default for optional ones
            return f"book {book_id} on {shelf or 'any shelf'}"
    # --8<-- [end:resolver-arguments]

    result = graphene.Schema(query=Query).execute('{ book(bookId: 7) }')  # camelCase in the query
    assert result.errors is None and result.data == {"book": "book 7 on any shelf"}


@pytest.mark.django_db
def test_cannot_return_null_for_non_nullable_field():
    class BookType(DjangoObjectType):
        class Meta:
            model = Book
            fields = ("title",)

    class Query(graphene.ObjectType):
        first_book = graphene.Field(BookType, required=True)

        def resolve_first_book(root, info):
            return Book.objects.filter(title="No such book").first()  # None

    result = graphene.Schema(query=Query).execute("{ firstBook { title } }")
    assert result.data is None  # the null spreads up to the nearest nullable parent
    assert_reproduces(result.errors[0].message, "graphql/non-nullable-null")


@pytest.mark.django_db
def test_sync_orm_call_in_async_resolver():
    Author.objects.create(name="Tsitsi")

    class Query(graphene.ObjectType):
        authors = graphene.List(graphene.String)

        async def resolve_authors(root, info):
            return [a.name for a in Author.objects.all()]  # the sync ORM inside async code

    result = asyncio.run(graphene.Schema(query=Query).execute_async("{ authors }"))
    assert_reproduces(result.errors[0].message, "graphql/async-context")


@pytest.mark.django_db(transaction=True)  # the async ORM runs in another thread
def test_async_orm_in_async_resolver():
    Author.objects.create(name="Tsitsi")

    # --8<-- [start:async-resolvers]
    class Query(graphene.ObjectType):
        authors = graphene.List(graphene.String)
        author_count = graphene.Int()

        async def resolve_authors(root, info):
            return [a.name async for a in Author.objects.order_by("name")]  # async for

        async def resolve_author_count(root, info):
            return await Author.objects.acount()  # aget, afirst, acount, acreate ...
    # --8<-- [end:async-resolvers]

    result = asyncio.run(graphene.Schema(query=Query).execute_async("{ authors authorCount }"))
    assert result.errors is None and result.data == {"authors": ["Tsitsi"], "authorCount": 1}


@isolate_apps("cookbook.gqlextra")
def test_dont_know_how_to_convert():
    class MoneyField(models.Field):  # a field class with no converter registered
        pass

    class Gadget(models.Model):
        price = MoneyField()

        class Meta:
            app_label = "cookbook_gqlextra"

    with pytest.raises(Exception) as error:
        class GadgetType(DjangoObjectType):
            class Meta:
                model = Gadget
                fields = ("id", "price")
    assert_reproduces(printed(error.value), "graphql/dont-know-how-to-convert")

    class GadgetWithPriceType(DjangoObjectType):  # leave it out of `fields` and declare it
        price = graphene.Int()

        class Meta:
            model = Gadget
            fields = ("id",)
    assert "price" in GadgetWithPriceType._meta.fields


@isolate_apps("cookbook.gqlextra")
def test_registered_converter():
    from cookbook.gqlextra.fields import MoneyField

    class Gadget(models.Model):
        price = MoneyField()

        class Meta:
            app_label = "cookbook_gqlextra"

    class GadgetType(DjangoObjectType):
        class Meta:
            model = Gadget
            fields = ("id", "price")
    schema = graphene.Schema(query=type("Query", (graphene.ObjectType,), {"gadget": graphene.Field(GadgetType)}))
    assert "price: Int!" in str(schema)

"""A second graphene schema over the gqlcook models (docs/howto/graphql.md, docs/troubleshooting/graphql.md)."""
import logging

import django_filters
import graphene
from graphene import relay
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType
from graphene_django.filter import DjangoFilterConnectionField
from graphql import GraphQLError, ValidationRule

from cookbook.gqlcook.models import Book

logger = logging.getLogger(__name__)


# --8<-- [start:computed-field]
class ShelfBookType(DjangoObjectType):
    class Meta:
        model = Book
        fields = ("id", "title", "pages")  # model columns; `author` stays out

    # Fields that are not columns: declare the type, then write resolve_<name>.
    author_name = graphene.String(required=True)
    reading_hours = graphene.Float(required=True)
    is_mine = graphene.Boolean(required=True)

    def resolve_author_name(root, info):  # root is the Book instance
        return root.author.name

    def resolve_reading_hours(root, info):
        return round(root.pages / 40, 1)  # about 40 pages an hour

    def resolve_is_mine(root, info):
        return root.owner_id == info.context.user.id
# --8<-- [end:computed-field]


# --8<-- [start:ordering]
class BookFilter(django_filters.FilterSet):
    order_by = django_filters.OrderingFilter(fields=(("title", "title"), ("pages", "pages")))

    class Meta:
        model = Book
        fields = {"title": ["icontains"], "pages": ["gte", "lte"]}


class ShelfBookNode(DjangoObjectType):
    class Meta:
        model = Book
        fields = ("id", "title", "pages")
        interfaces = (relay.Node,)
        filterset_class = BookFilter
# --8<-- [end:ordering]


# --8<-- [start:json-values]
REPORT = {"total": 12, "by_author": {"Tsitsi": 4, "Ngugi": 4, "Chinua": 4}}


class Stats(graphene.ObjectType):
    as_json_string = graphene.JSONString()  # what graphene-django makes of a JSONField
    as_object = GenericScalar()             # any JSON value, sent as it is

    def resolve_as_json_string(root, info):
        return REPORT

    def resolve_as_object(root, info):
        return REPORT
# --8<-- [end:json-values]


class Query(graphene.ObjectType):
    shelf = graphene.List(graphene.NonNull(ShelfBookType), required=True)
    # --8<-- [start:ordering-field]
    books = DjangoFilterConnectionField(ShelfBookNode)
    # --8<-- [end:ordering-field]
    stats = graphene.Field(Stats, required=True)
    # --8<-- [start:json-argument]
    echo = GenericScalar(data=GenericScalar(required=True))

    def resolve_echo(root, info, data):
        return data  # a dict, list, string or number, as the client sent it
    # --8<-- [end:json-argument]
    broken = graphene.String()

    def resolve_shelf(root, info):
        return Book.objects.select_related("author")

    def resolve_stats(root, info):
        return Stats()

    def resolve_broken(root, info):
        return {}["missing"]  # a bug: KeyError


# --8<-- [start:log-errors]
class LogResolverErrors:
    """graphene middleware: log the traceback of any exception a resolver raises.
    GraphQLError is what you raise on purpose for the client, so it is not logged."""

    def resolve(self, next, root, info, **kwargs):
        try:
            return next(root, info, **kwargs)
        except GraphQLError:
            raise
        except Exception:
            logger.exception("%s.%s failed", info.parent_type.name, info.field_name)
            raise
# --8<-- [end:log-errors]


# --8<-- [start:alias-limit]
class MaxAliasesRule(ValidationRule):
    """Refuse an operation with more than MAX_ALIASES aliased fields (`a1: login(...) a2: login(...)`)."""
    MAX_ALIASES = 10

    def __init__(self, context):
        super().__init__(context)
        self.aliases = 0

    def enter_operation_definition(self, node, *args):
        self.aliases = 0

    def enter_field(self, node, *args):
        if node.alias:
            self.aliases += 1
            if self.aliases == self.MAX_ALIASES + 1:
                self.report_error(GraphQLError(f"Too many aliases: the limit is {self.MAX_ALIASES}.", node))
# --8<-- [end:alias-limit]


schema = graphene.Schema(query=Query)

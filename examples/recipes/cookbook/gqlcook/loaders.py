"""Batching with a DataLoader (docs/howto/graphql.md#graphql-dataloader)."""
import graphene
from asgiref.sync import sync_to_async
from graphene.utils.dataloader import DataLoader
from graphene_django import DjangoObjectType

from .models import Author, Book


# --8<-- [start:dataloader]
class AuthorLoader(DataLoader):
    """Collects every author id asked for in one tick of the event loop, then runs one query."""

    async def batch_load_fn(self, author_ids):
        authors = await sync_to_async(Author.objects.in_bulk)(list(author_ids))
        return [authors.get(author_id) for author_id in author_ids]  # same order as the keys


class LoaderAuthorType(DjangoObjectType):
    class Meta:
        model = Author
        fields = ("id", "name")
        skip_registry = True


class LoaderBookType(DjangoObjectType):
    author = graphene.Field(LoaderAuthorType, required=True)

    class Meta:
        model = Book
        fields = ("id", "title", "author")
        skip_registry = True

    def resolve_author(root, info):
        return info.context.author_loader.load(root.author_id)  # a future, not a query


class LoaderQuery(graphene.ObjectType):
    books = graphene.List(graphene.NonNull(LoaderBookType), required=True)

    async def resolve_books(root, info):
        return await sync_to_async(list)(Book.objects.all())


loader_schema = graphene.Schema(query=LoaderQuery)
# --8<-- [end:dataloader]

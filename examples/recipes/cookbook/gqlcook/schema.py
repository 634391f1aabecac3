"""The graphene-django schema of the GraphQL recipes (docs/howto/graphql.md)."""
from functools import wraps

import graphene
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from graphene import relay
from graphene_django import DjangoConnectionField, DjangoObjectType
from graphql import GraphQLError

from .models import Author, Book


# --8<-- [start:login-required]
def login_required(resolver):
    """Wrap a resolver or a mutation's mutate(root, info, ...): anonymous callers get an error."""
    @wraps(resolver)
    def wrapper(root, info, *args, **kwargs):
        if not info.context.user.is_authenticated:
            raise GraphQLError("You must be logged in.", extensions={"code": "UNAUTHENTICATED"})
        return resolver(root, info, *args, **kwargs)
    return wrapper
# --8<-- [end:login-required]


class AuthorType(DjangoObjectType):
    class Meta:
        model = Author
        fields = ("id", "name")


class BookType(DjangoObjectType):
    class Meta:
        model = Book
        fields = ("id", "title", "pages", "author")


# --8<-- [start:pagination]
class CountableConnection(relay.Connection):
    """A Relay connection that also tells the client how many rows there are."""
    class Meta:
        abstract = True

    total_count = graphene.Int(required=True)

    def resolve_total_count(root, info):
        return root.length  # set by DjangoConnectionField: the count of the whole queryset


class BookNode(DjangoObjectType):
    class Meta:
        model = Book
        fields = ("id", "title", "pages", "author")
        interfaces = (relay.Node,)
        connection_class = CountableConnection


class BookPage(graphene.ObjectType):
    """Page-number pagination, for clients that want "page 3 of 7"."""
    items = graphene.List(graphene.NonNull(BookType), required=True)
    page = graphene.Int(required=True)
    pages = graphene.Int(required=True)
    total = graphene.Int(required=True)
# --8<-- [end:pagination]


class Query(graphene.ObjectType):
    # --8<-- [start:pagination-fields]
    books = DjangoConnectionField(BookNode, max_limit=50)  # first/after, last/before, offset
    book_page = graphene.Field(BookPage, page=graphene.Int(default_value=1),
                               page_size=graphene.Int(default_value=10))

    def resolve_books(root, info, **kwargs):
        return Book.objects.select_related("author")  # the field slices it: never .all()[:n] here

    def resolve_book_page(root, info, page, page_size):
        page_size = max(1, min(page_size, 50))  # never trust the client's page size
        books = Book.objects.select_related("author")
        total = books.count()
        start = (max(page, 1) - 1) * page_size
        return BookPage(items=books[start:start + page_size], page=page, total=total,
                        pages=max(1, -(-total // page_size)))
    # --8<-- [end:pagination-fields]

    # --8<-- [start:login-required-query]
    my_books = graphene.List(graphene.NonNull(BookType), required=True)

    @login_required
    def resolve_my_books(root, info):
        return Book.objects.filter(owner=info.context.user).select_related("author")
    # --8<-- [end:login-required-query]


# --8<-- [start:mutation-errors]
class FieldError(graphene.ObjectType):
    field = graphene.String(required=True)
    messages = graphene.List(graphene.NonNull(graphene.String), required=True)


class CreateBook(graphene.Mutation):
    """Invalid input is an answer, not a crash: the payload carries the field errors."""
    class Arguments:
        title = graphene.String(required=True)
        pages = graphene.Int(required=True)
        author_id = graphene.ID(required=True)

    book = graphene.Field(BookType)
    errors = graphene.List(graphene.NonNull(FieldError), required=True)

    @login_required
    def mutate(root, info, title, pages, author_id):
        book = Book(title=title.strip(), pages=pages, author_id=author_id, owner=info.context.user)
        try:
            book.full_clean()  # the model's validators: blank title, pages >= 1, author exists
        except ValidationError as exc:
            return CreateBook(book=None, errors=[FieldError(field=field, messages=messages)
                                                 for field, messages in exc.message_dict.items()])
        book.save()
        return CreateBook(book=book, errors=[])
# --8<-- [end:mutation-errors]


# --8<-- [start:update-mutation]
class UpdateBook(graphene.Mutation):
    """Change the fields that were sent, and only on your own book."""
    class Arguments:
        id = graphene.ID(required=True)
        title = graphene.String()  # optional: leave it out to keep the current title
        pages = graphene.Int()

    book = graphene.Field(BookType)

    @login_required
    def mutate(root, info, id, **changes):  # changes holds only the arguments the client sent
        book = Book.objects.filter(pk=id).first()
        if book is None:
            raise GraphQLError("Book not found.", extensions={"code": "NOT_FOUND"})
        if book.owner_id != info.context.user.id:
            raise GraphQLError("You can only change your own books.", extensions={"code": "FORBIDDEN"})
        for field, value in changes.items():
            setattr(book, field, value)
        try:
            book.full_clean()
        except ValidationError as exc:
            raise GraphQLError("Invalid input.", extensions={"code": "BAD_USER_INPUT",
                                                             "fields": exc.message_dict}) from None
        book.save(update_fields=list(changes) or None)
        return UpdateBook(book=book)
# --8<-- [end:update-mutation]


# --8<-- [start:upload-mutation]
class UploadBookCover(graphene.Mutation):
    """A multipart/form-data POST: fields "query" and "variables" (JSON text), and the file "cover"."""
    class Arguments:
        book_id = graphene.ID(required=True)

    path = graphene.String(required=True)
    size = graphene.Int(required=True)

    @login_required
    def mutate(root, info, book_id):
        upload = info.context.FILES.get("cover")  # info.context is the Django request
        if upload is None:
            raise GraphQLError("Send the image as a multipart file field named 'cover'.",
                               extensions={"code": "BAD_USER_INPUT"})
        if upload.size > 2 * 1024 * 1024 or not upload.content_type.startswith("image/"):
            raise GraphQLError("The cover must be an image of 2 MB or less.", extensions={"code": "BAD_USER_INPUT"})
        book = Book.objects.filter(pk=book_id, owner=info.context.user).first()
        if book is None:
            raise GraphQLError("Book not found.", extensions={"code": "NOT_FOUND"})
        path = default_storage.save(f"covers/book-{book.pk}-{upload.name}", upload)  # under MEDIA_ROOT
        return UploadBookCover(path=path, size=upload.size)
# --8<-- [end:upload-mutation]


class Mutation(graphene.ObjectType):
    create_book = CreateBook.Field()
    update_book = UpdateBook.Field()
    upload_book_cover = UploadBookCover.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)

"""Views for the DRF recipes (docs/howto/drf.md). Each region is one recipe's code."""
import hashlib
import json

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, generics, permissions, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.versioning import AcceptHeaderVersioning, URLPathVersioning
from rest_framework.views import APIView

from .filters import NoteBrowseFilter, NoteFilter
from .models import Attachment, IdempotencyRecord, Note, Order
from .permissions import IsOwnerOrReadOnly
from .serializers import (
    AttachmentSerializer, NoteLinkSerializer, NoteSerializer, NoteSummarySerializer, NoteV2Serializer,
    OrderSerializer, OwnTitleSerializer, RegisterSerializer,
)


# --8<-- [start:paginate-apiview]
class NotePagination(PageNumberPagination):
    page_size = 5                        # ?page=2
    page_size_query_param = "page_size"  # ?page_size=20, up to max_page_size
    max_page_size = 50


class NoteListView(APIView):
    """An APIView has no pagination_class hook: call the paginator yourself."""

    def get(self, request):
        notes = Note.objects.select_related("owner").order_by("-created_at", "-id")
        paginator = NotePagination()
        page = paginator.paginate_queryset(notes, request, view=self)
        serializer = NoteSerializer(page, many=True)
        return paginator.get_paginated_response(serializer.data)  # count, next, previous, results


@api_view(["GET"])
def note_list_function(request):
    """The same for a function view."""
    paginator = NotePagination()
    page = paginator.paginate_queryset(Note.objects.select_related("owner"), request)
    return paginator.get_paginated_response(NoteSerializer(page, many=True).data)
# --8<-- [end:paginate-apiview]


# --8<-- [start:list-override-paginated]
class PublishedNotesView(generics.ListAPIView):
    serializer_class = NoteSerializer
    pagination_class = NotePagination

    def list(self, request, *args, **kwargs):
        notes = self.filter_queryset(Note.objects.filter(status=Note.Status.PUBLISHED))
        page = self.paginate_queryset(notes)  # an overridden list() must paginate by itself
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(notes, many=True).data)
# --8<-- [end:list-override-paginated]


# --8<-- [start:filter-view]
class NoteSearchView(generics.ListAPIView):
    queryset = Note.objects.select_related("owner")
    serializer_class = NoteSerializer
    pagination_class = NotePagination
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_class = NoteFilter                # ?status=published&min_priority=2
    search_fields = ["title", "body"]           # ?search=django
    ordering_fields = ["created_at", "priority"]  # ?ordering=-priority
    ordering = ["-created_at", "-id"]
# --8<-- [end:filter-view]


# --8<-- [start:filter-get-queryset]
class NotesByStatusView(generics.ListAPIView):
    """Without django-filter: read request.query_params in get_queryset()."""
    serializer_class = NoteSerializer

    def get_queryset(self):
        notes = Note.objects.select_related("owner")
        wanted = self.request.query_params.get("status")  # None when the parameter is absent
        if wanted is not None:
            notes = notes.filter(status=wanted)
        return notes
# --8<-- [end:filter-get-queryset]


# --8<-- [start:partial-update]
class NoteDetailView(APIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]

    def get_object(self, pk):
        note = get_object_or_404(Note, pk=pk)
        self.check_object_permissions(self.request, note)  # an APIView must ask for this itself
        return note

    def put(self, request, pk):
        """PUT replaces: every writable field is required."""
        serializer = NoteSerializer(self.get_object(pk), data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    def patch(self, request, pk):
        """PATCH changes only what was sent: partial=True makes every field optional."""
        serializer = NoteSerializer(self.get_object(pk), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)
# --8<-- [end:partial-update]


# --8<-- [start:owner-viewset]
class NoteViewSet(viewsets.ModelViewSet):
    serializer_class = NoteSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]

    def get_queryset(self):
        # has_object_permission never runs for list(): filter what each user may see here.
        notes = Note.objects.select_related("owner")
        if self.request.user.is_authenticated:
            return notes.filter(Q(status=Note.Status.PUBLISHED) | Q(owner=self.request.user))
        return notes.filter(status=Note.Status.PUBLISHED)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)  # the owner comes from the token, never the body
# --8<-- [end:owner-viewset]


# --8<-- [start:upload-views]
class AttachmentUploadView(generics.CreateAPIView):
    """POST multipart/form-data with a "file" part."""
    queryset = Attachment.objects.all()
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]


class MultiUploadView(APIView):
    """Several files under one name: files=@a.pdf files=@b.png."""
    parser_classes = [MultiPartParser]

    def post(self, request):
        uploads = request.FILES.getlist("files")
        if not uploads:
            raise ValidationError({"files": ["Send at least one file."]})
        serializers = [AttachmentSerializer(data={"file": upload}) for upload in uploads]
        for serializer in serializers:
            serializer.is_valid(raise_exception=True)  # check them all before saving any
        saved = [serializer.save() for serializer in serializers]
        data = AttachmentSerializer(saved, many=True, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)
# --8<-- [end:upload-views]


# --8<-- [start:versioning]
class VersionedNotesView(generics.ListAPIView):
    """/drfcook/v1/notes/ and /drfcook/v2/notes/: the version is part of the URL."""
    queryset = Note.objects.select_related("owner")
    versioning_class = URLPathVersioning

    def get_serializer_class(self):
        return NoteV2Serializer if self.request.version == "v2" else NoteSerializer


class HeaderVersionedNotesView(VersionedNotesView):
    """One URL; the client asks with Accept: application/json; version=2.0"""
    versioning_class = AcceptHeaderVersioning

    def get_serializer_class(self):
        return NoteV2Serializer if self.request.version == "2.0" else NoteSerializer
# --8<-- [end:versioning]


class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.prefetch_related("lines")
    serializer_class = OrderSerializer


# --8<-- [start:idempotency]
class IdempotentCreateMixin:
    """A POST with an Idempotency-Key header runs once; a retry gets the first answer back."""

    def create(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if not key:
            return super().create(request, *args, **kwargs)
        fingerprint = hashlib.sha256(json.dumps(request.data, sort_keys=True, default=str).encode()).hexdigest()
        try:
            with transaction.atomic():
                record, first_time = IdempotencyRecord.objects.get_or_create(
                    user=request.user, key=key, defaults={"fingerprint": fingerprint})
        except IntegrityError:  # a parallel request inserted the same key first
            record, first_time = IdempotencyRecord.objects.get(user=request.user, key=key), False
        if not first_time:
            if record.fingerprint != fingerprint:  # 422, as the IETF Idempotency-Key draft says
                return Response({"detail": "This Idempotency-Key was used with a different body."},
                                status=status.HTTP_422_UNPROCESSABLE_ENTITY)
            if record.status_code is None:  # the first request is still running: 409, retry later
                return Response({"detail": "A request with this key is in progress."},
                                status=status.HTTP_409_CONFLICT)
            return Response(record.body, status=record.status_code, headers={"Idempotent-Replayed": "true"})
        try:
            response = super().create(request, *args, **kwargs)
        except Exception:
            record.delete()  # a failed attempt may be retried with the same key
            raise
        record.status_code, record.body = response.status_code, response.data
        record.save(update_fields=["status_code", "body"])
        return response


class OrderCreateView(IdempotentCreateMixin, generics.CreateAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = OrderSerializer
# --8<-- [end:idempotency]


# --8<-- [start:scoped-throttle]
class LoginView(APIView):
    """A stand-in for your login view: only the throttle matters here."""
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"  # the rate comes from DEFAULT_THROTTLE_RATES["login"]

    def post(self, request):
        return Response({"detail": "checked"})
# --8<-- [end:scoped-throttle]


# --8<-- [start:context-view]
class NoteLinksView(APIView):
    """An APIView builds the serializer itself, so it must hand over the request."""

    def get(self, request):
        notes = Note.objects.filter(status=Note.Status.PUBLISHED)
        serializer = NoteLinkSerializer(notes, many=True, context={"request": request})
        return Response(serializer.data)


class OwnNoteCreateView(generics.CreateAPIView):
    """Generic views and viewsets pass {"request", "view", "format"} via get_serializer_context()."""
    serializer_class = OwnTitleSerializer
    permission_classes = [permissions.IsAuthenticated]
# --8<-- [end:context-view]


# --8<-- [start:per-action-viewset]
class PerActionNoteViewSet(viewsets.ModelViewSet):
    queryset = Note.objects.select_related("owner")
    permission_classes = [permissions.IsAuthenticated, IsOwnerOrReadOnly]  # the default for every action

    def get_serializer_class(self):
        if self.action in ("list", "mine"):
            return NoteSummarySerializer  # short rows for lists
        return NoteSerializer  # retrieve, create, update, partial_update, destroy, publish

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]  # anyone may read
        if self.action == "destroy":
            return [permissions.IsAdminUser()]  # only staff may delete
        return super().get_permissions()  # permission_classes, or the @action's own

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)

    @action(detail=True, methods=["post"])  # POST /per-action-notes/{pk}/publish/
    def publish(self, request, pk=None):
        note = self.get_object()  # runs has_object_permission(): only the owner gets past here
        note.status = Note.Status.PUBLISHED
        note.save(update_fields=["status"])
        return Response(self.get_serializer(note).data)

    @action(detail=False, permission_classes=[permissions.IsAuthenticated])  # GET /per-action-notes/mine/
    def mine(self, request):
        notes = self.get_queryset().filter(owner=request.user)
        return Response(self.get_serializer(notes, many=True).data)
# --8<-- [end:per-action-viewset]


# --8<-- [start:related-search]
class NoteBrowseView(generics.ListAPIView):
    queryset = Note.objects.select_related("owner")
    serializer_class = NoteSerializer
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_class = NoteBrowseFilter
    search_fields = ["title", "owner__username"]          # ?search=abel also finds abel's notes
    ordering_fields = ["priority", "owner__username"]     # ?ordering=owner__username,-priority
    ordering = ["-created_at", "-id"]                     # when ?ordering= is absent or not allowed
# --8<-- [end:related-search]


# --8<-- [start:conflict]
class Conflict(APIException):
    """409: the data is valid, but it clashes with what is stored (a duplicate, a stale version)."""
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This request conflicts with the current state of the resource."
    default_code = "conflict"


class NoteCreateView(generics.CreateAPIView):
    serializer_class = NoteSerializer
    permission_classes = [permissions.IsAuthenticated]

    def perform_create(self, serializer):
        title = serializer.validated_data["title"]  # runs after is_valid(): the data is valid
        if Note.objects.filter(owner=self.request.user, title__iexact=title).exists():
            raise Conflict({"title": ["You already have a note with this title."]})  # a dict stays a dict
        serializer.save(owner=self.request.user)
# --8<-- [end:conflict]


class RegisterView(generics.CreateAPIView):
    """The fixed registration serializer behind a view (docs/troubleshooting/drf.md#drf-create-typeerror)."""
    serializer_class = RegisterSerializer
    permission_classes = [permissions.AllowAny]

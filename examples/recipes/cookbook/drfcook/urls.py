"""Mounted at /drfcook/ by the recipes' test project."""
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import schema_urls, views

router = DefaultRouter()
router.register("notes", views.NoteViewSet, basename="cookbook-note")
router.register("orders", views.OrderViewSet, basename="cookbook-order")
router.register("per-action-notes", views.PerActionNoteViewSet, basename="cookbook-per-action-note")

urlpatterns = [
    path("", include(router.urls)),
    path("note-pages/", views.NoteListView.as_view()),
    path("note-pages-fn/", views.note_list_function),
    path("published/", views.PublishedNotesView.as_view()),
    path("search/", views.NoteSearchView.as_view()),
    path("by-status/", views.NotesByStatusView.as_view()),
    path("note-detail/<int:pk>/", views.NoteDetailView.as_view()),
    path("attachments/", views.AttachmentUploadView.as_view()),
    path("attachments/many/", views.MultiUploadView.as_view()),
    path("header-versioned/notes/", views.HeaderVersionedNotesView.as_view()),
    path("idempotent-orders/", views.OrderCreateView.as_view()),
    path("login/", views.LoginView.as_view()),
    path("note-links/", views.NoteLinksView.as_view()),
    path("own-notes/", views.OwnNoteCreateView.as_view()),
    path("browse/", views.NoteBrowseView.as_view()),
    path("unique-notes/", views.NoteCreateView.as_view()),
    path("register/", views.RegisterView.as_view()),
    path("", include(schema_urls)),
    # --8<-- [start:versioning-urls]
    re_path(r"^(?P<version>v1|v2)/notes/$", views.VersionedNotesView.as_view()),
    # --8<-- [end:versioning-urls]
    # --8<-- [start:schema-urls]
    path("api/schema/", SpectacularAPIView.as_view(urlconf="cookbook.drfcook.schema_urls"), name="cookbook-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="cookbook-schema"), name="cookbook-swagger"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="cookbook-schema"), name="cookbook-redoc"),
    # --8<-- [end:schema-urls]
]

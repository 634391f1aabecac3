"""A project's root urls.py for the media recipe (docs/howto/django.md): the test uses it as
ROOT_URLCONF, with DEBUG on, the way runserver would."""
# --8<-- [start:urls]
from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

urlpatterns = [
    path("uploads/", include("cookbook.dj_uploads.urls")),
]

# Development only: static() returns no patterns when DEBUG is False.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
# --8<-- [end:urls]

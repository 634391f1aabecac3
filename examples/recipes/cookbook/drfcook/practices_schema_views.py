"""Describe query parameters and an endpoint's purpose in the OpenAPI schema (drf-spectacular).

docs/practices/documentation.md#document-query-parameters. Not mounted: the test builds a schema
from this module's urlpatterns.
"""
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Note


# --8<-- [start:query-params]
class NoteSearchParams(serializers.Serializer):
    """The query string of GET /api/notes/search/, validated and documented in one place."""

    q = serializers.CharField(help_text="Words to look for in the title.")
    limit = serializers.IntegerField(required=False, default=20, min_value=1, max_value=100,
                                     help_text="How many notes to return (1-100).")


@extend_schema(
    parameters=[
        NoteSearchParams,  # each field becomes one query parameter, with its help_text
        OpenApiParameter("X-Request-ID", str, OpenApiParameter.HEADER,
                         required=False, description="Echoed in the logs, for support."),
    ],
    responses={200: serializers.ListSerializer(child=serializers.CharField())},
)
@api_view(["GET"])
def search_notes(request):
    """Search notes by title.

    Returns the titles that contain every word of `q`, newest first.
    """
    params = NoteSearchParams(data=request.query_params)
    params.is_valid(raise_exception=True)  # a bad ?limit= becomes a 400, not a 500
    notes = Note.objects.filter(title__icontains=params.validated_data["q"]).order_by("-pk")
    return Response([note.title for note in notes[: params.validated_data["limit"]]])
# --8<-- [end:query-params]


urlpatterns = [path("api/notes/search/", search_notes)]

"""Views with no serializer, and how to document them for drf-spectacular.

docs/howto/drf-api.md#drf-spectacular-apiview. Not mounted: the test builds a schema from this
module's urlpatterns.
"""
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Note


# --8<-- [start:undocumented]
@api_view(["GET"])
def note_count(request):  # returns a dict: drf-spectacular has no serializer to read
    return Response({"count": Note.objects.count()})


class NoteArchiveView(APIView):
    def post(self, request, pk):
        archived = Note.objects.filter(pk=pk).update(title="[archived]")
        return Response({"archived": bool(archived)})
# --8<-- [end:undocumented]


# --8<-- [start:documented]
class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField()


class ArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


@extend_schema(responses=CountSerializer)  # above @api_view
@api_view(["GET"])
def documented_note_count(request):
    return Response(CountSerializer({"count": Note.objects.count()}).data)


class DocumentedNoteArchiveView(APIView):
    @extend_schema(request=ArchiveSerializer,
                   responses={200: CountSerializer, 404: OpenApiResponse(description="No such note.")})
    def post(self, request, pk):
        ArchiveSerializer(data=request.data).is_valid(raise_exception=True)
        archived = Note.objects.filter(pk=pk).update(title="[archived]")
        return Response({"count": archived}, status=200 if archived else 404)
# --8<-- [end:documented]


urlpatterns = [
    path("api/notes/count/", note_count),
    path("api/notes/<int:pk>/archive/", NoteArchiveView.as_view()),
    path("api/v2/notes/count/", documented_note_count),
    path("api/v2/notes/<int:pk>/archive/", DocumentedNoteArchiveView.as_view()),
]

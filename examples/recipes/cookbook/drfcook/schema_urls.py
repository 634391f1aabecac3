"""The API that the OpenAPI recipe documents (docs/howto/drf.md#drf-spectacular-swagger-jwt)."""
from django.contrib.auth import get_user_model
from django.urls import path
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework_simplejwt.authentication import JWTAuthentication

from .auth import ApiKeyAuthentication


class ProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email"]


class ProfileView(generics.GenericAPIView):
    """The caller's own profile."""
    authentication_classes = [JWTAuthentication, ApiKeyAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ProfileSerializer  # drf-spectacular reads the response shape from it

    def get(self, request):
        return Response(self.get_serializer(request.user).data)


urlpatterns = [path("api/profile/", ProfileView.as_view(), name="cookbook-profile")]

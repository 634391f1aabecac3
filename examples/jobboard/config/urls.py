"""URL map of the Job Board API."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from accounts.views import MeView, RateLimitedTokenObtainPairView, RefreshView, RegisterView
from core.views import health, live
from jobs.async_views import job_stats
from jobs.graphql_view import JWTGraphQLView, validation_rules
from jobs.views import ApplicationViewSet, CompanyViewSet, JobViewSet
from payments.views import PaymentCallbackView, PaymentInitializeView, PaymentVerifyView

# --8<-- [start:urls]
# --8<-- [start:router]
router = DefaultRouter()
router.register("companies", CompanyViewSet, basename="company")
router.register("jobs", JobViewSet, basename="job")  # /api/jobs/, /api/jobs/{id}/, /api/jobs/{id}/apply/
router.register("applications", ApplicationViewSet, basename="application")
# --8<-- [end:router]

urlpatterns = [
    path("api/", include(router.urls)),
    # JWT: POST username+password -> access+refresh; POST refresh -> new access.
    path("api/auth/token/", RateLimitedTokenObtainPairView.as_view(), name="token_obtain_pair"),
    path("api/auth/token/refresh/", RefreshView.as_view(), name="token_refresh"),
    path("api/auth/register/", RegisterView.as_view(), name="register"),
    path("api/auth/me/", MeView.as_view(), name="me"),
    # OpenAPI 3 schema and Swagger UI (drf-spectacular).
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/stats/", job_stats, name="job-stats"),  # async view
    path("api/payments/initialize/", PaymentInitializeView.as_view(), name="payment-initialize"),
    path("api/payments/verify/<str:tx_ref>/", PaymentVerifyView.as_view(), name="payment-verify"),
    path("api/payments/callback/", PaymentCallbackView.as_view(), name="payment-callback"),
    # GraphQL: one POST endpoint; the GraphiQL IDE only when DEBUG is on.
    path("graphql/", csrf_exempt(JWTGraphQLView.as_view(
        graphiql=settings.GRAPHIQL_ENABLED, validation_rules=validation_rules()))),
    path("health/", health, name="health"),
    path("health/live/", live, name="health-live"),
    path("admin/", admin.site.urls),
]
# --8<-- [end:urls]

handler404 = "core.views.not_found"
handler500 = "core.views.server_error"

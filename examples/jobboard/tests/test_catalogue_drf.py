"""DRF errors of the catalogue (docs/troubleshooting/drf.md), triggered for real.

The wrong variants are throwaway serializers and views defined here; the example's own views stay
correct. Most tests use DRF's stock exception handler (`stock_errors`), because that is the body
learners see and paste; the Job Board wraps the same message in {"error": {...}}.
"""
import warnings

import pytest
from catalogue import assert_reproduces, printed
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator, UnorderedObjectListWarning
from django.middleware.csrf import _get_new_csrf_string
from rest_framework import generics, permissions, serializers, views
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIRequestFactory

from jobs.models import Company, Job
from jobs.serializers import CompanySerializer
from jobs.views import JobViewSet

from .conftest import auth_client


@pytest.fixture
def stock_errors(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "EXCEPTION_HANDLER": "rest_framework.views.exception_handler"}


def body(response) -> str:
    return response.content.decode()


class JobWithCompanySerializer(serializers.ModelSerializer):
    company = CompanySerializer()  # nested and writable, but no create(): DRF refuses

    class Meta:
        model = Job
        fields = ["id", "title", "description", "company"]


@pytest.mark.django_db
def test_writable_nested_fields():
    serializer = JobWithCompanySerializer(data={
        "title": "Backend Intern", "description": "Django.", "company": {"name": "New Co"}})
    assert serializer.is_valid(), serializer.errors
    with pytest.raises(AssertionError) as exc:
        serializer.save()
    assert_reproduces(str(exc.value), "drf/writable-nested-fields")


class JobCreateWithModelPermissions(generics.ListCreateAPIView):
    queryset = Job.objects.all()
    serializer_class = JobWithCompanySerializer
    permission_classes = [permissions.DjangoModelPermissions]  # POST needs jobs.add_job


@pytest.mark.django_db
def test_permission_fails_only_on_post(stock_errors, applicant):
    factory = APIRequestFactory()
    view = JobCreateWithModelPermissions.as_view()
    get = factory.get("/api/jobs/")
    post = factory.post("/api/jobs/", {"title": "x"}, format="json")
    from rest_framework.test import force_authenticate
    force_authenticate(get, applicant)
    force_authenticate(post, applicant)
    assert view(get).status_code == 200
    response = view(post)
    response.render()
    assert response.status_code == 403
    assert_reproduces(body(response), "drf/permission-denied")


class StatsWithoutQueryset(views.APIView):
    permission_classes = [permissions.DjangoModelPermissionsOrAnonReadOnly]  # needs a queryset

    def get(self, request):
        return Response({"jobs": Job.objects.count()})


@pytest.mark.django_db
def test_model_permissions_without_queryset():
    request = APIRequestFactory().get("/api/stats/")
    with pytest.raises(AssertionError) as exc:
        StatsWithoutQueryset.as_view()(request)
    assert_reproduces(str(exc.value), "drf/permissions-without-queryset")


def test_router_without_basename():
    # JobViewSet defines get_queryset() but no `queryset` attribute, so the router needs basename=.
    router = DefaultRouter()
    with pytest.raises(AssertionError) as exc:
        router.register("jobs", JobViewSet)
    assert_reproduces(str(exc.value), "drf/router-basename")


@pytest.mark.django_db
def test_authentication_credentials_not_provided(stock_errors, company):
    response = auth_client().post("/api/jobs/", {"title": "x"}, format="json")
    assert response.status_code == 401
    assert_reproduces(body(response), "drf/credentials-not-provided")


@pytest.mark.django_db
def test_method_not_allowed(stock_errors, applicant_client):
    response = applicant_client.put("/api/applications/1/", {}, format="json")
    assert response.status_code == 405
    assert_reproduces(body(response), "drf/method-not-allowed")


@pytest.mark.django_db
def test_unsupported_media_type(stock_errors, recruiter_client, company):
    response = recruiter_client.post("/api/jobs/", "title=x", content_type="text/plain")
    assert response.status_code == 415
    assert_reproduces(body(response), "drf/unsupported-media-type")


@pytest.mark.django_db
def test_field_is_required(stock_errors, recruiter_client, company):
    response = recruiter_client.post("/api/jobs/", {}, format="json")
    assert response.status_code == 400
    assert_reproduces(body(response), "drf/field-required")


@pytest.mark.django_db
def test_incorrect_pk_type(stock_errors, recruiter_client, company):
    response = recruiter_client.post("/api/jobs/", {"company": "Acacia Labs", "title": "Intern",
                                                    "description": "d"}, format="json")
    assert response.status_code == 400
    assert_reproduces(body(response), "drf/incorrect-pk-type")


@pytest.mark.django_db
def test_unordered_object_list_warning(company):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Paginator(Company.objects.order_by(), 10)  # order_by() with no fields drops Meta.ordering
    messages = [str(w.message) for w in caught if issubclass(w.category, UnorderedObjectListWarning)]
    assert messages
    assert_reproduces(messages[0], "drf/unordered-object-list")


class SessionOnlyApply(views.APIView):
    authentication_classes = [SessionAuthentication]  # enforces CSRF for logged-in users
    permission_classes = [permissions.IsAuthenticated]

    def post(self, request):
        return Response({"ok": True})


@pytest.mark.django_db
def test_session_authentication_csrf_token_missing(stock_errors, applicant):
    # A frontend logged in through the admin or a session login, then POSTs without X-CSRFToken.
    request = APIRequestFactory(enforce_csrf_checks=True).post("/api/apply/", {}, format="json")
    request.user = applicant  # what AuthenticationMiddleware sets from the session
    request.COOKIES["csrftoken"] = _get_new_csrf_string()
    response = SessionOnlyApply.as_view()(request)
    response.render()
    assert response.status_code == 403
    assert_reproduces(body(response), "drf/csrf-failed-token-missing")


class JobLinkSerializer(serializers.ModelSerializer):
    company = serializers.HyperlinkedRelatedField(view_name="companies-detail", read_only=True)

    class Meta:
        model = Job
        fields = ["id", "title", "company"]


@pytest.mark.django_db
def test_hyperlinked_view_name(job, rf):
    # The router registered basename="company", so the route is "company-detail".
    serializer = JobLinkSerializer(job, context={"request": rf.get("/api/jobs/")})
    with pytest.raises(ImproperlyConfigured) as exc:
        serializer.data
    assert_reproduces(str(exc.value), "drf/hyperlinked-view-name")


class JobsWithoutSerializer(generics.ListAPIView):
    queryset = Job.objects.all()  # no serializer_class


@pytest.mark.django_db
def test_view_without_serializer_class():
    with pytest.raises(AssertionError) as exc:
        JobsWithoutSerializer.as_view()(APIRequestFactory().get("/api/jobs/"))
    assert_reproduces(str(exc.value), "drf/serializer-class-missing")


def test_field_name_not_valid_for_model():
    class JobSalarySerializer(serializers.ModelSerializer):
        class Meta:
            model = Job
            fields = ["id", "title", "salary"]  # the model has salary_min and salary_max

    with pytest.raises(ImproperlyConfigured) as exc:
        JobSalarySerializer().fields
    assert_reproduces(str(exc.value), "drf/field-name-not-valid")


@pytest.mark.django_db
def test_queryset_serialized_without_many(company):
    with pytest.raises(AttributeError) as exc:
        CompanySerializer(Company.objects.all()).data   # a list, but no many=True
    assert_reproduces(printed(exc.value), "drf/got-attributeerror")
    assert CompanySerializer(Company.objects.all(), many=True).data[0]["name"] == company.name   # the fix


def test_declared_field_missing_from_meta_fields():
    class JobSerializer(serializers.ModelSerializer):
        applicant_count = serializers.SerializerMethodField()

        class Meta:
            model = Job
            fields = ["id", "title"]   # applicant_count is not listed

        def get_applicant_count(self, obj):
            return 0

    with pytest.raises(AssertionError) as exc:
        JobSerializer().fields
    assert_reproduces(printed(exc.value), "drf/declared-field-not-in-fields")

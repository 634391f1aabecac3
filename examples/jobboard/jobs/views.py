from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.permissions import (
    IsApplicant,
    IsApplicationOwnerOrRecruiter,
    IsCompanyOwner,
    IsRecruiter,
)
from core.exceptions import ConflictError

from .cache import get_job_list
from .filters import JobFilter
from .models import Application, Company, Job
from .serializers import (
    ApplicationSerializer,
    ApplicationStatusSerializer,
    ApplyToJobSerializer,
    CompanySerializer,
    JobSerializer,
)


def apply_rate(group, request) -> str:
    """Read the limit at request time so tests and deployments can change it."""
    return settings.RATELIMIT_APPLY


class CompanyViewSet(viewsets.ModelViewSet):
    """Companies: anyone reads, recruiters create, owners edit."""

    queryset = Company.objects.select_related("owner")
    serializer_class = CompanySerializer
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]
    filterset_fields = ["owner"]

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        if self.action == "create":
            return [permissions.IsAuthenticated(), IsRecruiter()]
        return [permissions.IsAuthenticated(), IsRecruiter(), IsCompanyOwner()]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


# --8<-- [start:job-viewset]
class JobViewSet(viewsets.ModelViewSet):
    """Job posts: anyone reads, recruiters create, only the company owner edits."""

    serializer_class = JobSerializer
    filterset_class = JobFilter  # ?status=open&min_salary=50000
    search_fields = ["title", "description", "company__name", "location"]  # ?search=python
    ordering_fields = ["created_at", "salary_min", "salary_max", "title"]  # ?ordering=-salary_max
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        # select_related joins the company in the same query: no N+1 in the list.
        queryset = Job.objects.select_related("company")
        user = self.request.user
        if user.is_authenticated:  # owners also see their own drafts
            return queryset.filter(~Q(status=Job.Status.DRAFT) | Q(company__owner=user))
        return queryset.exclude(status=Job.Status.DRAFT)

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        if self.action == "create":
            return [permissions.IsAuthenticated(), IsRecruiter()]
        if self.action == "apply":
            return [permissions.IsAuthenticated(), IsApplicant()]
        return [permissions.IsAuthenticated(), IsRecruiter(), IsCompanyOwner()]

    def list(self, request, *args, **kwargs):
        if request.user.is_authenticated:  # personalised lists are not shared
            return super().list(request, *args, **kwargs)
        # Anonymous lists are the same for everybody: serve them cache-aside.
        data = get_job_list(
            request.get_full_path(), lambda: super(JobViewSet, self).list(request, *args, **kwargs).data
        )
        return Response(data)
# --8<-- [end:job-viewset]

    # --8<-- [start:ratelimited-apply]
    @extend_schema(request=ApplyToJobSerializer, responses={201: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    @method_decorator(ratelimit(key="user_or_ip", rate=apply_rate, method="POST", group="apply"))
    def apply(self, request, pk=None):
        """POST /api/jobs/{id}/apply/ - at most RATELIMIT_APPLY (5/m) per user or IP.

        block=True is the default: over the limit the decorator raises
        Ratelimited, and core.exceptions turns it into a 429 response.
        """
        job = self.get_object()
        body = ApplyToJobSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        serializer = ApplicationSerializer(
            data={"job": job.pk, **body.validated_data}, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        application = create_application(serializer, request.user)
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)
    # --8<-- [end:ratelimited-apply]


def create_application(serializer: ApplicationSerializer, user) -> Application:
    """Save an application; a second one for the same job is a 409 Conflict."""
    job = serializer.validated_data["job"]
    if Application.objects.filter(job=job, applicant=user).exists():
        raise ConflictError("You have already applied to this job.")
    try:
        with transaction.atomic():  # savepoint: keep the outer transaction usable
            return serializer.save(applicant=user)
    except IntegrityError:  # two requests raced past the exists() check
        raise ConflictError("You have already applied to this job.") from None


# --8<-- [start:application-viewset]
class ApplicationViewSet(viewsets.ModelViewSet):
    """Applicants apply and see their own applications; recruiters see the ones to their jobs."""

    serializer_class = ApplicationSerializer
    filterset_fields = ["status", "job"]
    ordering_fields = ["created_at", "status"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        queryset = Application.objects.select_related("job__company", "applicant")
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return queryset.none()  # schema generation has no real user
        # Rows you may not see do not exist for you: a 404, not a 403, so ids don't leak.
        return queryset.filter(Q(applicant=user) | Q(job__company__owner=user))

    def get_permissions(self):
        if self.action == "create":
            return [permissions.IsAuthenticated(), IsApplicant()]
        if self.action == "partial_update":
            return [permissions.IsAuthenticated(), IsRecruiter(), IsApplicationOwnerOrRecruiter()]
        return [permissions.IsAuthenticated(), IsApplicationOwnerOrRecruiter()]

    def get_serializer_class(self):
        if self.action == "partial_update":
            return ApplicationStatusSerializer
        return ApplicationSerializer

    @method_decorator(ratelimit(key="user_or_ip", rate=apply_rate, method="POST", group="apply"))
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = create_application(serializer, request.user)
        return Response(self.get_serializer(application).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        application = self.get_object()
        if application.applicant_id != request.user.id:
            self.permission_denied(request, message="Only the applicant can withdraw.")
        return super().destroy(request, *args, **kwargs)
# --8<-- [end:application-viewset]

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import extend_schema_view
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
from core.schema import operation

from .cache import get_job_list
from .filters import ApplicationFilter, CompanyFilter, JobFilter
from .limits import APPLY_LIMIT
from .models import Application, Company, Job
from .serializers import (
    ApplicationSerializer,
    ApplicationStatusSerializer,
    ApplyToJobSerializer,
    CompanySerializer,
    JobSerializer,
)

# Error codes only these operations' own code raises (core.schema.operation); the rest of each
# operation's errors are read from its view when the contract is generated.
TAKEN = {409: ["conflict"]}   # a company name that another company has
APPLY = {409: ["conflict"], 429: ["rate_limited"]}   # applied already; jobs/limits.py
# The router's default id pattern ([^/.]+) leaves /api/jobs/1.5/ to Django's URL resolver, whose
# 404 is an HTML page while DEBUG is on. Any segment reaches the view, which answers in JSON.
ANY_ID = "[^/]+"


@extend_schema_view(
    list=operation("List companies", "Every company, 10 a page. Public: no token needed. "
                   "`?search=` matches the name; `?ordering=name` or `-created_at` sorts.",
                   {200: CompanySerializer}),
    create=operation("Create a company", "The signed-in recruiter becomes its owner. Needs a JWT "
                     "of a user with the recruiter role.", {201: CompanySerializer}, raises=TAKEN),
    retrieve=operation("Get a company", "One company by id. Public.", {200: CompanySerializer}),
    update=operation("Replace a company", "Only its owner (a recruiter) may change it.",
                     {200: CompanySerializer}, raises=TAKEN),
    partial_update=operation("Update a company", "Change some fields. Only its owner may change it.",
                             {200: CompanySerializer}, raises=TAKEN),
    destroy=operation("Delete a company", "Only its owner may delete it; its jobs go with it.",
                      {204: None}),
)
class CompanyViewSet(viewsets.ModelViewSet):
    """Companies: anyone reads, recruiters create, owners edit."""

    queryset = Company.objects.select_related("owner")
    serializer_class = CompanySerializer
    lookup_value_regex = ANY_ID
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]
    filterset_class = CompanyFilter  # ?owner=<user id>

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        if self.action == "create":
            return [permissions.IsAuthenticated(), IsRecruiter()]
        return [permissions.IsAuthenticated(), IsRecruiter(), IsCompanyOwner()]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


@extend_schema_view(
    list=operation("List jobs", "Open and closed jobs, newest first, 10 a page (`?page=2`). Public; "
                   "a signed-in company owner also sees their drafts. Filters: `?status=open`, "
                   "`?min_salary=`, `?employment_type=`, `?posted_after=2026-01-31`, `?company=`; "
                   "`?search=python` matches title, description, company and location; "
                   "`?ordering=-salary_max`. Anonymous lists are cached for a short time.",
                   {200: JobSerializer}),
    create=operation("Post a job", "A recruiter posts a job for a company they own.",
                     {201: JobSerializer}),
    retrieve=operation("Get a job", "One job by id. Drafts are visible to their company's owner only.",
                       {200: JobSerializer}),
    update=operation("Replace a job", "Only the owner of the job's company may change it.",
                     {200: JobSerializer}),
    partial_update=operation("Update a job", "Change some fields, e.g. `{\"status\": \"closed\"}`. "
                             "Only the owner of the job's company may change it.",
                             {200: JobSerializer}),
    destroy=operation("Delete a job", "Only the owner of the job's company may delete it.",
                      {204: None}),
    apply=operation("Apply to a job", "An applicant applies with an optional cover letter. Rate-limited "
                    "per user or IP (5 a minute by default); a second application to the same job is a 409.",
                    {201: ApplicationSerializer}, raises=APPLY, request=ApplyToJobSerializer),
)
# --8<-- [start:job-viewset]
class JobViewSet(viewsets.ModelViewSet):
    """Job posts: anyone reads, recruiters create, only the company owner edits."""

    serializer_class = JobSerializer
    lookup_value_regex = ANY_ID
    filterset_class = JobFilter  # ?status=open&min_salary=50000
    search_fields = ["title", "description", "company__name", "location"]  # ?search=python
    ordering_fields = ["created_at", "salary_min", "salary_max", "title"]  # ?ordering=-salary_max
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        # select_related joins the company in the same query: no N+1 in the list.
        # visible_to(): owners also see their own drafts; nobody else does.
        return Job.objects.select_related("company").visible_to(self.request.user)

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
    @action(detail=True, methods=["post"])
    @method_decorator(ratelimit(**APPLY_LIMIT))
    def apply(self, request, pk=None):
        """POST /api/jobs/{id}/apply/ - at most RATELIMIT_APPLY (5/m) per user or IP, counted
        together with POST /api/applications/ and GraphQL's applyToJob (jobs/limits.py).

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


@extend_schema_view(
    list=operation("List applications", "An applicant sees their own applications; a recruiter sees "
                   "the applications to their companies' jobs. Filters: `?status=`, `?job=`.",
                   {200: ApplicationSerializer}),
    create=operation("Apply (by job id)", "The same as `POST /api/jobs/{id}/apply/`, with the job in the "
                     "body. Applicants only; rate-limited; a duplicate is a 409.",
                     {201: ApplicationSerializer},
                     raises=APPLY),
    retrieve=operation("Get an application", "Visible to its applicant and to the job's recruiter; "
                       "anyone else gets 404, so ids don't leak.", {200: ApplicationSerializer}),
    partial_update=operation("Change an application's status", "The recruiter who owns the job moves it "
                             "to `reviewed`, `accepted` or `rejected`.", {200: ApplicationStatusSerializer},
                             ),
    destroy=operation("Withdraw an application", "Only the applicant may withdraw it.",
                      {204: None}),
)
# --8<-- [start:application-viewset]
class ApplicationViewSet(viewsets.ModelViewSet):
    """Applicants apply and see their own applications; recruiters see the ones to their jobs."""

    serializer_class = ApplicationSerializer
    lookup_value_regex = ANY_ID
    filterset_class = ApplicationFilter  # ?status=accepted&job=3
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

    @method_decorator(ratelimit(**APPLY_LIMIT))
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

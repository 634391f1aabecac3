"""GraphQL API (graphene-django) at /graphql/.

GraphQL lets the client pick fields, which avoids over- and under-fetching.
It is not faster by itself: a nested field such as job.company runs one query
per row unless the resolver prepares the data (the N+1 problem below).
"""
import graphene
from django.db.models import Prefetch
from django_ratelimit.exceptions import Ratelimited
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from core.exceptions import retry_after_seconds

from .limits import APPLY_LIMIT, check_limit
from .models import Application, Company, Job


# Every list is a page: at most MAX_PAGE_SIZE items, DEFAULT_PAGE_SIZE when `first` is left out.
# jobs/graphql_limits.py prices a query with the same numbers before it runs.
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 50


def page_arguments() -> dict:
    return {"first": graphene.Int(default_value=DEFAULT_PAGE_SIZE,
                                  description=f"How many items, 1 to {MAX_PAGE_SIZE}."),
            "offset": graphene.Int(default_value=0, description="How many items to skip.")}


def page(queryset, first: int, offset: int):
    if not 1 <= first <= MAX_PAGE_SIZE or offset < 0:
        raise GraphQLError(f"first must be 1 to {MAX_PAGE_SIZE} and offset 0 or more.",
                           extensions={"code": "validation_error"})
    return queryset[offset:offset + first]


# --8<-- [start:graphql-types]
class CompanyType(DjangoObjectType):
    # Open jobs only: drafts and closed posts stay private, as in the REST API.
    jobs = graphene.List(graphene.NonNull(lambda: JobType), **page_arguments())

    class Meta:
        model = Company
        fields = ("id", "name", "website", "jobs")

    def resolve_jobs(company, info, first, offset):
        if hasattr(company, "open_jobs"):  # filled by the prefetch in Query.resolve_companies
            return page(company.open_jobs, first, offset)
        return page(company.jobs.filter(status=Job.Status.OPEN), first, offset)


class JobType(DjangoObjectType):
    class Meta:
        model = Job
        fields = (
            "id", "title", "slug", "description", "location", "is_remote",
            "employment_type", "salary_min", "salary_max", "status", "created_at", "company",
        )


class ApplicationType(DjangoObjectType):
    class Meta:
        model = Application
        fields = ("id", "job", "cover_letter", "status", "created_at")
# --8<-- [end:graphql-types]


class Query(graphene.ObjectType):
    # --8<-- [start:graphql-query-optimized]
    jobs = graphene.List(graphene.NonNull(JobType), search=graphene.String(), **page_arguments())
    companies = graphene.List(graphene.NonNull(CompanyType), **page_arguments())

    def resolve_jobs(root, info, first, offset, search=None):
        # select_related adds a SQL JOIN: the companies arrive with the jobs,
        # so the query count stays at 1 however many jobs there are.
        queryset = Job.objects.filter(status=Job.Status.OPEN).select_related("company")
        if search:
            queryset = queryset.filter(title__icontains=search)
        return page(queryset, first, offset)

    def resolve_companies(root, info, first, offset):
        # Reverse foreign keys (company.jobs) need prefetch_related: one extra
        # query for the open jobs of all companies, not one per company.
        open_jobs = Job.objects.filter(status=Job.Status.OPEN)
        return page(Company.objects.prefetch_related(Prefetch("jobs", open_jobs, to_attr="open_jobs")),
                    first, offset)
    # --8<-- [end:graphql-query-optimized]


class NaiveQuery(Query):
    """The public schema plus a deliberately slow field, for the N+1 demo and its tests only."""

    # --8<-- [start:graphql-query-naive]
    jobs_naive = graphene.List(graphene.NonNull(JobType), description="N+1 demo: do not copy.")

    def resolve_jobs_naive(root, info):
        # One query for the jobs. Then, for `jobs { company { name } }`,
        # graphene reads job.company on every row: one more query per job.
        # 50 jobs -> 51 queries.
        return Job.objects.filter(status=Job.Status.OPEN)
    # --8<-- [end:graphql-query-naive]


# --8<-- [start:graphql-mutation]
class ApplyToJob(graphene.Mutation):
    """mutation { applyToJob(jobId: 1, coverLetter: "...") { application { id status } } }"""

    class Arguments:
        job_id = graphene.ID(required=True)
        cover_letter = graphene.String(default_value="")

    application = graphene.Field(ApplicationType)

    def mutate(root, info, job_id, cover_letter=""):
        user = info.context.user  # set from the JWT by jobs.graphql_view
        if not user.is_authenticated:
            raise GraphQLError("Authentication required.", extensions={"code": "not_authenticated"})
        if user.role != "applicant":
            raise GraphQLError("Only applicants can apply.", extensions={"code": "permission_denied"})
        try:  # the same counter as the REST endpoints: one limit for applying, however you apply
            check_limit(info.context, APPLY_LIMIT)
        except Ratelimited:
            raise GraphQLError("Too many requests. Slow down and try again later.", extensions={
                "code": "rate_limited", "retry_after_seconds": retry_after_seconds()}) from None
        job = Job.objects.visible_to(user).filter(pk=job_id, status=Job.Status.OPEN).first()
        if job is None:
            raise GraphQLError("Job not found.", extensions={"code": "not_found"})
        application, created = Application.objects.get_or_create(
            job=job, applicant=user, defaults={"cover_letter": cover_letter[:5000]}
        )
        if not created:
            raise GraphQLError("You have already applied.", extensions={"code": "conflict"})
        return ApplyToJob(application=application)


class Mutation(graphene.ObjectType):
    apply_to_job = ApplyToJob.Field()
# --8<-- [end:graphql-mutation]


schema = graphene.Schema(query=Query, mutation=Mutation)  # served at /graphql/
demo_schema = graphene.Schema(query=NaiveQuery)  # never served: tests and docs only

import django_filters
import django_filters.rest_framework

from .models import Job


# --8<-- [start:job-filter]
class JobFilter(django_filters.rest_framework.FilterSet):  # DRF-friendly widgets (true/false)
    """Query-string filters for /api/jobs/, e.g. ?status=open&min_salary=50000&remote=true."""

    # "Pays at least X": the top of the range reaches X.
    min_salary = django_filters.NumberFilter(field_name="salary_max", lookup_expr="gte")
    # "Starts at most at X": the bottom of the range is X or less.
    max_salary = django_filters.NumberFilter(field_name="salary_min", lookup_expr="lte")
    location = django_filters.CharFilter(lookup_expr="icontains")
    remote = django_filters.BooleanFilter(field_name="is_remote")
    company = django_filters.NumberFilter(field_name="company_id")
    posted_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = Job
        fields = ["status", "employment_type"]
# --8<-- [end:job-filter]

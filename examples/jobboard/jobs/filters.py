import datetime
import re

import django_filters
import django_filters.rest_framework
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import SALARY_LIMIT, Application, Job

ID_MAX = 2**63 - 1  # the largest id a database column can hold (BigAutoField)


# Why these two classes: django-filter's NumberFilter reads any decimal (1e50 reached the database
# and crashed it), and its BooleanFilter ignores a value it can't read instead of refusing it.
# Each form field below refuses what the contract does not allow, with a 400, and the contract
# shows the same bounds (drf-spectacular reads them from the form field).
@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number a database id can be. An unknown id matches nothing."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=ID_MAX, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": SALARY_LIMIT})
class SalaryFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=SALARY_LIMIT, **kwargs)


class StrictBooleanField(forms.Field):
    """`true` or `false`, as the contract's boolean query parameters are written; else a 400."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value not in ("true", "false"):
            raise forms.ValidationError("Use true or false.", code="invalid")
        return value == "true"


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictDateField(forms.DateField):
    """A calendar date written YYYY-MM-DD, the contract's `format: date`, and nothing else
    (Django's DateField also reads 01/31/2026 and "Jan 31 2026")."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise forms.ValidationError("Use a date written YYYY-MM-DD.", code="invalid")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError("Use a date that exists.", code="invalid") from None


@extend_schema_field(OpenApiTypes.DATE)
class PostedAfterFilter(django_filters.DateFilter):
    field_class = StrictDateField


class ContractFilterSet(django_filters.rest_framework.FilterSet):
    """django-filter skips a parameter sent empty (?company=); the contract has no empty id,
    number, date or choice, so such a parameter is refused with a 400 instead of ignored.
    Free-text filters (CharFilter) may be empty."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if self.data.get(name) == "" and not isinstance(declared, django_filters.CharFilter):
                self.form.add_error(name, "Give a value, or leave the parameter out.")
        return valid and not self.form.errors


# --8<-- [start:job-filter]
class JobFilter(ContractFilterSet):  # DRF-friendly widgets (true/false)
    """Query-string filters for /api/jobs/, e.g. ?status=open&min_salary=50000&remote=true."""

    # "Pays at least X": the top of the range reaches X.
    min_salary = SalaryFilter(field_name="salary_max", lookup_expr="gte")
    # "Starts at most at X": the bottom of the range is X or less.
    max_salary = SalaryFilter(field_name="salary_min", lookup_expr="lte")
    location = django_filters.CharFilter(lookup_expr="icontains")
    remote = StrictBooleanFilter(field_name="is_remote")
    company = IdFilter(field_name="company_id")
    posted_after = PostedAfterFilter(field_name="created_at", lookup_expr="date__gte")  # 2026-01-31

    class Meta:
        model = Job
        fields = ["status", "employment_type"]
# --8<-- [end:job-filter]


class CompanyFilter(ContractFilterSet):
    """?owner=<user id>: an id that is no one's lists no companies (not a 400)."""

    owner = IdFilter(field_name="owner_id")


class ApplicationFilter(ContractFilterSet):
    job = IdFilter(field_name="job_id")

    class Meta:
        model = Application
        fields = ["status"]

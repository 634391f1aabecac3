"""Filtering a list by query parameters (docs/howto/drf.md#drf-filter-query-params)."""
import django_filters

from .models import Note


# --8<-- [start:note-filter]
class NoteFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")              # ?title=django
    min_priority = django_filters.NumberFilter(field_name="priority", lookup_expr="gte")  # ?min_priority=2
    owner = django_filters.CharFilter(field_name="owner__username")        # ?owner=abel
    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")

    class Meta:
        model = Note
        fields = ["status"]                                                # ?status=published
# --8<-- [end:note-filter]


# --8<-- [start:in-filter]
class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """One parameter, comma-separated numbers: ?id__in=3,5,8"""


class NoteBrowseFilter(django_filters.FilterSet):
    id__in = NumberInFilter(field_name="id", lookup_expr="in")                 # ?id__in=3,5,8
    status = django_filters.MultipleChoiceFilter(choices=Note.Status.choices)  # ?status=draft&status=published

    class Meta:
        model = Note
        fields = []  # only the filters declared above
# --8<-- [end:in-filter]

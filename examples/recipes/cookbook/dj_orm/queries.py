"""The ORM recipes' queries (docs/howto/django-orm.md); tests/test_django_orm.py runs each one."""
from datetime import timedelta

from django.db import transaction
from django.db.models import Avg, Count, F, ProtectedError, Q, Sum

from .models import Company, Hire, Opening, Posting


# --8<-- [start:group-by]
def openings_per_city():
    """SELECT city, COUNT(id), AVG(salary) FROM opening GROUP BY city ORDER BY city"""
    return (Opening.objects
            .values("city")                       # the GROUP BY columns
            .annotate(n=Count("id"), avg_salary=Avg("salary"))
            .order_by("city"))                    # a grouped column: any other splits groups


def companies_with_open_count():
    """One object per company, with a count of its open openings (0 included)."""
    return Company.objects.annotate(
        open_count=Count("openings", filter=Q(openings__status=Opening.Status.OPEN)),
    ).order_by("name")


def total_payroll():
    """aggregate() returns one dict for the whole queryset, not a queryset."""
    return Opening.objects.aggregate(total=Sum("salary"), n=Count("id"))
# --8<-- [end:group-by]


# --8<-- [start:or-filter]
def search_openings(term, city=None):
    """Title OR company name matches; AND (optionally) the city. ~Q() would negate."""
    condition = Q(title__icontains=term) | Q(company__name__icontains=term)
    if city:
        condition &= Q(city__iexact=city)
    return Opening.objects.filter(condition).exclude(status=Opening.Status.CLOSED)
# --8<-- [end:or-filter]


# --8<-- [start:increment]
def record_view(opening_id):
    """UPDATE opening SET views = views + 1 WHERE id = ...: the database adds, so two
    requests at the same moment both count."""
    return Opening.objects.filter(pk=opening_id).update(views=F("views") + 1)


def record_view_on_instance(opening):
    opening.views = F("views") + 1
    opening.save(update_fields=["views"])
    opening.refresh_from_db(fields=["views"])  # the attribute holds an F() until reloaded
    return opening.views
# --8<-- [end:increment]


# --8<-- [start:atomic]
def hire(opening_id, person):
    """Close the opening and record the hire: both rows change, or neither does."""
    with transaction.atomic():
        opening = Opening.objects.select_for_update().get(pk=opening_id)
        if opening.status == Opening.Status.CLOSED:
            raise ValueError("opening already closed")
        opening.status = Opening.Status.CLOSED
        opening.save(update_fields=["status"])
        Hire.objects.create(opening=opening, person=person)  # an IntegrityError here
        #                                       rolls back the status change above too
    return opening
# --8<-- [end:atomic]


# --8<-- [start:atomic-caught]
def hire_or_report(opening_id, person):
    """Catch the error OUTSIDE the atomic block, so the exception leaves the block and
    Django rolls the whole block back."""
    try:
        hire(opening_id, person)
    except ValueError as exc:
        return f"not hired: {exc}"
    return "hired"
# --8<-- [end:atomic-caught]


# --8<-- [start:f-compare]
def edited_days_later(days=1):
    """Compare two columns of the same row: WHERE updated_at > created_at + <days>.
    F() names a column, so the comparison runs in the database, row by row."""
    return Posting.objects.filter(updated_at__gt=F("created_at") + timedelta(days=days))


def with_time_to_edit():
    """F() in annotate(): a computed column; a datetime minus a datetime is a timedelta."""
    return Posting.objects.annotate(time_to_edit=F("updated_at") - F("created_at"))
# --8<-- [end:f-compare]


# --8<-- [start:protected-delete]
def delete_opening(opening):
    """Turn the PROTECT refusal into a message instead of a 500 error page."""
    try:
        opening.delete()
    except ProtectedError as exc:
        blocking = ", ".join(sorted(str(obj) for obj in exc.protected_objects))
        return f"Cannot delete {opening.title}: it still has applicants ({blocking})."
    return "deleted"
# --8<-- [end:protected-delete]

"""Everyday ORM basics (docs/howto/django-orm.md); tests/test_django_orm.py runs each one."""
import datetime

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Company, Opening


# --8<-- [start:lookups]
def openings_posted_between(first_day, last_day):
    """Both days included. __date turns the datetime into a date (in the current time zone)."""
    return Opening.objects.filter(posted_at__date__range=(first_day, last_day))


def openings_posted_on(day):
    return Opening.objects.filter(posted_at__date=day)


def openings_posted_since(moment):
    return Opening.objects.filter(posted_at__gte=moment)      # __gt, __lt, __lte too


def openings_at(company_names, min_salary=0):
    """company__name follows the ForeignKey: SQL JOIN ... WHERE company.name IN (...)."""
    return Opening.objects.filter(company__name__in=company_names, salary__gte=min_salary)


def companies_hiring_in(city):
    """Backwards over the relation: use the related_name (openings)."""
    return Company.objects.filter(openings__city__iexact=city).distinct()


def title_search(word):
    return Opening.objects.filter(title__icontains=word)      # LIKE '%word%', any case
# --8<-- [end:lookups]


# --8<-- [start:get-one]
def opening_or_none(pk):
    """get() raises when there is no row (or more than one); catch the one you expect."""
    try:
        return Opening.objects.get(pk=pk)
    except Opening.DoesNotExist:
        return None


def first_open_in(city):
    """filter() never raises; first() returns None for no rows, the lowest pk otherwise."""
    return Opening.objects.filter(city=city, status=Opening.Status.OPEN).order_by("pk").first()


def opening_for_view(pk):
    """In a view: no row becomes a 404 page instead of a 500 error."""
    return get_object_or_404(Opening, pk=pk)
# --8<-- [end:get-one]


# --8<-- [start:choices]
def closed_openings():
    return Opening.objects.filter(status=Opening.Status.CLOSED)  # not the string "closed"


def status_labels():
    """[("open", "Open"), ("closed", "Closed")]: what a form's <select> offers."""
    return Opening.Status.choices
# --8<-- [end:choices]


# --8<-- [start:exists-count]
def city_has_openings(city):
    return Opening.objects.filter(city=city).exists()   # SELECT 1 ... LIMIT 1


def open_count(city):
    return Opening.objects.filter(city=city, status="open").count()  # SELECT COUNT(*)
# --8<-- [end:exists-count]


# --8<-- [start:values]
def titles():
    """A flat list of one column: ["Data engineer", ...]."""
    return list(Opening.objects.order_by("title").values_list("title", flat=True))


def title_and_city_rows():
    """Tuples: [("Data engineer", "Addis Ababa"), ...]."""
    return list(Opening.objects.order_by("title").values_list("title", "city"))


def title_and_company_dicts():
    """Dicts, and a related field by its lookup name: [{"title": ..., "company__name": ...}]."""
    return list(Opening.objects.order_by("title").values("title", "company__name"))
# --8<-- [end:values]


# --8<-- [start:random]
def random_opening():
    """ORDER BY RANDOM() LIMIT 1: fine for small tables, sorts the whole table on big ones."""
    return Opening.objects.order_by("?").first()


def random_openings(n):
    return list(Opening.objects.order_by("?")[:n])
# --8<-- [end:random]


# --8<-- [start:update-or-create]
def save_opening(company, title, salary):
    """Looks up by company and title; changes the salary if found, else creates the row."""
    opening, created = Opening.objects.update_or_create(
        company=company, title=title,                  # the lookup: which row
        defaults={"salary": salary},                   # written when the row exists
        create_defaults={"salary": salary, "city": "Remote"},  # Django 5.0+: used instead on create
    )
    return opening, created
# --8<-- [end:update-or-create]


# --8<-- [start:aware-datetime]
def posted_today_start():
    """Aware datetimes: timezone.now(), or make_aware() on a naive one."""
    now = timezone.now()                                       # not datetime.now()
    midnight = datetime.datetime.combine(now.date(), datetime.time.min)
    return timezone.make_aware(midnight)                       # in settings.TIME_ZONE
# --8<-- [end:aware-datetime]

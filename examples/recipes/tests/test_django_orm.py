"""Runs the code of docs/howto/django-orm.md (and the stale-data symptom entry)."""
import importlib
import shutil
import sys
from decimal import Decimal
from io import StringIO

import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.models import OuterRef, Subquery
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cookbook.dj_orm import queries
from cookbook.dj_orm.models import Company, Hire, Opening

APP = "cookbook_dj_migrations"


@pytest.fixture
def openings(db):
    acme = Company.objects.create(name="Acme")
    zemen = Company.objects.create(name="Zemen Python Labs")
    rows = [
        Opening(company=acme, title="Django developer", city="Addis Ababa", salary=Decimal("3000")),
        Opening(company=acme, title="Data engineer", city="Addis Ababa", salary=Decimal("5000")),
        Opening(company=zemen, title="Backend intern", city="Nairobi", salary=Decimal("1000"),
                status=Opening.Status.CLOSED),
    ]
    Opening.objects.bulk_create(rows)
    Company.objects.create(name="Quiet Ltd")  # no openings at all
    return {o.title: o for o in Opening.objects.all()}


# --- GROUP BY with values() and annotate() ---------------------------------------------------

def test_group_by_city(openings):
    assert list(queries.openings_per_city()) == [
        {"city": "Addis Ababa", "n": 2, "avg_salary": Decimal("4000")},
        {"city": "Nairobi", "n": 1, "avg_salary": Decimal("1000")},
    ]
    sql = str(queries.openings_per_city().query)
    assert "GROUP BY" in sql and "COUNT(" in sql


def test_annotate_keeps_objects_and_counts_with_a_filter(openings):
    counts = {c.name: c.open_count for c in queries.companies_with_open_count()}
    assert counts == {"Acme": 2, "Quiet Ltd": 0, "Zemen Python Labs": 0}
    assert queries.total_payroll() == {"total": Decimal("9000"), "n": 3}


# --- OR with Q objects -----------------------------------------------------------------------

def test_or_filter_with_q(openings):
    titles = sorted(o.title for o in queries.search_openings("python"))
    assert titles == []  # Zemen's only opening is closed, and excluded
    titles = sorted(o.title for o in queries.search_openings("acme"))
    assert titles == ["Data engineer", "Django developer"]
    titles = [o.title for o in queries.search_openings("developer", city="addis ababa")]
    assert titles == ["Django developer"]
    assert " OR " in str(queries.search_openings("x").query)


# --- Increment with F() ----------------------------------------------------------------------

def test_increment_with_f_is_done_by_the_database(openings):
    opening = openings["Django developer"]
    stale_copy = Opening.objects.get(pk=opening.pk)   # another request's copy, views=0
    assert queries.record_view(opening.pk) == 1
    assert queries.record_view(opening.pk) == 1
    assert queries.record_view_on_instance(stale_copy) == 3  # not 1: nothing was lost


def test_read_modify_save_loses_an_update(openings):
    """Why F() exists: two copies read 0, both save 1."""
    first = Opening.objects.get(title="Data engineer")
    second = Opening.objects.get(title="Data engineer")
    for copy in (first, second):
        copy.views += 1
        copy.save()
    assert Opening.objects.get(title="Data engineer").views == 1


# --- A transaction with atomic() -------------------------------------------------------------

def test_atomic_commits_both_writes(openings):
    opening = queries.hire(openings["Django developer"].pk, "Abebe")
    assert opening.status == "closed"
    assert Hire.objects.get(opening=opening).person == "Abebe"
    assert queries.hire_or_report(opening.pk, "Someone") == "not hired: opening already closed"


def test_atomic_rolls_back_the_first_write_when_the_second_fails(openings):
    opening = openings["Data engineer"]
    Hire.objects.create(opening=opening, person="Earlier")  # makes the INSERT in hire() fail
    with pytest.raises(IntegrityError):
        queries.hire(opening.pk, "Later")
    opening.refresh_from_db()
    assert opening.status == "open"  # the UPDATE inside the same atomic block was undone


def test_catching_the_error_inside_atomic_breaks_the_block(openings):
    """The recipe's pitfall: the caught IntegrityError leaves the transaction broken, the next
    query is refused, and the whole block is rolled back at its end; a nested atomic() (a
    savepoint) undoes only the failed part."""
    from django.db import transaction
    from django.db.transaction import TransactionManagementError
    opening = openings["Data engineer"]
    Hire.objects.create(opening=opening, person="Earlier")
    with transaction.atomic():
        Opening.objects.filter(pk=opening.pk).update(title="Renamed")
        try:
            Hire.objects.create(opening=opening, person="Later")
        except IntegrityError:
            pass                                   # caught inside: Django still knows
        with pytest.raises(TransactionManagementError, match="until the end of the 'atomic' block"):
            Opening.objects.count()
    assert Opening.objects.get(pk=opening.pk).title == "Data engineer"  # rolled back anyway

    with transaction.atomic():
        Opening.objects.filter(pk=opening.pk).update(title="Renamed")
        try:
            with transaction.atomic():             # a savepoint around the risky part only
                Hire.objects.create(opening=opening, person="Later")
        except IntegrityError:
            pass
        assert Opening.objects.count() == 3        # the transaction is still usable
    assert Opening.objects.get(pk=opening.pk).title == "Renamed"  # the rest was committed


# --- Stale data: refresh_from_db() (troubleshooting/django.md) --------------------------------

def test_instance_keeps_old_values_until_refreshed(openings):
    opening = openings["Django developer"]
    Opening.objects.filter(pk=opening.pk).update(title="Senior Django developer")
    assert opening.title == "Django developer"       # the Python object is a copy
    opening.refresh_from_db()
    assert opening.title == "Senior Django developer"
    queries.record_view(opening.pk)                   # an UPDATE through the queryset
    assert opening.views == 0
    opening.refresh_from_db(fields=["views"])
    assert opening.views == 1


def test_evaluated_queryset_is_a_cache(openings):
    qs = Opening.objects.filter(status="open")
    assert len(qs) == 2                              # evaluated: the rows are cached in qs
    Opening.objects.filter(status="open").update(status="closed")
    assert len(qs) == 2                              # same cache, old data
    assert Opening.objects.filter(status="open").count() == 0  # a new query sees the change


# --- A data migration with RunPython ---------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_data_migration_fills_the_new_field_and_can_be_reversed():
    executor = MigrationExecutor(connection)
    executor.migrate([(APP, "0002_candidate_full_name")])
    Candidate = executor.loader.project_state((APP, "0002_candidate_full_name")).apps.get_model(APP, "Candidate")
    Candidate.objects.create(first_name="Ada", last_name="Lovelace")
    Candidate.objects.create(first_name="Alan", last_name="Turing")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([(APP, "0003_fill_full_name")])
    Candidate = executor.loader.project_state((APP, "0003_fill_full_name")).apps.get_model(APP, "Candidate")
    assert sorted(Candidate.objects.values_list("full_name", flat=True)) == ["Ada Lovelace", "Alan Turing"]

    executor = MigrationExecutor(connection)
    executor.migrate([(APP, "0002_candidate_full_name")])  # the reverse function runs
    assert set(Candidate.objects.values_list("full_name", flat=True)) == {""}
    MigrationExecutor(connection).migrate([(APP, "0003_fill_full_name")])


# --- Squash migrations -----------------------------------------------------------------------

@pytest.fixture
def migrations_copy(tmp_path, monkeypatch):
    """A copy of the app's migrations package, so squashing writes a file there, not in Git."""
    source = importlib.import_module("cookbook.dj_migrations.migrations").__path__[0]
    shutil.copytree(source, tmp_path / "dj_migrations_copy", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.syspath_prepend(str(tmp_path))
    with override_settings(MIGRATION_MODULES={APP: "dj_migrations_copy"}):
        yield tmp_path / "dj_migrations_copy"
    for name in [m for m in sys.modules if m.startswith("dj_migrations_copy")]:
        del sys.modules[name]


@pytest.mark.django_db
def test_squashmigrations_writes_one_migration_that_replaces_the_old_ones(migrations_copy):
    call_command("squashmigrations", APP, "0002", "--noinput", verbosity=0)
    squashed = migrations_copy / "0001_squashed_0002_candidate_full_name.py"
    text = squashed.read_text()
    assert "replaces = [" in text and "0002_candidate_full_name" in text
    loader = MigrationLoader(connection)
    assert (APP, "0001_squashed_0002_candidate_full_name") in loader.replacements
    # The old files are applied here, so Django counts the squashed one as applied too.
    assert (APP, "0001_squashed_0002_candidate_full_name") in loader.applied_migrations
    assert loader.graph.leaf_nodes(APP) == [(APP, "0003_fill_full_name")]
    # The recipe's last check: the squashed history still matches models.py.
    out = StringIO()
    call_command("makemigrations", APP, "--check", "--dry-run", stdout=out)  # exits 1 on changes
    assert "No changes detected" in out.getvalue()


def test_squash_script_on_a_fresh_database(tmp_path):
    """The recipe's commands, in a throw-away project whose migrations package is a copy."""
    import os
    import subprocess
    from pathlib import Path
    recipes = Path(__file__).resolve().parents[1]
    source = recipes / "cookbook" / "dj_migrations" / "migrations"
    shutil.copytree(source, tmp_path / "dj_migrations_copy", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "squash_settings.py").write_text(
        "from recipes_site.settings import *  # noqa: F403\n"
        f"MIGRATION_MODULES = {{{APP!r}: 'dj_migrations_copy'}}\n")
    (tmp_path / "manage.py").write_text(
        "import os, sys\n"
        f"sys.path[:0] = [{str(tmp_path)!r}, {str(recipes)!r}]\n"
        "if sys.argv[1:2] == ['migrate']:\n"
        "    sys.argv.append('--run-syncdb')  # the other recipe apps have no migration files\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'squash_settings'\n"
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(sys.argv)\n")
    env = {**os.environ, "PYTHON": sys.executable, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    out = subprocess.run([recipes / "cookbook" / "dj_migrations" / "squash.sh"], cwd=tmp_path, env=env,
                         check=True, capture_output=True, text=True).stdout
    assert (tmp_path / "dj_migrations_copy" / "0001_squashed_0002_candidate_full_name.py").is_file()
    assert "Applying cookbook_dj_migrations.0001_squashed_0002_candidate_full_name... OK" in out
    assert "[X] 0001_squashed_0002_candidate_full_name (2 squashed migrations)" in out
    assert "[X] 0003_fill_full_name" in out


# --- Big tables: keyset pages, upserts, latest row per group (cookbook/dj_scale) -------------

from datetime import datetime, timedelta, timezone as dt_timezone  # noqa: E402

from django.core.exceptions import FieldError  # noqa: E402

from cookbook.dj_scale import queries as scale  # noqa: E402
from cookbook.dj_scale import shortcode  # noqa: E402
from cookbook.dj_scale.models import Customer, Order, Product  # noqa: E402

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=dt_timezone.utc)


@pytest.fixture
def orders(db):
    ada, bo, cy = (Customer.objects.create(name=n) for n in ("Ada", "Bo", "Cy"))
    rows = []
    for i in range(45):  # pairs of orders share a timestamp: the id must break the tie
        rows.append(Order(customer=(ada, bo)[i % 2], total=Decimal(10 + i), created_at=T0 + timedelta(minutes=i // 2)))
    Order.objects.bulk_create(rows)
    return {"Ada": ada, "Bo": bo, "Cy": cy}


def test_keyset_pages_visit_every_row_once_in_order(orders, django_assert_num_queries):
    seen, cursor, pages = [], None, 0
    while True:
        with django_assert_num_queries(1):         # no COUNT(*): one query per page
            page, cursor = scale.orders_page(after=cursor, size=20)
        seen += [o.id for o in page]
        pages += 1
        if cursor is None:
            break
    expected = list(Order.objects.order_by("-created_at", "-id").values_list("id", flat=True))
    assert seen == expected and pages == 3 and len(seen) == 45
    with CaptureQueriesContext(connection) as ctx:
        scale.orders_page(after=(T0 + timedelta(minutes=5), 10**9), size=20)
    sql = ctx.captured_queries[0]["sql"]
    assert "OFFSET" not in sql and "LIMIT 21" in sql and " OR " in sql
    assert "OFFSET 20" in str(Order.objects.order_by("-created_at", "-id")[20:40].query)


def test_offset_pages_repeat_a_row_when_a_new_one_arrives_keyset_pages_do_not(orders):
    first_offset = scale.orders_page_by_offset(1)
    first_keyset, cursor = scale.orders_page()
    Order.objects.create(customer=orders["Cy"], total=Decimal(1), created_at=T0 + timedelta(hours=1))
    second_offset = scale.orders_page_by_offset(2)
    second_keyset, _ = scale.orders_page(after=cursor)
    assert first_offset[-1].id == second_offset[0].id          # shown twice
    assert not {o.id for o in first_keyset} & {o.id for o in second_keyset}


PRICES = [{"sku": "A-1", "name": "Mug", "price": Decimal("5.00")},
          {"sku": "B-2", "name": "Cap", "price": Decimal("9.00")}]


def test_plain_bulk_create_fails_on_an_existing_unique_value(db):
    Product.objects.create(sku="A-1", name="Old mug", price=Decimal("4.00"))
    with pytest.raises(IntegrityError, match="UNIQUE constraint failed: cookbook_dj_scale_product.sku"):
        Product.objects.bulk_create([Product(**row) for row in PRICES])


def test_bulk_upsert_inserts_new_rows_and_updates_existing_ones(db, django_assert_max_num_queries):
    Product.objects.create(sku="A-1", name="Old mug", price=Decimal("4.00"))
    with django_assert_max_num_queries(3):  # one INSERT ... ON CONFLICT (plus savepoints)
        scale.import_price_list(PRICES)
    assert dict(Product.objects.values_list("sku", "price")) == {"A-1": Decimal("5.00"), "B-2": Decimal("9.00")}
    assert Product.objects.get(sku="A-1").name == "Mug"
    with CaptureQueriesContext(connection) as ctx:
        scale.import_price_list(PRICES)
    assert any("ON CONFLICT" in q["sql"] and "DO UPDATE" in q["sql"] for q in ctx.captured_queries)


def test_ignore_conflicts_skips_existing_rows_and_sets_no_primary_keys(db):
    Product.objects.create(sku="A-1", name="Old mug", price=Decimal("4.00"))
    created = scale.add_new_products_only(PRICES)
    assert Product.objects.get(sku="A-1").name == "Old mug"       # untouched
    assert Product.objects.filter(sku="B-2").exists()
    assert [p.pk for p in created] == [None, None]                 # the docs' caveat


def test_latest_order_per_customer_in_one_query(orders, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = {c.name: (c.last_order_at, c.last_order_total, c.has_orders)
                for c in scale.customers_with_last_order()}
    newest_ada = Order.objects.filter(customer__name="Ada").order_by("-created_at", "-id").first()
    assert rows["Ada"] == (newest_ada.created_at, newest_ada.total, True)
    assert rows["Cy"] == (None, None, False)                      # no orders: NULL, not missing
    with django_assert_num_queries(1):
        last = [(o.customer.name, o.id) for o in scale.last_order_per_customer()]
    assert last == [("Ada", newest_ada.id),
                    ("Bo", Order.objects.filter(customer__name="Bo").order_by("-created_at", "-id")[0].id)]


def test_a_subquery_annotation_is_a_value_not_a_relation(orders):
    newest = Order.objects.filter(customer=OuterRef("pk")).order_by("-created_at")
    qs = Customer.objects.annotate(last_id=Subquery(newest.values("id")[:1]))
    with pytest.raises(FieldError, match="Unsupported lookup 'total' for BigAutoField or join on the field not permitted"):
        list(qs.filter(last_id__total=50))
    qs = Customer.objects.annotate(last_total=Subquery(newest.values("total")[:1]))
    assert [c.name for c in qs.filter(last_total__gte=54)] == ["Ada"]


def test_base62_short_codes():
    assert shortcode.encode(0) == "0" and shortcode.encode(61) == "Z"
    assert shortcode.encode(125) == "21"
    for n in (1, 62, 3_843, 916_132_831, 62 ** 7 - 1):
        assert shortcode.decode(shortcode.encode(n)) == n
    assert len(shortcode.encode(62 ** 7 - 1)) == 7 and len(shortcode.encode(62 ** 7)) == 8
    assert 62 ** 7 > 3.5e12
    with pytest.raises(ValueError):
        shortcode.encode(-1)


# --- Everyday basics: lookups, get(), choices, exists, values, random, update_or_create ------

import warnings  # noqa: E402

from django.http import Http404  # noqa: E402
from django.utils import timezone  # noqa: E402

from cookbook.dj_orm import lookups  # noqa: E402



@pytest.fixture
def dated(openings):
    """Spread the openings over three days; one is posted late in the evening."""
    days = {"Django developer": datetime(2026, 12, 1, 9, 0), "Data engineer": datetime(2026, 12, 2, 23, 30),
            "Backend intern": datetime(2026, 12, 3, 12, 0)}
    for title, moment in days.items():
        Opening.objects.filter(title=title).update(posted_at=moment.replace(tzinfo=dt_timezone.utc))
    return openings


def test_date_range_lookups_include_the_whole_last_day(dated):
    from datetime import date
    titles = sorted(o.title for o in lookups.openings_posted_between(date(2026, 12, 1), date(2026, 12, 2)))
    assert titles == ["Data engineer", "Django developer"]        # 23:30 on the last day is in
    # The trap: a plain __range with dates on a DateTimeField stops at midnight of the last day.
    # Django also warns: the dates become naive datetimes (midnight).
    with pytest.warns(RuntimeWarning, match="received a naive datetime"):
        plain = Opening.objects.filter(posted_at__range=(date(2026, 12, 1), date(2026, 12, 2)))
        assert [o.title for o in plain] == ["Django developer"]
    assert [o.title for o in lookups.openings_posted_on(date(2026, 12, 3))] == ["Backend intern"]
    since = datetime(2026, 12, 2, tzinfo=dt_timezone.utc)
    assert sorted(o.title for o in lookups.openings_posted_since(since)) == ["Backend intern", "Data engineer"]


def test_lookups_across_relations_and_lists(openings):
    assert sorted(o.title for o in lookups.openings_at(["Acme"], min_salary=4000)) == ["Data engineer"]
    assert len(lookups.openings_at(["Acme", "Zemen Python Labs"])) == 3
    assert "IN (" in str(lookups.openings_at(["Acme"]).query) and "JOIN" in str(lookups.openings_at(["Acme"]).query)
    assert [c.name for c in lookups.companies_hiring_in("addis ababa")] == ["Acme"]   # once, not twice
    assert sorted(o.title for o in lookups.title_search("DEVELOPER")) == ["Django developer"]


def test_get_one_object_or_none_or_404(openings):
    pk = openings["Django developer"].pk
    assert lookups.opening_or_none(pk).title == "Django developer"
    assert lookups.opening_or_none(10**6) is None
    assert lookups.first_open_in("Addis Ababa").title == "Django developer"
    assert lookups.first_open_in("Mars") is None
    assert lookups.opening_for_view(pk).pk == pk
    with pytest.raises(Http404):
        lookups.opening_for_view(10**6)


def test_does_not_exist_message(openings):
    with pytest.raises(Opening.DoesNotExist) as raised:
        Opening.objects.get(title="Astronaut")
    catalogue.assert_reproduces(catalogue.printed(raised.value), "django/does-not-exist")
    from django.core.exceptions import ObjectDoesNotExist
    assert isinstance(raised.value, ObjectDoesNotExist)


def test_multiple_objects_returned_message(openings):
    with pytest.raises(Opening.MultipleObjectsReturned) as raised:
        Opening.objects.get(city="Addis Ababa")
    catalogue.assert_reproduces(catalogue.printed(raised.value), "django/multiple-objects-returned")
    assert Opening.objects.filter(city="Addis Ababa").first().title == "Django developer"


def test_naive_datetime_warning(openings):
    opening = openings["Django developer"]
    opening.posted_at = datetime(2026, 12, 1, 9, 0)                  # naive: no tzinfo
    with pytest.warns(RuntimeWarning) as caught:
        opening.save()
    printed = f"RuntimeWarning: {caught[0].message}"
    catalogue.assert_reproduces(printed, "django/naive-datetime")
    opening.refresh_from_db()
    assert opening.posted_at == datetime(2026, 12, 1, 9, 0, tzinfo=dt_timezone.utc)  # read as TIME_ZONE (UTC)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)               # aware values: no warning
        opening.posted_at = lookups.posted_today_start()
        opening.save()
        Opening.objects.create(company=opening.company, title="New", city="X", salary=1)  # default=timezone.now
    assert timezone.is_aware(lookups.posted_today_start())


def test_choices_labels_and_str(openings):
    closed = openings["Backend intern"]
    assert closed.status == "closed" and closed.get_status_display() == "Closed"
    assert str(closed) == "Backend intern (Closed)"
    assert [o.title for o in lookups.closed_openings()] == ["Backend intern"]
    assert lookups.status_labels() == [("open", "Open"), ("closed", "Closed")]
    assert Opening.Status.CLOSED.label == "Closed" and Opening.Status.CLOSED == "closed"
    assert str(Hire(opening=closed, person="A")) == "Hire object (None)"   # no __str__: the default


def test_exists_and_count(openings, django_assert_num_queries):
    with django_assert_num_queries(1) as ctx:
        assert lookups.city_has_openings("Nairobi") is True
    assert "LIMIT 1" in ctx.captured_queries[0]["sql"]
    assert lookups.city_has_openings("Mars") is False
    with django_assert_num_queries(1) as ctx:
        assert lookups.open_count("Addis Ababa") == 2
    assert "COUNT(*)" in ctx.captured_queries[0]["sql"]


def test_values_and_values_list(openings):
    assert lookups.titles() == ["Backend intern", "Data engineer", "Django developer"]
    assert lookups.title_and_city_rows()[0] == ("Backend intern", "Nairobi")
    assert lookups.title_and_company_dicts()[0] == {"title": "Backend intern", "company__name": "Zemen Python Labs"}
    with pytest.raises(TypeError, match="'flat' is not valid when values_list is called with more than one field."):
        Opening.objects.values_list("title", "city", flat=True)


def test_random_rows(openings):
    assert lookups.random_opening().title in openings
    picked = lookups.random_openings(2)
    assert len(picked) == 2 and len({o.pk for o in picked}) == 2
    assert "ORDER BY RAND" in str(Opening.objects.order_by("?").query).upper()


def test_update_or_create(openings):
    acme = Company.objects.get(name="Acme")
    opening, created = lookups.save_opening(acme, "Django developer", Decimal("3500"))
    assert created is False and opening.salary == Decimal("3500") and opening.city == "Addis Ababa"
    assert Opening.objects.filter(company=acme, title="Django developer").count() == 1
    opening, created = lookups.save_opening(acme, "QA engineer", Decimal("2000"))
    assert created is True and opening.city == "Remote"
    obj, created = Company.objects.get_or_create(name="Acme")
    assert created is False


# --- Model inheritance: abstract, multi-table, proxy ------------------------------------------

def test_model_inheritance_abstract_multi_table_and_proxy(db):
    from cookbook.dj_orm.models import Internship, Posting, RemotePosting, Stamped
    tables = connection.introspection.table_names()
    # Abstract: no table; its fields live in each child's table.
    assert Stamped._meta.abstract and "cookbook_dj_orm_stamped" not in tables
    assert {"created_at", "updated_at"} <= {f.name for f in Posting._meta.get_fields()}
    # Multi-table: two tables, a one-to-one link, a JOIN on every read.
    assert {"cookbook_dj_orm_posting", "cookbook_dj_orm_internship"} <= set(tables)
    intern = Internship.objects.create(title="Backend intern", stipend=Decimal("300"))
    assert Posting.objects.count() == 1                         # one row in each table
    assert Internship._meta.pk.name == "posting_ptr"
    assert Posting.objects.get().internship == intern           # parent -> child accessor
    assert "INNER JOIN" in str(Internship.objects.all().query)
    # Proxy: the same table, other behaviour.
    assert RemotePosting._meta.db_table == Posting._meta.db_table
    assert "cookbook_dj_orm_remoteposting" not in tables
    Posting.objects.create(title="Remote Django", is_remote=True)
    Posting.objects.create(title="A remote API role", is_remote=True)
    assert [p.title for p in RemotePosting.objects.all()] == ["A remote API role", "Remote Django"]
    assert Posting.objects.count() == 3


def test_f_compares_two_fields_of_the_same_row(db):
    from datetime import timedelta

    from cookbook.dj_orm.models import Posting
    quick = Posting.objects.create(title="Edited at once")
    late = Posting.objects.create(title="Edited three days later")
    Posting.objects.filter(pk=late.pk).update(updated_at=late.created_at + timedelta(days=3))
    assert [p.title for p in queries.edited_days_later(1)] == ["Edited three days later"]
    assert list(queries.edited_days_later(5)) == []
    edits = {p.title: p.time_to_edit for p in queries.with_time_to_edit()}
    assert edits["Edited three days later"] == timedelta(days=3)
    assert edits["Edited at once"] < timedelta(seconds=1)
    assert '"updated_at" >' in str(queries.edited_days_later().query)   # one WHERE, no Python loop
    assert quick.pk


def test_protected_error_when_deleting_a_row_that_is_still_referenced(openings):
    from django.db.models import ProtectedError

    from cookbook.dj_orm.models import Applicant
    opening = openings["Data engineer"]
    Applicant.objects.create(opening=opening, name="Abebe")
    with pytest.raises(ProtectedError) as raised:
        opening.delete()
    catalogue.assert_reproduces(catalogue.printed(raised.value), "django/protected-error")
    assert queries.delete_opening(opening) == "Cannot delete Data engineer: it still has applicants (Abebe)."
    assert Opening.objects.filter(pk=opening.pk).exists()
    opening.applicants.all().delete()          # remove what blocks it, then delete
    assert queries.delete_opening(opening) == "deleted"
    # Deleting the company CASCADEs to its openings; PROTECT on an opening stops the whole delete.
    acme = Company.objects.get(name="Acme")
    Applicant.objects.create(opening=openings["Django developer"], name="Hana")
    with pytest.raises(ProtectedError):
        acme.delete()
    assert Company.objects.filter(pk=acme.pk).exists()

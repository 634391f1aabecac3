"""Runs the code of docs/howto/django-orm.md (and the stale-data symptom entry)."""
import importlib
import shutil
import sys
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings

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

"""Runs the code of docs/howto/postgresql.md (and the index-not-used symptom entry).
Tests marked `services` need a real PostgreSQL (make test-services); the others run on SQLite."""
import os
import shutil
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from django.db import OperationalError, connection, connections, transaction

from cookbook.db_settings import databases
from cookbook.dj_orm.models import Company, Opening
from cookbook.pg_demo import queries
from cookbook.pg_demo.models import Article, Listing

RECIPES = Path(__file__).resolve().parents[1]
SCRIPTS = RECIPES / "cookbook" / "db_settings"
postgresql_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql", "pgsql"},
    reason="PostgreSQL only: DATABASE_URL does not name a PostgreSQL server")


# --- Connect Django to PostgreSQL ------------------------------------------------------------

def test_database_url_becomes_the_databases_setting():
    env = {"DATABASE_URL": "postgres://jobboard:p%40ss%3Aword@db:5432/jobboard"}
    default = databases.databases_from_env(env)["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert (default["USER"], default["PASSWORD"], default["HOST"], default["PORT"], default["NAME"]) == \
        ("jobboard", "p@ss:word", "db", 5432, "jobboard")  # percent-encoded characters decoded
    assert default["CONN_MAX_AGE"] == 60 and default["CONN_HEALTH_CHECKS"] is True
    fallback = databases.databases_from_env({})["default"]
    assert fallback["ENGINE"] == "django.db.backends.sqlite3"
    assert databases.EXPLICIT["default"]["ENGINE"] == default["ENGINE"]


@pytest.mark.services
@postgresql_only
@pytest.mark.django_db
def test_django_talks_to_postgresql_through_psycopg_3():
    assert connection.vendor == "postgresql"
    assert connection.Database.__name__ == "psycopg"   # psycopg 3, not psycopg2
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 140000     # Django 5.2 needs PostgreSQL 14+


# --- JSONField -------------------------------------------------------------------------------

@pytest.fixture
def listings(db):
    Listing.objects.create(title="Remote Django", details={
        "remote": True, "salary": 4000, "skills": ["django", "postgresql"],
        "location": {"city": "Addis Ababa", "country": "ET"}})
    Listing.objects.create(title="Office Flask", details={
        "remote": False, "salary": 2500, "skills": ["flask"], "location": {"city": "Nairobi"}})
    Listing.objects.create(title="No details")


def titles(queryset):
    return sorted(item.title for item in queryset)


def test_json_key_lookups(listings):
    assert titles(queries.remote_listings()) == ["Remote Django"]
    assert titles(queries.listings_in_city("addis ababa")) == ["Remote Django"]
    assert titles(queries.listings_with_key("salary")) == ["Office Flask", "Remote Django"]
    assert titles(queries.listings_paying_at_least(3000)) == ["Remote Django"]


@pytest.mark.services
@postgresql_only
def test_json_contains_on_postgresql(listings):
    assert titles(queries.listings_with_skills("postgresql")) == ["Remote Django"]
    assert titles(queries.listings_with_skills("django", "postgresql")) == ["Remote Django"]
    assert "@>" in str(queries.listings_with_skills("django").query)


def test_json_contains_is_refused_on_sqlite(listings):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    from django.db import NotSupportedError
    with pytest.raises(NotSupportedError, match="contains lookup is not supported"):
        list(queries.listings_with_skills("django"))


# --- Full-text search ------------------------------------------------------------------------

@pytest.fixture
def articles(transactional_db):
    """Article is PostgreSQL only (its GIN index), so the test creates its table."""
    with connection.schema_editor() as editor:
        editor.create_model(Article)
        editor.add_index(Article, Article._meta.indexes[0])  # create_model skips an unmanaged model's
    Article.objects.bulk_create([
        Article(title="Deploying Django", body="Run gunicorn behind nginx and collect static files."),
        Article(title="Celery basics", body="Workers consume tasks; Django queues them."),
        Article(title="Cooking rice", body="Boil water, add rice, wait."),
    ])
    yield
    with connection.schema_editor() as editor:
        editor.delete_model(Article)


@pytest.mark.services
@postgresql_only
def test_full_text_search_ranks_and_uses_the_gin_index(articles):
    found = list(queries.search_articles("django"))
    assert [a.title for a in found][0] == "Deploying Django"  # the title match ranks first
    assert {a.title for a in found} == {"Deploying Django", "Celery basics"}
    assert [a.title for a in queries.search_articles("deploy")] == ["Deploying Django"]  # stemming
    assert [a.title for a in queries.search_articles("django -celery")] == ["Deploying Django"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_idx'")
        assert "USING gin (to_tsvector" in cursor.fetchone()[0]


# --- An index, and EXPLAIN -------------------------------------------------------------------

def _openings(n):
    company = Company.objects.create(name=f"Company {n}")
    cities = ["Addis Ababa", "Nairobi", "Kigali", "Lagos", "Accra"]
    Opening.objects.bulk_create(
        Opening(company=company, title=f"Job {i}", city=f"{cities[i % 5]} {i % 400}",
                salary=Decimal(1000 + i), status="open" if i % 3 else "closed")
        for i in range(n))


def test_explain_shows_the_index_on_sqlite(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite plan wording")
    _openings(50)
    plan = Opening.objects.filter(city="Nairobi 1", status="open").explain()
    assert "USING INDEX opening_city_status_idx" in plan
    assert "USING INDEX" not in Opening.objects.filter(title__icontains="job").explain()


@pytest.mark.services
@postgresql_only
def test_postgresql_uses_the_index_only_when_it_pays(db):
    _openings(20)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cookbook_dj_orm_opening")
    tiny = Opening.objects.filter(city="Nairobi 1", status="open").explain()
    assert "Seq Scan" in tiny           # 20 rows: reading them all is cheaper
    _openings(20000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cookbook_dj_orm_opening")  # fresh statistics for the planner
    big = Opening.objects.filter(city="Nairobi 1", status="open").explain(analyze=True)
    assert "opening_city_status_idx" in big and "actual time" in big
    wrapped = Opening.objects.filter(city__iexact="nairobi 1").explain()
    assert "opening_city_status_idx" not in wrapped  # UPPER(city) is not the indexed column


# --- Backups: pg_dump and pg_restore ----------------------------------------------------------

def libpq_env(settings_dict, dbname=None):
    env = dict(os.environ)
    env.update(PGHOST=str(settings_dict["HOST"] or ""), PGPORT=str(settings_dict["PORT"] or ""),
               PGUSER=settings_dict["USER"] or "", PGPASSWORD=settings_dict["PASSWORD"] or "",
               PGDATABASE=dbname or settings_dict["NAME"])
    return {k: v for k, v in env.items() if v != ""}


@pytest.mark.services
@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_pg_dump_then_pg_restore_into_a_new_database(tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("pg_dump and pg_restore must be on PATH (apt-get install postgresql-client)")
    Company.objects.create(name="Backed Up Ltd")
    source = connection.settings_dict
    dump = tmp_path / "jobboard.dump"
    subprocess.run([SCRIPTS / "pg_backup.sh", "backup", source["NAME"], dump],
                   env=libpq_env(source), check=True)
    assert dump.stat().st_size > 0
    scratch = f"{source['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run([SCRIPTS / "pg_backup.sh", "restore", dump, scratch],
                       env=libpq_env(source), check=True)
        with psycopg.connect(**{k: v for k, v in dict(
                host=source["HOST"], port=source["PORT"], user=source["USER"],
                password=source["PASSWORD"], dbname=scratch).items() if v}) as restored:
            names = [row[0] for row in restored.execute("SELECT name FROM cookbook_dj_orm_company")]
        assert names == ["Backed Up Ltd"]
    finally:
        connections.close_all()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


# --- From SQLite to PostgreSQL: dumpdata and loaddata ------------------------------------------

MANAGE_PY = f"""import os, sys
sys.path.insert(0, {str(RECIPES)!r})
if sys.argv[1:2] == ["migrate"]:
    sys.argv.append("--run-syncdb")  # the recipes' apps have no migration files; yours do
if sys.argv[1:2] == ["dumpdata"]:
    sys.argv += ["--exclude", "cookbook_pg_demo.article"]  # a PostgreSQL-only table
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipes_site.settings")
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
"""

SEED = """
from django.contrib.auth import get_user_model
from cookbook.dj_orm.models import Company, Opening
user = get_user_model().objects.create_user("owner", "owner@example.com", "pw-123456789")
user.profile.city = "Addis Ababa"; user.profile.save()
acme = Company.objects.create(name="Acme")
Opening.objects.create(company=acme, title="Django developer", city="Addis Ababa", salary=3000)
"""

CHECK = """
from django.contrib.auth import get_user_model
from cookbook.dj_orm.models import Opening
user = get_user_model().objects.get(username="owner")
print(user.check_password("pw-123456789"), user.profile.city, Opening.objects.get().company.name)
"""


def manage(project, database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run([sys.executable, "manage.py", *args], cwd=project, env=env,
                         check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1] if out.strip() else ""  # shell prints an imports line first


def test_copy_data_from_sqlite_to_another_database(tmp_path):
    """The copy script, from one SQLite file to another (the services tier has the same steps
    with PostgreSQL as the target, below)."""
    (tmp_path / "manage.py").write_text(MANAGE_PY)
    source = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    manage(tmp_path, source, "migrate", "--noinput")
    manage(tmp_path, source, "shell", "-c", SEED)
    target = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    env = {**os.environ, "SQLITE_URL": source, "POSTGRES_URL": target, "PYTHON": sys.executable}
    subprocess.run([SCRIPTS / "dumpdata.sh"], cwd=tmp_path, env=env, check=True, capture_output=True)
    assert manage(tmp_path, target, "shell", "-c", CHECK).split() == ["True", "Addis", "Ababa", "Acme"]


@pytest.mark.services
@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_copy_data_from_sqlite_to_postgresql(tmp_path):
    (tmp_path / "manage.py").write_text(MANAGE_PY)
    source = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    manage(tmp_path, source, "migrate", "--noinput")
    manage(tmp_path, source, "shell", "-c", SEED)
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    scratch = f"{connection.settings_dict['NAME']}_copy"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        env = {**os.environ, "SQLITE_URL": source, "POSTGRES_URL": f"{base}/{scratch}",
               "PYTHON": sys.executable}
        subprocess.run([SCRIPTS / "dumpdata.sh"], cwd=tmp_path, env=env, check=True, capture_output=True)
        out = manage(tmp_path, f"{base}/{scratch}", "shell", "-c", CHECK)
        assert out.split() == ["True", "Addis", "Ababa", "Acme"]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


# --- SQLite in development: "database is locked" ----------------------------------------------

@pytest.fixture
def sqlite_aliases(tmp_path, django_db_blocker):
    """Two extra SQLite databases (files): the recipe's settings, and the same without
    transaction_mode, the default that fails."""
    recipe = databases.sqlite_for_development(str(tmp_path / "recipe.sqlite3"))
    default = databases.sqlite_for_development(str(tmp_path / "default.sqlite3"))
    del default["OPTIONS"]["transaction_mode"]
    aliases = {"recipe_sqlite": recipe, "default_sqlite": default}
    with django_db_blocker.unblock():
        configured = connections.configure_settings({"default": dict(connections.settings["default"]),
                                                     **aliases})
        connections.settings.update({alias: configured[alias] for alias in aliases})
        for alias in aliases:
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE counter (n integer)")
                cursor.execute("INSERT INTO counter VALUES (0)")
        yield aliases
        for alias in aliases:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]


def _two_writers(alias):
    """Two requests that read the counter and then write it, the second starting while the
    first is still inside its transaction."""
    errors, first_has_read = [], threading.Event()

    def request(wait_before_write):
        try:
            with transaction.atomic(using=alias):
                with connections[alias].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    n = cursor.fetchone()[0]
                    first_has_read.set()
                    time.sleep(wait_before_write)
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except OperationalError as exc:
            errors.append(str(exc))
        finally:
            connections[alias].close()

    first = threading.Thread(target=request, args=(0.3,))
    first.start()
    first_has_read.wait(5)
    second = threading.Thread(target=request, args=(0,))
    second.start()
    first.join(10)
    second.join(10)
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        return cursor.fetchone()[0], errors


def test_sqlite_recipe_settings_use_wal(sqlite_aliases):
    with connections["recipe_sqlite"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_default_transactions_fail_with_database_is_locked(sqlite_aliases):
    started = time.monotonic()
    n, errors = _two_writers("default_sqlite")
    assert errors == ["database is locked"] and n == 1
    assert time.monotonic() - started < 10  # failed at once: the 20 s timeout did not help


def test_immediate_transactions_wait_their_turn(sqlite_aliases):
    n, errors = _two_writers("recipe_sqlite")
    assert errors == [] and n == 2


# --- Raw SQL: Manager.raw() and connection.cursor() ------------------------------------------

@pytest.fixture
def raw_openings(db):
    from cookbook.pg_demo import raw_sql
    acme = Company.objects.create(name="Raw Acme")
    other = Company.objects.create(name="Raw Other")
    for title, city, company, status in [
            ("Django developer", "Nairobi", acme, "open"), ("Data engineer", "Nairobi", acme, "open"),
            ("Tester", "Kigali", other, "open"), ("Old job", "Nairobi", other, "closed")]:
        Opening.objects.create(company=company, title=title, city=city, status=status,
                               salary=Decimal("1000"))
    return raw_sql, acme


def test_raw_sql_with_params_is_safe_and_returns_models_or_rows(raw_openings):
    raw_sql, acme = raw_openings
    found = list(raw_sql.openings_in_city_raw("Nairobi"))
    assert [o.title for o in found] == ["Data engineer", "Django developer", "Old job"]
    assert all(isinstance(o, Opening) for o in found)
    assert found[0].get_deferred_fields() >= {"salary", "status"}  # left out of the SELECT: deferred
    # The classic injection string is just a city name that matches nothing.
    assert list(raw_sql.openings_in_city_raw("x' OR '1'='1")) == []
    assert raw_sql.open_counts_by_city() == [{"city": "Kigali", "n": 1}, {"city": "Nairobi", "n": 2}]
    assert raw_sql.close_openings_raw(acme.pk) == 2
    assert Opening.objects.filter(company=acme, status="closed").count() == 2


def test_raw_query_without_the_primary_key_fails(raw_openings):
    from django.core.exceptions import FieldDoesNotExist
    with pytest.raises(FieldDoesNotExist, match="Raw query must include the primary key"):
        list(Opening.objects.raw(f"SELECT title FROM {Opening._meta.db_table}"))


# --- Connection pool (Django 5.1+, psycopg 3) -------------------------------------------------

def test_pool_settings_from_database_url_and_the_persistent_connections_error():
    from django.core.exceptions import ImproperlyConfigured
    from django.db.backends.postgresql.base import DatabaseWrapper

    env = {"DATABASE_URL": "postgres://jobboard:secret@db:5432/jobboard"}
    default = databases.pooled_databases_from_env(env)["default"]
    assert default["CONN_MAX_AGE"] == 0
    assert default["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10}
    # Django refuses a pool together with persistent connections, before it connects.
    wrapper = DatabaseWrapper({**default, "CONN_MAX_AGE": 60}, alias="pool_check")
    with pytest.raises(ImproperlyConfigured, match="Pooling doesn't support persistent connections."):
        wrapper.pool

"""Django errors of the catalogue (docs/troubleshooting/django.md), triggered for real.

Each test makes the wrong variant (a throwaway setting, request or migration package) and asserts
the quoted text from examples/errors/django/. The example itself stays correct.
"""
import os
import shutil
import subprocess
import sys
import traceback
from io import StringIO
from pathlib import Path

import pytest
from catalogue import assert_reproduces
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

PROJECT = Path(__file__).resolve().parent.parent


def last_line(exc: BaseException) -> str:
    """What Python prints as the last line of the traceback."""
    return "".join(traceback.format_exception_only(type(exc), exc))


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    """Run Python in the project folder, as `python manage.py shell -c` or a script would."""
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    environ.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=environ,
                          capture_output=True, text=True, timeout=120, check=False)


def test_disallowed_host(rf):
    # nginx's proxy_pass http://web:8000 without `proxy_set_header Host $host;`
    request = rf.get("/api/jobs/", HTTP_HOST="web:8000")
    from django.core.exceptions import DisallowedHost
    with pytest.raises(DisallowedHost) as exc:
        request.get_host()
    assert_reproduces(str(exc.value), "django/disallowed-host")


@pytest.fixture
def csrf_log(caplog):
    caplog.set_level("WARNING", logger="django.security.csrf")
    return caplog


@pytest.mark.django_db
def test_csrf_cookie_not_set(csrf_log):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "rita", "password": "x"})
    assert response.status_code == 403
    assert_reproduces(csrf_log.text, "django/csrf-cookie-not-set")


@pytest.mark.django_db
def test_csrf_token_missing(csrf_log):
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")  # sets the csrftoken cookie, as a browser would
    response = client.post("/admin/login/", {"username": "rita", "password": "x"})  # no token sent back
    assert response.status_code == 403
    assert_reproduces(csrf_log.text, "django/csrf-token-missing")


@pytest.mark.django_db
def test_csrf_origin_checking_failed(csrf_log):
    # A frontend on another origin posts to the API; CSRF_TRUSTED_ORIGINS does not list it.
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {}, HTTP_ORIGIN="https://app.jobs.example")
    assert response.status_code == 403
    assert_reproduces(csrf_log.text, "django/csrf-origin-checking-failed")


def test_secret_key_empty():
    # DJANGO_SECRET_KEY= in an env file, or ${DJANGO_SECRET_KEY} unset in Compose: an empty string.
    result = run_python("import django; django.setup(); from django.conf import settings; settings.SECRET_KEY",
                        DJANGO_SETTINGS_MODULE="config.settings", DJANGO_SECRET_KEY="")
    assert result.returncode == 1
    assert_reproduces(result.stderr, "django/secret-key-empty")


def test_apps_not_loaded_yet():
    # A script that imports a model before django.setup().
    result = run_python("from jobs.models import Job", DJANGO_SETTINGS_MODULE="config.settings")
    assert result.returncode == 1
    assert_reproduces(result.stderr, "django/apps-not-loaded")


def test_no_such_table(tmp_path):
    # A database file that nobody ran `migrate` on.
    result = run_python("import django; django.setup(); from jobs.models import Job; Job.objects.count()",
                        DJANGO_SETTINGS_MODULE="config.settings",
                        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    assert result.returncode == 1
    assert_reproduces(result.stderr, "django/no-such-table")


@pytest.mark.django_db
def test_no_changes_detected():
    out = StringIO()
    call_command("makemigrations", "jobs", "--dry-run", stdout=out)
    assert_reproduces(out.getvalue(), "django/no-changes-detected")


def conflicting_migrations(folder: Path) -> str:
    """A copy of jobs/migrations where two branches each added a 0003 after 0002."""
    package = folder / "conflict_migrations"
    shutil.copytree(PROJECT / "jobs" / "migrations", package, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("0003_job_remote_policy", "0003_job_contact_email"):
        (package / f"{name}.py").write_text(
            "from django.db import migrations\n\n\n"
            "class Migration(migrations.Migration):\n"
            "    dependencies = [('jobs', '0002_backfill_job_slugs')]\n"
            "    operations = []\n")
    return "conflict_migrations"


@pytest.mark.django_db
def test_conflicting_migrations(tmp_path, monkeypatch, settings):
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.MIGRATION_MODULES = {"jobs": conflicting_migrations(tmp_path)}
    with pytest.raises(CommandError) as exc:
        call_command("migrate", "--plan", stdout=StringIO())
    assert_reproduces(str(exc.value), "django/conflicting-migrations")


@pytest.mark.django_db  # the deletion below is rolled back with the test's transaction
def test_inconsistent_migration_history():
    # Someone deleted a row from django_migrations (or faked migrations out of order).
    MigrationRecorder(connection).migration_qs.filter(app="jobs", name="0001_initial").delete()
    from django.db.migrations.exceptions import InconsistentMigrationHistory
    with pytest.raises(InconsistentMigrationHistory) as exc:
        MigrationLoader(connection).check_consistent_history(connection)
    assert_reproduces(last_line(exc.value), "django/inconsistent-migration-history")


def test_template_does_not_exist():
    from django.template.exceptions import TemplateDoesNotExist
    from django.template.loader import render_to_string
    with pytest.raises(TemplateDoesNotExist) as exc:
        render_to_string("jobs/job_list.html")  # no jobs/templates/jobs/ folder
    assert_reproduces(last_line(exc.value), "django/template-does-not-exist")


def test_missing_staticfiles_manifest_entry(settings, tmp_path):
    # ManifestStaticFilesStorage in production, and collectstatic never ran (or missed the file).
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    from django.templatetags.static import static
    with pytest.raises(ValueError) as exc:
        static("css/app.css")
    assert_reproduces(last_line(exc.value), "django/missing-manifest-entry")


def test_collectstatic_without_static_root(settings):
    settings.STATIC_ROOT = None
    from django.core.exceptions import ImproperlyConfigured
    with pytest.raises(ImproperlyConfigured) as exc:
        call_command("collectstatic", "--noinput", stdout=StringIO())
    assert_reproduces(last_line(exc.value), "django/static-root-not-set")


def test_model_outside_installed_apps():
    # A models.py in a folder that INSTALLED_APPS does not list.
    with pytest.raises(RuntimeError) as exc:
        class Bookmark(models.Model):
            title = models.CharField(max_length=100)
    assert_reproduces(last_line(exc.value), "django/model-not-in-installed-apps")


@pytest.mark.django_db(transaction=True)  # migrate needs real commits, as in production
def test_migration_fails_halfway(tmp_path, monkeypatch, settings, company):
    # 0003 makes Job.title unique, but two open jobs already share a title.
    Job = company.jobs.model
    for _ in range(2):
        Job.objects.create(company=company, title="Backend Intern", description="d")
    package = tmp_path / "unique_title_migrations"
    shutil.copytree(PROJECT / "jobs" / "migrations", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "0003_job_title_unique.py").write_text(
        "from django.db import migrations, models\n\n\n"
        "class Migration(migrations.Migration):\n"
        "    dependencies = [('jobs', '0002_backfill_job_slugs')]\n"
        "    operations = [migrations.AlterField('job', 'title', models.CharField(max_length=200, unique=True))]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.MIGRATION_MODULES = {"jobs": "unique_title_migrations"}
    from django.db import IntegrityError
    with pytest.raises(IntegrityError) as exc:
        call_command("migrate", "jobs", stdout=StringIO())
    # SQLite rebuilds the table (new__jobs_job); PostgreSQL builds a unique index (services tier).
    quoted = {"sqlite": "django/migration-failed-halfway", "postgresql": "django/migration-failed-halfway-postgresql"}
    assert_reproduces(last_line(exc.value), quoted[connection.vendor])
    # SQLite and PostgreSQL run the migration in one transaction: nothing of it stays applied.
    assert not MigrationRecorder(connection).migration_qs.filter(app="jobs", name="0003_job_title_unique").exists()


@pytest.mark.django_db
def test_post_without_trailing_slash(settings, client):
    # A frontend posts to /api/jobs (no slash); CommonMiddleware can only redirect, which loses the body.
    settings.DEBUG = True
    with pytest.raises(RuntimeError) as exc:
        client.post("/api/jobs", {"title": "x"})
    assert_reproduces(last_line(exc.value), "django/append-slash-post")


def test_runserver_without_allowed_hosts():
    # DJANGO_DEBUG=false for a production-like run, and the hosts variable left empty.
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ.update(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="")
    result = subprocess.run([sys.executable, "manage.py", "runserver", "--noreload", "127.0.0.1:0"],
                            cwd=PROJECT, env=environ, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert_reproduces(result.stderr, "django/allowed-hosts-debug-false")

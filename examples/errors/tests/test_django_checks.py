"""Django's start-up errors from docs/troubleshooting/django.md (system checks, imports, middleware,
collectstatic), triggered for real.

The Job Board itself is correct, so each test writes the smallest wrong project into tmp_path
(a settings module and one app) and runs a management command on it, or builds its WSGI
application, with the pinned Django.
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from catalogue import assert_reproduces

SETTINGS = """\
SECRET_KEY = "not-a-secret"
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles", "{app}"]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware",
              "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.contrib.messages.middleware.MessageMiddleware"]
TEMPLATES = [{{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
              "OPTIONS": {{"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth",
                                                 "django.contrib.messages.context_processors.messages"]}}}}]
"""
USER_MODEL = """
    from django.contrib.auth.models import AbstractUser

    class User(AbstractUser):
        pass
    """


def run_in_project(tmp_path: Path, app: str, files: dict[str, str], hide: str = "", settings: str = "",
          command: str = "execute_from_command_line(['manage.py', 'check'])") -> str:
    """`python manage.py check` (or another command) on a project with one app and extra `settings`;
    `hide` makes a module unimportable."""
    (tmp_path / "settings.py").write_text(SETTINGS.format(app=app) + settings)
    (tmp_path / app).mkdir(exist_ok=True)   # an app may have its static/ folder already
    (tmp_path / app / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / app / name).parent.mkdir(exist_ok=True)
        (tmp_path / app / name).write_text(textwrap.dedent(text))
    code = (f"import sys; sys.modules[{hide!r}] = None\n" if hide else "") + (
        "from django.core.management import execute_from_command_line\n" + command + "\n")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0, result.stdout
    return result.stdout + result.stderr


def test_reverse_accessor_clashes(tmp_path):
    # A custom user model without AUTH_USER_MODEL: it and auth.User both add Group.user_set.
    (tmp_path / "custom-user").mkdir()
    output = run_in_project(tmp_path / "custom-user", "accounts", {"models.py": USER_MODEL})
    assert_reproduces(output, "django/reverse-accessor-clash")
    # Two foreign keys from one model to the user: both would add User.job_set.
    (tmp_path / "two-fks").mkdir()
    output = run_in_project(tmp_path / "two-fks", "jobs", {"models.py": """
        from django.conf import settings
        from django.db import models

        class Job(models.Model):
            owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        """})
    assert_reproduces(output, "django/reverse-accessor-clash-two-fks")


def test_foreign_key_without_on_delete(tmp_path):
    output = run_in_project(tmp_path, "jobs", {"models.py": """
        from django.db import models

        class Company(models.Model):
            name = models.CharField(max_length=100)

        class Job(models.Model):
            company = models.ForeignKey(Company)
        """})
    assert_reproduces(output, "django/on-delete-missing")


def test_list_display_names_what_the_model_lacks(tmp_path):
    output = run_in_project(tmp_path, "jobs", {"models.py": """
        from django.db import models

        class Tag(models.Model):
            name = models.CharField(max_length=30)

        class Job(models.Model):
            title = models.CharField(max_length=100)
            company = models.CharField(max_length=100)
            tags = models.ManyToManyField(Tag)
        """, "admin.py": """
        from django.contrib import admin

        from .models import Job

        @admin.register(Job)
        class JobAdmin(admin.ModelAdmin):
            list_display = ["title", "company", "description", "tags"]
        """})
    assert_reproduces(output, "django/admin-list-display")
    assert_reproduces(output, "django/admin-list-display-many-to-many")


def test_image_field_without_pillow(tmp_path):
    # Pillow is installed here (the Job Board needs it), so the subprocess is made unable to import it.
    output = run_in_project(tmp_path, "accounts", {"models.py": """
        from django.db import models

        class Profile(models.Model):
            avatar = models.ImageField(upload_to="avatars/")
        """}, hide="PIL")
    assert_reproduces(output, "django/pillow-not-installed")


def test_old_style_middleware_in_middleware(tmp_path):
    # A class written for MIDDLEWARE_CLASSES (Django < 1.10): no __init__(get_response).
    output = run_in_project(tmp_path, "pagination", {"middleware.py": """
        class PaginationMiddleware:
            def process_request(self, request):
                request.page = int(request.GET.get("page", 1))
        """}, settings='MIDDLEWARE += ["pagination.middleware.PaginationMiddleware"]\n',
        command="from django.core.wsgi import get_wsgi_application; get_wsgi_application()")
    assert_reproduces(output, "django/middleware-takes-no-arguments")


def test_collectstatic_css_references_a_missing_file(tmp_path):
    # A stylesheet whose url() points at an image that is not in the project (WhiteNoise's storage).
    static = tmp_path / "frontend" / "static" / "css"
    static.mkdir(parents=True)
    (static / "style.css").write_text(".hero { background: url('img/bg.png'); }\n")
    output = run_in_project(tmp_path, "frontend", {}, command="execute_from_command_line(['manage.py', 'collectstatic', '--noinput'])",
                   settings='STATIC_URL = "static/"\nSTATIC_ROOT = "staticfiles"\n'
                            'STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},\n'
                            '            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}\n')
    assert "Post-processing 'css/style.css' failed!" in output
    assert "whitenoise.storage.MissingFileError: The file 'css/img/bg.png' could not be found with" in output
    assert_reproduces(output, "django/collectstatic-css-missing-file")
    assert not (tmp_path / "staticfiles" / "staticfiles.json").exists()   # no manifest: every page would fail


def test_user_model_missing_from_its_apps_migrations(tmp_path):
    # AUTH_USER_MODEL names accounts.User, but migrate ran before makemigrations accounts.
    migrate = "execute_from_command_line(['manage.py', 'migrate', '--noinput'])"
    (tmp_path / "empty").mkdir()
    output = run_in_project(tmp_path / "empty", "accounts", {"models.py": USER_MODEL, "migrations/__init__.py": ""},
                            settings='AUTH_USER_MODEL = "accounts.User"\n', command=migrate)
    assert_reproduces(output, "django/dependency-on-app-with-no-migrations")
    # A first migration that does not create the model.
    output = run_in_project(tmp_path, "accounts", {"models.py": USER_MODEL, "migrations/__init__.py": "", "migrations/0001_initial.py": """
        from django.db import migrations

        class Migration(migrations.Migration):
            initial = True
            dependencies = []
            operations = []
        """}, settings='AUTH_USER_MODEL = "accounts.User"\n', command=migrate)
    assert_reproduces(output, "django/related-model-cannot-be-resolved")

"""Custom user model errors from docs/troubleshooting/auth.md, triggered for real.

Each test writes the smallest project into tmp_path (a settings module and an `accounts` app whose
User extends AbstractUser) and runs the pinned Django on it in a subprocess, as `python manage.py
shell -c ...` would.
"""
import os
import subprocess
import sys
from pathlib import Path

from catalogue import assert_reproduces

SETTINGS = """\
SECRET_KEY = "tests-only"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", {accounts}]
AUTH_USER_MODEL = "accounts.User"
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
"""
ACCOUNTS_MODELS = """\
from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    pass
"""


def run_django(tmp_path: Path, code: str, installed: bool = True) -> subprocess.CompletedProcess:
    (tmp_path / "settings.py").write_text(SETTINGS.format(accounts='"accounts"' if installed else ""))
    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts" / "__init__.py").write_text("")
    (tmp_path / "accounts" / "models.py").write_text(ACCOUNTS_MODELS)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code], cwd=tmp_path,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)


def test_manager_isnt_available_user_swapped(tmp_path):
    # The custom user model is installed, but the code still imports the stock User.
    result = run_django(tmp_path, "from django.contrib.auth.models import User\nUser.objects.count()")
    assert result.returncode == 1
    assert_reproduces(result.stdout, "auth/manager-isnt-available-swapped")


def test_get_user_model_fixes_the_swapped_manager(tmp_path):
    result = run_django(tmp_path, "from django.contrib.auth import get_user_model\n"
                                  "print(get_user_model()._meta.label, get_user_model().objects.none().count())")
    assert result.returncode == 0 and result.stdout.strip() == "accounts.User 0", result.stdout


def test_auth_user_model_not_installed(tmp_path):
    # AUTH_USER_MODEL names an app that INSTALLED_APPS does not list.
    result = run_django(tmp_path, "from django.contrib.auth import get_user_model\nget_user_model()", installed=False)
    assert result.returncode == 1
    assert_reproduces(result.stdout, "auth/user-model-not-installed")

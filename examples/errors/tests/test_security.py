"""Django security errors from docs/troubleshooting/tls.md and docs/troubleshooting/auth.md,
triggered for real: `manage.py check --deploy` warnings and a password hasher whose library is
missing.

Each test writes the smallest project into tmp_path (one settings module) and runs the pinned
Django on it in a subprocess, the way a learner runs `python manage.py ...`.
"""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue import assert_reproduces

RECIPES = Path(__file__).resolve().parents[2] / "recipes"
SETTINGS = """\
SECRET_KEY = "k3-9vX_q2LmR7tYw8ZpA4sDfGh1JkL0zXcVbNm5QwErTyUiOp6AsDfGhJkLzXc"  # long and random
DEBUG = False
ALLOWED_HOSTS = ["jobs.example.com"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware",
              "django.contrib.sessions.middleware.SessionMiddleware",
              "django.middleware.csrf.CsrfViewMiddleware",
              "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.middleware.clickjacking.XFrameOptionsMiddleware"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
"""


def run_django(tmp_path: Path, code: str, settings: str = "") -> subprocess.CompletedProcess:
    """Python `code` after django.setup(), with SETTINGS plus `settings`; stdout and stderr together."""
    (tmp_path / "settings.py").write_text(SETTINGS + settings)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code], cwd=tmp_path,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)


CHECK_DEPLOY = "from django.core.management import call_command; call_command('check', deploy=True)"


def test_check_deploy_warnings(tmp_path):
    # DEBUG is off and the key is strong, but nothing says the site runs on HTTPS.
    result = run_django(tmp_path, CHECK_DEPLOY)
    assert result.returncode == 0, result.stdout  # warnings only: the command still succeeds
    assert_reproduces(result.stdout, "auth/check-deploy-warnings")


def test_check_deploy_is_clean_with_the_https_settings(tmp_path):
    # The fix: the production HTTPS settings of docs/howto/deployment.md#deployment-https-settings.
    https = (RECIPES / "cookbook" / "deploy" / "https_settings.py").read_text()
    result = run_django(tmp_path, CHECK_DEPLOY, settings=https)
    assert result.returncode == 0, result.stdout
    for fixed in ("W004", "W008", "W012", "W016"):
        assert f"security.{fixed}" not in result.stdout, result.stdout
    # What is left is HSTS for subdomains and the preload list: a decision, not a mistake.
    assert "(security.W005)" in result.stdout and "(security.W021)" in result.stdout, result.stdout
    assert "System check identified 2 issues" in result.stdout, result.stdout


HASH_A_PASSWORD = "from django.contrib.auth.hashers import make_password; make_password('a-long-passphrase-42')"
ARGON2_FIRST = ('PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher",\n'
                '                    "django.contrib.auth.hashers.PBKDF2PasswordHasher"]\n')


def test_argon2_not_installed(tmp_path):
    if importlib.util.find_spec("argon2") is not None:
        pytest.skip("argon2-cffi is installed here")
    result = run_django(tmp_path, HASH_A_PASSWORD, settings=ARGON2_FIRST)
    assert result.returncode != 0, result.stdout
    assert_reproduces(result.stdout, "auth/argon2-not-installed")
    # `pip install argon2` installs an old, unrelated module also named `argon2`; Django imports it
    # and then finds none of argon2-cffi's API. An empty module of that name does the same here.
    (tmp_path / "argon2.py").write_text('"""Not argon2-cffi."""\n')
    result = run_django(tmp_path, HASH_A_PASSWORD, settings=ARGON2_FIRST)
    assert result.returncode != 0, result.stdout
    assert_reproduces(result.stdout, "auth/argon2-wrong-package")

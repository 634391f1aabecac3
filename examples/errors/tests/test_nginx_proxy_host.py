"""docs/troubleshooting/nginx-gunicorn.md: the Host header that nginx passes to Django.

nginx sends `Host: <upstream name>` unless told `proxy_set_header Host $host;`. An upstream or
Compose service named with an underscore (`django_app`) is not a valid host name, and Django
refuses it with its RFC 1034/1035 message, whatever ALLOWED_HOSTS says. The pinned Django answers
a real request through the test client, in a subprocess with the smallest settings module."""
import os
import subprocess
import sys
from pathlib import Path

from catalogue import assert_reproduces

SETTINGS = """\
SECRET_KEY = "k3-9vX_q2LmR7tYw8ZpA4sDfGh1JkL0zXcVbNm5QwErTyUiOp6AsDfGhJkLzXc"
DEBUG = False
ALLOWED_HOSTS = ["jobs.example.com", "django_app"]  # listing the name does not help
ROOT_URLCONF = "urls"
INSTALLED_APPS = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
"""
URLS = """\
from django.http import HttpResponse
from django.urls import path
urlpatterns = [path("", lambda request: HttpResponse("ok"))]
"""
REQUEST = """\
import logging
import django
django.setup()
logging.basicConfig(level=logging.ERROR, format="%(message)s")
from django.test import Client
for host in ["django_app:8000", "jobs.example.com"]:
    response = Client(HTTP_HOST=host).get("/")
    print(host, response.status_code)
"""


def test_underscore_upstream_name_is_not_a_valid_host(tmp_path: Path):
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "urls.py").write_text(URLS)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", REQUEST], cwd=tmp_path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    assert "django_app:8000 400" in result.stdout, result.stdout
    assert "jobs.example.com 200" in result.stdout, result.stdout  # the real domain is served
    assert_reproduces(result.stdout, "nginx-gunicorn/invalid-host-rfc")

"""docs/howto/deployment.md: nginx, gunicorn and TLS recipes.

gunicorn really runs (on 127.0.0.1) with the recipe's config file and with a self-signed
certificate made by the recipe's openssl line; Django's HTTPS settings answer real requests. No nginx
runs here: its files are parsed, and their values checked against gunicorn's and Django's."""
import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
from django.test import Client, override_settings

HERE = Path(__file__).resolve().parent.parent
DEPLOY = HERE / "cookbook" / "deploy"
JOBBOARD = HERE.parent / "jobboard"




def run_gunicorn(args: list[str], env: dict, url: str, context=None, timeout: float = 20.0):
    """Start gunicorn, return (status of GET url, combined output); always stop it."""
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", *args], cwd=HERE, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2, context=context) as response:
                    status = response.status
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=30)
    return status, output


def gunicorn_env(**extra) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "recipes_site.settings", **extra}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
    return env


def nginx_directives(path: Path) -> list[tuple[str, str]]:
    """(directive, value) pairs of an nginx file, comments removed, in file order."""
    text = re.sub(r"#[^\n]*", "", path.read_text())
    return [(m.group(1), m.group(2).strip()) for m in re.finditer(r"([a-z_]+)\s+([^;{}]*);", text)]


def seconds(value: str) -> int:
    return int(value.rstrip("s"))


def test_gunicorn_config_runs_and_resolves_to_safe_values():
    port = catalogue.free_port()
    env = gunicorn_env(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2")
    config = subprocess.run([sys.executable, "-m", "gunicorn", "-c", "cookbook/deploy/gunicorn.conf.py",
                             "--print-config", "cookbook.deploy.wsgi:application"],
                            cwd=HERE, env=env, capture_output=True, text=True, timeout=60)
    assert config.returncode == 0, config.stderr
    values = dict(re.findall(r"^(\w+)\s+= (.*)$", config.stdout, flags=re.MULTILINE))
    assert values["workers"] == "2" and values["timeout"] == "30" and values["keepalive"] == "75"
    assert values["max_requests"] == "0"            # worker recycling off unless asked for
    status, output = run_gunicorn(["-c", "cookbook/deploy/gunicorn.conf.py", "cookbook.deploy.wsgi:application"],
                                  env, f"http://127.0.0.1:{port}/health/live/")
    assert status == 200
    assert f"Listening at: http://127.0.0.1:{port}" in output


def test_worker_recycling_always_comes_with_jitter():
    env = gunicorn_env(GUNICORN_MAX_REQUESTS="1000")
    config = subprocess.run([sys.executable, "-m", "gunicorn", "-c", "cookbook/deploy/gunicorn.conf.py",
                             "--print-config", "cookbook.deploy.wsgi:application"],
                            cwd=HERE, env=env, capture_output=True, text=True, timeout=60)
    values = dict(re.findall(r"^(\w+)\s+= (.*)$", config.stdout, flags=re.MULTILINE))
    assert values["max_requests"] == "1000" and values["max_requests_jitter"] == "100"


def test_nginx_and_gunicorn_agree_on_address_timeouts_and_folders():
    directives = nginx_directives(DEPLOY / "nginx.conf")
    gunicorn = {}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), gunicorn)
    server = dict(directives)["server"]
    assert server.split(":")[1] == gunicorn["bind"].split(":")[1]          # same port
    assert seconds(dict(directives)["proxy_read_timeout"]) > gunicorn["timeout"]
    # nginx keeps idle upstream connections 60 s by default (1.29.7 and later): gunicorn longer.
    assert gunicorn["keepalive"] > 60
    headers = [value for name, value in directives if name == "proxy_set_header"]
    assert "X-Forwarded-Proto $scheme" in headers and "Host $host" in headers
    aliases = [value for name, value in directives if name == "alias"]
    assert "/app/staticfiles/" in aliases and all(a.endswith("/") for a in aliases)
    # STATIC_ROOT of the Job Board is BASE_DIR / "staticfiles", and its image's WORKDIR is /app.
    assert 'STATIC_ROOT = BASE_DIR / "staticfiles"' in (JOBBOARD / "config/settings.py").read_text()
    assert "WORKDIR /app" in (JOBBOARD / "Dockerfile").read_text()


def test_tls_site_answers_the_acme_challenge_before_redirecting():
    text = re.sub(r"#[^\n]*", "", (DEPLOY / "nginx-tls.conf").read_text())
    plain, secure = re.split(r"\n\}\n", text, maxsplit=1)
    assert plain.index("/.well-known/acme-challenge/") < plain.index("return 301 https://$host$request_uri")
    assert "root /var/www/certbot;" in plain
    first = (DEPLOY / "certbot.sh").read_text()
    assert "certbot certonly --webroot -w /var/www/certbot -d jobs.example.com" in first
    assert "listen 443 ssl;" in secure and "proxy_set_header X-Forwarded-Proto $scheme;" in secure
    domain = re.search(r"server_name (\S+);", secure).group(1)
    assert f"/etc/letsencrypt/live/{domain}/fullchain.pem" in secure
    assert f"/etc/letsencrypt/live/{domain}/privkey.pem" in secure
    assert 'certbot renew --quiet --deploy-hook "nginx -s reload"' in first


def https_settings() -> dict:
    namespace = {}
    exec(compile((DEPLOY / "https_settings.py").read_text(), "https_settings.py", "exec"), namespace)
    return {k: v for k, v in namespace.items() if k.isupper()}


def test_django_trusts_the_proxy_header_and_redirects_plain_http():
    with override_settings(**https_settings(), ALLOWED_HOSTS=["jobs.example.com"]):
        client = Client(HTTP_HOST="jobs.example.com")
        plain = client.get("/health/live/")
        assert plain.status_code == 301
        assert plain["Location"] == "https://jobs.example.com/health/live/"
        proxied = client.get("/health/live/", HTTP_X_FORWARDED_PROTO="https")
        assert proxied.status_code == 200
        assert proxied["Strict-Transport-Security"] == "max-age=3600"
        # A request nginx marked as plain HTTP is redirected, whatever else it carries.
        assert client.get("/health/live/", HTTP_X_FORWARDED_PROTO="http").status_code == 301
    # The Job Board trusts the header only when told it runs behind a proxy (as the page says).
    board = (JOBBOARD / "config/settings.py").read_text()
    assert re.search(r"if BEHIND_TRUSTED_PROXY:\n(?:\s*#[^\n]*\n)*\s*SECURE_PROXY_SSL_HEADER = "
                     r"\(\"HTTP_X_FORWARDED_PROTO\", \"https\"\)", board)


def test_without_the_proxy_header_setting_every_request_looks_like_http():
    settings = https_settings()
    del settings["SECURE_PROXY_SSL_HEADER"]
    with override_settings(**settings, ALLOWED_HOSTS=["jobs.example.com"]):
        client = Client(HTTP_HOST="jobs.example.com")
        # nginx said https, Django does not listen: the redirect loop of docs/troubleshooting/tls.md.
        response = client.get("/health/live/", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 301 and response["Location"].startswith("https://")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_self_signed_certificate_serves_https_locally(tmp_path):
    script = (DEPLOY / "dev-cert.sh").read_text()
    cert_line = re.search(r"openssl req .*?(?=\n# )", script.replace("\\\n", " "), flags=re.DOTALL).group(0)
    subprocess.run(shlex.split(cert_line), cwd=tmp_path, check=True, capture_output=True, timeout=60)
    serve = shlex.split(re.search(r"^gunicorn .*$", script, flags=re.MULTILINE).group(0))
    port = catalogue.free_port()
    args = [a.replace("dev-cert.pem", str(tmp_path / "dev-cert.pem"))
             .replace("dev-key.pem", str(tmp_path / "dev-key.pem"))
             .replace("127.0.0.1:8443", f"127.0.0.1:{port}")
             .replace("config.wsgi:application", "cookbook.deploy.wsgi:application") for a in serve[1:]]
    context = ssl.create_default_context(cafile=str(tmp_path / "dev-cert.pem"))
    for host in ("localhost", "127.0.0.1"):  # both names are in subjectAltName
        status, _ = run_gunicorn(args, gunicorn_env(), f"https://{host}:{port}/health/live/", context)
        assert status == 200


# --- One server (a VPS or an EC2 instance): gunicorn as a systemd service --------------------

def read_env_file(path: Path) -> dict:
    """KEY=value lines as systemd's EnvironmentFile= reads them (comments and blanks skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep and key == key.strip() and " " not in key and not key.startswith("export"), line
        values[key] = value
    return values


def test_systemd_unit_runs_the_venv_gunicorn_with_the_env_file_and_nginx_upstream():
    import configparser
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read_string(re.sub(r"(?m)^#.*$", "", (DEPLOY / "gunicorn.service").read_text()))
    service = unit["Service"]
    for key in ("WorkingDirectory", "EnvironmentFile"):
        assert service[key].startswith("/"), key     # systemd wants absolute paths
    exec_start = shlex.split(service["ExecStart"])
    assert exec_start[0].startswith("/") and exec_start[0].endswith("/bin/gunicorn")   # the venv's
    assert exec_start[1:3] == ["-c", "gunicorn.conf.py"] and exec_start[-1] == "config.wsgi:application"
    assert service["User"] != "root" and service["Restart"] == "on-failure"
    assert unit["Install"]["WantedBy"] == "multi-user.target"

    env_file = read_env_file(DEPLOY / "jobboard.env.example")
    assert env_file["DJANGO_DEBUG"] == "false"
    # gunicorn reads its address from the env file and listens on this machine only, where
    # nginx's upstream points on a single server (the nginx recipe's comment says 127.0.0.1:8000)
    config = subprocess.run([sys.executable, "-m", "gunicorn", "-c", "cookbook/deploy/gunicorn.conf.py",
                             "--print-config", "cookbook.deploy.wsgi:application"],
                            cwd=HERE, env=gunicorn_env(**{k: v for k, v in env_file.items() if k.startswith("GUNICORN_")}),
                            capture_output=True, text=True, timeout=60)
    assert config.returncode == 0, config.stderr
    values = dict(re.findall(r"^(\w+)\s+= (.*)$", config.stdout, flags=re.MULTILINE))
    assert values["bind"] == "['127.0.0.1:8000']" and values["workers"] == "3"
    assert "127.0.0.1:8000" in (DEPLOY / "nginx.conf").read_text()

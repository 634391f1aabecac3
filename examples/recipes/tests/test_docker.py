"""docs/howto/docker.md: the Dockerfiles, Compose files and commands the Docker recipes show.

No Docker engine runs here, so the files are read the way Docker reads them and their claims are
asserted; the Django parts (collectstatic, createsuperuser) really run."""
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command

HERE = Path(__file__).resolve().parent.parent
COOKBOOK = HERE / "cookbook" / "docker"
JOBBOARD = HERE.parent / "jobboard"


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, with continuation lines joined."""
    text = re.sub(r"\\\n", " ", path.read_text())
    result = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), " ".join(rest.split())))
    return result


def index_of(steps, keyword, fragment):
    return next(i for i, (k, args) in enumerate(steps) if k == keyword and fragment in args)


@pytest.mark.parametrize("name", ["Dockerfile", "Dockerfile.alpine"])
def test_dependency_layer_comes_before_the_code(name):
    steps = instructions(COOKBOOK / name)
    copy_requirements = index_of(steps, "COPY", "requirements.txt")
    pip_install = index_of(steps, "RUN", "pip install -r requirements.txt")
    copy_code = index_of(steps, "COPY", ". .")
    # A code edit changes the context of `COPY . .` only: every layer above it stays cached.
    assert copy_requirements < pip_install < copy_code
    run = steps[pip_install][1]
    assert "--mount=type=cache,target=/root/.cache/pip" in run
    # PIP_NO_CACHE_DIR would make pip ignore the cache mount.
    assert not any(k == "ENV" and "PIP_NO_CACHE_DIR" in a for k, a in steps)
    assert (COOKBOOK / name).read_text().startswith("# syntax=docker/dockerfile:1")  # BuildKit syntax


def test_slim_and_alpine_differ_only_in_base_image():
    slim, alpine = instructions(COOKBOOK / "Dockerfile"), instructions(COOKBOOK / "Dockerfile.alpine")
    assert slim[0] == ("FROM", "python:3.11-slim") and alpine[0] == ("FROM", "python:3.11-alpine")
    assert slim[1:] == alpine[1:]
    # The driver the Job Board pins installs from a wheel on both: psycopg[binary] publishes
    # manylinux (glibc, slim) and musllinux (Alpine) wheels.
    assert "psycopg[binary]==" in (JOBBOARD / "requirements.txt").read_text()


def test_gunicorn_listens_on_all_interfaces_in_the_container():
    cmd = dict(instructions(COOKBOOK / "Dockerfile"))["CMD"]
    args = yaml.safe_load(cmd)  # the exec form is a JSON list
    assert args[args.index("--bind") + 1] == "0.0.0.0:8000"
    assert dict(instructions(COOKBOOK / "Dockerfile"))["EXPOSE"] == "8000"


STRICT_SETTINGS = """
import os
from recipes_site.settings import *  # noqa: F401,F403

# Settings that refuse to load without the secret, as many production settings do ...
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# ... and a database that cannot be reached during a docker build (nothing listens on port 9).
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1",
                         "PORT": "9", "NAME": "none", "USER": "none", "CONNECT_TIMEOUT": 2}}
STATIC_ROOT = os.environ["TEST_STATIC_ROOT"]
"""


def test_collectstatic_needs_no_database_and_no_real_secret(tmp_path):
    # The Dockerfile's RUN line: a throw-away variable for that one command, after COPY . .
    steps = instructions(COOKBOOK / "Dockerfile")
    run = steps[index_of(steps, "RUN", "collectstatic")][1]
    assert run == "DJANGO_SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput"
    assert index_of(steps, "COPY", ". .") < index_of(steps, "RUN", "collectstatic")
    assert not any(k in ("ENV", "ARG") and "DJANGO_SECRET_KEY" in a for k, a in steps)  # not kept
    assignment, command = run.split(" python manage.py ")
    name, value = assignment.split("=")
    # Run it as the build would, against settings that need the key and a database nobody can reach.
    (tmp_path / "strict_settings.py").write_text(STRICT_SETTINGS)
    env = {k: v for k, v in os.environ.items() if k != name}
    env.update(PYTHONPATH=os.pathsep.join([str(tmp_path), str(HERE)]),
               DJANGO_SETTINGS_MODULE="strict_settings", TEST_STATIC_ROOT=str(tmp_path / "static"))
    argv = [sys.executable, "-m", "django", *command.split()]
    without_key = subprocess.run(argv, cwd=HERE, env=env, capture_output=True, text=True, timeout=120)
    assert without_key.returncode != 0 and "KeyError" in without_key.stderr
    with_key = subprocess.run(argv, cwd=HERE, env={**env, name: value}, capture_output=True,
                              text=True, timeout=120)
    assert with_key.returncode == 0, with_key.stderr
    assert (tmp_path / "static" / "admin" / "css" / "base.css").is_file()


def dockerignore_regex(pattern: str) -> re.Pattern:
    """Docker's pattern syntax (Go's filepath.Match plus `**`), for the patterns the recipe uses:
    `*` and `?` never cross a `/`, `**/` matches any number of folders (none included), and a
    pattern is anchored at the root of the build context."""
    regex, i = "", 0
    pattern = pattern.strip("/")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        elif pattern[i] == "*":
            regex, i = regex + "[^/]*", i + 1
        elif pattern[i] == "?":
            regex, i = regex + "[^/]", i + 1
        else:
            regex, i = regex + re.escape(pattern[i]), i + 1
    return re.compile(regex)


def dockerignore_excludes(patterns: list[str], path: str) -> bool:
    """A path is excluded when it, or one of the folders it is in, matches a pattern."""
    parts = path.split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(dockerignore_regex(p).fullmatch(c) for p in patterns for c in candidates)


def test_dockerignore_keeps_secrets_and_local_state_out():
    patterns = [line.strip() for line in (COOKBOOK / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    for excluded in (".env", "config/.env", ".git/HEAD", ".venv/bin/python", "db.sqlite3",
                     "media/cv/a.pdf", "jobs/__pycache__/models.cpython-311.pyc",
                     "node_modules/x/index.js", "key.pem", "certs/dev-key.pem"):
        assert dockerignore_excludes(patterns, excluded), excluded
    for kept in ("manage.py", "requirements.txt", ".env.example", "config/.env.example",
                 "config/settings.py", "jobs/models.py"):
        assert not dockerignore_excludes(patterns, kept), kept
    # Why the file writes **/.env: a pattern without it matches at the top of the context only.
    assert dockerignore_excludes([".env"], ".env") and not dockerignore_excludes([".env"], "config/.env")


def test_dev_override_mounts_the_code_where_the_image_keeps_it():
    workdir = dict(instructions(JOBBOARD / "Dockerfile"))["WORKDIR"]
    web = yaml.safe_load((COOKBOOK / "compose.dev.yaml").read_text())["services"]["web"]
    assert web["volumes"] == [f".:{workdir}"]
    assert web["command"].endswith("runserver 0.0.0.0:8000")   # not 127.0.0.1: see the recipe
    assert "web" in yaml.safe_load((JOBBOARD / "compose.yaml").read_text())["services"]


def test_watch_syncs_code_and_rebuilds_on_new_requirements():
    web = yaml.safe_load((COOKBOOK / "compose.watch.yaml").read_text())["services"]["web"]
    rules = {rule["action"]: rule for rule in web["develop"]["watch"]}
    assert rules["sync"]["target"] == dict(instructions(JOBBOARD / "Dockerfile"))["WORKDIR"]
    assert rules["rebuild"]["path"] == "requirements.txt"
    assert "volumes" not in web


def test_compose_waits_for_healthy_services():
    compose = yaml.safe_load((JOBBOARD / "compose.yaml").read_text())
    for app in ("web", "worker", "beat"):  # the recipe's claim: all three wait
        depends_on = compose["services"][app]["depends_on"]
        assert set(depends_on) == {"db", "redis", "rabbitmq"}, app
        for name, condition in depends_on.items():
            assert condition == {"condition": "service_healthy"}
            assert "healthcheck" in compose["services"][name], name
    assert "version" not in compose   # the obsolete top-level key the recipe says to drop
    # The database's check uses pg_isready, which the postgres image ships.
    assert compose["services"]["db"]["image"].startswith("postgres:")
    assert "pg_isready" in compose["services"]["db"]["healthcheck"]["test"][1]
    # $$ reaches the container as $: the variables are the container's, not the host's.
    assert "$${POSTGRES_USER}" in compose["services"]["db"]["healthcheck"]["test"][1]


@pytest.mark.django_db
def test_createsuperuser_without_prompts(monkeypatch):
    # The recipe's non-interactive line, run with the recipes' project.
    line = next(line for line in (COOKBOOK / "manage-in-container.sh").read_text().splitlines()
                if "createsuperuser --noinput" in line)
    words = shlex.split(line)
    command = words[words.index("manage.py") + 1:]
    assert command[0] == "createsuperuser" and "DJANGO_SUPERUSER_PASSWORD" in words
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-test-password")
    call_command(*command, verbosity=0)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("a-long-test-password")


def test_profiled_service_is_opt_in_and_nothing_depends_on_it():
    tools = yaml.safe_load((COOKBOOK / "compose.tools.yaml").read_text())["services"]
    base = yaml.safe_load((JOBBOARD / "compose.yaml").read_text())["services"]
    # Compose's rule: a service without `profiles` always starts; one with profiles starts only
    # when one of them is active (--profile debug, COMPOSE_PROFILES=debug) or it is named.
    def started(services, active=()):
        return {name for name, svc in services.items()
                if not svc.get("profiles") or set(svc["profiles"]) & set(active)}
    merged = {**base, **tools}
    assert started(merged) == set(base)                       # plain `up`: the usual stack
    assert started(merged, ["debug"]) == set(base) | {"mailpit"}
    assert not any(svc.get("profiles") for svc in base.values())
    # A default service that depends_on a profiled one makes plain `up` fail ("depends on
    # undefined service"), so the optional service stays a leaf.
    for svc in merged.values():
        assert "mailpit" not in (svc.get("depends_on") or {})
    # Like the other published ports, its web UI listens on this machine only.
    assert tools["mailpit"]["ports"] == ["127.0.0.1:8025:8025"]


def test_healthchecks_use_programs_the_images_have():
    # python:3.11-slim has neither curl nor wget: the web check uses the image's own Python.
    dockerfile = dict(instructions(JOBBOARD / "Dockerfile"))   # the last FROM: the final stage
    assert dockerfile["FROM"].startswith("python:3.11-slim")
    assert "CMD python -c" in dockerfile["HEALTHCHECK"] and "curl" not in dockerfile["HEALTHCHECK"]
    compose = yaml.safe_load((JOBBOARD / "compose.yaml").read_text())["services"]
    for name, svc in compose.items():
        if "healthcheck" in svc:
            test = " ".join(svc["healthcheck"]["test"])
            assert "curl" not in test and "wget" not in test, name
    web = compose["web"]["healthcheck"]["test"]
    assert web[:3] == ["CMD", "python", "-c"] and "urllib.request.urlopen(" in web[3]
    # The page's claim: urlopen fails (so python exits with 1) on an error status, not only
    # on a refused connection.
    probe = subprocess.run([sys.executable, "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/')"],
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode == 1 and "URLError" in probe.stderr


def test_shared_network_is_external_and_keeps_the_default_one():
    override = yaml.safe_load((COOKBOOK / "compose.shared-network.yaml").read_text())
    assert override["networks"] == {"shared": {"external": True}}
    # Listing networks replaces the implicit `default`: without it, web would lose db and redis.
    assert override["services"]["web"]["networks"] == ["default", "shared"]
    base = yaml.safe_load((JOBBOARD / "compose.yaml").read_text())
    assert "networks" not in base["services"]["web"] and "web" in base["services"]
    assert "docker network create shared" in (COOKBOOK / "compose.shared-network.yaml").read_text()

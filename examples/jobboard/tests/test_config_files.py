"""The deployment files parse and say what the docs claim they say."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def load(path: str):
    return yaml.safe_load((ROOT / path).read_text())


def test_compose_has_six_services_with_healthy_dependencies():
    compose = load("compose.yaml")
    assert set(compose["services"]) == {"web", "worker", "beat", "db", "redis", "rabbitmq"}
    assert compose["services"]["db"]["image"] == "postgres:16"
    assert compose["services"]["redis"]["image"] == "redis:7"
    assert compose["services"]["rabbitmq"]["image"] == "rabbitmq:4-management"
    for name in ("db", "redis", "rabbitmq", "web"):
        assert "healthcheck" in compose["services"][name]
    for name in ("web", "worker", "beat"):
        depends = compose["services"][name]["depends_on"]
        assert all(dep["condition"] == "service_healthy" for dep in depends.values())
        assert compose["services"][name]["env_file"] == ".env"


def env_example() -> dict:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_rabbitmq_has_its_own_vhost_everywhere():
    # docs/tech/rabbitmq.md: one vhost per application, not the default `/`.
    from kombu.utils.url import parse_url

    rabbitmq = load("compose.yaml")["services"]["rabbitmq"]
    vhost = rabbitmq["environment"]["RABBITMQ_DEFAULT_VHOST"]
    assert vhost == "jobboard"
    assert parse_url(env_example()["CELERY_BROKER_URL"])["virtual_host"] == vhost
    ci = load("ci/github-actions.yml")["jobs"]["test"]
    assert ci["services"]["rabbitmq"]["env"]["RABBITMQ_DEFAULT_VHOST"] == vhost
    assert parse_url(ci["env"]["CELERY_BROKER_URL"])["virtual_host"] == vhost
    services = (ROOT / "bin/services").read_text()
    assert f"AMQP_VHOST={vhost}\n" in services
    assert "CELERY_BROKER_URL=amqp://guest:guest@127.0.0.1:$AMQP_PORT/$AMQP_VHOST" in services


def test_chapa_callback_url_is_the_callback_route():
    from django.urls import resolve

    path = "/" + env_example()["CHAPA_CALLBACK_URL"].split("/", 3)[3]
    assert resolve(path).url_name == "payment-callback"


def test_github_workflow_is_hardened():
    text = (ROOT / "ci/github-actions.yml").read_text()
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}
    test_job = workflow["jobs"]["test"]
    assert test_job["permissions"] == {"contents": "read"}
    assert set(test_job["services"]) == {"postgres", "redis", "rabbitmq"}
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses, "no actions used"
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action  # full SHA
        assert re.search(r"#\s*v\d", comment), f"{action} lacks a version comment"
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema not installed")
def test_github_workflow_matches_schema():
    result = subprocess.run(
        ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", "ci/github-actions.yml"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_k8s_manifest_has_deployment_and_service_with_probes():
    docs = list(yaml.safe_load_all((ROOT / "deploy/k8s/deployment.yaml").read_text()))
    assert [d["kind"] for d in docs] == ["Deployment", "Service"]
    container = docs[0]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/"
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live/"
    assert container["resources"]["limits"] and container["resources"]["requests"]
    assert container["envFrom"][0]["secretRef"]["name"] == "jobboard-env"


def test_dockerfile_is_multi_stage_and_non_root():
    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM\s+\S+\s+AS\s+(\w+)", text, flags=re.MULTILINE)
    assert stages == ["builder", "runtime"]
    user_lines = re.findall(r"^USER\s+(\S+)", text, flags=re.MULTILINE)
    assert user_lines and user_lines[-1] not in ("root", "0")


def test_jenkinsfile_is_declarative_with_stages():
    text = (ROOT / "Jenkinsfile").read_text()
    assert text.count("pipeline {") == 1
    for stage in ("Checkout", "Install", "Test", "Build image"):
        assert f"stage('{stage}')" in text
    # With an explicit Checkout stage, the implicit one must be off, or the code is fetched twice.
    assert "skipDefaultCheckout()" in text


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    for entry in (".git", ".venv/", ".env", "db.sqlite3"):
        assert entry in ignored, entry


@pytest.mark.django_db
def test_crontab_line_is_valid_and_command_exists(capsys):
    lines = [line for line in (ROOT / "deploy/crontab").read_text().splitlines()
             if line.strip() and not line.startswith("#") and "=" not in line.split()[0]]
    assert len(lines) == 1
    fields = lines[0].split()
    assert re.fullmatch(r"[\d*/,-]+", " ".join(fields[:5]).replace(" ", ""))
    command = re.search(r"manage\.py (\w+)", lines[0]).group(1)
    call_command(command, "--days", "30")  # the command the cron line runs exists
    assert "Rejected 0" in capsys.readouterr().out


def test_env_example_lists_every_variable_compose_needs():
    text = (ROOT / ".env.example").read_text()
    for name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL",
                 "POSTGRES_PASSWORD", "RABBITMQ_DEFAULT_PASS", "CHAPA_SECRET_KEY", "DJANGO_DEBUG"):
        assert re.search(rf"^{name}=", text, flags=re.MULTILINE), name


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert "==" in line, line


def settings_variables() -> set[str]:
    """Every environment variable config/settings.py reads (os.environ.get, env_bool, env_list, env=)."""
    import ast
    tree = ast.parse((ROOT / "config/settings.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = ast.unparse(node.func)
        if func in ("os.environ.get", "env_bool", "env_list", "os.getenv") and node.args \
                and isinstance(node.args[0], ast.Constant):
            names.add(node.args[0].value)
        names.update(k.value.value for k in node.keywords if k.arg == "env" and isinstance(k.value, ast.Constant))
    return names


def test_env_example_documents_every_variable_settings_reads():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    read = settings_variables()
    assert len(read) > 25, read
    assert not read - listed, f".env.example does not mention {sorted(read - listed)} (settings.py reads them)"


def test_every_api_url_in_env_example_resolves_to_a_route():
    """URLs on the API's own host (localhost:8000 in Compose) must name a real route."""
    from django.urls import Resolver404, resolve
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    urls = re.findall(r"^#? ?[A-Z_]+=(https?://localhost:8000(/[^\s]*))$", text, flags=re.MULTILINE)
    assert urls
    for url, path in urls:
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f".env.example: {url} is not a route of the Job Board")


def test_host_db_override_maps_the_host_gateway():
    """compose.host-db.yaml: the web container reaches a PostgreSQL on the host machine."""
    override = load("compose.host-db.yaml")
    web = override["services"]["web"]
    assert web["extra_hosts"] == ["host.docker.internal:host-gateway"]
    assert "@host.docker.internal:5432/" in web["environment"]["DATABASE_URL"]
    assert set(override["services"]) <= set(load("compose.yaml")["services"])  # an override, not a new stack

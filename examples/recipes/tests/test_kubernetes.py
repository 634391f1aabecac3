"""docs/howto/kubernetes.md: the manifests and commands the Kubernetes recipes show.

No cluster runs here: the manifests are parsed and their claims asserted, the shell steps are
checked against the manifests, and the health views really answer requests."""
import ast
import re
import runpy
import subprocess
import sys
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.core.management import get_commands
from django.db import OperationalError
from django.test import Client, override_settings

HERE = Path(__file__).resolve().parent.parent
K8S = HERE / "cookbook" / "k8s"
JOBBOARD = HERE.parent / "jobboard"


def load(path: Path):
    return yaml.safe_load(path.read_text())


def jobboard_deployment():
    return next(d for d in yaml.safe_load_all((JOBBOARD / "deploy/k8s/deployment.yaml").read_text())
                if d["kind"] == "Deployment")


def commands(script: Path) -> list[str]:
    return [line.strip() for line in script.read_text().splitlines()
            if line.strip() and not line.lstrip().startswith("#") and line.strip() != "set -eu"]


def test_migrations_run_once_as_a_job_before_the_rollout():
    job = load(K8S / "migrate-job.yaml")
    assert job["kind"] == "Job" and job["apiVersion"] == "batch/v1"
    pod = job["spec"]["template"]["spec"]
    assert pod["restartPolicy"] == "Never"          # a Job's pods may not use Always
    container = pod["containers"][0]
    assert container["command"] == ["python", "manage.py", "migrate", "--noinput"]
    # The Job has the web pods' settings and user.
    web = jobboard_deployment()["spec"]["template"]["spec"]
    assert container["envFrom"] == web["containers"][0]["envFrom"]
    assert pod["securityContext"]["runAsUser"] == web["securityContext"]["runAsUser"]
    # The release script waits for this Job, then deploys the same image.
    steps = commands(K8S / "release.sh")
    name = job["metadata"]["name"]
    wait = steps.index(f"kubectl wait --for=condition=complete job/{name} --timeout=10m")
    set_image = next(i for i, s in enumerate(steps) if s.startswith("kubectl set image"))
    assert steps.index("kubectl apply -f migrate-job.yaml") < wait < set_image
    assert steps[set_image].endswith("web=" + container["image"])
    assert not container["image"].endswith(":latest")


def test_configmap_holds_only_plain_settings_the_app_reads():
    data = load(K8S / "configmap.yaml")["data"]
    # ConfigMap values must be strings: an unquoted false or 60 is rejected by the API server.
    assert all(isinstance(value, str) for value in data.values()), data
    assert not [k for k in data if re.search(r"SECRET|PASSWORD|TOKEN|_KEY", k)]
    read = settings_variables()
    assert set(data) <= read, set(data) - read


def settings_variables() -> set[str]:
    """Every environment variable the Job Board's settings read."""
    tree = ast.parse((JOBBOARD / "config/settings.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and ast.unparse(node.func) in ("os.environ.get", "env_bool", "env_list", "os.getenv"):
            names.add(node.args[0].value)
        if isinstance(node, ast.Call):
            names.update(k.value.value for k in node.keywords
                         if k.arg == "env" and isinstance(k.value, ast.Constant))
    return names


def test_deployment_reads_the_configmap_and_the_secret():
    deployment = load(K8S / "env-from.yaml")
    sources = deployment["spec"]["template"]["spec"]["containers"][0]["envFrom"]
    assert {"configMapRef": {"name": load(K8S / "configmap.yaml")["metadata"]["name"]}} in sources
    assert {"secretRef": {"name": "jobboard-env"}} in sources   # the Secret the Job Board uses


def test_rolling_update_never_drops_below_the_ready_replicas():
    deployment = load(K8S / "rollout.yaml")
    rolling = deployment["spec"]["strategy"]["rollingUpdate"]
    assert rolling == {"maxUnavailable": 0, "maxSurge": 1}
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/"
    # The grace period covers the preStop sleep and gunicorn's own graceful shutdown.
    sleep = int(container["lifecycle"]["preStop"]["exec"]["command"][1])
    gunicorn = runpy.run_path(str(HERE / "cookbook/deploy/gunicorn.conf.py"))
    assert pod["terminationGracePeriodSeconds"] >= sleep + gunicorn["graceful_timeout"]
    host = container["readinessProbe"]["httpGet"]["httpHeaders"][0]["value"]
    env = {e["name"]: e.get("value") for e in jobboard_deployment()["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert host in env["DJANGO_ALLOWED_HOSTS"].split(",")


def test_local_image_is_loaded_and_used_under_the_same_tag():
    steps = commands(K8S / "local-image.sh")
    tag = steps[0].split("-t ")[1].split()[0]
    assert steps[0].startswith("docker build -t ")
    assert f"kind load docker-image {tag}" in [s.split("  ")[0].strip() for s in steps]
    assert f"minikube image load {tag}" in [s.split("  ")[0].strip() for s in steps]
    assert any(s == f"kubectl set image deployment/jobboard-web web={tag}" for s in steps)
    # With a tag other than latest, the default imagePullPolicy is IfNotPresent: the node uses
    # the loaded image instead of asking a registry that does not have it.
    assert not tag.endswith(":latest") and ":" in tag


@pytest.mark.django_db
def test_liveness_and_readiness_views():
    client = Client()
    assert client.get("/health/live/").json() == {"status": "ok"}
    ready = client.get("/health/ready/")
    assert ready.status_code == 200 and ready.json()["database"] == "up"


@pytest.mark.django_db
def test_readiness_fails_and_liveness_holds_when_the_database_is_down():
    client = Client()
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor",
                    side_effect=OperationalError("connection refused")):
        assert client.get("/health/ready/").status_code == 503
        assert client.get("/health/live/").status_code == 200


def test_a_probe_without_an_allowed_host_gets_400():
    # The kubelet calls the pod's IP: without a Host header from ALLOWED_HOSTS, Django answers 400.
    client = Client()
    assert client.get("/health/live/", HTTP_HOST="10.244.1.17:8000").status_code == 400
    assert client.get("/health/live/", HTTP_HOST="localhost").status_code == 200


@pytest.mark.django_db
def test_redirect_to_https_hides_the_view_unless_the_probe_path_is_exempt():
    # The kubelet probes over plain HTTP. With SECURE_SSL_REDIRECT the answer is a 301 from the
    # middleware (a "success" for the kubelet), even while the database is down.
    # (A new Client each time: SecurityMiddleware reads its settings when it is created.)
    down = mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor",
                      side_effect=OperationalError("connection refused"))
    with override_settings(SECURE_SSL_REDIRECT=True), down:
        assert Client().get("/health/ready/").status_code == 301
    exempt = [r"^health/"]
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=exempt), down:
        assert Client().get("/health/ready/").status_code == 503
    # The Job Board exempts its readiness path the same way.
    assert 'SECURE_REDIRECT_EXEMPT = [r"^health/$"]' in (JOBBOARD / "config/settings.py").read_text()


def test_celery_worker_and_beat_run_as_their_own_deployments():
    worker, beat = yaml.safe_load_all((K8S / "celery.yaml").read_text())
    compose = yaml.safe_load((JOBBOARD / "compose.yaml").read_text())["services"]
    web = jobboard_deployment()["spec"]["template"]["spec"]
    for deployment, name in ((worker, "worker"), (beat, "beat")):
        assert deployment["kind"] == "Deployment"
        pod = deployment["spec"]["template"]["spec"]
        container = pod["containers"][0]
        # The same commands as the Compose services, the web pods' image, settings and user.
        assert " ".join(container["command"]).startswith(f"celery -A config {name}")
        assert compose[name]["command"].startswith(f"celery -A config {name}")
        assert container["image"].rsplit(":", 1)[0] == web["containers"][0]["image"].rsplit(":", 1)[0]
        assert container["envFrom"] == web["containers"][0]["envFrom"]
        assert pod["securityContext"]["runAsUser"] == web["securityContext"]["runAsUser"]
        assert "memory" in container["resources"]["limits"]
    # -A config finds the Celery app in config/celery.py.
    assert "app = Celery(" in (JOBBOARD / "config/celery.py").read_text()
    # One beat, never two at once during a rollout.
    assert beat["spec"]["replicas"] == 1 and beat["spec"]["strategy"] == {"type": "Recreate"}
    # The worker gets longer than the default 30 s to finish its tasks after SIGTERM.
    assert worker["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > 30
    # The liveness probe pings this worker only, with options that `celery inspect` has.
    probe = worker["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]
    line = probe["exec"]["command"][2]
    assert line.startswith("celery -A config inspect ping") and "celery@$HOSTNAME" in line
    assert probe["timeoutSeconds"] > float(line.split("--timeout ")[1])
    usage = subprocess.run([sys.executable, "-m", "celery", "inspect", "--help"],
                           capture_output=True, text=True, check=True).stdout
    assert "--destination" in usage and "--timeout" in usage


def test_cronjob_runs_a_management_command_once_at_a_time():
    cron = load(K8S / "cronjob.yaml")
    assert cron["kind"] == "CronJob" and cron["apiVersion"] == "batch/v1"
    spec = cron["spec"]
    assert len(spec["schedule"].split()) == 5
    ZoneInfo(spec["timeZone"])                       # a real IANA zone name
    assert spec["concurrencyPolicy"] == "Forbid"
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["restartPolicy"] in ("Never", "OnFailure")
    command = pod["containers"][0]["command"]
    assert command[:2] == ["python", "manage.py"]
    # clearsessions is Django's own command; it exists because the Job Board installs sessions.
    assert command[2] in get_commands()
    assert '"django.contrib.sessions"' in (JOBBOARD / "config/settings.py").read_text()


def test_ingress_routes_the_allowed_host_to_the_web_service():
    ingress = load(K8S / "ingress.yaml")
    assert ingress["apiVersion"] == "networking.k8s.io/v1" and ingress["kind"] == "Ingress"
    rule = ingress["spec"]["rules"][0]
    backend = rule["http"]["paths"][0]["backend"]["service"]
    service = next(d for d in yaml.safe_load_all((JOBBOARD / "deploy/k8s/deployment.yaml").read_text())
                   if d["kind"] == "Service")
    assert backend["name"] == service["metadata"]["name"]
    assert backend["port"]["name"] in [p["name"] for p in service["spec"]["ports"]]
    assert rule["http"]["paths"][0]["pathType"] == "Prefix"
    env = {e["name"]: e.get("value") for e in jobboard_deployment()["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert rule["host"] in env["DJANGO_ALLOWED_HOSTS"].split(",")
    assert ingress["spec"]["tls"][0]["hosts"] == [rule["host"]]

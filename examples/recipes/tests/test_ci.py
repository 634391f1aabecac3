"""docs/howto/ci.md: the GitHub Actions workflows and the Jenkinsfile the CI recipes show.

No runner runs here: the workflows are validated against GitHub's schema (when check-jsonschema is
installed), and the claims each recipe makes are asserted on the parsed files."""
import glob
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

HERE = Path(__file__).resolve().parent.parent
CI = HERE / "cookbook" / "ci"
REPO = HERE.parent.parent
JOBBOARD = HERE.parent / "jobboard"
WORKFLOWS = ["container-job.yml", "matrix.yml", "deploy.yml", "outputs.yml", "docker-image.yml",
             "concurrency.yml", "paths.yml", "artifacts.yml", "secret-if.yml"]   # the last four: test_ci_more.py
# What each job may do with its GITHUB_TOKEN: read the code, and push images for the image recipe.
EXTRA_PERMISSIONS = {"docker-image.yml": {"packages": "write"}}


def load(path: Path):
    return yaml.safe_load(path.read_text())


CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or shutil.which("check-jsonschema",
                                                                  path=str(Path(sys.executable).parent))


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema not installed")
def test_workflows_match_githubs_schema():
    result = subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows",
                             *[str(CI / name) for name in WORKFLOWS]],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", WORKFLOWS)
def test_workflows_pin_actions_and_read_only_tokens(name):
    text = (CI / name).read_text()
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read", **EXTRA_PERMISSIONS.get(name, {})}
    for action, comment in re.findall(r"uses:\s*(\S+)(.*)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action) and "# v" in comment


def test_service_hostname_depends_on_where_the_job_runs():
    # A job in a container reaches the service by its label, on the container port.
    job = load(CI / "container-job.yml")["jobs"]["test"]
    url = urlsplit(job["env"]["DATABASE_URL"])
    assert "container" in job and url.hostname in job["services"] and url.port == 5432
    assert "ports" not in job["services"]["postgres"]
    # A job on the runner itself (the Job Board's) reaches it on localhost, through a mapped port.
    board = load(JOBBOARD / "ci/github-actions.yml")["jobs"]["test"]
    url = urlsplit(board["env"]["DATABASE_URL"])
    assert "container" not in board and url.hostname == "localhost"
    assert f"{url.port}:5432" in board["services"]["postgres"]["ports"]
    # Both wait for PostgreSQL's health check before the first step.
    for options in (job["services"]["postgres"]["options"], board["services"]["postgres"]["options"]):
        assert "--health-cmd" in options and "pg_isready" in options


def test_matrix_versions_are_strings_and_every_combination_runs():
    job = load(CI / "matrix.yml")["jobs"]["test"]
    matrix = job["strategy"]["matrix"]
    assert all(isinstance(v, str) for v in matrix["python-version"] + matrix["django"])
    assert job["strategy"]["fail-fast"] is False
    assert len(matrix["python-version"]) * len(matrix["django"]) == 3
    assert yaml.safe_load("python-version: [3.10]")["python-version"] == [3.1]   # why they are quoted
    # The install line adds "Django~=<matrix value>.0" to requirements that pin Django exactly:
    # every matrix value must allow the pinned version, or pip stops with ResolutionImpossible.
    install = next(step["run"] for step in job["steps"] if "pip install" in step.get("run", ""))
    assert '"Django~=${{ matrix.django }}.0"' in install and "-r requirements-test.txt" in install
    pinned = Version(re.search(r"^Django==(\S+)$", (JOBBOARD / "requirements.txt").read_text(),
                               flags=re.MULTILINE).group(1))
    for django in matrix["django"]:
        assert pinned in SpecifierSet(f"~={django}.0"), django
    assert pinned not in SpecifierSet("~=6.0.0")   # the page's counter-example


def test_pip_cache_key_files_exist():
    # setup-python hashes the files cache-dependency-path matches; if none match, the step fails.
    job = load(CI / "matrix.yml")["jobs"]["test"]
    setup = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    assert glob.glob(str(JOBBOARD / setup["with"]["cache-dependency-path"]))
    board = load(JOBBOARD / "ci/github-actions.yml")["jobs"]["test"]
    board_setup = next(s for s in board["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    # The Job Board's workflow runs from the repository root: its path names the subfolder.
    assert glob.glob(str(REPO / board_setup["with"]["cache-dependency-path"]))


def test_deploy_runs_after_tests_with_environment_secrets_only():
    workflow = load(CI / "deploy.yml")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test" and deploy["environment"] == "production"
    assert workflow[True] == {"push": {"branches": ["main"]}}   # YAML 1.1 reads the key `on` as True
    assert workflow["concurrency"]["cancel-in-progress"] is False
    step = deploy["steps"][0]
    # Secrets reach the shell as environment variables, never pasted into the script.
    assert all(v.startswith("${{ secrets.") for v in step["env"].values())
    assert "${{" not in step["run"]
    assert "migrate --noinput" in step["run"]
    assert step["run"].index("docker compose pull") < step["run"].index("migrate") < step["run"].index("up -d")
    tests = workflow["jobs"]["test"]
    assert "secrets." not in yaml.safe_dump(tests)         # tests need no real secret


def test_jenkins_pipeline_runs_in_a_python_container():
    text = (CI / "Jenkinsfile").read_text()
    assert re.search(r"agent \{ docker \{ image 'python:3\.\d+-slim' \} \}", text)
    assert 'PIP_CACHE_DIR = "${WORKSPACE}/.pip-cache"' in text
    report = re.search(r"--junitxml=(\S+)'", text).group(1)
    assert f"junit '{report}'" in text
    assert text.count("pipeline {") == 1 and "python -m venv .venv" in text


def test_outputs_go_through_github_output_not_set_output(tmp_path):
    workflow = load(CI / "outputs.yml")
    version, deploy = workflow["jobs"]["version"], workflow["jobs"]["deploy"]
    text = (CI / "outputs.yml").read_text()
    assert "::set-output" not in text and "::save-state" not in text   # the deprecated commands
    step = version["steps"][0]
    assert step["id"] == "meta" and step["run"].endswith('>> "$GITHUB_OUTPUT"')
    # The same job reads it by step id; another job only through its job outputs and needs:.
    assert version["outputs"]["tag"] == "${{ steps.meta.outputs.tag }}"
    assert version["steps"][1]["env"]["TAG"] == "${{ steps.meta.outputs.tag }}"
    assert deploy["needs"] == "version"
    assert deploy["steps"][0]["env"]["TAG"] == "${{ needs.version.outputs.tag }}"
    # Run the step as the runner does: bash, with GITHUB_OUTPUT naming a file it reads afterwards.
    out = tmp_path / "github_output"
    subprocess.run(["bash", "-e", "-c", step["run"]], check=True, env={
        "GITHUB_OUTPUT": str(out), "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567", "PATH": "/usr/bin:/bin"})
    name, value = out.read_text().strip().split("=", 1)
    assert (name, value) == ("tag", "jobboard-api:0123456789ab")


def test_image_is_pushed_from_main_only_and_reuses_cached_layers():
    workflow = load(CI / "docker-image.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}, "pull_request": None}
    steps = workflow["jobs"]["image"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps]
    # The gha cache needs a BuildKit builder that can export it: setup-buildx-action creates one
    # (docker-container driver) before the build step runs.
    assert uses.index("docker/setup-buildx-action") < uses.index("docker/build-push-action")
    login = steps[uses.index("docker/login-action")]
    assert login["with"] == {"registry": "ghcr.io", "username": "${{ github.actor }}",
                             "password": "${{ secrets.GITHUB_TOKEN }}"}
    build = steps[uses.index("docker/build-push-action")]["with"]
    # Pull requests build the image too, but neither log in nor push.
    assert login["if"] == "github.event_name == 'push'" and build["push"] == "${{ github.event_name == 'push' }}"
    assert build["tags"].startswith("ghcr.io/${{ github.repository }}:")
    assert build["cache-from"] == "type=gha" and build["cache-to"] == "type=gha,mode=max"
    # A path context: the build reads the checked-out files, not a second fetch from Git.
    assert build["context"] == "." and uses[0] == "actions/checkout"

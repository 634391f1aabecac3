"""Workflows: every action pinned to a full commit SHA with a version comment, least privilege.

zizmor (whole repository, dependabot.yml included) and the workflow schema check run in `make lint`,
their one owner.
"""
import ast
import re
import sys

import yaml

from nexus import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$")


def test_every_action_is_pinned_to_a_commit_sha_with_a_version_comment():
    for path in WORKFLOWS + [ROOT / "examples/jobboard/ci/github-actions.yml"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            match = USES.match(line)
            if not match or match.group(1).startswith("./"):
                continue
            ref = match.group(1).rpartition("@")[2]
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}:{number}: {match.group(1)} is not SHA-pinned"
            assert re.search(r"#\s*v\d", match.group(2)), f"{path.name}:{number}: no version comment"


def test_top_level_permissions_are_empty_and_jobs_ask_for_what_they_need():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} has no permissions block"
            if "pages" in job["permissions"]:
                assert name == "deploy" and job["environment"]["name"] == "github-pages"


def test_no_pull_request_target_and_checkout_without_credentials():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow.get("on", workflow.get(True))   # YAML 1.1 reads a bare `on` as True
        assert "pull_request_target" not in triggers, path.name
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_deploy_runs_the_gate_first_and_never_cancels_a_deploy():
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert deploy["concurrency"]["cancel-in-progress"] is False
    steps = [step.get("run", "") for step in deploy["jobs"]["build"]["steps"]]
    assert steps.index("make test") < steps.index("make build")
    checkout = deploy["jobs"]["build"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0
    assert [step.get("run") for step in deploy["jobs"]["sweep"]["steps"]][-1] == "make test-sweep"
    assert deploy["jobs"]["deploy"]["needs"] == ["build", "sweep"]


def test_the_comment_workflow_never_runs_pull_request_code():
    comment = yaml.safe_load((ROOT / ".github/workflows/pr-comment.yml").read_text(encoding="utf-8"))
    triggers = comment.get("on", comment.get(True))
    assert list(triggers) == ["workflow_run"] and triggers["workflow_run"]["workflows"] == ["Checks"]
    job = comment["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    # The one action: a checkout of the base branch's renderer (one file), never the pull request's head.
    actions = [step for step in job["steps"] if "uses" in step]
    assert len(actions) == 1 and actions[0]["uses"].startswith("actions/checkout@")
    assert actions[0]["with"] == {"ref": "${{ github.event.repository.default_branch }}", "path": "trusted",
                                  "persist-credentials": False, "sparse-checkout": "scripts/pr_comment.py",
                                  "sparse-checkout-cone-mode": False}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make" not in runs and "pip" not in runs and ".venv" not in runs
    assert re.findall(r"python3? \S+", runs) == ["python3 trusted/scripts/pr_comment.py"]
    checks = yaml.safe_load((ROOT / ".github/workflows/checks.yml").read_text(encoding="utf-8"))
    summary = checks["jobs"]["summary"]
    assert summary["permissions"] == {"contents": "read"}
    assert any("scripts/pr_summary.py" in step.get("run", "") for step in summary["steps"])
    assert any(step.get("with", {}).get("name") == "pr-summary" for step in summary["steps"])


def test_the_comment_shows_checks_from_the_api_and_escaped_text_cut_by_characters():
    """The check table is read from the run's jobs through the API; the artifact's text is never
    posted as it is, and nothing cuts the body by bytes (head -c split a UTF-8 character)."""
    text = (ROOT / ".github/workflows/pr-comment.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load(text)["jobs"]["comment"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert re.search(r'gh api --paginate "repos/\$REPO/actions/runs/\$RUN_ID/jobs"', runs)
    assert "--jobs" in runs and "--summary" in runs
    assert "comment.md" not in runs, "the pull request's own text is never the comment"
    assert not re.search(r"\b(head|cut|dd)\b[^\n|]*-c\b", runs), "a byte cut can split a UTF-8 character"
    checks = (ROOT / ".github/workflows/checks.yml").read_text(encoding="utf-8")
    assert "--check" not in checks, "check results never travel through the pull request's artifact"


def test_the_comment_renderer_needs_nothing_but_the_standard_library():
    """pr-comment.yml runs it with the runner's python3 and installs nothing."""
    tree = ast.parse((ROOT / "scripts/pr_comment.py").read_text(encoding="utf-8"))
    modules = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    modules |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert modules - {"__future__"} <= sys.stdlib_module_names, modules - sys.stdlib_module_names


def test_the_comment_workflow_has_a_concurrency_group():
    comment = yaml.safe_load((ROOT / ".github/workflows/pr-comment.yml").read_text(encoding="utf-8"))
    group = comment["concurrency"]["group"]
    assert "github.event.workflow_run.head_branch" in group and "head_repository" in group
    assert comment["concurrency"]["cancel-in-progress"] is True


DIGEST = re.compile(r"^[a-z0-9./-]+:[\w.-]+@sha256:[0-9a-f]{64}$")


def test_service_and_container_images_are_pinned_by_digest_with_their_source():
    """A tag can be moved to other content; a digest cannot. Each pin keeps its tag (to read) and a
    comment just above it that names where the digest was read."""
    found = 0
    for path in WORKFLOWS:
        lines = path.read_text(encoding="utf-8").split("\n")
        workflow = yaml.safe_load("\n".join(lines))
        for name, job in workflow["jobs"].items():
            images = [c["image"] if isinstance(c, dict) else c for c in job.get("services", {}).values()]
            if "container" in job:
                images.append(job["container"]["image"] if isinstance(job["container"], dict) else job["container"])
            for image in images:
                found += 1
                assert DIGEST.match(image), f"{path.name}: job {name}: {image} is not pinned by digest"
                number = next(i for i, line in enumerate(lines) if line.strip() == f"image: {image}")
                assert "repo-info" in lines[number - 1] + lines[number - 2], f"{path.name}:{number + 1}: no source"
    assert found >= 3


def test_only_main_is_deployed():
    """workflow_dispatch can start Deploy on any branch: the job that writes to Pages runs from main only."""
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert deploy["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"

"""Workflows: every action pinned to a full commit SHA with a version comment, least privilege.

zizmor (whole repository, dependabot.yml included) and the workflow schema check run in `make lint`,
their one owner.
"""
import re

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
    assert deploy["jobs"]["deploy"]["needs"] == "build"


def test_the_comment_workflow_never_runs_pull_request_code():
    comment = yaml.safe_load((ROOT / ".github/workflows/pr-comment.yml").read_text(encoding="utf-8"))
    triggers = comment.get("on", comment.get(True))
    assert list(triggers) == ["workflow_run"] and triggers["workflow_run"]["workflows"] == ["Checks"]
    job = comment["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert all("uses" not in step for step in job["steps"]), "no action (checkout included) may run here"
    assert all("python" not in step["run"] and "make" not in step["run"] for step in job["steps"])
    checks = yaml.safe_load((ROOT / ".github/workflows/checks.yml").read_text(encoding="utf-8"))
    summary = checks["jobs"]["summary"]
    assert summary["permissions"] == {"contents": "read"}
    assert any("scripts/pr_summary.py" in step.get("run", "") for step in summary["steps"])
    assert any(step.get("with", {}).get("name") == "pr-summary" for step in summary["steps"])

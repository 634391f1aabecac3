"""docs/howto/ci.md and docs/tech/github-actions.md, docs/tech/jenkins.md: the workflows for
cancelling superseded runs, path filters, artifacts between jobs and secrets in if:, and the
Jenkinsfile with a branch-only stage, a value handed between stages and a nightly trigger.

No runner runs here: test_ci.py validates these workflows with the others (GitHub's schema, pinned
actions, read-only tokens), and each page's claims are asserted here on the parsed files."""
from fnmatch import fnmatch
from pathlib import Path

import yaml

CI = Path(__file__).resolve().parent.parent / "cookbook" / "ci"


def load(name):
    return yaml.safe_load((CI / name).read_text())


def group(expression, github):
    """Evaluate the concurrency group the way the runner does, for the two contexts used."""
    ref = github["head_ref"] or github["ref"]
    return expression.replace("${{ github.workflow }}", github["workflow"]).replace(
        "${{ github.head_ref || github.ref }}", ref)


def test_new_push_to_a_pull_request_cancels_its_old_run_only():
    concurrency = load("concurrency.yml")["concurrency"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    pr = {"workflow": "tests", "head_ref": "feature/search", "ref": "refs/pull/7/merge"}
    other_pr = {"workflow": "tests", "head_ref": "fix/login", "ref": "refs/pull/8/merge"}
    main = {"workflow": "tests", "head_ref": "", "ref": "refs/heads/main"}
    # Two pushes to one pull request share a group; another pull request and main do not.
    assert group(concurrency["group"], pr) == group(concurrency["group"], dict(pr))
    assert len({group(concurrency["group"], g) for g in (pr, other_pr, main)}) == 3


def test_one_run_per_push_to_a_pull_request():
    on = load("concurrency.yml")[True]                 # YAML 1.1 reads the key `on` as True
    # A push to a feature branch with an open pull request starts the pull_request event only:
    # push is limited to main, so the two events never fire for the same branch.
    assert on == {"push": {"branches": ["main"]}, "pull_request": None}


def test_path_filters_skip_docs_only_changes():
    on = load("paths.yml")[True]                       # YAML 1.1 reads the key `on` as True
    push, pr = on["push"]["paths"], on["pull_request"]["paths-ignore"]

    def push_runs(files):           # paths: run if any changed file matches
        return any(fnmatch(f, p.replace("**", "*")) for f in files for p in push)

    def pr_runs(files):             # paths-ignore: run unless every changed file matches
        return not all(any(fnmatch(f, p.replace("**", "*")) for p in pr) for f in files)

    assert push_runs(["jobboard/jobs/views.py"]) and push_runs(["requirements-test.txt"])
    assert not push_runs(["README.md"]) and not push_runs(["docs/howto/ci.md"])
    assert not pr_runs(["README.md", "docs/index.md"]) and pr_runs(["README.md", "jobboard/urls.py"])


def test_artifact_goes_from_build_to_publish():
    jobs = load("artifacts.yml")["jobs"]
    upload = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    download = jobs["publish"]["steps"][0]
    assert download["uses"].startswith("actions/download-artifact@")
    assert jobs["publish"]["needs"] == "build"          # otherwise both jobs start at once
    assert upload["with"]["name"] == download["with"]["name"] == "dist"
    assert upload["with"]["if-no-files-found"] == "error"
    # python -m build writes into dist/ by default: the folder the artifact uploads.
    assert any(s.get("run", "").endswith("python -m build") for s in jobs["build"]["steps"])
    assert upload["with"]["path"] == download["with"]["path"] == "dist/"


def test_secrets_are_tested_through_env_not_in_if():
    text = (CI / "secret-if.yml").read_text()
    job = load("secret-if.yml")["jobs"]["notify"]
    assert all("secrets." not in str(step.get("if", "")) for step in job["steps"])
    assert "if" not in job or "secrets." not in job["if"]
    assert job["env"]["SLACK_WEBHOOK_URL"] == "${{ secrets.SLACK_WEBHOOK_URL }}"
    assert job["steps"][0]["if"] == "env.SLACK_WEBHOOK_URL != ''"
    # The secret reaches the command as a variable, never pasted into the script.
    assert "${{" not in job["steps"][0]["run"] and "$SLACK_WEBHOOK_URL" in job["steps"][0]["run"]
    assert text.count("secrets.") == 1


def test_jenkinsfile_branch_stage_value_and_nightly_trigger():
    text = (CI / "Jenkinsfile-deploy").read_text()
    assert text.count("pipeline {") == 1 and text.count("{") == text.count("}")
    # The nightly trigger is set on main only, with H to spread the load.
    assert "cron(env.BRANCH_NAME == 'main' ? 'H 2 * * *' : '')" in text
    # The tag is set on env inside script { } in one stage and read by later ones through the
    # shell (single quotes: the shell expands it, not Groovy).
    version = text.index("stage('Version')")
    assert text.index("script {", version) < text.index("env.IMAGE_TAG =", version)
    assert "returnStdout: true).trim()" in text
    assert text.count('$IMAGE_TAG"') == 2 and "${IMAGE_TAG}" not in text
    deploy = text.index("stage('Deploy')")
    assert "when { branch 'main' }" in text[deploy:]
    assert "environment {" not in text          # a declared variable would win over env.IMAGE_TAG =

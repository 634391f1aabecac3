"""Cron recipes (docs/howto/cron.md): the wrapper and the entrypoint, run with an environment
as bare as cron's (`env -i`), against a stand-in project whose manage.py prints what it got."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

COOKBOOK = Path(__file__).resolve().parent.parent / "cookbook" / "cron_jobs"
MANAGE_PY = """import os, sys
print("command:", " ".join(sys.argv[1:]))
print("DATABASE_URL:", os.environ.get("DATABASE_URL", "<missing>"))
print("cwd:", os.getcwd())
sys.exit(3 if "fail" in sys.argv else 0)
"""


@pytest.fixture
def project(tmp_path):
    app = tmp_path / "srv"
    (app / ".venv" / "bin").mkdir(parents=True)
    (app / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (app / "manage.py").write_text(MANAGE_PY)
    return app


def cron_run(*args, **env):
    """Run like cron does: no profile, no venv, a short PATH."""
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(env.pop("HOME", "/tmp")), **env}
    return subprocess.run(["env", "-i", *(f"{k}={v}" for k, v in bare.items()), "/bin/sh", *args],
                          capture_output=True, text=True, timeout=60)


# --- docs/howto/cron.md#cron-django-command and troubleshooting/cron.md#cron-works-by-hand ------
def test_command_works_by_hand_but_not_from_cron(project, tmp_path):
    # By hand: the venv is active (its bin/ first in PATH) and the shell exported DATABASE_URL.
    by_hand = cron_run("-c", f"cd {project} && python manage.py send_reminders",
                       PATH=f"{project}/.venv/bin:/usr/bin:/bin", DATABASE_URL="postgres://app@db/jobboard")
    assert by_hand.returncode == 0 and "DATABASE_URL: postgres://app@db/jobboard" in by_hand.stdout
    # From cron: PATH=/usr/bin:/bin and no variables. "python" is the system's (or missing),
    # and even where it runs, the settings it needs are gone.
    from_cron = cron_run("-c", f"cd {project} && python manage.py send_reminders")
    assert from_cron.returncode == 127 or "DATABASE_URL: <missing>" in from_cron.stdout
    # The same command through the wrapper works with cron's bare environment.
    env_file = tmp_path / "cron.env"
    env_file.write_text("DATABASE_URL='postgres://app@db/jobboard'\n")
    log = tmp_path / "cron.log"
    wrapped = cron_run(str(COOKBOOK / "run-job.sh"), "send_reminders",
                       APP_DIR=project, ENV_FILE=env_file, LOG_FILE=log)
    assert wrapped.returncode == 0
    assert "DATABASE_URL: postgres://app@db/jobboard" in log.read_text()


def test_wrapper_runs_the_command_with_env_and_log(project, tmp_path):
    env_file = tmp_path / "cron.env"
    env_file.write_text("DATABASE_URL='postgres://app@db/jobboard'\n")
    log = tmp_path / "cron.log"
    result = cron_run(str(COOKBOOK / "run-job.sh"), "send_reminders",
                      APP_DIR=project, ENV_FILE=env_file, LOG_FILE=log)
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert "start: send_reminders" in text
    assert "command: send_reminders" in text
    assert "DATABASE_URL: postgres://app@db/jobboard" in text
    assert f"cwd: {project}" in text
    assert "end: send_reminders (exit 0)" in text


def test_wrapper_logs_and_returns_a_failure(project, tmp_path):
    log = tmp_path / "cron.log"
    result = cron_run(str(COOKBOOK / "run-job.sh"), "fail",
                      APP_DIR=project, ENV_FILE=tmp_path / "none.env", LOG_FILE=log)
    assert result.returncode == 3
    assert "end: fail (exit 3)" in log.read_text()


def test_crontab_lines_are_valid():
    lines = [line for line in (COOKBOOK / "crontab").read_text().splitlines()
             if line and not line.startswith("#") and "=" not in line.split()[0]]
    for line in lines:
        fields = line.split()
        assert len(fields) >= 6                      # five time fields, then the command
        assert fields[5].startswith("/")             # an absolute path
    assert (COOKBOOK / "crontab").read_text().endswith("\n")  # cron needs the last newline


# --- docs/howto/cron.md#cron-docker-env ---------------------------------------------------------
def test_entrypoint_saves_the_container_env_for_cron_jobs(project, tmp_path):
    env_file = tmp_path / "etc" / "cron.env"
    log = tmp_path / "cron.log"
    container_env = {"DATABASE_URL": "postgres://app:s3cr%23t@db/jobboard", "ENV_FILE": str(env_file)}
    started = subprocess.run([str(COOKBOOK / "docker-entrypoint.sh"), "true"],
                             env={"PATH": os.environ["PATH"], **container_env},
                             capture_output=True, text=True, timeout=60)
    assert started.returncode == 0, started.stderr
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"
    # Later, cron starts the job with an empty environment; the wrapper reads the file.
    result = cron_run(str(COOKBOOK / "run-job.sh"), "send_reminders",
                      APP_DIR=project, ENV_FILE=env_file, LOG_FILE=log)
    assert result.returncode == 0, result.stderr
    assert "DATABASE_URL: postgres://app:s3cr%23t@db/jobboard" in log.read_text()

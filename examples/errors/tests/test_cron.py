"""cron errors from docs/troubleshooting/cron.md, from the real crontab(1) and /bin/sh.

crontab refuses a bad file before installing it, so these tests never change the
machine's crontab. Debian's cron package provides crontab (apt-get install cron).
"""
import shutil
import subprocess

import pytest

from catalogue import assert_reproduces

# The environment cron gives a job (crontab(5)): HOME and LOGNAME from /etc/passwd,
# SHELL=/bin/sh and PATH=/usr/bin:/bin, nothing from your login shell or your venv.
CRON_ENV = {"HOME": "/tmp", "LOGNAME": "nobody", "SHELL": "/bin/sh", "PATH": "/usr/bin:/bin"}


def crontab(tmp_path, name: str, text: str) -> str:
    if shutil.which("crontab") is None:
        pytest.skip("needs crontab (apt-get install cron)")
    path = tmp_path / name
    path.write_text(text)
    result = subprocess.run(["crontab", name], cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0, "crontab accepted the file (and installed it)"
    return result.stdout + result.stderr


def cron_shell(command: str, tmp_path) -> str:
    result = subprocess.run(["/bin/sh", "-c", command], cwd=tmp_path, env=CRON_ENV,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    return result.stderr


def test_bad_minute(tmp_path):
    # Minutes run 0-59: "60" is the classic slip for "every hour".
    output = crontab(tmp_path, "jobboard.cron", "60 3 * * * /srv/jobboard/bin/backup\n")
    assert_reproduces(output, "cron/bad-minute")


def test_missing_newline(tmp_path):
    output = crontab(tmp_path, "jobboard.cron", "0 3 * * * /srv/jobboard/bin/backup")
    assert_reproduces(output, "cron/missing-newline")


def test_command_not_found_with_cron_path(tmp_path):
    # celery lives in the project's .venv/bin, which is not on cron's PATH.
    assert_reproduces(cron_shell("cd /tmp && celery -A config beat", tmp_path), "cron/command-not-found")


def test_percent_sign_cuts_the_command(tmp_path):
    # crontab(5): an unescaped % ends the command; cron runs only the part before it.
    line = "pg_dump jobboard > /tmp/jobboard-$(date +%F).sql"
    command_cron_runs = line.split("%", 1)[0]
    assert_reproduces(cron_shell(command_cron_runs, tmp_path), "cron/percent-sign")

"""docs/howto/shell.md: each recipe's commands, run with bash in tmp_path.

The regions of cookbook/shell/recipes.sh are what the page shows; the tests first break a copy of
cookbook/shell/deploy.sh the way learners meet it (no execute bit, Windows line endings), check
the failure, then run the region and check the fix.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SHELL = Path(__file__).resolve().parents[1] / "cookbook" / "shell"
pytestmark = pytest.mark.skipif(not shutil.which("bash"), reason="needs bash")


def region(file: str, name: str) -> str:
    text = (SHELL / file).read_text()
    match = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)# --8<-- \[end:{name}\]", text, re.S)
    assert match, f"no region {name} in {file}"
    return match.group(1)


def sh(cwd: Path, code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    base.update(HOME=str(cwd), LC_ALL="C", GIT_CONFIG_NOSYSTEM="1")
    result = subprocess.run(["bash", "-c", code], cwd=cwd, env={**base, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, timeout=60)
    result.stdout = result.stdout.decode()  # decoded by hand: text mode would turn a printed \r into \n
    return result


def git(cwd: Path, *args: str) -> str:
    result = sh(cwd, " ".join(["git", *(f"'{a}'" for a in args)]))
    assert result.returncode == 0, result.stdout
    return result.stdout.strip()


@pytest.fixture
def script(tmp_path):
    """deploy.sh copied into an empty folder, without the execute bit (as after a download or a copy)."""
    target = tmp_path / "deploy.sh"
    shutil.copyfile(SHELL / "deploy.sh", target)
    target.chmod(0o644)
    return target


def test_permission_denied_then_chmod(script):
    before = sh(script.parent, "./deploy.sh")
    assert before.returncode == 126 and "./deploy.sh: Permission denied" in before.stdout
    after = sh(script.parent, region("recipes.sh", "chmod"))
    assert after.returncode == 0 and after.stdout == "deploying jobboard\n"
    assert os.access(script, os.X_OK)


def test_bash_runs_a_script_without_the_execute_bit(script):
    result = sh(script.parent, region("recipes.sh", "without-x"))
    assert result.returncode == 0 and result.stdout == "deploying jobboard\n"


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_git_records_the_execute_bit(script):
    repo = script.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "You")
    git(repo, "config", "user.email", "you@example.com")
    git(repo, "config", "core.fileMode", "false")  # as on Windows: git ignores the file system's bit
    git(repo, "add", "deploy.sh")
    git(repo, "commit", "-q", "-m", "Add deploy script")
    assert git(repo, "ls-files", "-s", "deploy.sh").startswith("100644")
    result = sh(repo, region("recipes.sh", "git-mode"))
    assert result.returncode == 0, result.stdout
    assert "100755" in result.stdout.splitlines()[-1]  # a clone on Linux or macOS gets an executable file


# The messages a script with Windows (CRLF) line endings produces, by bash version and shebang.
CRLF_MESSAGES = ("/bin/bash^M: bad interpreter: No such file or directory",  # bash up to 5.1
                 "cannot execute: required file not found",                   # bash 5.2 and later
                 "/usr/bin/env: 'bash\\r': No such file or directory")        # #!/usr/bin/env bash


def test_windows_line_endings_break_the_shebang_then_sed_fixes_them(script):
    script.write_bytes(script.read_bytes().replace(b"\n", b"\r\n"))  # saved by a Windows editor
    script.chmod(0o755)
    broken = sh(script.parent, "./deploy.sh")
    assert broken.returncode == 127 and any(m in broken.stdout for m in CRLF_MESSAGES), broken.stdout
    inside = sh(script.parent, "bash deploy.sh")  # bash itself reads the \r as part of each line
    assert inside.returncode != 0 and "set: pipefail\r: invalid option name" in inside.stdout, inside.stdout
    assert sh(script.parent, region("recipes.sh", "crlf-detect")).stdout.strip() == "4"
    sh(script.parent, region("recipes.sh", "crlf-fix"))
    assert sh(script.parent, region("recipes.sh", "crlf-detect")).stdout.strip() == "0"
    fixed = sh(script.parent, "./deploy.sh")
    assert fixed.returncode == 0 and fixed.stdout == "deploying jobboard\n"


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_gitattributes_keeps_lf_on_a_windows_style_checkout(tmp_path):
    author = tmp_path / "author"
    author.mkdir()
    git(author, "init", "-q", "-b", "main")
    git(author, "config", "user.name", "You")
    git(author, "config", "user.email", "you@example.com")
    shutil.copyfile(SHELL / "deploy.sh", author / "deploy.sh")
    shutil.copyfile(SHELL / "deploy.sh", author / "notes.txt")
    # A script committed from Windows with CRLF inside the repository itself (core.autocrlf off):
    (author / "backup.sh").write_bytes((SHELL / "deploy.sh").read_bytes().replace(b"\n", b"\r\n"))
    git(author, "add", ".")
    git(author, "commit", "-q", "-m", "Add deploy script")

    def checkout(name: str) -> Path:
        """A clone made as Git for Windows makes it by default (core.autocrlf=true)."""
        git(tmp_path, "-c", "core.autocrlf=true", "clone", "-q", "author", name)
        return tmp_path / name

    without = checkout("without")
    assert b"\r\n" in (without / "deploy.sh").read_bytes()  # the cause: CRLF written on checkout

    (author / ".gitattributes").write_text(region("gitattributes", "gitattributes"))
    git(author, "add", ".gitattributes")
    git(author, "commit", "-q", "-m", "Always check out shell scripts with LF")
    with_attributes = checkout("with")
    assert b"\r" not in (with_attributes / "deploy.sh").read_bytes()  # the fix: scripts keep LF
    assert b"\r\n" in (with_attributes / "notes.txt").read_bytes()  # other text files still follow autocrlf

    # The page's clean-up, in the repository that holds a CRLF script: history gets LF from now on.
    renormalize = region("recipes.sh", "crlf-renormalize")
    assert sh(author, renormalize).returncode == 0
    assert b"\r" not in subprocess.run(["git", "show", "HEAD:backup.sh"], cwd=author, capture_output=True).stdout
    assert b"\r" not in (author / "backup.sh").read_bytes()
    # ...and in a clone checked out before .gitattributes existed: pulling it rewrites nothing,
    git(without, "config", "core.autocrlf", "true")  # as Git for Windows sets it for every repository
    assert sh(without, "git pull -q").returncode == 0
    assert b"\r\n" in (without / "deploy.sh").read_bytes()
    # until the same commands rewrite the checked-out files.
    assert sh(without, renormalize).returncode == 0
    assert b"\r" not in (without / "deploy.sh").read_bytes()
    assert b"\r\n" in (without / "notes.txt").read_bytes()


def test_load_a_dotenv_file_into_the_environment(tmp_path):
    (tmp_path / ".env").write_text(region("env.example", "env"))
    child = 'python3 -c "import os; print(os.environ.get(\'SECRET_KEY\'))"'  # a program the script starts
    without = sh(tmp_path, "source .env\n" + child)
    assert without.stdout.strip() == "None"  # plain source: shell variables, invisible to programs
    loaded = sh(tmp_path, region("recipes.sh", "load-env") + child)
    assert loaded.returncode == 0 and loaded.stdout.strip() == "change me in production"


def test_defaults_and_required_variables(tmp_path):
    code = region("recipes.sh", "defaults")
    ok = sh(tmp_path, code, env={"DATABASE_URL": "sqlite:///db.sqlite3", "PORT": ""})
    assert ok.returncode == 0 and ok.stdout == "port 8000, database sqlite:///db.sqlite3\n"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    missing = subprocess.run(["bash", "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert missing.returncode != 0 and "DATABASE_URL: DATABASE_URL is not set" in missing.stderr


def test_running_a_script_keeps_your_folder_and_sourcing_changes_it(tmp_path):
    shutil.copyfile(SHELL / "workon.sh", tmp_path / "workon.sh")
    (tmp_path / "jobboard").mkdir()
    child = 'python3 -c "import os; print(os.environ.get(\'DJANGO_SETTINGS_MODULE\'))"'
    result = sh(tmp_path, "unset DJANGO_SETTINGS_MODULE\n" + region("recipes.sh", "run-or-source") + child)
    assert result.returncode == 0, result.stdout
    first, second, settings = result.stdout.splitlines()
    assert first == str(tmp_path)  # `bash workon.sh`: the cd happened in a child that has exited
    assert second == str(tmp_path / "jobboard")  # `source workon.sh`: this shell moved
    assert settings == "config.settings"  # and its exported variable reaches the programs it starts
    ran = sh(tmp_path, "unset DJANGO_SETTINGS_MODULE\nbash workon.sh\n" + child)
    assert ran.stdout.strip() == "None"  # running it set nothing here


SEED = "import os, sys\nprint('seeded 20 jobs', os.environ.get('DEBUG'))\nprint('WARNING: 2 jobs skipped', file=sys.stderr)\n"


def test_export_makes_a_variable_visible_to_programs(tmp_path):
    (tmp_path / "seed.py").write_text(SEED)
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    lines = region("recipes.sh", "export").splitlines()
    # Each line on its own, after the plain assignment, as a learner types them one by one:
    plain = subprocess.run(["bash", "-c", lines[0] + "\npython3 seed.py"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert plain.stdout == "seeded 20 jobs None\n"  # a shell variable stays in the shell
    exported = subprocess.run(["bash", "-c", lines[1] + "\npython3 seed.py"], cwd=tmp_path, env=env,
                              capture_output=True, text=True)
    assert exported.stdout == "seeded 20 jobs 1\n"
    one_command = subprocess.run(["bash", "-c", lines[2] + "\npython3 seed.py"], cwd=tmp_path, env=env,
                                 capture_output=True, text=True)
    assert one_command.stdout == "seeded 20 jobs 1\nseeded 20 jobs None\n"  # only for that command


def test_redirect_output_and_errors(tmp_path):
    (tmp_path / "seed.py").write_text(SEED)
    lines = [line for line in region("recipes.sh", "redirect").splitlines() if line]
    out = {}
    for line in lines:
        result = subprocess.run(["bash", "-c", line], cwd=tmp_path, capture_output=True, text=True,
                                env={k: v for k, v in os.environ.items() if k != "DEBUG"})
        out[line.split("#")[0].strip()] = (result.stdout, result.stderr, (tmp_path / "seed.log").read_text())
    assert out["python3 seed.py > seed.log"] == ("", "WARNING: 2 jobs skipped\n", "seeded 20 jobs None\n")
    both = "seeded 20 jobs None\nWARNING: 2 jobs skipped\n"
    assert out["python3 seed.py > seed.log 2>&1"] == ("", "", both)
    assert out["python3 seed.py >> seed.log 2>&1"][2] == both + both
    assert out["python3 seed.py 2>&1 | grep -i warning"][0] == "WARNING: 2 jobs skipped\n"
    assert out["python3 seed.py 2> errors.log"][0] == "seeded 20 jobs None\n"
    assert (tmp_path / "errors.log").read_text() == "WARNING: 2 jobs skipped\n"
    # The order matters: 2>&1 BEFORE > file points errors at the screen, where output was going then.
    wrong = subprocess.run(["bash", "-c", "python3 seed.py 2>&1 > seed.log"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert wrong.stdout == "WARNING: 2 jobs skipped\n" and "WARNING" not in (tmp_path / "seed.log").read_text()


def user_script_wheel(folder: Path) -> Path:
    """A tiny wheel with one console command, `jobtool`, as a package on PyPI would ship it."""
    import zipfile
    dist = "jobtool-1.0.dist-info"
    files = {"jobtool.py": "def main():\n    print('jobtool 1.0')\n",
             f"{dist}/METADATA": "Metadata-Version: 2.1\nName: jobtool\nVersion: 1.0\n",
             f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
             f"{dist}/entry_points.txt": "[console_scripts]\njobtool = jobtool:main\n"}
    files[f"{dist}/RECORD"] = "".join(f"{path},,\n" for path in files) + f"{dist}/RECORD,,\n"
    wheel = folder / "jobtool-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def test_command_not_found_until_its_folder_is_on_path(tmp_path):
    import sys
    import sysconfig
    if sys.prefix == sys.base_prefix:
        pytest.skip("not running inside a virtual environment")
    home = tmp_path
    # pip installs the command into ~/.local/bin (what --user does outside a venv) and warns:
    wheel = user_script_wheel(tmp_path)
    # The venv's base Python (a venv refuses --user), with this venv's pip on its path.
    base = Path(sys.base_prefix) / "bin" / f"python3.{sys.version_info.minor}"
    pip_home = sysconfig.get_paths()["purelib"]
    pip = subprocess.run([str(base), "-m", "pip", "install", "--user", "--break-system-packages", "--no-index",
                          "--no-deps", str(wheel)], capture_output=True, text=True,
                         env={"PATH": os.environ["PATH"], "PIP_DISABLE_PIP_VERSION_CHECK": "1", "HOME": str(home),
                              "PYTHONPATH": pip_home})
    assert pip.returncode == 0, pip.stderr
    bin_dir = home / ".local" / "bin"
    assert f"WARNING: The script jobtool is installed in '{bin_dir}' which is not on PATH." in pip.stderr
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": ""}
    before = sh(home, "jobtool", env=env)
    assert before.returncode == 127 and "jobtool: command not found" in before.stdout
    found = sh(home, region("recipes.sh", "path-find"), env=env)
    assert "$HOME/.local/bin" not in found.stdout and str(bin_dir) not in found.stdout.split("\n")
    after = sh(home, region("recipes.sh", "path-add") + "jobtool\ntype -a jobtool", env=env)
    assert after.returncode == 0 and after.stdout == f"jobtool 1.0\njobtool is {bin_dir}/jobtool\n", after.stdout
    new_terminal = sh(home, "source ~/.bashrc\njobtool", env=env)  # what a new terminal reads first
    assert new_terminal.stdout == "jobtool 1.0\n"

"""docs/howto/git.md: each recipe's commands, run with the real git.

A region of cookbook/git/<recipe>.sh is exactly what the page shows; `sh()` runs that region with
bash in a repository made under tmp_path, next to a bare repository that plays GitHub. No user or
system git config is read, so the results do not depend on this machine.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

GIT = Path(__file__).resolve().parents[1] / "cookbook" / "git"
pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="needs git")


def region(file: str, name: str) -> str:
    """The lines between `# --8<-- [start:name]` and `# --8<-- [end:name]` in cookbook/git/<file>."""
    text = (GIT / file).read_text()
    match = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)# --8<-- \[end:{name}\]", text, re.S)
    assert match, f"no region {name} in {file}"
    return match.group(1)


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "SSH_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1",
               LANG="C", LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_EDITOR="true")
    return env


def sh(cwd: Path, code: str, home: Path | None = None, check: bool = True) -> str:
    """Run shell code (a recipe's region) with bash in cwd; stdout and stderr together."""
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=cwd, env=env_for(home or cwd.parent),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            text=True, timeout=60, start_new_session=True)
    if check:
        assert result.returncode == 0, f"{code}\n---\n{result.stdout}"
    return result.stdout


def git(cwd: Path, *args: str) -> str:
    return sh(cwd, " ".join(["git", *(f"'{a}'" for a in args)])).strip()


def commit(repo: Path, path: str, text: str, message: str) -> None:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text)
    git(repo, "add", path)
    git(repo, "commit", "-q", "-m", message)


def clone(tmp_path: Path, remote: str, name: str) -> Path:
    git(tmp_path, "clone", "-q", remote, name)
    repo = tmp_path / name
    git(repo, "config", "user.name", name.title())
    git(repo, "config", "user.email", f"{name}@example.com")
    return repo


@pytest.fixture
def work(tmp_path):
    """A "GitHub" repository (origin.git, bare) with one commit on main, and a clone of it."""
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "origin.git")
    repo = clone(tmp_path, "origin.git", "work")
    git(repo, "switch", "-q", "-c", "main")
    commit(repo, "settings.py", "DEBUG = False\n", "Initial settings")
    git(repo, "push", "-q", "-u", "origin", "main")
    return repo


def head(repo: Path, ref: str = "HEAD") -> str:
    return git(repo, "rev-parse", ref)


# ------------------------------------------------------------------------ undo the last commit

def test_undo_keeps_changes_staged(work):
    before = head(work)
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filter")
    sh(work, region("undo.sh", "keep-staged"))
    assert head(work) == before
    assert git(work, "diff", "--cached", "--name-only") == "jobs/filters.py"


def test_undo_keeps_changes_unstaged(work):
    commit(work, "settings.py", "DEBUG = True\n", "Turn DEBUG on")
    sh(work, region("undo.sh", "keep-unstaged"))
    assert git(work, "status", "--porcelain") == "M settings.py"  # modified in the file, not staged
    assert (work / "settings.py").read_text() == "DEBUG = True\n"


def test_undo_discards_commit_and_changes_then_reflog_brings_it_back(work):
    commit(work, "settings.py", "DEBUG = True\n", "Turn DEBUG on")
    lost = head(work)
    sh(work, region("undo.sh", "discard"))
    assert (work / "settings.py").read_text() == "DEBUG = False\n"
    output = sh(work, region("undo.sh", "reflog"))
    assert "Turn DEBUG on" in output  # the reflog still names the commit
    assert head(work) == lost and (work / "settings.py").read_text() == "DEBUG = True\n"


def test_amend_replaces_the_last_commit(work):
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filtr")
    (work / "forgotten_file.py").write_text("# the file left out\n")
    sh(work, region("undo.sh", "amend"))
    assert git(work, "log", "--format=%s", "origin/main..HEAD") == "Add salary filter to job list"
    assert "forgotten_file.py" in git(work, "show", "--name-only", "--format=", "HEAD")


def test_undo_a_pushed_commit_with_revert(work, tmp_path):
    commit(work, "settings.py", "DEBUG = True\n", "Turn DEBUG on")
    git(work, "push", "-q")
    teammate = clone(tmp_path, "origin.git", "teammate")  # someone already has the bad commit
    sh(work, region("undo.sh", "pushed"))
    assert git(work, "log", "-1", "--format=%s") == 'Revert "Turn DEBUG on"'
    assert (work / "settings.py").read_text() == "DEBUG = False\n"
    sh(teammate, "git pull -q --ff-only")  # their pull is a plain fast-forward: nothing rewritten
    assert (teammate / "settings.py").read_text() == "DEBUG = False\n"


# ------------------------------------------------------------------ stop tracking committed files

def test_stop_tracking_a_committed_file(work):
    commit(work, ".env", "SECRET_KEY=oops\n", "Add settings")
    sh(work, region("untrack.sh", "untrack"))
    assert (work / ".env").read_text() == "SECRET_KEY=oops\n"  # still on disk
    assert git(work, "ls-files", ".env") == ""  # no longer tracked
    (work / ".env").write_text("SECRET_KEY=changed\n")
    assert git(work, "status", "--porcelain") == ""  # and its changes no longer show up
    output = sh(work, region("untrack.sh", "check"))
    assert output.strip() == ".gitignore:1:.env\t.env"
    assert git(work, "log", "-1", "--name-status", "--format=") == "D\t.env\nA\t.gitignore"


def test_stop_tracking_a_folder(work):
    commit(work, "__pycache__/settings.cpython-311.pyc", "bytecode", "Oops, bytecode")
    sh(work, region("untrack.sh", "folder"))
    assert (work / "__pycache__" / "settings.cpython-311.pyc").exists()
    assert git(work, "ls-files", "__pycache__") == ""
    assert git(work, "status", "--porcelain") == ""


# ----------------------------------------------------------------------- resolve a merge conflict

@pytest.fixture
def conflicted(work):
    """main and feature/debug both changed the same line; `git merge feature/debug` stopped."""
    git(work, "switch", "-q", "-c", "feature/debug")
    commit(work, "settings.py", "DEBUG = env_bool('DEBUG')\n", "Read DEBUG from the environment")
    git(work, "switch", "-q", "main")
    commit(work, "settings.py", "DEBUG = True\n", "Turn DEBUG on")
    result = sh(work, "git merge feature/debug", check=False)
    assert "CONFLICT (content): Merge conflict in settings.py" in result
    return work


def test_see_and_finish_a_conflict(conflicted):
    output = sh(conflicted, region("conflict.sh", "see"))
    assert "both modified:   settings.py" in output
    assert "<<<<<<< HEAD" in output and ">>>>>>> feature/debug" in output
    (conflicted / "settings.py").write_text("DEBUG = env_bool('DEBUG', default=True)\n")  # your edit
    sh(conflicted, region("conflict.sh", "finish"))
    assert git(conflicted, "log", "-1", "--format=%p").count(" ") == 1  # a merge commit: two parents
    assert git(conflicted, "status", "--porcelain") == ""


def test_pick_one_side_of_a_conflict(conflicted):
    sh(conflicted, region("conflict.sh", "pick-side"))
    sh(conflicted, "git commit -q --no-edit")
    assert (conflicted / "settings.py").read_text() == "DEBUG = env_bool('DEBUG')\n"


def test_abort_a_merge(conflicted):
    before = head(conflicted)
    sh(conflicted, region("conflict.sh", "abort"))
    assert head(conflicted) == before
    assert (conflicted / "settings.py").read_text() == "DEBUG = True\n"
    assert not (conflicted / ".git" / "MERGE_HEAD").exists()


# ------------------------------------------------------------------ delete, prune, rename branches

def test_delete_a_branch_locally_and_on_the_remote(work, tmp_path):
    git(work, "switch", "-q", "-c", "feature/salary-filter")
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filter")
    git(work, "push", "-q", "-u", "origin", "feature/salary-filter")
    git(work, "switch", "-q", "main")
    git(work, "merge", "-q", "feature/salary-filter")
    git(work, "push", "-q")
    teammate = clone(tmp_path, "origin.git", "teammate")
    sh(teammate, "git switch -q feature/salary-filter && git switch -q main")  # a local copy, tracking
    sh(work, region("branches.sh", "delete"))
    assert git(work, "branch", "--list", "feature/salary-filter") == ""
    assert git(work, "ls-remote", "--heads", "origin", "feature/salary-filter") == ""
    output = sh(teammate, region("branches.sh", "prune"))
    assert "[deleted]" in output and "origin/feature/salary-filter: gone]" in output


def test_rename_master_to_main(tmp_path):
    git(tmp_path, "init", "-q", "--bare", "-b", "master", "origin.git")
    repo = clone(tmp_path, "origin.git", "work")
    git(repo, "switch", "-q", "-c", "master")
    commit(repo, "README.md", "# Job Board\n", "Initial commit")
    git(repo, "push", "-q", "-u", "origin", "master")
    code = region("branches.sh", "rename")
    # The page's middle step ("switch the default branch on GitHub") is done here on the bare repo:
    first, last = code.rsplit("git push origin --delete master", 1)
    sh(repo, first)
    git(tmp_path / "origin.git", "symbolic-ref", "HEAD", "refs/heads/main")
    sh(repo, "git push origin --delete master" + last)
    assert git(repo, "ls-remote", "--heads", "origin").endswith("refs/heads/main")
    assert git(repo, "rev-parse", "--abbrev-ref", "main@{upstream}") == "origin/main"


# ---------------------------------------------------------------------------- squash, fork sync

def test_squash_a_branch_into_one_commit(work):
    git(work, "switch", "-q", "-c", "feature/salary-filter")
    for n in range(3):
        commit(work, "jobs/filters.py", f"SALARY = {n}\n", f"wip {n}")
    git(work, "push", "-q", "-u", "origin", "feature/salary-filter")
    tree = git(work, "rev-parse", "HEAD^{tree}")
    sh(work, region("squash.sh", "squash"))
    assert git(work, "rev-list", "--count", "origin/main..HEAD") == "1"
    assert git(work, "rev-parse", "HEAD^{tree}") == tree  # the same files, one commit
    assert git(work, "ls-remote", "origin", "feature/salary-filter").split()[0] == head(work)


def test_sync_a_fork_with_upstream(tmp_path):
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "upstream.git")
    author = clone(tmp_path, "upstream.git", "author")
    git(author, "switch", "-q", "-c", "main")
    commit(author, "settings.py", "DEBUG = False\n", "Initial settings")
    git(author, "push", "-q", "-u", "origin", "main")
    git(tmp_path, "clone", "-q", "--bare", "upstream.git", "fork.git")  # "Fork" on GitHub
    you = clone(tmp_path, "fork.git", "you")
    commit(author, "settings.py", "DEBUG = env_bool('DEBUG')\n", "Read DEBUG from the environment")
    git(author, "push", "-q")
    # The page's GitHub address points at the local upstream.git here:
    git(you, "config", f"url.{tmp_path / 'upstream.git'}.insteadOf", "https://github.com/alx-prodev/jobboard.git")
    output = sh(you, region("fork.sh", "upstream"))
    assert f"upstream\t{tmp_path / 'upstream.git'} (fetch)" in output  # the address, as rewritten here
    assert git(you, "config", "remote.upstream.url") == "https://github.com/alx-prodev/jobboard.git"
    sh(you, region("fork.sh", "sync"))
    assert git(tmp_path / "fork.git", "rev-parse", "main") == head(author)


# ------------------------------------------------------------------------------ SSH and tokens

def test_ssh_key_agent_and_remote_url(work, tmp_path):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    output = sh(work, region("ssh.sh", "keygen"), home=home)
    private, public = home / ".ssh" / "id_ed25519", home / ".ssh" / "id_ed25519.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600  # ssh refuses a private key others can read
    assert public.read_text().startswith("ssh-ed25519 ") and public.read_text().strip().endswith("you@example.com")
    assert public.read_text().strip() in output
    if shutil.which("ssh-agent") and shutil.which("ssh-add"):
        listed = sh(work, region("ssh.sh", "agent") + "ssh-add -l\nssh-agent -k\n", home=home)
        assert "(ED25519)" in listed
    output = sh(work, region("ssh.sh", "remote"), home=home)
    assert "origin\tgit@github.com:you/jobboard.git (push)" in output


def test_credential_cache_remembers_a_token(tmp_path):
    home = tmp_path / "h"  # short: the cache daemon's socket path has a length limit
    home.mkdir()
    sh(home, region("ssh.sh", "credential-cache"), home=home)
    assert sh(home, "git config --global credential.helper", home=home).strip() == "cache --timeout=3600"
    login = "protocol=https\nhost=github.com\nusername=you\npassword=ghp_exampletoken\n"
    try:
        sh(home, f"printf '{login}' | git credential approve", home=home)  # what git does after a push works
        filled = sh(home, "printf 'protocol=https\\nhost=github.com\\n' | git credential fill", home=home)
        assert "password=ghp_exampletoken" in filled  # the next push gets it without asking
    finally:
        sh(home, "git credential-cache exit", home=home, check=False)  # stop the daemon this test started


# ------------------------------------------------------------------ stash, cherry-pick, detached HEAD

def test_stash_switch_branch_and_pop(work):
    git(work, "switch", "-q", "-c", "feature/salary-filter")
    (work / "settings.py").write_text("DEBUG = True\n")  # an edit to a tracked file
    (work / "filters.py").write_text("SALARY = 1\n")     # and a new, untracked file
    sh(work, region("stash.sh", "stash"))
    assert git(work, "status", "--porcelain") == ""       # clean: switching was allowed
    assert git(work, "branch", "--show-current") == "main"
    output = sh(work, region("stash.sh", "list"))
    assert "stash@{0}: On feature/salary-filter: salary filter, half done" in output
    assert "+DEBUG = True" in output
    sh(work, region("stash.sh", "pop"))
    assert (work / "settings.py").read_text() == "DEBUG = True\n"
    assert (work / "filters.py").read_text() == "SALARY = 1\n"
    assert git(work, "stash", "list") == ""               # pop dropped it


def test_stash_carries_edits_to_a_new_branch(work):
    (work / "contact.py").write_text("FORM = 1\n")        # started on main by mistake
    sh(work, region("stash.sh", "carry"))
    assert git(work, "branch", "--show-current") == "feature/contact-form"
    assert git(work, "status", "--porcelain") == "?? contact.py"


def test_cherry_pick_one_commit_to_another_branch(work):
    git(work, "branch", "release/1.2")
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filter")
    commit(work, "settings.py", "DEBUG = False\nALLOWED_HOSTS = ['jobs.example.com']\n", "Fix ALLOWED_HOSTS")
    output = sh(work, region("cherry-pick.sh", "find"))
    assert "Fix ALLOWED_HOSTS" in output
    fix = git(work, "rev-parse", "HEAD")
    sh(work, f"HASH={fix}\n" + region("cherry-pick.sh", "pick"))
    assert git(work, "log", "--format=%s", "main..release/1.2") == "Fix ALLOWED_HOSTS"
    assert not (work / "jobs" / "filters.py").exists()    # only the picked commit came along
    assert f"(cherry picked from commit {fix})" in git(work, "log", "-1", "--format=%b")


def test_cherry_pick_conflict_continue(work):
    git(work, "switch", "-q", "-c", "release/1.2")
    commit(work, "settings.py", "DEBUG = None\n", "Release settings")
    git(work, "switch", "-q", "main")
    commit(work, "settings.py", "DEBUG = True\n", "Turn DEBUG on")
    fix = git(work, "rev-parse", "HEAD")
    result = sh(work, f"HASH={fix}\n" + region("cherry-pick.sh", "pick"), check=False)
    assert "CONFLICT (content): Merge conflict in settings.py" in result
    (work / "settings.py").write_text("DEBUG = True\n")
    output = sh(work, region("cherry-pick.sh", "conflict"))
    assert "Unmerged paths" in output or "both modified" in output
    assert git(work, "log", "-1", "--format=%s") == "Turn DEBUG on"


def test_leave_detached_head_and_keep_commits(work):
    old = head(work)
    commit(work, "settings.py", "DEBUG = True\n", "Turn DEBUG on")
    git(work, "checkout", "-q", old)                      # look at old code: detached
    assert "HEAD detached at" in sh(work, region("detached.sh", "look"))
    commit(work, "jobs/fix.py", "FIXED = True\n", "Fix old bug")
    sh(work, region("detached.sh", "keep"))
    assert git(work, "branch", "--show-current") == "main"
    assert (work / "jobs" / "fix.py").exists()            # the detached commit is on main now


def test_leave_detached_head_without_commits(work):
    git(work, "checkout", "-q", "--detach")
    sh(work, region("detached.sh", "back"))
    assert git(work, "branch", "--show-current") == "main"


def test_rescue_a_commit_left_behind_in_detached_head(work):
    git(work, "checkout", "-q", "--detach")
    commit(work, "jobs/fix.py", "FIXED = True\n", "Fix old bug")
    lost = head(work)
    sh(work, region("detached.sh", "back"))               # switched away: the commit is on no branch
    output = sh(work, f"HASH={lost}\n" + region("detached.sh", "rescue"))
    assert "Fix old bug" in output
    assert git(work, "rev-parse", "rescued") == lost

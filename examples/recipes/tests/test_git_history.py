"""docs/howto/git.md, the recipes that rewrite or reshape history: unstage and clean, move a
commit to the right branch, reword a message, undo a merge, tags, make a branch match the remote.

Same method as test_git.py (whose helpers this file reuses): each region of cookbook/git/<recipe>.sh
is run with bash, with the real git, in a repository under tmp_path next to a bare "GitHub" remote.
"""
from __future__ import annotations

from .test_git import clone, commit, git, head, region, sh, work  # noqa: F401  (work is a fixture)


# ------------------------------------------------------------------ undo git add, discard, clean

def test_unstage_keeps_the_edits(work):
    (work / "settings.py").write_text("DEBUG = True\n")
    (work / "notes.txt").write_text("scratch\n")
    git(work, "add", ".")
    sh(work, region("unstage.sh", "unstage"))
    assert git(work, "diff", "--cached", "--name-only") == ""  # nothing staged any more
    assert (work / "settings.py").read_text() == "DEBUG = True\n"  # the edit is still in the file
    assert "?? notes.txt" in git(work, "status", "--porcelain")


def test_discard_edits_to_one_file(work):
    (work / "settings.py").write_text("DEBUG = True\n")
    sh(work, region("unstage.sh", "discard"))
    assert (work / "settings.py").read_text() == "DEBUG = False\n"
    assert git(work, "status", "--porcelain") == ""


def test_clean_deletes_untracked_but_not_ignored(work):
    commit(work, ".gitignore", ".env\n", "Ignore .env")
    (work / ".env").write_text("SECRET_KEY=x\n")
    (work / "scratch").mkdir()
    (work / "scratch" / "tmp.py").write_text("x = 1\n")
    output = sh(work, region("unstage.sh", "clean"))
    assert "Would remove scratch/" in output and "Removing scratch/" in output
    assert not (work / "scratch").exists()
    assert (work / ".env").exists()  # ignored files are kept without -x


# ------------------------------------------------------------- move a commit to the right branch

def test_move_a_commit_from_main_to_a_new_branch(work):
    before = head(work)
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filter")
    moved = head(work)
    (work / "notes.txt").write_text("uncommitted, unrelated\n")  # --keep leaves this alone
    sh(work, region("move-commit.sh", "new-branch"))
    assert head(work, "main") == before
    assert head(work) == moved and git(work, "branch", "--show-current") == "feature/salary-filter"
    assert (work / "notes.txt").exists()


def test_move_a_commit_from_main_to_an_existing_branch(work):
    git(work, "branch", "feature/salary-filter")
    before = head(work)
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filter")
    sh(work, region("move-commit.sh", "existing-branch"))
    assert head(work, "main") == before
    assert git(work, "log", "-1", "--format=%s", "feature/salary-filter") == "Add salary filter"


# ------------------------------------------------------------------------------- reword a commit

def test_reword_the_last_commit_and_push(work):
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filtr")
    git(work, "push", "-q")
    sh(work, region("reword.sh", "last"))
    sh(work, region("reword.sh", "push"))
    assert git(work, "log", "-1", "--format=%s", "origin/main") == "Add salary filter to job list"


def test_reword_an_older_commit(work, tmp_path):
    commit(work, "a.py", "a = 1\n", "Add a")
    commit(work, "b.py", "b = 1\n", "Add bb")  # the typo, two commits back
    commit(work, "c.py", "c = 1\n", "Add c")
    git(work, "push", "-q")
    # What you do by hand in the editors: mark the commit "reword", then type the new message.
    (tmp_path / "message.sh").write_text('#!/bin/sh\necho "Add b" > "$1"\n')
    (tmp_path / "message.sh").chmod(0o755)
    editors = (f"export GIT_SEQUENCE_EDITOR=\"sed -i 's/^pick \\\\(.* Add bb\\\\)$/reword \\\\1/'\"\n"
               f"export GIT_EDITOR={tmp_path / 'message.sh'}\n")
    sh(work, editors + region("reword.sh", "older"))
    assert git(work, "log", "-3", "--format=%s") == "Add c\nAdd b\nAdd a"
    sh(work, region("reword.sh", "push"))
    assert git(work, "log", "-3", "--format=%s", "origin/main") == "Add c\nAdd b\nAdd a"


# --------------------------------------------------------------------------------- undo a merge

def _merged(work):
    git(work, "switch", "-q", "-c", "feature/salary-filter")
    commit(work, "jobs/filters.py", "SALARY = 1\n", "Add salary filter")
    git(work, "switch", "-q", "main")
    commit(work, "settings.py", "DEBUG = env_bool('DEBUG')\n", "Read DEBUG from the environment")
    before = head(work)
    git(work, "merge", "-q", "--no-edit", "feature/salary-filter")
    return before


def test_undo_a_merge_not_pushed(work):
    before = _merged(work)
    sh(work, region("undo-merge.sh", "not-pushed"))
    assert head(work) == before and not (work / "jobs" / "filters.py").exists()


def test_revert_a_pushed_merge(work):
    _merged(work)
    git(work, "push", "-q")
    merge = head(work)
    output = sh(work, f"MERGE={merge}\n" + region("undo-merge.sh", "pushed"))
    assert "Merge branch 'feature/salary-filter'" in output
    assert not (work / "jobs" / "filters.py").exists()  # the branch's change is undone
    assert (work / "settings.py").read_text() == "DEBUG = env_bool('DEBUG')\n"  # main's is kept
    assert git(work, "rev-parse", "HEAD~1") == merge  # history not rewritten: a new commit on top
    assert head(work, "origin/main") == head(work)


# ------------------------------------------------------------------------------------------ tags

def test_create_push_and_delete_tags(work, tmp_path):
    old = head(work)
    commit(work, "settings.py", "DEBUG = True\n", "Release changes")
    output = sh(work, f"HASH={old}\n" + region("tags.sh", "create"))
    assert "v1.2.0          Release 1.2.0" in output
    git(work, "push", "-q")
    remote = tmp_path / "origin.git"
    assert git(remote, "tag") == ""  # a plain push sent no tag
    sh(work, region("tags.sh", "push"))
    assert git(remote, "tag") == "v1.1.1\nv1.2.0"  # --follow-tags also sent v1.1.1 (reachable)
    sh(work, region("tags.sh", "delete"))
    assert git(remote, "tag") == "v1.1.1" and git(work, "tag") == "v1.1.1"


# --------------------------------------------------------------- make main match origin/main

def test_make_main_match_the_remote(work, tmp_path):
    teammate = clone(tmp_path, "origin.git", "teammate")
    commit(teammate, "settings.py", "DEBUG = env_bool('DEBUG')\n", "Read DEBUG from the environment")
    git(teammate, "push", "-q")
    commit(work, "settings.py", "DEBUG = True\n", "Local experiment")  # a local commit to drop
    mine = head(work)
    (work / "settings.py").write_text("DEBUG = 1\n")  # an uncommitted edit
    (work / "scratch.py").write_text("x = 1\n")  # an untracked file
    sh(work, region("match-remote.sh", "match"))
    assert head(work) == head(teammate)
    assert git(work, "status", "--porcelain") == ""
    assert head(work, "backup/main-before-reset") == mine  # the dropped commit is still reachable

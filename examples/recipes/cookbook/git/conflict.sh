# Resolve a merge conflict. Regions run by recipes/tests/test_git.py.

# --8<-- [start:see]
git status                   # "both modified: settings.py" lists every conflicted file
git diff                     # the conflict markers, with both sides
# --8<-- [end:see]

# --8<-- [start:finish]
git add settings.py          # after editing: mark the file resolved
git commit --no-edit         # finish the merge (after a rebase: git rebase --continue)
# --8<-- [end:finish]

# --8<-- [start:pick-side]
git checkout --theirs settings.py   # take the other branch's version (--ours: keep yours)
git add settings.py
# --8<-- [end:pick-side]

# --8<-- [start:abort]
git merge --abort            # give up: back to how things were before the merge
# --8<-- [end:abort]

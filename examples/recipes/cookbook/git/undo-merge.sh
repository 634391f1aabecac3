# Undo a merge. Regions run by recipes/tests/test_git_history.py.

# --8<-- [start:not-pushed]
git reset --hard ORIG_HEAD   # right after the merge, not pushed: back to where main was
# --8<-- [end:not-pushed]

# --8<-- [start:pushed]
git log --oneline --merges -3        # find the merge commit
git revert -m 1 --no-edit "$MERGE"   # a new commit that undoes it; -m 1 keeps main's side
git push
# --8<-- [end:pushed]

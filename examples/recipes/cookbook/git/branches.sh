# Delete and rename branches. Regions run by recipes/tests/test_git.py.

# --8<-- [start:delete]
git switch main
git branch -d feature/salary-filter             # local; refuses if not merged (-D forces)
git push origin --delete feature/salary-filter  # the branch on GitHub
# --8<-- [end:delete]

# --8<-- [start:prune]
git fetch --prune            # forget origin/... branches that were deleted on GitHub
git branch -vv               # "[origin/...: gone]" marks local branches whose remote is gone
# --8<-- [end:prune]

# --8<-- [start:rename]
git branch -m master main    # rename the current local branch
git push -u origin main      # publish it under the new name and track it
git push origin --delete master   # after switching the default branch on GitHub
# --8<-- [end:rename]

# Squash a branch's commits into one. Regions run by recipes/tests/test_git.py.

# --8<-- [start:squash]
git fetch origin
git reset --soft "$(git merge-base origin/main HEAD)"   # un-commit everything since you branched
git commit -m "Add salary range filter to job list"      # one commit with all the changes
git push --force-with-lease                              # replace the branch on GitHub
# --8<-- [end:squash]

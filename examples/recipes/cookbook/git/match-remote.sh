# Make a local branch exactly like the remote one. Regions run by recipes/tests/test_git_history.py.

# --8<-- [start:match]
git fetch origin
git branch backup/main-before-reset  # keep your local commits reachable, just in case
git reset --hard origin/main         # main = origin/main; commits and edits on tracked files go
git clean -f -d                      # untracked files go too (omit to keep them)
# --8<-- [end:match]

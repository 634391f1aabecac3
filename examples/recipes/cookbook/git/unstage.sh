# Undo `git add`, throw away edits to one file, delete untracked files. Regions run by
# recipes/tests/test_git_history.py.

# --8<-- [start:unstage]
git restore --staged settings.py   # take the file out of the next commit; your edits stay
git restore --staged .             # or unstage everything you added
# --8<-- [end:unstage]

# --8<-- [start:discard]
git restore settings.py      # throw away your edits: the file goes back to the last commit
# --8<-- [end:discard]

# --8<-- [start:clean]
git clean -n -d              # dry run: lists the untracked files and folders it would delete
git clean -f -d              # deletes them (ignored files such as .env stay; -x would take those too)
# --8<-- [end:clean]

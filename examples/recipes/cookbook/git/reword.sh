# Change a commit message. Regions run by recipes/tests/test_git_history.py.

# --8<-- [start:last]
git commit --amend -m "Add salary filter to job list"   # the last commit gets a new message
# --8<-- [end:last]

# --8<-- [start:older]
git rebase -i HEAD~3         # the editor lists the last 3 commits, oldest first:
                             # change "pick" to "reword" on the one to fix, save, close;
                             # git then opens each reworded message for you to edit
# --8<-- [end:older]

# --8<-- [start:push]
git push --force-with-lease  # already pushed? replace the old commits on your branch
# --8<-- [end:push]

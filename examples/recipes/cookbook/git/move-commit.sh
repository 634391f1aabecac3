# Move commits made on the wrong branch. Regions run by recipes/tests/test_git_history.py.

# --8<-- [start:new-branch]
git branch feature/salary-filter   # a new branch that keeps the commit (you stay on main)
git reset --keep HEAD~1            # main goes back one commit; HEAD~2 for two commits
git switch feature/salary-filter   # carry on working here
# --8<-- [end:new-branch]

# --8<-- [start:existing-branch]
git switch feature/salary-filter   # the branch that should have the commit
git cherry-pick main               # copy main's last commit here
git switch main
git reset --keep HEAD~1            # then take it off main
# --8<-- [end:existing-branch]

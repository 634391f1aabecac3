# Copy one commit to another branch. Regions run by recipes/tests/test_git.py.

# --8<-- [start:find]
git log --oneline main -5    # find the hash of the commit you want, e.g. 3f2a9c1
# --8<-- [end:find]

# --8<-- [start:pick]
git switch release/1.2       # the branch that should receive the commit
git cherry-pick -x "$HASH"   # a NEW commit with the same change; -x notes where it came from
# --8<-- [end:pick]

# --8<-- [start:conflict]
git status                   # lists the conflicted files; fix the markers, then:
git add settings.py
git cherry-pick --continue   # or give up: git cherry-pick --abort
# --8<-- [end:conflict]

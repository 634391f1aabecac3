# Undo the last commit. Regions run by recipes/tests/test_git.py.

# --8<-- [start:keep-staged]
git reset --soft HEAD~1      # the commit is gone; its changes stay staged, ready to commit again
# --8<-- [end:keep-staged]

# --8<-- [start:keep-unstaged]
git reset HEAD~1             # (--mixed, the default) changes stay in your files, unstaged
# --8<-- [end:keep-unstaged]

# --8<-- [start:discard]
git reset --hard HEAD~1      # commit AND its changes are gone from your files: be sure
# --8<-- [end:discard]

# --8<-- [start:amend]
git add forgotten_file.py
git commit --amend -m "Add salary filter to job list"   # replace the last commit (not pushed yet)
# --8<-- [end:amend]

# --8<-- [start:pushed]
git revert --no-edit HEAD    # a NEW commit that undoes the last one; history is not rewritten
git push                     # a normal push: nobody else's clone breaks
# --8<-- [end:pushed]

# --8<-- [start:reflog]
git reflog -3                # where HEAD has been: the "lost" commit is still listed
git reset --hard HEAD@{1}    # go back to where HEAD was one move ago
# --8<-- [end:reflog]

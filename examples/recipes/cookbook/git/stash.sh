# Put unfinished work aside with git stash. Regions run by recipes/tests/test_git.py.

# --8<-- [start:stash]
git stash push -u -m "salary filter, half done"   # -u: new (untracked) files too
git switch main                                    # the working tree is clean now
# --8<-- [end:stash]

# --8<-- [start:list]
git stash list               # stash@{0}: On feature/salary-filter: salary filter, half done
git stash show -p stash@{0}  # the changes it holds, as a diff
# --8<-- [end:list]

# --8<-- [start:pop]
git switch feature/salary-filter
git stash pop                # put the changes back and drop the stash (apply keeps it)
# --8<-- [end:pop]

# --8<-- [start:carry]
git stash push -u            # on the wrong branch: take the edits off it
git switch -c feature/contact-form
git stash pop                # and put them on the branch where they belong
# --8<-- [end:carry]

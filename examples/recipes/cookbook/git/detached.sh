# Leave a detached HEAD. Regions run by recipes/tests/test_git.py.

# --8<-- [start:look]
git status                   # "HEAD detached at 3f2a9c1": you are on a commit, not a branch
# --8<-- [end:look]

# --8<-- [start:back]
git switch main              # only looked around: go back to your branch
# --8<-- [end:back]

# --8<-- [start:keep]
git switch -c fix/old-bug    # made commits while detached? give them a branch first
git switch main
git merge fix/old-bug        # then bring them into main like any other branch
# --8<-- [end:keep]

# --8<-- [start:rescue]
git reflog -5                # already switched away? find the lost commit's hash here
git branch rescued "$HASH"   # a branch on that commit brings it back
# --8<-- [end:rescue]

# Keep a fork up to date. Regions run by recipes/tests/test_git.py.

# --8<-- [start:upstream]
git remote add upstream https://github.com/alx-prodev/jobboard.git   # the original, once
git remote -v                # origin = your fork, upstream = the original
# --8<-- [end:upstream]

# --8<-- [start:sync]
git fetch upstream
git switch main
git merge --ff-only upstream/main    # your main = theirs (fails if you committed on main)
git push origin main                 # update your fork on GitHub
# --8<-- [end:sync]

# Create and push tags. Regions run by recipes/tests/test_git_history.py.

# --8<-- [start:create]
git tag -a v1.2.0 -m "Release 1.2.0"   # an annotated tag on the current commit
git tag -a v1.1.1 -m "Hotfix" "$HASH"  # or on an older commit
git tag -n                             # list tags with their messages
# --8<-- [end:create]

# --8<-- [start:push]
git push origin v1.2.0       # git push alone never sends tags: push each one
git push --follow-tags       # or push commits with the annotated tags that point at them
# --8<-- [end:push]

# --8<-- [start:delete]
git tag -d v1.2.0                    # delete the local tag
git push origin --delete v1.2.0      # and the one on GitHub
# --8<-- [end:delete]

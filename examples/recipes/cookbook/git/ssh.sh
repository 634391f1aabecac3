# SSH keys and credentials for GitHub. Regions run by recipes/tests/test_git.py
# (except `ssh -T git@github.com`, which needs GitHub itself).

# --8<-- [start:keygen]
ssh-keygen -t ed25519 -C "you@example.com" -f ~/.ssh/id_ed25519   # choose a passphrase when asked
cat ~/.ssh/id_ed25519.pub    # copy this line into GitHub → Settings → SSH and GPG keys
# --8<-- [end:keygen]

# --8<-- [start:agent]
eval "$(ssh-agent -s)"       # start the agent in this shell
ssh-add ~/.ssh/id_ed25519    # type the passphrase once per session
# --8<-- [end:agent]

# --8<-- [start:remote]
git remote set-url origin git@github.com:you/jobboard.git   # HTTPS → SSH for this clone
git remote -v
# --8<-- [end:remote]

# --8<-- [start:credential-cache]
git config --global credential.helper "cache --timeout=3600"   # remember the token for an hour
# --8<-- [end:credential-cache]

# Stop tracking a file that is already committed. Regions run by recipes/tests/test_git.py.

# --8<-- [start:untrack]
echo ".env" >> .gitignore           # 1. ignore it from now on
git rm --cached .env                # 2. remove it from the index only; your file stays on disk
git add .gitignore
git commit -m "Stop tracking .env"  # 3. commit the removal
# --8<-- [end:untrack]

# --8<-- [start:folder]
echo "__pycache__/" >> .gitignore
git rm -r --cached __pycache__      # -r for a folder
git add .gitignore
git commit -m "Stop tracking __pycache__"
# --8<-- [end:folder]

# --8<-- [start:check]
git check-ignore -v .env            # prints the .gitignore line that matches, or nothing
git ls-files .env                   # prints the name while git still tracks it
# --8<-- [end:check]

# Shell recipes. Regions run by recipes/tests/test_shell.py; not meant to run top to bottom.

# --8<-- [start:chmod]
chmod +x deploy.sh           # once: mark the file executable
./deploy.sh                  # run it by its path (plain "deploy.sh" only searches PATH)
# --8<-- [end:chmod]

# --8<-- [start:without-x]
bash deploy.sh               # or hand the file to bash: no execute bit needed
# --8<-- [end:without-x]

# --8<-- [start:git-mode]
git update-index --chmod=+x deploy.sh    # record the bit in git (from Windows, too)
git commit -m "Make deploy.sh executable"
git ls-files -s deploy.sh                # 100755 = executable, 100644 = not
# --8<-- [end:git-mode]

# --8<-- [start:crlf-detect]
grep -c $'\r' deploy.sh      # how many lines end in a Windows carriage return (0 is good)
# --8<-- [end:crlf-detect]

# --8<-- [start:crlf-fix]
sed -i 's/\r$//' deploy.sh   # strip them (GNU sed: Linux, WSL, Git Bash)
# --8<-- [end:crlf-fix]

# --8<-- [start:crlf-renormalize]
git add --renormalize .             # store committed CRLF scripts with LF, as .gitattributes says
git commit -m "Normalize line endings"    # (skip it when git says there is nothing to commit)
git rm --cached -r -q . && git reset --hard   # rewrite your checked-out files with the new endings
# --8<-- [end:crlf-renormalize]

# --8<-- [start:load-env]
set -a                       # export every variable assigned from here on
source .env                  # the file's KEY=value lines run in this shell
set +a                       # stop exporting
# --8<-- [end:load-env]

# --8<-- [start:defaults]
PORT="${PORT:-8000}"                                  # a default when unset or empty
: "${DATABASE_URL:?DATABASE_URL is not set}"          # stop here, with this message, when missing
echo "port $PORT, database $DATABASE_URL"
# --8<-- [end:defaults]

# --8<-- [start:run-or-source]
bash workon.sh; pwd          # a child bash ran it and exited: you are still in the old folder
source workon.sh; pwd        # your own shell ran it: now in jobboard/, variable set (also: . workon.sh)
# --8<-- [end:run-or-source]

# --8<-- [start:export]
DEBUG=1                      # a shell variable: programs you start (python, manage.py) don't see it
export DEBUG=1               # an environment variable: every program started from here on sees it
DEBUG=1 python3 seed.py      # or set it for one command only
# --8<-- [end:export]

# --8<-- [start:redirect]
python3 seed.py > seed.log              # output into the file; errors still on the screen
python3 seed.py > seed.log 2>&1         # both into the file: 2>&1 goes AFTER > file
python3 seed.py >> seed.log 2>&1        # the same, appending instead of overwriting
python3 seed.py 2>&1 | grep -i warning  # both through a pipe
python3 seed.py 2> errors.log           # errors only into their own file
# --8<-- [end:redirect]

# --8<-- [start:path-find]
type -a jobtool                         # where the shell finds a command (nothing: not on PATH)
echo "$PATH" | tr ':' '\n'              # the folders it searches, in order
python3 -m site --user-base             # pip install --user puts commands in this folder's bin/
# --8<-- [end:path-find]

# --8<-- [start:path-add]
export PATH="$HOME/.local/bin:$PATH"                        # this terminal only, at once
echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.bashrc    # every new terminal (zsh: ~/.zshrc)
# --8<-- [end:path-add]

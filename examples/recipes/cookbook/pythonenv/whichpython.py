"""Which Python is this, and which packages does it see? Run it with the command you are unsure of:

    python cookbook/pythonenv/whichpython.py      (or python3, py, .venv/bin/python)
"""
# --8<-- [start:whichpython]
import sys
import sysconfig


def report() -> dict[str, str]:
    """The facts that decide where `pip install` goes and what `import` finds."""
    in_venv = sys.prefix != sys.base_prefix  # a venv has its own prefix, the base Python's differs
    return {
        "executable": sys.executable,                       # the interpreter that runs this file
        "version": sys.version.split()[0],                  # e.g. 3.11.7
        "in a virtual environment": "yes" if in_venv else "no",
        "packages go to": sysconfig.get_paths()["purelib"],  # where `python -m pip install` puts them
    }


if __name__ == "__main__":
    for key, value in report().items():
        print(f"{key:>25}: {value}")
# --8<-- [end:whichpython]

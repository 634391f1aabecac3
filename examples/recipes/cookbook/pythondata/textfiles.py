"""Text file recipes: a path next to this file, an explicit encoding, a file read line by line."""
# --8<-- [start:files]
from pathlib import Path

HERE = Path(__file__).resolve().parent      # the folder this .py file is in


def read_lines(name: str) -> list[str]:
    path = HERE / name                      # open(name) would look in the *current* folder
    with path.open(encoding="utf-8") as f:  # name the encoding: the default depends on the OS
        return [line.rstrip("\n") for line in f]   # one line at a time, not f.read()


def read_unknown(path: Path) -> str:
    """A file that may come from an old Windows tool (cp1252) instead of UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_text(encoding="cp1252", errors="replace")
# --8<-- [end:files]

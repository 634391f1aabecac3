"""The Job Board README's table of snippet sections, generated from the markers in the code.

`python scripts/snippet_index.py` rewrites the table between the two `snippet-index` comments in
examples/jobboard/README.md; tests/test_data.py fails when the table and the markers disagree.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBBOARD = ROOT / "examples/jobboard"
README = JOBBOARD / "README.md"
START, END = "<!-- snippet-index:start -->", "<!-- snippet-index:end -->"
MARKER = re.compile(r"--8<-- \[start:([\w-]+)\]")
SKIP = {".services", "__pycache__", "contract"}


def table() -> str:
    rows = []
    for path in sorted(JOBBOARD.rglob("*")):
        rel = path.relative_to(JOBBOARD)
        if not path.is_file() or SKIP & set(rel.parts) or path.suffix in (".pyc", ".sqlite3"):
            continue
        try:
            names = MARKER.findall(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        if names:
            rows.append(f"| `{rel.as_posix()}` | {', '.join(names)} |")
    return "\n".join(["| File | Sections |", "|---|---|", *rows])


def render(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table()}\n{END}{tail}"


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)

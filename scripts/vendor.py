"""Copy the browser files listed in data/vendored.yml from node_modules/ into the vendor folder.

Usage: python scripts/vendor.py (make vendor), after an npm upgrade of a package the hub ships.
The folder is emptied first, so files an upgrade dropped (old Mermaid chunks) do not linger.
"""
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "docs/assets/javascripts/vendor"
NODE_MODULES = ROOT / "node_modules"


def expected() -> dict[str, Path]:
    """Each file the hub ships (path under vendor/) and the npm file it is a copy of."""
    files = {}
    listing = yaml.safe_load((ROOT / "data/vendored.yml").read_text(encoding="utf-8"))
    for target, source in listing.items():
        if target.endswith("/"):
            files.update({target + path.name: path for path in sorted(NODE_MODULES.glob(source))})
        else:
            files[target] = NODE_MODULES / source
    return files


def main():
    files = expected()
    missing = sorted(str(path) for path in files.values() if not path.is_file())
    if missing:
        raise SystemExit(f"not in node_modules (run `npm ci`): {missing}")
    shutil.rmtree(VENDOR, ignore_errors=True)
    for target, source in files.items():
        (VENDOR / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, VENDOR / target)
    print(f"{len(files)} files copied into {VENDOR.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()

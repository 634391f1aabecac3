"""`make serve` installs requirements.txt and the hub's own package (pyproject.toml, which pins
nothing): everything the build imports must come with them."""
import json
import re
import subprocess
import sys
from importlib import metadata

from packaging.requirements import Requirement

from nexus import ROOT
from nexus.build import environment

# Loading the config imports the theme, every plugin and every hook, and what they import.
IMPORTED = """import json, sys
start = set(sys.modules)   # what the interpreter loads itself (site hooks such as _distutils_hack)
from mkdocs.config import load_config
load_config("mkdocs.yml")
print(json.dumps(sorted({name.split('.')[0] for name in set(sys.modules) - start})))"""
# Imported only when installed: jsonschema checks `format: date-time` with it, and no schema the
# build reads has one; httpcore (under httpx) loads h2 and its hpack and hyperframe for HTTP/2,
# which Hypercorn brings for the benchmark's server, and speaks HTTP/1.1 without them.
OPTIONAL = {"rfc3339_validator", "h2", "hpack", "hyperframe"}


def closure(names):
    """The distributions that installing `names` brings, with their dependencies."""
    seen, todo = set(), [metadata.metadata(name)["Name"] for name in names]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        seen.add(key)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_the_site_requirements_bring_every_module_the_build_imports():
    pinned = [line.split("==")[0] for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith(("#", "-"))]
    import tomllib
    own = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not own.get("dependencies"), "the pins live in requirements.txt, one owner"
    installed = closure(pinned) | {own["name"]}
    result = subprocess.run([sys.executable, "-c", IMPORTED], cwd=ROOT, env=environment(),
                            capture_output=True, text=True, check=True)
    owners = metadata.packages_distributions()
    missing = {}
    for module in json.loads(result.stdout.strip().splitlines()[-1]):
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in owners.get(module, [])}
        if dists and not dists & installed and module not in OPTIONAL:
            missing[module] = sorted(dists)
    assert not missing, f"the build imports modules that requirements.txt does not bring: {missing}"

"""Python, pip and venv errors from docs/troubleshooting/python.md, triggered for real.

Each test runs a real interpreter or pip in a subprocess and checks that the quoted text
(examples/errors/python/*.txt) is in what it printed. No network: pip only looks at
folders made in tmp_path (--no-index).
"""
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from catalogue import assert_reproduces

PIP_HOME = Path(sysconfig.get_paths()["purelib"])  # where this venv's pip lives
DEBIAN_PYTHON = Path("/usr/bin/python3")


def run(args, cwd=None, env=None, timeout=120):
    """stdout and stderr of a command, together, as the learner's terminal shows them."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd or Path.cwd()),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_CACHE_DIR": "1", "COLUMNS": "80",
            "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(args, cwd=cwd, env={**base, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=timeout)
    assert result.returncode != 0, result.stdout
    return result.stdout


def externally_managed_python():
    """Debian's own python3 with its EXTERNALLY-MANAGED marker (PEP 668), or skip."""
    marker = Path(f"/usr/lib/python3.{sys.version_info.minor}/EXTERNALLY-MANAGED")
    if not DEBIAN_PYTHON.exists() or not marker.exists():
        pytest.skip("needs Debian's python3 and its EXTERNALLY-MANAGED marker")
    return str(DEBIAN_PYTHON)


def test_externally_managed_environment(tmp_path):
    # pip outside any venv, on a distribution's Python: the marker makes pip refuse.
    # This venv's pip is put on the path so the test does not need Debian's python3-pip.
    output = run([externally_managed_python(), "-m", "pip", "install", "--no-index", "requests"],
                 cwd=tmp_path, env={"PYTHONPATH": str(PIP_HOME)})
    assert_reproduces(output, "python/externally-managed")


def test_module_not_found_outside_the_venv(tmp_path):
    # The same import that works in .venv fails under a Python that is not the venv's.
    if sys.prefix == sys.base_prefix:
        pytest.skip("not running inside a virtual environment")
    base = Path(sys.base_prefix) / "bin" / f"python3.{sys.version_info.minor}"  # the venv's base Python
    output = run([str(base), "-I", "-c", "import django"], cwd=tmp_path)
    assert_reproduces(output, "python/no-module-django")


def test_module_not_found_package_name_is_not_module_name(tmp_path):
    # requirements.txt installs the package psycopg (version 3); old tutorials import psycopg2.
    output = run([sys.executable, "-c", "import psycopg; import psycopg2"], cwd=tmp_path)
    assert_reproduces(output, "python/no-module-psycopg2")


def test_circular_import(tmp_path):
    package = tmp_path / "jobs"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("from jobs.signals import notify\n\nclass Job:\n    pass\n")
    (package / "signals.py").write_text("from jobs.models import Job\n\ndef notify(job: Job):\n    pass\n")
    output = run([sys.executable, "-c", "import jobs.models"], cwd=tmp_path)
    assert_reproduces(output, "python/circular-import")


def test_python2_print_statement(tmp_path):
    script = tmp_path / "seed.py"
    script.write_text('print "seeded 20 jobs"\n')
    output = run([sys.executable, str(script)], cwd=tmp_path)
    assert_reproduces(output, "python/print-missing-parentheses")


def test_no_matching_distribution(tmp_path):
    # A misspelt name (or a package with no wheel for this Python) finds no candidate at all.
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    output = run([sys.executable, "-m", "pip", "install", "--no-index", "--find-links", str(wheels),
                  "--dry-run", "djangorestframwork"], cwd=tmp_path)
    assert_reproduces(output, "python/no-matching-distribution")


def make_wheel(folder: Path, name: str, version: str, requires: list[str]) -> None:
    """A minimal, valid wheel: only metadata, so the resolver has something to resolve."""
    dist = f"{name.replace('-', '_')}-{version}"
    metadata = "".join([f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
                        *(f"Requires-Dist: {r}\n" for r in requires)])
    files = {f"{dist}.dist-info/METADATA": metadata,
             f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    files[f"{dist}.dist-info/RECORD"] = "".join(f"{path},,\n" for path in files) + f"{dist}.dist-info/RECORD,,\n"
    with zipfile.ZipFile(folder / f"{dist}-py3-none-any.whl", "w") as wheel:
        for path, text in files.items():
            wheel.writestr(path, text)


def test_resolution_impossible(tmp_path):
    # Local wheels stand in for PyPI: a plugin pinned below the Django that requirements.txt pins.
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    make_wheel(wheels, "django", "4.2.0", [])
    make_wheel(wheels, "django", "5.2.19", [])
    make_wheel(wheels, "jobboard-plugin", "1.0", ["django<5"])
    output = run([sys.executable, "-m", "pip", "install", "--no-index", "--find-links", str(wheels),
                  "--dry-run", "--ignore-installed", "django==5.2.19", "jobboard-plugin==1.0"], cwd=tmp_path)
    assert_reproduces(output, "python/resolution-impossible")

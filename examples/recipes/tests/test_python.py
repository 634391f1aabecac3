"""docs/howto/python.md: each recipe's code, run for real.

The shell recipes (venv.sh, requirements.sh) run with bash in tmp_path, exactly as the page shows
them. pip never touches the network: it reads wheels made in tmp_path (PIP_NO_INDEX, PIP_FIND_LINKS)
and ignores any pip.conf on this machine (PIP_CONFIG_FILE).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from catalogue import installed_python   # examples/errors (pytest.ini's pythonpath)
from cookbook.pythonenv import fstrings, hints

PYTHONENV = Path(__file__).resolve().parents[1] / "cookbook" / "pythonenv"
PACKAGING = Path(__file__).resolve().parents[1] / "cookbook" / "packaging"
BASE_PYTHON = Path(sys.base_prefix) / "bin" / f"python3.{sys.version_info.minor}"


def run(args, cwd: Path, env: dict[str, str] | None = None, timeout: int = 180) -> str:
    """stdout and stderr together; fails the test with the output if the command fails."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), "LC_ALL": "C.UTF-8",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_CACHE_DIR": "1",
            "PIP_CONFIG_FILE": os.devnull, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(args, cwd=cwd, env={**base, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout
    return result.stdout


def make_wheel(folder: Path, name: str, version: str, requires: tuple[str, ...] = ()) -> None:
    """A minimal valid wheel (metadata only): enough for pip to install, freeze and check it."""
    dist = f"{name.replace('-', '_')}-{version}"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    metadata += "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = {f"{dist}.dist-info/METADATA": metadata,
             f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    files[f"{dist}.dist-info/RECORD"] = "".join(f"{p},,\n" for p in files) + f"{dist}.dist-info/RECORD,,\n"
    with zipfile.ZipFile(folder / f"{dist}-py3-none-any.whl", "w") as wheel:
        for path, text in files.items():
            wheel.writestr(path, text)


def new_venv(path: Path) -> Path:
    """A fresh virtual environment with pip; returns its bin folder."""
    run([sys.executable, "-m", "venv", str(path)], cwd=path.parent)
    return path / "bin"


def test_which_python_tells_a_venv_from_the_base_python(tmp_path):
    script = str(PYTHONENV / "whichpython.py")
    inside = run([sys.executable, script], cwd=tmp_path)
    assert "in a virtual environment: yes" in inside
    assert f"packages go to: {Path(sys.prefix).resolve()}/lib/python3" in inside  # the venv's own
    if sys.prefix == sys.base_prefix or not BASE_PYTHON.exists():
        pytest.skip("needs to run inside a venv whose base Python is at the usual path")
    outside = run([str(BASE_PYTHON), script], cwd=tmp_path)
    assert "in a virtual environment: no" in outside
    assert f"packages go to: {sys.base_prefix}" in outside  # the base Python's own site-packages


def test_venv_create_activate_and_use_without_activating(tmp_path):
    tools = tmp_path / "tools"  # `python3` on PATH is the interpreter running these tests
    tools.mkdir()
    (tools / "python3").symlink_to(sys.executable)
    project = tmp_path / "project"
    project.mkdir()
    output = run(["bash", str(PYTHONENV / "venv.sh")], cwd=project, env={"PATH": f"{tools}:{os.environ['PATH']}"})
    venv = project / ".venv"
    assert f"{venv}\n" in output                       # sys.prefix while activated
    assert f"from {venv}/lib/python3" in output        # the venv's own pip, called by path
    for script in ("activate", "activate.fish", "activate.csh", "Activate.ps1"):  # one per shell
        assert (venv / "bin" / script).exists(), script


def test_requirements_freeze_then_install_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    make_wheel(wheels, "requests", "2.32.3", ("idna>=2.5", "certifi>=2017.4.17"))
    make_wheel(wheels, "idna", "3.10")
    make_wheel(wheels, "certifi", "2025.1.31")
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels)}

    laptop = tmp_path / "laptop"
    laptop.mkdir()
    bin_dir = new_venv(laptop / ".venv")
    output = run(["bash", str(PYTHONENV / "requirements.sh")], cwd=laptop,
                 env={**offline, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    pins = (laptop / "requirements.txt").read_text().split()
    assert pins == ["certifi==2025.1.31", "idna==3.10", "requests==2.32.3"]  # dependencies pinned too
    assert "No broken requirements found." in output

    server = tmp_path / "server"
    server.mkdir()
    shutil.copy(laptop / "requirements.txt", server)
    server_bin = new_venv(server / ".venv")
    run([str(server_bin / "python"), "-m", "pip", "install", "-r", "requirements.txt"], cwd=server, env=offline)
    frozen = run([str(server_bin / "python"), "-m", "pip", "freeze"], cwd=server).split()
    assert frozen == pins  # the same versions on the other machine


def build_tools(tmp_path: Path) -> Path:
    """This environment's setuptools, copied into a folder for PYTHONPATH, so that the test's
    fresh venv can build without downloading anything (pip's --no-build-isolation)."""
    setuptools = pytest.importorskip("setuptools")
    site = Path(setuptools.__file__).resolve().parents[1]
    tools = tmp_path / "build-tools"
    tools.mkdir()
    for item in site.glob("setuptools*"):
        shutil.copytree(item, tools / item.name)
    if (site / "_distutils_hack").exists():
        shutil.copytree(site / "_distutils_hack", tools / "_distutils_hack")
    return tools


def test_editable_install_makes_the_package_importable_from_anywhere(tmp_path):
    project = tmp_path / "jobtools"
    shutil.copytree(PACKAGING, project)
    bin_dir = new_venv(tmp_path / ".venv")
    # The recipe's `python -m pip install -e .`; --no-build-isolation only because this test is offline.
    run([str(bin_dir / "python"), "-m", "pip", "install", "--no-build-isolation", "-e", "."], cwd=project,
        env={"PYTHONPATH": str(build_tools(tmp_path)), "PIP_NO_INDEX": "1"})

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check = "import jobtools.slugs as s; print(s.__file__); print(s.slugify('Backend Developer'))"
    output = run([str(bin_dir / "python"), "-c", check], cwd=elsewhere)
    assert f"{project}/src/jobtools/slugs.py" in output  # imported from the source, not a copy
    assert "backend-developer" in output
    # The project's own test imports the package by name, with no sys.path tricks:
    run([str(bin_dir / "python"), "-c", "import runpy; runpy.run_path('tests/test_slugs.py')['test_slugify']()"],
        cwd=project)
    # Editable: a change to the source is live without reinstalling.
    slugs = project / "src" / "jobtools" / "slugs.py"
    slugs.write_text(slugs.read_text().replace('"-".join', '"_".join'))
    assert "backend_developer" in run([str(bin_dir / "python"), "-c", check], cwd=elsewhere)
    shown = run([str(bin_dir / "python"), "-m", "pip", "show", "jobtools"], cwd=elsewhere)
    assert f"Editable project location: {project}" in shown


def older_pythons() -> list[str]:
    """python3.8 and python3.9 where they are installed (on PATH or by pyenv) and really run."""
    return [path for path in (installed_python("python3.8"), installed_python("python3.9")) if path]


def test_optional_hints_work_here_and_on_older_pythons(tmp_path):
    assert hints.find_slug("Backend Developer") == "backend-developer"
    assert hints.find_slug("Backend Developer", {"backend-developer"}) is None
    assert hints.find_slug_classic("Data Engineer") == "data-engineer"
    assert hints.find_slug.__annotations__["return"] == "str | None"  # kept as text, never evaluated
    for python in older_pythons():  # where an older Python is installed, the same file imports and runs there
        output = run([python, "-c", "import hints; print(hints.find_slug('A B'))"], cwd=PYTHONENV)
        assert output.strip() == "a-b"


def test_fstring_formats():
    assert fstrings.examples() == {
        "two decimals": "85000.50",
        "thousands": "85,000.50",
        "percent": "12.3%",
        "padded": "[Backend Developer   ]",
        "zero-filled": "007",
        "date": "2026-03-05 14:30",
        "debug": "salary=85000.5",
        "braces": "{not a field} 'Backend Developer'",
    }

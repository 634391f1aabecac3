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

from catalogue import assert_reproduces, installed_python

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
    # The manage.py that `django-admin startproject` writes turns the same failure into its own message.
    import django
    template = Path(django.__file__).parent / "conf" / "project_template" / "manage.py-tpl"
    manage = tmp_path / "manage.py"
    manage.write_text(template.read_text().replace("{{ project_name }}", "config"))
    output = run([str(base), "-I", str(manage), "check"], cwd=tmp_path)
    assert_reproduces(output, "python/no-module-django-manage-py")


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
    # Another Python 2 line, the old `except` syntax, stops the same way with its own message.
    script.write_text('try:\n    seed()\nexcept Exception, e:\n    pass\n')
    output = run([sys.executable, str(script)], cwd=tmp_path)
    assert_reproduces(output, "python/python2-except-comma")


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


def test_relative_import_with_no_known_parent_package(tmp_path):
    # A module of a package, started as a file: Python runs it as __main__, with no package around it.
    package = tmp_path / "jobs"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("class Job:\n    pass\n")
    (package / "seed.py").write_text("from .models import Job\n\nprint('seeded', Job.__name__)\n")
    output = run([sys.executable, "jobs/seed.py"], cwd=tmp_path)
    assert_reproduces(output, "python/relative-import-no-parent")
    # The fix: run it as a module of its package, from the folder that holds the package.
    fixed = subprocess.run([sys.executable, "-m", "jobs.seed"], cwd=tmp_path, capture_output=True, text=True)
    assert fixed.returncode == 0 and fixed.stdout == "seeded Job\n", fixed.stderr


def python_before_310():
    """A Python 3.8 or 3.9 that really runs (on PATH or installed by pyenv), or skip."""
    return installed_python("python3.9", "python3.8") or pytest.skip("needs Python 3.8 or 3.9 (on PATH or in ~/.pyenv/versions)")


def test_union_operator_before_python_310(tmp_path):
    old_python = python_before_310()
    code = "def find_job(slug: str | None = None) -> str | None:\n    return slug\n"
    module = tmp_path / "lookup.py"
    module.write_text(code)
    # It is valid syntax: the file compiles...
    compiled = subprocess.run([old_python, "-m", "py_compile", str(module)], capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stderr
    # ...and fails only when the `def` statement runs, because it evaluates the annotations.
    output = run([old_python, str(module)], cwd=tmp_path)
    assert_reproduces(output, "python/union-operator-before-310")
    # A function that is never defined (its def never runs) raises nothing:
    nested = tmp_path / "nested.py"
    nested.write_text("def outer():\n" + "".join(f"    {line}\n" for line in code.splitlines()) + "print('ok')\n")
    assert subprocess.run([old_python, str(nested)], capture_output=True, text=True).stdout == "ok\n"
    # The future import keeps annotations as text, so the same code runs on 3.8 and 3.9.
    deferred = tmp_path / "deferred.py"
    deferred.write_text("from __future__ import annotations\n" + code + "print(find_job('x'))\n")
    assert subprocess.run([old_python, str(deferred)], capture_output=True, text=True).stdout == "x\n"


def test_decorator_that_returns_nothing(tmp_path):
    # `return wrapper` is forgotten: `@deco` binds report = deco(report), which is None.
    script = tmp_path / "report.py"
    script.write_text("def deco(func):\n"
                      "    def wrapper(*args, **kwargs):\n"
                      "        return func(*args, **kwargs)\n"
                      "\n"
                      "@deco\n"
                      "def report():\n"
                      "    return 'ok'\n"
                      "\n"
                      "print(report)\n"
                      "report()\n")
    output = run([sys.executable, str(script)], cwd=tmp_path)
    assert output.startswith("None\n")   # the name is None before any call, as the entry says
    assert_reproduces(output, "python/decorator-nonetype-not-callable")


def test_generator_is_not_subscriptable(tmp_path):
    output = run([sys.executable, "-c", "rows = (n * 2 for n in range(5))\nprint(rows[0])"], cwd=tmp_path)
    assert_reproduces(output, "python/generator-not-subscriptable")
    output = run([sys.executable, "-c", "print(len(n * 2 for n in range(5)))"], cwd=tmp_path)
    assert_reproduces(output, "python/generator-no-len")


def test_generator_without_contextmanager_in_with(tmp_path):
    # A setup/yield/cleanup function without @contextmanager, used in `with` (Python 3.11 and later).
    code = "def opened():\n    print('setup')\n    yield 1\n    print('cleanup')\n\nwith opened() as value:\n    pass\n"
    output = run([sys.executable, "-c", code], cwd=tmp_path)
    assert_reproduces(output, "python/generator-not-context-manager")


def test_method_called_without_an_instance(tmp_path):
    # A method called on the class gets no `self`; a `def` without `self` gets one argument too many.
    cls = "class Job:\n    def publish(self):\n        return 'live'\n    def title(text):\n        return text\n"
    output = run([sys.executable, "-c", cls + "Job.publish()\n"], cwd=tmp_path)
    assert_reproduces(output, "python/missing-self")
    output = run([sys.executable, "-u", "-c", cls + "print(Job().publish())\nJob().title('Backend')\n"], cwd=tmp_path)
    assert output.startswith("live\n")   # called on an instance, the same method works
    assert_reproduces(output, "python/takes-1-positional-2-given")


NAMES = Path(__file__).resolve().parents[2] / "python"  # examples/python/names.py, shown on the page


def python_before_311():
    """A Python 3.8 to 3.10 that really runs (on PATH or installed by pyenv), or None."""
    return installed_python("python3.10", "python3.9", "python3.8")


def test_unbound_local_error(tmp_path):
    # `job_count += 1` in a function assigns the name, so it is local everywhere in that function.
    code = "import names\nnames.add_job_broken()\n"
    output = run([sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(NAMES)})
    assert_reproduces(output, "python/unbound-local")
    fixed = "import names\nnames.add_job_global()\nprint(names.job_count)\n"
    assert subprocess.run([sys.executable, "-c", fixed], cwd=tmp_path, env={"PYTHONPATH": str(NAMES)},
                          capture_output=True, text=True).stdout == "1\n"
    old_python = python_before_311()  # Python 3.10 and older word it the old way
    if old_python:
        output = run([old_python, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(NAMES)})
        assert_reproduces(output, "python/unbound-local-before-311")


def test_dictionary_changed_size_during_iteration(tmp_path):
    code = "import names\nnames.remove_closed_broken({'backend-dev': True, 'sre': False})\n"
    output = run([sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(NAMES)})
    assert_reproduces(output, "python/dict-changed-size")


def test_dataclass_mutable_default(tmp_path):
    # `tags: list[str] = []` is refused when the class is defined, before any instance exists.
    code = ("from dataclasses import dataclass\n\n@dataclass\nclass JobPost:\n"
            "    title: str\n    tags: list[str] = []\n")
    output = run([sys.executable, "-c", code], cwd=tmp_path)
    assert_reproduces(output, "python/dataclass-mutable-default")
    # The fix shown on the page, field(default_factory=list), is examples/python/basics.py:
    fixed = "import basics\nprint(basics.first.tags, basics.second.tags)\n"
    assert subprocess.run([sys.executable, "-c", fixed], cwd=tmp_path, env={"PYTHONPATH": str(NAMES)},
                          capture_output=True, text=True).stdout == "['remote'] []\n"


def test_dataclass_field_without_default_after_one_with(tmp_path):
    # A subclass adds a required field after the parent's defaulted one: its __init__ cannot exist.
    code = ("from dataclasses import dataclass\n\n@dataclass\nclass Listing:\n"
            "    title: str\n    remote: bool = False\n\n"
            "@dataclass\nclass PaidListing(Listing):\n    salary: int\n")
    output = run([sys.executable, "-c", code], cwd=tmp_path)
    assert_reproduces(output, "python/dataclass-non-default-after-default")
    # Python 3.13 adds the other field's name ("... follows default argument 'remote'"); the
    # quoted text is the part every version prints. kw_only=True (3.10+) is the fix:
    fixed = code.replace("@dataclass\nclass PaidListing", "@dataclass(kw_only=True)\nclass PaidListing")
    fixed += "print(PaidListing('Backend dev', salary=1))\n"
    assert subprocess.run([sys.executable, "-c", fixed], cwd=tmp_path, capture_output=True,
                          text=True).stdout == "PaidListing(title='Backend dev', remote=False, salary=1)\n"

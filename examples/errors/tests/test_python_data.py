"""Python errors with files, text, JSON and dates from docs/troubleshooting/python.md, for real.

Each test runs a small script in a fresh interpreter (a subprocess in tmp_path) and checks that
the quoted line (examples/errors/python/*.txt) is in what it printed.
"""
import os
import subprocess
import sys
from pathlib import Path

from catalogue import assert_reproduces

RECIPES = Path(__file__).resolve().parents[2] / "recipes"   # the fixes: cookbook/pythondata/


def run(code, cwd, expect_failure=True):
    """stdout and stderr of `python -c code`, together, as the terminal shows them."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": str(RECIPES), "LC_ALL": "C.UTF-8"}
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=60)
    assert (result.returncode != 0) == expect_failure, result.stdout
    return result.stdout


def test_unicode_decode_error_wrong_encoding(tmp_path):
    # A UTF-8 file read as cp1252, the default encoding of Python on most Windows machines.
    (tmp_path / "jobs.csv").write_bytes("Backend \u201dDéveloppeur\u201d\n".encode("utf-8"))
    output = run("open('jobs.csv', encoding='cp1252').read()", tmp_path)
    assert_reproduces(output, "python/unicode-decode-charmap")
    # A cp1252 file (an old Excel export) read as UTF-8: the other direction.
    (tmp_path / "legacy.csv").write_bytes("Café\n".encode("cp1252"))
    output = run("open('legacy.csv', encoding='utf-8').read()", tmp_path)
    assert_reproduces(output, "python/unicode-decode-utf8")
    # The fix on the page reads both.
    fixed = ("from pathlib import Path; from cookbook.pythondata.textfiles import read_unknown;"
             "print(read_unknown(Path('jobs.csv')).strip(), read_unknown(Path('legacy.csv')).strip())")
    assert run(fixed, tmp_path, expect_failure=False) == "Backend \u201dDéveloppeur\u201d Café\n"


def test_file_not_found_relative_to_the_working_folder(tmp_path):
    # The file sits next to the script, but the script is started from another folder.
    app = tmp_path / "app"
    app.mkdir()
    (app / "jobs.csv").write_text("Backend dev\n", encoding="utf-8")
    (app / "report.py").write_text("print(open('jobs.csv', encoding='utf-8').read())\n", encoding="utf-8")
    output = run("import runpy; runpy.run_path('app/report.py')", tmp_path)
    assert_reproduces(output, "python/file-not-found-relative")
    assert run("import runpy; runpy.run_path('report.py')", app, expect_failure=False) == "Backend dev\n\n"
    (app / "report.py").write_text(
        "from pathlib import Path\nHERE = Path(__file__).resolve().parent\n"
        "print((HERE / 'jobs.csv').read_text(encoding='utf-8'))\n", encoding="utf-8")
    assert run("import runpy; runpy.run_path('app/report.py')", tmp_path, expect_failure=False) == "Backend dev\n\n"


def test_concatenate_str_and_int(tmp_path):
    # input(), argparse without type=int, os.environ and CSV cells all give str.
    code = "import sys\ncount = sys.argv[1] if len(sys.argv) > 1 else '3'\nprint('Open jobs: ' + len([1]))\n"
    output = run(code, tmp_path)
    assert_reproduces(output, "python/concatenate-str-int")
    assert run("print(f'Open jobs: {len([1])}')", tmp_path, expect_failure=False) == "Open jobs: 1\n"


def test_tabs_and_spaces(tmp_path):
    (tmp_path / "tabs.py").write_text("def total(jobs):\n    n = len(jobs)\n\treturn n\n")
    output = run("import tabs", tmp_path)
    assert_reproduces(output, "python/taberror")
    (tmp_path / "dedent.py").write_text("def total(jobs):\n    n = len(jobs)\n  return n\n")
    output = run("import dedent", tmp_path)
    assert_reproduces(output, "python/indentation-unindent")


def test_datetime_is_not_json_serializable(tmp_path):
    output = run("import json, datetime\njson.dumps({'posted': datetime.datetime.now()})\n", tmp_path)
    assert_reproduces(output, "python/json-not-serializable")
    fixed = ("import datetime; from cookbook.pythondata.jsonfiles import dumps_with_dates;"
             "print(dumps_with_dates({'day': datetime.date(2026, 3, 5)}))")
    assert run(fixed, tmp_path, expect_failure=False) == '{"day": "2026-03-05"}\n'


def test_json_expecting_value_on_an_empty_or_html_body(tmp_path):
    # An empty body, an HTML error page, and a file name passed to loads() instead of load().
    for body in ("", "<!doctype html><title>502 Bad Gateway</title>", "config.json"):
        output = run(f"import json\njson.loads({body!r})\n", tmp_path)
        assert_reproduces(output, "python/json-expecting-value")
    # An empty config file, read with json.load, fails the same way.
    (tmp_path / "config.json").write_text("", encoding="utf-8")
    output = run("import json\njson.load(open('config.json', encoding='utf-8'))\n", tmp_path)
    assert_reproduces(output, "python/json-expecting-value")


def test_naive_and_aware_datetimes(tmp_path):
    code = ("from datetime import datetime, timezone\n"
            "expires_at = datetime(2026, 1, 1, 12, 0)\nexpires_at < datetime.now(timezone.utc)\n")
    output = run(code, tmp_path)
    assert_reproduces(output, "python/naive-aware-compare")
    output = run(code.replace("expires_at < datetime", "expires_at - datetime"), tmp_path)
    assert_reproduces(output, "python/naive-aware-subtract")
    fixed = ("from datetime import datetime; from cookbook.pythondata.dates import is_expired;"
             "print(is_expired(datetime(2026, 1, 1, 12, 0)))")
    assert run(fixed, tmp_path, expect_failure=False) == "True\n"


def test_datetime_module_or_class(tmp_path):
    output = run("import datetime\ndatetime.now()\n", tmp_path)
    assert_reproduces(output, "python/datetime-module-no-now")
    output = run("from datetime import datetime\ndatetime.datetime.now()\n", tmp_path)
    assert_reproduces(output, "python/datetime-class-no-datetime")
    assert run("import datetime\nprint(type(datetime.datetime.now()).__name__)\n", tmp_path,
               expect_failure=False) == "datetime\n"


def test_strptime_format_must_match(tmp_path):
    code = "from datetime import datetime\ndatetime.strptime('2026-03-05 14:30:00', '%Y-%m-%d %H:%M:%S.%f')\n"
    output = run(code, tmp_path)
    assert_reproduces(output, "python/strptime-no-match")
    assert run(code.replace(".%f'", "'").replace("datetime.strptime", "print(datetime.strptime")
               .rstrip("\n") + ")\n", tmp_path, expect_failure=False) == "2026-03-05 14:30:00\n"

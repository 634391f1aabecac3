"""The error catalogue's messages, one owner for each quoted text.

Each `<area>/<slug>.txt` holds an error exactly as the tool prints it. A page in
docs/troubleshooting/ quotes the file with `--8<--`, and a test that triggers the error calls
`assert_reproduces(output, "<area>/<slug>")`, so the quote can't drift from the real text.
"""
import socket
import subprocess
import sys
import textwrap
import traceback
from pathlib import Path

MESSAGES = Path(__file__).resolve().parent


def message(name: str) -> str:
    """The quoted text of `<area>/<slug>` (without the trailing newline)."""
    return (MESSAGES / f"{name}.txt").read_text(encoding="utf-8").rstrip("\n")


def assert_reproduces(output: str, name: str) -> None:
    """The real output contains the quoted message, every line of it, verbatim."""
    expected = message(name)
    assert expected in output, f"errors/{name}.txt is not in the real output.\n--- quoted ---\n{expected}\n--- printed ---\n{output}"


def printed(exc: BaseException) -> str:
    """An exception's last line as Python prints it (`Type: message`)."""
    return "".join(traceback.format_exception_only(exc))


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now, picked by the OS (never a fixed one)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def installed_python(*names: str) -> str | None:
    """The first of these interpreters (python3.9, ...) that really runs, on PATH or installed by
    pyenv, or None: errors whose wording changed between versions are reproduced on both."""
    import shutil
    import subprocess
    from pathlib import Path
    for name in names:
        candidates = [shutil.which(name), *sorted(Path.home().glob(f".pyenv/versions/{name[6:]}.*/bin/{name}"))]
        for path in filter(None, candidates):
            if subprocess.run([str(path), "-c", "pass"], capture_output=True).returncode == 0:
                return str(path)
    return None


def require_closed(port: int) -> None:
    """Skip a "connection refused" reproduction when something does listen on that port here."""
    import pytest
    with socket.socket() as probe:
        probe.settimeout(2)
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            pytest.skip(f"something listens on 127.0.0.1:{port} here")


def run_script(tmp_path: Path, code: str, timeout: int = 60) -> tuple[int, str]:
    """Exit code, and stdout and stderr together as the learner's terminal shows them, of
    `python script.py` in a fresh interpreter (warnings printed at exit included)."""
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(code))
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=timeout)
    return result.returncode, result.stdout

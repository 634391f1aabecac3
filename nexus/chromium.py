"""Find and launch the Chromium that the browser tests, the benchmarks and the diagram renderer use.

Playwright's own browser download is not possible everywhere (and not wanted in CI), so a system
Chromium is used: NEXUS_CHROMIUM, then the distribution's, then Playwright's own (None).
"""
import os
import shutil
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_executable():
    """NEXUS_CHROMIUM, then the distribution's Chromium, then Playwright's own browser (None)."""
    for candidate in (os.environ.get("NEXUS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_executable(), args=ARGS)

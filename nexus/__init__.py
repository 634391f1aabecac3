"""Code shared by the hooks, the checks, the scripts and the tests; each piece has one home here.

- frontmatter: split and load a page's front matter (the one parser)
- build: run the strict build the way `make check` does (the one runner and its environment)
- repo: copy the repository for a test that breaks it on purpose
- server: serve a built site as GitHub Pages does, for tests and benchmarks
- chromium: find and launch the system Chromium
- browser, searchbox: Playwright helpers for the browser tests, the benchmarks and the screenshots
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

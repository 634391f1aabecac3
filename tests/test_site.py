"""The built site as a whole: links, valid HTML, reproducible output, generated
listings and vendored files."""
import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from nexus import ROOT
from nexus.build import build
from nexus.repo import copy_repo
from nexus.server import SiteServer, site_prefix


def test_linkchecker_finds_no_broken_internal_link(site):
    with SiteServer(site, site_prefix()) as server:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "linkchecker"), "--config", str(ROOT / "tests/linkcheckerrc"),
             "--no-status", "--no-warnings", "-o", "text", server.url],
            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout, result.stdout[-3000:]


def test_every_page_is_valid_html(site):
    jar = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
    if not jar.is_file():
        pytest.fail("vnu.jar is missing: run `npm ci` (make test does)")
    allowed = yaml.safe_load((ROOT / "data/vnu_allowlist.yml").read_text(encoding="utf-8"))
    result = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--exit-zero-always",
                             "--skip-non-html", str(site)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    unexpected = [f"{Path(m['url']).relative_to(site.resolve()) if m['url'].startswith('/') else m['url']}: "
                  f"{m['type']}: {m['message']}"
                  for m in messages
                  if m["type"] in ("error", "non-document-error") and m["message"] not in allowed]
    assert not unexpected, f"{len(unexpected)} HTML errors:\n" + "\n".join(sorted(set(unexpected))[:60])


@pytest.mark.sweep   # two whole builds: 78 s of make test on 2026-12-07
def test_the_same_commit_builds_byte_identical_sites(tmp_path):
    """Two strict builds of the same tree give the same bytes in every file. Dates come from git,
    and the sitemap's dates from SOURCE_DATE_EPOCH (set by the Makefile to the last commit)."""
    first, second = tmp_path / "one", tmp_path / "two"
    for dest in (first, second):
        result = build(ROOT, dest, env={"SOURCE_DATE_EPOCH": "1767225600"})
        assert result.returncode == 0, result.stdout + result.stderr
    differ = []
    for path in first.rglob("*"):
        if path.is_file() and not filecmp.cmp(path, second / path.relative_to(first), shallow=False):
            differ.append(path.relative_to(first).as_posix())
    assert not differ, f"files differ between two builds: {differ}"


@pytest.mark.sweep   # a whole build: 49 s of make test in CI on 2026-12-07
def test_challenge_index_lists_a_new_challenge_page(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    text = (repo / "docs/challenges/migrations.md").read_text(encoding="utf-8")
    new = text.replace("title:", "title: Zebra crossing test\nold_title:", 1)
    new = "\n".join(line for line in new.split("\n") if not line.startswith("old_title:"))
    (repo / "docs/challenges/zebra.md").write_text(new, encoding="utf-8")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    listed = "      - challenges/time-management.md\n"
    assert listed in config
    (repo / "mkdocs.yml").write_text(config.replace(listed, listed + "      - challenges/zebra.md\n"), encoding="utf-8")
    result = build(repo, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site/challenges/index.html").read_text(encoding="utf-8")
    assert 'href="zebra/">Zebra crossing test</a>' in html


def test_vendored_files_match_the_pinned_npm_packages():
    """docs/assets/javascripts/vendor/ holds exact copies of the npm files listed in
    data/vendored.yml (the versions pinned in package.json), and nothing else."""
    from scripts.vendor import VENDOR, expected
    files = expected()
    if not all(source.is_file() for source in files.values()):
        pytest.fail("node_modules is missing: run `npm ci` (make test does)")
    shipped = {path.relative_to(VENDOR).as_posix() for path in VENDOR.rglob("*") if path.is_file()}
    assert shipped == set(files), "vendor/ is out of step with node_modules: run `make vendor`"
    differ = [name for name, source in files.items() if (VENDOR / name).read_bytes() != source.read_bytes()]
    assert not differ, f"{differ} differ from node_modules: run `make vendor` after an upgrade"


def test_no_built_page_needs_mermaid_at_run_time(site):
    """Every diagram is inline SVG drawn at build time, named for assistive technology, and the
    site ships no Mermaid JavaScript (the loader is copied only for diagrams left to the browser)."""
    diagrams = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<pre class="mermaid">' not in html, f"{page.relative_to(site)} leaves a diagram to the browser"
        for svg in re.findall(r'<div class="mermaid"><svg [^>]*>(?:<title>[^<]+</title>)?', html):
            assert 'role="img"' in svg and "<title>" in svg, f"{page.relative_to(site)}: {svg[:200]}"
            diagrams += 1
    assert diagrams >= 50, f"only {diagrams} drawn diagrams found"
    shipped = [p.relative_to(site).as_posix() for p in site.rglob("*mermaid*") if p.is_file()]
    assert not shipped, f"Mermaid files in the site: {shipped}"


def test_every_diagram_in_the_site_is_committed_in_the_cache(site):
    """A newcomer's build without Chromium gets every diagram from data/diagrams/, so each SVG a
    page uses must be in git, and nothing else may linger there."""
    from nexus.checks.diagrams import cache_dir
    CACHE = cache_dir(ROOT)
    used = {key for page in site.rglob("*.html")
            for key in re.findall(r'<svg id="mermaid-([0-9a-f]{16})"', page.read_text(encoding="utf-8"))}
    tracked = subprocess.run(["git", "ls-files", "--", str(CACHE.relative_to(ROOT))], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    committed = {Path(name).stem for name in tracked if name.endswith(".svg")}
    assert used - committed == set(), f"commit these drawn diagrams: {sorted(f'data/diagrams/{k}.svg' for k in used - committed)}"
    assert committed - used == set(), f"no page uses {sorted(committed - used)}: build once (it prunes) and commit"

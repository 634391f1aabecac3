"""The strict build produces a complete site, and ProperDocs builds the same config."""
import os
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.config import load_config

from helpers import ROOT


def nav_pages():
    config = load_config(str(ROOT / "mkdocs.yml"))
    pages = []

    def walk(items):
        for item in items:
            if isinstance(item, str):
                pages.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value) if isinstance(value, list) else pages.append(value)
    walk(config["nav"])
    return pages


def test_site_has_sitemap_404_and_search_index(site):
    for name in ("sitemap.xml", "404.html", "search/search_index.json", "index.html"):
        assert (site / name).is_file(), f"{name} is missing from the built site"


def test_every_nav_page_is_built(site):
    for page in nav_pages():
        html = page.removesuffix(".md")
        html = html.removesuffix("index") if html.endswith("index") else html + "/"
        assert (site / html / "index.html").is_file(), f"{page} was not built"


def test_no_page_outside_the_nav_and_no_nav_entry_without_a_page():
    docs = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    listed = set(nav_pages())
    assert not docs - listed, f"pages missing from nav in mkdocs.yml: {sorted(docs - listed)}"
    assert not listed - docs, f"nav entries without a page: {sorted(listed - docs)}"


def test_meta_description_comes_from_front_matter(site):
    html = (site / "tech" / "index.html").read_text(encoding="utf-8")
    front = yaml.safe_load((ROOT / "docs/tech/index.md").read_text(encoding="utf-8").split("---")[1])
    assert f'<meta name="description" content="{front["description"]}">' in html


def test_pages_show_created_and_updated_dates_and_edit_links(site):
    html = (site / "tech" / "index.html").read_text(encoding="utf-8")
    assert "git-revision-date-localized-plugin-date" in html
    assert "edit/main/docs/tech/index.md" in html
    assert "raw/main/docs/tech/index.md" in html


def test_properdocs_builds_the_same_config(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict",
                             "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "sitemap.xml").is_file()

"""The strict build produces a complete site (ProperDocs and Zensical: tests/test_engines.py)."""

from nexus import ROOT, frontmatter


def test_site_has_sitemap_404_and_search_index(site):
    for name in ("sitemap.xml", "404.html", "search/search_index.json", "index.html"):
        assert (site / name).is_file(), f"{name} is missing from the built site"


def test_meta_description_comes_from_front_matter(site):
    html = (site / "tech" / "index.html").read_text(encoding="utf-8")
    front = frontmatter.load((ROOT / "docs/tech/index.md").read_text(encoding="utf-8"))
    assert f'<meta name="description" content="{front["description"]}">' in html


def test_pages_show_created_and_updated_dates_and_edit_links(site):
    html = (site / "tech" / "index.html").read_text(encoding="utf-8")
    assert "git-revision-date-localized-plugin-date" in html
    assert "edit/main/docs/tech/index.md" in html
    assert "raw/main/docs/tech/index.md" in html

"""The vocabularies in data/ agree with each other, with the pages and with CONTRIBUTING.md."""
import csv
import json
import re

import yaml

from nexus import ROOT, frontmatter

DATA = ROOT / "data"


def load(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_every_inventory_topic_maps_to_a_built_page_and_anchor(site):
    topics = [row["topic"] for row in csv.DictReader((DATA / "topics.csv").open(encoding="utf-8"))]
    mapping = load("topic_map.yml")
    assert not set(topics) - set(mapping), f"topics without a page: {sorted(set(topics) - set(mapping))}"
    assert not set(mapping) - set(topics), f"mapped topics not in the inventory: {sorted(set(mapping) - set(topics))}"
    for topic, target in mapping.items():
        page, _, anchor = target.partition("#")
        html = site / (page.removesuffix("index.md").removesuffix(".md") + "/index.html").replace("//", "/")
        assert html.is_file(), f"{topic!r} maps to {page}, which was not built"
        if anchor:
            assert f'id="{anchor}"' in html.read_text(encoding="utf-8"), f"{topic!r}: no #{anchor} on {page}"


def test_glossary_has_at_least_60_terms_with_definitions():
    glossary = load("glossary.yml")
    assert len(glossary) >= 60
    assert all(entry["definition"].strip() for entry in glossary.values())


def test_abbreviations_used_on_pages_are_defined(site):
    """Capitalised words of 2–5 letters in page text must be glossary abbreviations, or listed in
    data/glossary.yml's companion list of words that only look like abbreviations."""
    glossary = load("glossary.yml")
    defined = {term for term, entry in glossary.items() if entry.get("expansion")}
    ignored = set(load("not_abbreviations.yml"))
    word = re.compile(r"(?<![\w/.#-])([A-Z][A-Z0-9]{1,4}s?)(?![\w/-])")
    missing = {}
    for html in site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        article = text.split('<article', 1)[-1].split('</article>', 1)[0]
        article = re.sub(r"<(pre|code|script|style)\b.*?</\1>", " ", article, flags=re.S)
        article = re.sub(r"<abbr [^>]*>.*?</abbr>", " ", article, flags=re.S)
        article = re.sub(r"<[^>]+>", " ", article)
        for match in word.findall(article):
            term = match[:-1] if match.endswith("s") and match[:-1] in defined else match
            if term not in defined and term not in ignored:
                missing.setdefault(term, html.parent.relative_to(site).as_posix())
    assert not missing, ("abbreviations without a glossary entry (add them to data/glossary.yml with an "
                         f"`expansion`, or to data/not_abbreviations.yml): {missing}")


def test_contributing_documents_exactly_the_schema_fields():
    schema = json.loads((DATA / "page.schema.json").read_text(encoding="utf-8"))
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Front-matter reference", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    assert documented == set(schema["properties"])
    for field in schema["required"]:
        assert re.search(rf"^\| `{field}` \| yes \|", section, flags=re.M), field


def test_every_tag_in_the_vocabulary_is_used():
    """(A page's tag outside the vocabulary is the page schema's to refuse: nexus/checks/pages.py.)"""
    tags = load("tags.yml")
    used = set()
    for page in (ROOT / "docs").rglob("*.md"):
        used |= set(frontmatter.load(page.read_text(encoding="utf-8")).get("tags", []))
    assert not set(tags) - used, f"tags nobody uses (remove them or tag a page): {sorted(set(tags) - used)}"


def test_search_expectations_name_built_pages(site):
    queries = load("search_queries.yml")
    assert len(queries) >= 40
    for case in queries:
        for page in case["page"] if isinstance(case["page"], list) else [case["page"]]:
            assert (site / page / "index.html").is_file(), case


def test_example_readme_lists_exactly_the_snippet_sections_in_the_code():
    import importlib.util
    spec = importlib.util.spec_from_file_location("snippet_index", ROOT / "scripts/snippet_index.py")
    snippet_index = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(snippet_index)
    readme = snippet_index.README.read_text(encoding="utf-8")
    assert readme == snippet_index.render(readme), \
        "examples/jobboard/README.md's snippet table is stale: run `python scripts/snippet_index.py`"


def test_service_versions_agree_with_data_services_yml():
    versions = yaml.safe_load((ROOT / "data/services.yml").read_text(encoding="utf-8"))
    images = {"postgres": "postgres", "redis": "redis", "rabbitmq": "rabbitmq"}
    for rel in ("examples/jobboard/compose.yaml", ".github/workflows/checks.yml", "examples/jobboard/ci/github-actions.yml"):
        text = (ROOT / rel).read_text(encoding="utf-8")
        for service, image in images.items():
            tags = re.findall(rf"image:\s*{image}:(\d+)", text)
            assert tags, f"{rel} runs no {image} image"
            assert set(tags) == {str(versions[service])}, f"{rel}: {image}:{tags}, data/services.yml says {versions[service]}"
    readme = (ROOT / "examples/jobboard/README.md").read_text(encoding="utf-8")
    named = f"PostgreSQL {versions['postgres']}, Redis {versions['redis']} and RabbitMQ {versions['rabbitmq']}"
    assert named in readme, f"examples/jobboard/README.md should say {named!r}"


def test_the_glossary_writes_expansions_out_and_other_pages_get_tooltips(site):
    """The glossary page spells every expansion beside its term, so it carries no <abbr> tooltips
    (each costs the theme a component on a phone); a page that uses a term still gets one."""
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    article = glossary.split("<article", 1)[1]
    assert "<abbr" not in article
    assert "<em>JSON Web Token.</em>" in article
    assert '<abbr title="JSON Web Token">JWT</abbr>' in (site / "concepts/auth/index.html").read_text(encoding="utf-8")

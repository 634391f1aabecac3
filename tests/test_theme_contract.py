"""The theme contract (data/theme_contract.yml) holds against the installed Material for MkDocs.

Each entry names one dependency on the theme's internals; when an upgrade breaks one, the test
says which and why the hub needs it.
"""
import re
from pathlib import Path

import material
import pytest
import yaml

from nexus import ROOT

CONTRACT = yaml.safe_load((ROOT / "data/theme_contract.yml").read_text(encoding="utf-8"))
THEME = Path(material.__file__).parent / "templates"
GENERATED = re.compile(r"\A\{#-\s*This file was automatically generated - do not edit\s*-#\}\n", re.MULTILINE)
OUR_NOTE = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def bundle() -> str:
    [path] = (THEME / "assets/javascripts").glob("bundle.*.min.js")
    return path.read_text(encoding="utf-8")


def theme_text() -> str:
    return bundle() + "".join(p.read_text(encoding="utf-8") for p in THEME.rglob("*.html"))


@pytest.mark.parametrize("entry", CONTRACT["partials"], ids=lambda e: e["file"])
def test_copied_partial_differs_from_the_theme_only_as_intended(entry):
    theirs = GENERATED.sub("", (THEME / entry["file"]).read_text(encoding="utf-8"))
    for change in entry["changes"]:
        assert change["theirs"] in theirs, f"Material's {entry['file']} no longer has {change['theirs']!r}; " \
                                           f"the override exists because {entry['why']}"
        theirs = theirs.replace(change["theirs"], change["ours"])
    ours = OUR_NOTE.sub("", (ROOT / "overrides" / entry["file"]).read_text(encoding="utf-8"))
    assert ours == theirs, f"overrides/{entry['file']} differs from Material's copy beyond its listed changes"


def test_every_copied_partial_is_in_the_contract():
    listed = {entry["file"] for entry in CONTRACT["partials"]}
    copied = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")
              if (THEME / p.relative_to(ROOT / "overrides")).is_file() and "{% extends" not in p.read_text(encoding="utf-8")}
    assert copied <= listed, f"copied theme files missing from data/theme_contract.yml: {sorted(copied - listed)}"


def test_extended_blocks_exist_in_the_theme():
    base = (THEME / "base.html").read_text(encoding="utf-8")
    extending = [p for p in (ROOT / "overrides").rglob("*.html") if "{% extends" in p.read_text(encoding="utf-8")]
    used = {block for p in extending for block in re.findall(r"\{%-?\s*block\s+(\w+)", p.read_text(encoding="utf-8"))}
    assert used <= set(CONTRACT["blocks"]), f"overrides/ extend blocks not in the contract: {sorted(used)}"
    for block in CONTRACT["blocks"]:
        assert re.search(rf"\{{%-?\s*block\s+{block}\b", base), f"Material's base.html has no block {block!r}"


@pytest.mark.parametrize("entry", CONTRACT["bundle_strings"], ids=lambda e: e["string"])
def test_patched_bundle_strings_are_still_in_the_bundle(entry):
    assert entry["string"] in bundle(), f"Material's bundle no longer contains {entry['string']!r} ({entry['used_by']})"


@pytest.mark.parametrize("entry", CONTRACT["names"] + CONTRACT["classes"], ids=lambda e: e.get("name") or e["class"])
def test_names_and_classes_the_hub_uses_are_in_the_theme(entry):
    text = theme_text()
    token = entry.get("name") or entry["class"]
    assert re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text), \
        f"Material no longer has {token!r}, which {entry['used_by']} relies on"


@pytest.mark.parametrize("entry", CONTRACT["worker_messages"], ids=lambda e: e["message"])
def test_search_worker_messages_match_the_theme(entry):
    assert entry["in_bundle"] in bundle(), \
        f"Material's search client no longer sends or reads {entry['message']} as {entry['in_bundle']!r}"
    worker = (ROOT / "docs/assets/javascripts/search-engine.js").read_text(encoding="utf-8")
    assert re.search(rf"\b{entry['message']} = {entry['type']}\b", worker), \
        f"search-engine.js must number {entry['message']} {entry['type']}, as Material does"


@pytest.mark.parametrize("entry", CONTRACT["stylesheet_rules"], ids=lambda e: e["selector"])
def test_overridden_stylesheet_rules_are_in_the_theme(entry):
    [path] = (THEME / "assets/stylesheets").glob("main.*.min.css")
    blocks = re.findall(r"([^{}]+)\{([^{}]*)\}", path.read_text(encoding="utf-8"))
    declarations = [body for selectors, body in blocks if entry["selector"] in selectors.split(",")]
    assert any(entry["declaration"] in body.split(";") for body in declarations), \
        f"Material's stylesheet no longer gives {entry['selector']} {entry['declaration']}; extra.css undoes it because {entry['why']}"


@pytest.mark.parametrize("entry", CONTRACT["template_strings"], ids=lambda e: e["string"])
def test_rewritten_template_strings_are_in_the_theme(entry):
    text = (THEME / entry["file"]).read_text(encoding="utf-8")
    assert entry["string"] in text, f"Material's {entry['file']} no longer has {entry['string']!r} ({entry['used_by']})"


@pytest.mark.parametrize("entry", CONTRACT["source_map_sources"], ids=lambda e: e["source"])
def test_sources_read_from_the_bundle_map_are_there(entry):
    import json
    [path] = (THEME / "assets/javascripts").glob("bundle.*.min.js.map")
    sources = json.loads(path.read_text(encoding="utf-8"))["sources"]
    assert any(name.endswith(entry["source"]) for name in sources), \
        f"Material's source map has no {entry['source']} ({entry['used_by']})"


@pytest.mark.parametrize("entry", CONTRACT["behaviours"], ids=lambda e: e["source"])
def test_behaviours_the_hub_relies_on_are_in_the_bundle_s_source(entry):
    import json
    [path] = (THEME / "assets/javascripts").glob("bundle.*.min.js.map")
    source_map = json.loads(path.read_text(encoding="utf-8"))
    texts = [text for name, text in zip(source_map["sources"], source_map["sourcesContent"]) if name.endswith(entry["source"])]
    assert texts, f"Material's source map has no {entry['source']}"
    assert entry["code"] in texts[0], f"{entry['source']} no longer has {entry['code']!r}: {entry['why']}"


def test_icons_drawn_by_the_stylesheet_are_the_theme_s_own():
    """Each nexus/<name> icon (mkdocs.yml) has its empty <svg> in overrides/.icons/nexus/ and, in
    extra.css, the path Material ships for material/<name>; none is named without them."""
    css = (ROOT / "docs/assets/stylesheets/extra.css").read_text(encoding="utf-8")
    config = "\n".join(line.split("#")[0] for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines())
    named = set(re.findall(r"(?<![\w/.-])nexus/([a-z0-9-]+)", config))   # icon values, not comments about nexus/
    assert named == set(CONTRACT["icons"]), f"mkdocs.yml names {sorted(named)}, the contract {sorted(CONTRACT['icons'])}"
    for name in CONTRACT["icons"]:
        theirs = re.findall(r'<path d="([^"]+)"', (THEME / f".icons/material/{name}.svg").read_text(encoding="utf-8"))
        ours = re.search(rf"\.nx-icon--{name} \{{[^}}]*<path d='([^']+)'", css)
        assert ours and theirs == [ours[1]], f"extra.css's nx-icon--{name} is not Material's material/{name}"
        empty = (ROOT / f"overrides/.icons/nexus/{name}.svg").read_text(encoding="utf-8")
        assert f'class="nx-icon nx-icon--{name}"' in empty, f"overrides/.icons/nexus/{name}.svg"


@pytest.mark.parametrize("entry", CONTRACT["removed_rules"], ids=lambda e: e["file"])
def test_rules_the_build_deletes_are_in_the_theme(entry):
    texts = [path.read_text(encoding="utf-8") for path in (THEME / "assets/stylesheets").glob(entry["file"])]
    assert any(entry["rule"] in text for text in texts), \
        f"Material's {entry['file']} no longer has the rule nexus/site/theme_css.py deletes: {entry['rule']}"


@pytest.mark.parametrize("entry", CONTRACT["removed_rules"], ids=lambda e: e["file"])
def test_rules_the_build_deletes_are_gone_from_the_site(site, entry):
    paths = list((site / "assets/stylesheets").glob(entry["file"]))
    assert paths and not any(entry["rule"] in path.read_text(encoding="utf-8") for path in paths)


def test_a_rule_the_theme_no_longer_has_is_reported(tmp_path):
    from nexus.site import Site, theme_css
    (tmp_path / "assets/stylesheets").mkdir(parents=True)
    (tmp_path / "assets/stylesheets/palette.0.min.css").write_text("body{color:red}", encoding="utf-8")
    site = Site(tmp_path)
    theme_css.run(site)
    assert [p.rule for p in site.reporter.problems] == ["theme-css"] * len(CONTRACT["removed_rules"])

"""Three builds, one feature gate: the hub built with MkDocs 1.6.1 (the deploy), ProperDocs (the
maintained MkDocs fork) and Zensical (Material's successor) keeps every feature of
data/features.yml, told by its marker in the built HTML. Zensical runs no plugins: the page steps
run there as the Markdown extension `nexus.steps` and the site step as `nexus postbuild`."""
import re

import pytest
import yaml

from nexus import ROOT
from nexus.site import csp
from nexus.build import environment

FEATURES = yaml.safe_load((ROOT / "data/features.yml").read_text(encoding="utf-8"))


def engine_site(engine, tmp_path):
    import subprocess
    import sys
    site = tmp_path / engine
    result = subprocess.run([sys.executable, "-m", "nexus", "build", "--engine", engine, "--site-dir", str(site)],
                            cwd=ROOT, env=environment(), capture_output=True, text=True, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]
    return site


def missing(site, engine):
    out = []
    for name, feature in FEATURES.items():
        if engine in (feature.get("gap") or {}):
            continue
        page = site / feature["page"]
        text = page.read_text(encoding="utf-8") if page.is_file() else ""
        out += [f"{name}: {feature['page']} lacks {marker!r}" for marker in feature.get("has", []) if marker not in text]
        out += [f"{name}: {feature['page']} has {marker!r}" for marker in feature.get("not", []) if marker in text]
    return out


INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def unallowed_scripts(site):
    """Inline scripts a page runs that its own policy does not allow (read from the page here, as
    a browser would: the policy itself is made from the theme's templates, nexus/site/csp.py)."""
    out = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        policy = POLICY.search(text)
        if policy is None:
            continue
        allowed = set(re.findall(r"'sha256-[^']+'", policy[1]))
        for body in INLINE.findall(text):
            if csp.source_hash(body) not in allowed:
                out.append(f"{path.relative_to(site)}: {body[:80]}")
    return out


def test_the_deploy_build_has_every_feature(site):
    assert not missing(site, "mkdocs")
    assert not unallowed_scripts(site)


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_feature_survives_the_other_engines(engine, tmp_path):
    built = engine_site(engine, tmp_path)
    assert not missing(built, engine)
    pages = list(built.rglob("*.html"))
    assert len(pages) > 100 and all("Content-Security-Policy" in p.read_text(encoding="utf-8") for p in pages
                                    if p.name == "index.html")
    assert not unallowed_scripts(built)


def test_every_gap_is_named_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, feature in FEATURES.items():
        for engine in feature.get("gap") or {}:
            assert f"{engine.capitalize()}" in readme and name in readme.lower(), (name, engine)

"""Build the offline copy of the hub: site-offline/ and project-nexus-offline.zip.

`--preview` builds the same copy into site-preview/ without the zip: the pull-request preview
a contributor downloads and opens from the file system (`make preview`).

The configuration is mkdocs.yml with four changes, made here rather than in a second YAML
file so the two can never drift: Material's offline plugin (inlines the search index so search
works from file://), plain .html URLs, no instant navigation (it needs a server), and the
iframe-worker shim served from the hub instead of unpkg (the hub's rewrite, which a
Content-Security-Policy can allow: docs/assets/javascripts/iframe-worker.js).
"""
import argparse
import os
import shutil
import sys
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from nexus import ROOT, yamlio
from nexus.build import QUIET
SITE = ROOT / "site-offline"
PREVIEW = ROOT / "site-preview"
ZIP = ROOT / "project-nexus-offline.zip"
SHIM = "assets/javascripts/iframe-worker.min.js"   # the hub's rewrite of iframe-worker's shim
BUDGET = yamlio.load((ROOT / "data/budgets.yml").read_text(encoding="utf-8"))["offline"]["zip_bytes"]


def offline_config(site_dir: Path = SITE):
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        raw = yaml_load(handle)
    theme = dict(raw["theme"])
    theme["features"] = [f for f in theme["features"] if not f.startswith("navigation.instant")]
    extra = dict(raw.get("extra", {}))
    extra["polyfills"] = [SHIM]   # the offline plugin would otherwise add unpkg's copy
    return load_config(str(ROOT / "mkdocs.yml"), theme=theme, extra=extra,
                       plugins=[*raw["plugins"], "offline"], use_directory_urls=False,
                       site_dir=str(site_dir), strict=True)


def left_out(config, site: Path = SITE) -> set[str]:
    """Files the offline copy never reads: the search index as JSON (the offline plugin inlines
    it as search/search_index.js, 290 KB zipped), and lunr's language support (960 KB, 230 KB
    zipped), which the search worker imports only for languages other than English."""
    out = {"search/search_index.json"}
    languages = config.plugins["material/search"].config.lang
    if set(languages) <= {"en"}:
        out |= {p.relative_to(site).as_posix() for p in (site / "assets/javascripts/lunr").rglob("*")}
    return out


def pack(skip=frozenset(), site: Path = SITE, bundle: Path = ZIP):
    bundle.unlink(missing_ok=True)
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            # .mjs: Mermaid's module build, present only when a diagram was left to the browser;
            # file:// cannot import modules (the loader uses the classic bundle there instead).
            if path.relative_to(site).as_posix() in skip:
                continue
            if path.is_file() and path.suffix not in (".map", ".gz", ".mjs"):
                info = zipfile.ZipInfo(f"project-nexus/{path.relative_to(site).as_posix()}", (2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preview", action="store_true", help="build site-preview/ only, no zip")
    parser.add_argument("--out", type=Path, help="a folder for the copy (and the zip) instead of the repository")
    args = parser.parse_args(argv)
    os.environ.update(QUIET)
    site = PREVIEW if args.preview else SITE
    bundle = ZIP
    if args.out:   # tests build here, so two test processes never share a folder
        site, bundle = args.out / site.name, args.out / ZIP.name
    shutil.rmtree(site, ignore_errors=True)
    config = offline_config(site)
    build(config)
    if args.preview:
        print(f"preview: open {site / 'index.html'} in a browser (no server needed)")
        return 0
    pack(left_out(config, site), site, bundle)
    size = bundle.stat().st_size
    print(f"offline bundle: {bundle} {size / 1024 / 1024:.2f} MB (budget {BUDGET / 1024 / 1024:.1f} MB)")
    return 0 if size <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())

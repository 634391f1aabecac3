"""After the build: keep data/diagrams/ to the diagrams the pages use, and ship Mermaid only when a
page left a diagram for the browser to draw (a new one on a machine without Chromium)."""
import re
import shutil

from nexus.checks import diagrams

USED = re.compile(r'id="mermaid-([0-9a-f]{16})')
LEFT = '<pre class="mermaid">'
LOADER = "assets/javascripts/mermaid-loader.js"


def run(site):
    used, left = set(), []
    for path in site.pages():
        text = path.read_text(encoding="utf-8")
        used |= set(USED.findall(text))
        if LEFT in text:
            left.append(path.relative_to(site.folder).as_posix())
    if used and not site.partial and diagrams.cache_dir(site.root).is_dir():
        diagrams.prune(used, site.root)
    if not left:
        (site.folder / LOADER).unlink(missing_ok=True)
        return
    _ship_mermaid(site)


def _ship_mermaid(site):
    """The stand-in Material calls for Mermaid, and the Mermaid builds it imports (online, file://)."""
    mermaid = diagrams.mermaid_dir(site.root)
    dist = mermaid / "dist"
    target = site.folder / "assets/javascripts"
    if not (site.folder / LOADER).is_file():
        shutil.copyfile(site.root / "docs" / LOADER, site.folder / LOADER)
    if not dist.is_dir():
        return
    shutil.copytree(dist / "chunks/mermaid.esm.min", target / "vendor/mermaid/chunks/mermaid.esm.min",
                    dirs_exist_ok=True)
    shutil.copyfile(dist / "mermaid.esm.min.mjs", target / "vendor/mermaid/mermaid.esm.min.mjs")
    shutil.copyfile(dist / "mermaid.min.js", target / "vendor/mermaid.min.js")
    shutil.copyfile(mermaid / "LICENSE", target / "vendor/mermaid.LICENSE.txt")

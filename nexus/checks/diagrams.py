"""Draw Mermaid diagrams to SVG ahead of time, in headless Chromium, with a cache kept in the repo.

The build (nexus/steps/diagrams.py) asks for each ```mermaid block's SVG. A diagram is keyed by a hash
of its source, the Mermaid version pinned in package.json, and the configuration below (which
includes Material's own diagram stylesheet, so the SVG looks as Material would draw it). A key
found in data/diagrams/ is used as it is; a new one is drawn in one browser session per build
and saved there, so a reader's browser never runs Mermaid and a newcomer without Chromium still
gets every committed diagram.

Colours: Material's stylesheet for diagrams (the same `themeCSS` its bundle passes to Mermaid)
paints nodes, edges and labels with `var(--md-mermaid-*)`, which Material's CSS defines per
palette, so an inline SVG follows light, dark and auto without a reload. Mermaid's own rules
that match nothing in a diagram are dropped, and so are unused arrowheads.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from nexus import ROOT

CACHE = "data/diagrams"            # under the repository being built


def cache_dir(root: Path = ROOT) -> Path:
    """The cache of the repository being built (a test's copy has its own); NEXUS_DIAGRAM_CACHE
    names another folder, for measuring a cold draw (scripts/bench.py)."""
    return Path(os.environ.get("NEXUS_DIAGRAM_CACHE") or root / CACHE)


def mermaid_dir(root: Path = ROOT) -> Path:
    return root / "node_modules" / "mermaid"
# Bump when the drawing or the post-processing below changes, so every diagram is drawn again.
RENDERER = 7
# Material's body font stack (font: false in mkdocs.yml): labels are measured in the font the
# reader's page resolves --md-mermaid-font-family to on this machine.
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"


class DiagramError(Exception):
    """Mermaid could not draw a diagram; the message is Mermaid's own."""


def mermaid_version(root: Path = ROOT) -> str:
    """The version package.json pins: known without node_modules, so the cache key is too."""
    pins = json.loads((root / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    return pins["mermaid"]


def theme_css() -> str:
    """Material's stylesheet for diagrams, read from the source map shipped with its bundle."""
    import material
    pattern = str(Path(material.__file__).parent / "templates/assets/javascripts/bundle.*.min.js.map")
    source_map = json.loads(Path(glob.glob(pattern)[0]).read_text(encoding="utf-8"))
    for name, text in zip(source_map["sources"], source_map["sourcesContent"]):
        if name.endswith("components/content/mermaid/index.css"):
            return text
    raise RuntimeError(f"Material's mermaid/index.css is not in {pattern}: the theme changed")


def config() -> dict:
    """Mermaid's settings: Material's (components/content/mermaid/index.ts), nothing more."""
    return {"startOnLoad": False, "themeCSS": theme_css(),
            "sequence": {"actorFontSize": "16px", "messageFontSize": "16px", "noteFontSize": "16px"}}


def key(source: str, settings: dict, root: Path = ROOT) -> str:
    blob = json.dumps([source, mermaid_version(root), settings, RENDERER, FONT], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def cached(diagram_key: str, root: Path = ROOT) -> str | None:
    path = cache_dir(root) / f"{diagram_key}.svg"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def prune(used: set[str], root: Path = ROOT) -> list[str]:
    """Delete cached diagrams no page uses; return their names."""
    cache = cache_dir(root)
    gone = sorted(p.name for p in cache.glob("*.svg") if p.stem not in used)
    for name in gone:
        (cache / name).unlink()
    return gone


# Runs in the page for each diagram: draw, then keep only the style rules that match something.
DRAW = """async ([id, source]) => {
  let svg;
  try {
    svg = (await mermaid.render(id, source)).svg;
  } catch (error) {
    document.getElementById('d' + id)?.remove();   // Mermaid leaves its error drawing behind
    return {error: String(error && error.message || error)};
  }
  const host = document.createElement('div');
  host.innerHTML = svg;
  document.body.append(host);
  const root = host.firstElementChild;
  const style = root.querySelector('style');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(style.textContent);
  const kept = [];
  for (const rule of sheet.cssRules) {
    if (!rule.selectorText) {
      // @keyframes only for animated edges; other at-rules are kept.
      if (!(rule instanceof CSSKeyframesRule) || root.querySelector('[class*=edge-animation]')) kept.push(rule.cssText);
      continue;
    }
    const selectors = rule.selectorText.split(/,(?![^(]*\\))/);
    const matches = selectors.some(s => {
      try { return root.matches(s) || root.querySelector(s) !== null; } catch (e) { return true; }
    });
    if (matches) kept.push(rule.cssText);
  }
  style.textContent = kept.join('');
  // Flowcharts define a dozen arrowheads whether or not an edge uses them.
  const svgText = root.outerHTML;
  for (const marker of root.querySelectorAll('marker')) {
    if (!svgText.includes(`url(#${marker.id})`)) marker.remove();
  }
  host.remove();
  return {svg: root.outerHTML};
}"""


# Geometry attributes, whose numbers Mermaid writes with up to 15 decimals (rounded shapes are
# long paths): one decimal is a tenth of a pixel, invisible even on a 3x phone screen, and cuts
# the largest diagram page by 4.6 KB gzipped.
GEOMETRY = re.compile(r'(\s(?:d|points|transform|viewBox|x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|width|height|style)=")([^"]*)"')
LONG_NUMBER = re.compile(r"-?\d+\.\d{2,}")


def _tenths(match) -> str:
    # Keep the ".0": path data may run numbers together ("12.0.5" is 12.0 and .5), and "12.5"
    # would read as one.
    return f"{float(match[0]):.1f}"


CSS_SPACE = re.compile(r"\s*([{};,])\s*|(?<=:)\s+")   # not before ":" (" :not()" is a selector)


# Valid HTML (tests/test_site.py runs vnu): Mermaid puts a <p> inside each label's <span> (made a
# <div>: the <p> was a block already, so the label looks the same), and a `name` attribute on
# sequence-diagram lines and boxes.
LABEL_OPEN, LABEL_CLOSE = re.compile(r"<span([^>]*)><p>"), re.compile(r"</p></span>")
SVG_NAME = re.compile(r'(<(?:line|rect)\b[^>]*?)\sname="[^"]*"')


def compact(svg: str) -> str:
    svg = LABEL_CLOSE.sub("</p></div>", LABEL_OPEN.sub(r"<div\1><p>", svg))
    svg = SVG_NAME.sub(r"\1", svg)
    svg = GEOMETRY.sub(lambda m: m[1] + LONG_NUMBER.sub(_tenths, m[2]) + '"', svg)
    style = re.search(r"<style>(.*?)</style>", svg, flags=re.S)
    return svg.replace(style[1], CSS_SPACE.sub(lambda m: m[1] or "", style[1]), 1) if style else svg


@dataclass
class Drawn:
    svg: str
    fresh: bool   # drawn now, not read from the cache


class Renderer:
    """One headless Chromium for a whole build, started on the first diagram not in the cache."""

    def __init__(self, root: Path = ROOT):
        self.root = root
        self.settings = config()
        self.drawn = 0
        self.seconds = 0.0   # spent starting the browser and drawing
        self._playwright = self._browser = self._page = None
        self.unavailable = None   # why diagrams cannot be drawn here, once known

    def key(self, source: str) -> str:
        return key(source, self.settings, self.root)

    def get(self, source: str) -> Drawn | None:
        """The diagram's SVG from the cache, or drawn now; None if no browser can draw it."""
        diagram_key = self.key(source)
        svg = cached(diagram_key, self.root)
        if svg is not None:
            return Drawn(svg, False)
        start = time.monotonic()
        page = self._start()
        if page is None:
            return None
        try:
            result = page.evaluate(DRAW, [f"mermaid-{diagram_key}", source])
        finally:
            self.seconds += time.monotonic() - start
        if "error" in result:
            raise DiagramError(result["error"])
        svg = compact(result["svg"])
        cache = cache_dir(self.root)
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"{diagram_key}.svg").write_text(svg + "\n", encoding="utf-8")
        self.drawn += 1
        return Drawn(svg, True)

    def _start(self):
        if self._page is not None or self.unavailable:
            return self._page
        from nexus.chromium import launch
        mermaid = mermaid_dir(self.root)
        script = mermaid / "dist" / "mermaid.min.js"
        if not script.is_file():
            self.unavailable = "node_modules/mermaid is missing (run `npm ci`)"
            return None
        installed = json.loads((mermaid / "package.json").read_text(encoding="utf-8"))["version"]
        if installed != mermaid_version(self.root):
            self.unavailable = (f"node_modules has Mermaid {installed}, package.json pins {mermaid_version(self.root)} "
                                "(run `npm ci`)")
            return None
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError:
            self.unavailable = "Playwright is not installed (pip install -r requirements-test.txt)"
            return None
        self._playwright = sync_playwright().start()
        try:
            self._browser = launch(self._playwright)
        except Error as error:
            self.close()
            self.unavailable = (f"no Chromium could be started ({str(error).splitlines()[0]}); "
                                f"set NEXUS_CHROMIUM to a Chromium or Chrome executable")
            return None
        self._page = self._browser.new_page()
        self._page.set_content(f"<!doctype html><html><head><style>:root{{--md-mermaid-font-family:{FONT}}}"
                               "</style></head><body></body></html>")
        self._page.add_script_tag(path=str(script))
        self._page.evaluate("settings => mermaid.initialize(settings)", self.settings)
        return self._page

    def close(self):
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self._page = None


def place(svg: str, diagram_key: str, name: str, copy: int) -> str:
    """The cached SVG made ready for one spot on a page: a unique id (the same diagram may appear
    twice on a page) and an accessible name, unless the source gave one (accTitle)."""
    if copy:
        svg = svg.replace(f"mermaid-{diagram_key}", f"mermaid-{diagram_key}-{copy}")
    svg = re.sub(r'\srole="[^"]*"', "", svg, count=1)
    head, rest = svg.split(">", 1)
    if "<title" in rest.split("<style", 1)[0] or "aria-labelledby" in head:
        return f'{head} role="img">{rest}'
    from html import escape
    return f'{head} role="img"><title>{escape(name)}</title>{rest}'

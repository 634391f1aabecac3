"""Every ```mermaid block becomes an inline SVG at build time, so readers never load Mermaid.

Drawing and the cache (data/diagrams/) live in checks/diagrams.py. Here: swap each block for its
SVG, named after the section it sits in; report a diagram Mermaid cannot draw at its file and
line; and, where no browser can draw a new diagram (a newcomer's `make serve` without Chromium),
leave that block to Material, which draws it in the browser with the Mermaid from node_modules,
and say so once. CI and the deploy (CI=true, or NEXUS_DIAGRAMS=require) fail instead, so no
published page needs Mermaid at run time.
"""
import os
import re
import shutil
import sys
from html import unescape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from nexus.checks import diagrams

log = get_plugin_logger("diagrams")
LOADER = "assets/javascripts/mermaid-loader.js"
# What superfences' fence_code_format writes for a mermaid block, and the headings around it.
BLOCK = re.compile(r'<h([1-6])[^>]*>(?P<heading>.*?)</h\1>|<pre class="mermaid"><code>(?P<code>.*?)</code></pre>', re.S)
FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})\s*mermaid\b")
# Mermaid's parse errors count lines from the diagram's first line.
MERMAID_LINE = re.compile(r"on line (\d+)")

_state = {}


def _required() -> bool:
    return os.environ.get("NEXUS_DIAGRAMS") == "require" or os.environ.get("CI") == "true"


def on_startup(command, dirty):
    _state["partial"] = dirty   # `mkdocs serve --dirty` rebuilds some pages: do not prune then


def on_pre_build(config):
    _state.update(renderer=diagrams.Renderer(), used=set(), in_browser=[])


def on_files(files, config):
    loader = files.get_file_from_path(LOADER)
    if loader:
        files.remove(loader)   # shipped only if a page is left for the browser (on_post_build)
    return files


def _fence_line(path: Path, source: str) -> int:
    """The line of the ```mermaid fence whose body is source (1 if it came from elsewhere)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        match = FENCE.match(line)
        if not match:
            continue
        indent, body = len(match["indent"]), []
        for inner in lines[number + 1:]:
            if inner.strip().startswith(match["mark"]):
                break
            body.append(inner[indent:])
        if "\n".join(body).strip("\n") == source.strip("\n"):
            return number + 1
    return 1


def _name(heading: str, page) -> str:
    text = unescape(re.sub(r"<[^>]+>", "", heading)).replace("¶", "").strip()
    return f"Diagram: {text or page.title}"


def on_page_content(html, page, config, files):
    renderer, heading, copies = _state["renderer"], "", {}
    src = f"docs/{page.file.src_uri}"

    def swap(match):
        nonlocal heading
        if match["heading"] is not None:
            heading = match["heading"]
            return match[0]
        source = unescape(match["code"])
        try:
            drawn = renderer.get(source)
        except diagrams.DiagramError as error:
            message = str(error)
            line = _fence_line(Path(page.file.abs_src_path), source)
            found = MERMAID_LINE.search(message)
            where = line + int(found[1]) if found and line > 1 else line
            log.error("%s:%d: Mermaid cannot draw this diagram: %s", src, where, message)
            return match[0]
        if drawn is None:
            _state["in_browser"].append(src)
            return match[0]
        key = renderer.key(source)
        _state["used"].add(key)
        copies[key] = copies.get(key, -1) + 1
        return f'<div class="mermaid">{diagrams.place(drawn.svg, key, _name(heading, page), copies[key])}</div>'

    return BLOCK.sub(swap, html)


def on_post_build(config):
    renderer = _state["renderer"]
    renderer.close()
    left = _state["in_browser"]
    if renderer.drawn:
        log.info("%d new diagram(s) drawn in %.1f s into %s: commit them with the page.",
                 renderer.drawn, renderer.seconds, diagrams.CACHE)
    if not left:
        if not _state.get("partial"):
            gone = diagrams.prune(_state["used"])
            if gone:
                log.info("%d diagram(s) no page uses removed from %s.", len(gone), diagrams.CACHE)
        return
    why = f"{len(left)} diagram(s) are not in data/diagrams/ and cannot be drawn here: {renderer.unavailable}"
    if _required():
        raise PluginError(f"{why}. Pages: {', '.join(sorted(set(left)))}")
    log.info("%s. Your browser draws them (Mermaid from node_modules); the deploy draws them ahead.", why)
    _ship_mermaid(Path(config.site_dir), Path(config.docs_dir))


def _ship_mermaid(site: Path, docs: Path):
    """The stand-in Material calls for Mermaid, and the Mermaid builds it imports (online, file://)."""
    dist = diagrams.MERMAID / "dist"
    target = site / "assets/javascripts"
    shutil.copyfile(docs / LOADER, site / LOADER)
    if not dist.is_dir():
        return
    shutil.copytree(dist / "chunks/mermaid.esm.min", target / "vendor/mermaid/chunks/mermaid.esm.min",
                    dirs_exist_ok=True)
    shutil.copyfile(dist / "mermaid.esm.min.mjs", target / "vendor/mermaid/mermaid.esm.min.mjs")
    shutil.copyfile(dist / "mermaid.min.js", target / "vendor/mermaid.min.js")
    shutil.copyfile(diagrams.MERMAID / "LICENSE", target / "vendor/mermaid.LICENSE.txt")


def on_build_error(error):
    if "renderer" in _state:
        _state["renderer"].close()   # no browser left running after a failed build

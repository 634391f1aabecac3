"""Does Chromium honour a <meta http-equiv="Content-Security-Policy"> on a page opened from
file://, and which source expressions work there? An experiment, not a test:

    NEXUS_CHROMIUM=/usr/bin/chromium .venv/bin/python scripts/csp_file_probe.py [--json out.json]

For each policy it writes a page with 24 probes into a temporary folder (scripts, styles, images,
frames, forms and navigation, from the page's own folder, a subfolder, the folder above and
another origin: a local HTTP server), opens it from file:// in Chromium, and prints what ran,
loaded or was sent. Policies without 'unsafe-inline' are given the page's own inline script by
hash where the policy's name says so.

What it found (Chromium 156): a policy holds on file://, and 'self' there means the page's
folder, the folders below and above it. The offline copy and the preview therefore carry the
hosted site's policy (nexus/site/csp.py), with iframe-worker's shim rewritten to load a file
instead of writing an inline script into its frame (docs/assets/javascripts/iframe-worker.js).
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import http.server
import json
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nexus.chromium import ARGS, chromium_executable  # noqa: E402

INLINE = "window.r = window.r || {}; r.inline = 1;"
HASH = "'sha256-" + base64.b64encode(hashlib.sha256(INLINE.encode()).digest()).decode() + "'"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def policies():
    return {
        "no policy": None,
        "script-src 'none'": "script-src 'none'",
        "script-src 'self'": "script-src 'self'",
        "script-src file:": "script-src file:",
        "script-src 'self' + hash": f"script-src 'self' {HASH}",
        "script-src file: + hash": f"script-src file: {HASH}",
        "default-src 'self' + hash": f"default-src 'self'; script-src 'self' {HASH}",
        "deny by default, file:": (f"default-src 'none'; script-src file: {HASH}; style-src file: 'unsafe-inline'; "
                                   "img-src file: data:; font-src file:; connect-src file:; frame-src file:; "
                                   "child-src file:; worker-src file:; object-src 'none'; base-uri 'none'; "
                                   "form-action 'none'; manifest-src 'none'; media-src 'none'"),
        "deny by default, 'self'": (f"default-src 'none'; script-src 'self' {HASH}; style-src 'self' 'unsafe-inline'; "
                                    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; "
                                    "object-src 'none'; base-uri 'none'; form-action 'none'"),
    }


def page(policy: str | None, remote: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">' if policy else ""
    return f"""<!doctype html><html><head><meta charset="utf-8">{meta}
<style>#inline-style {{ color: rgb(1, 2, 3); }}</style>
<link rel="stylesheet" href="same.css"><link rel="stylesheet" href="{remote}/remote.css">
</head><body>
<p id="inline-style">x</p><p id="same-css">x</p><p id="remote-css">x</p>
<script>{INLINE}</script>
<script src="same.js"></script><script src="sub/sub.js"></script><script src="../up.js"></script>
<script src="{remote}/remote.js"></script>
<img src="missing.png" onerror="(window.r = window.r || {{}}).handler = 1">
<img id="same-img" src="pixel.png"><img id="remote-img" src="{remote}/pixel.png">
<img id="data-img" src="data:image/png;base64,{base64.b64encode(PNG).decode()}">
<iframe id="same-frame" src="frame.html"></iframe><iframe src="{remote}/frame.html"></iframe>
<iframe srcdoc="<script>(parent.r = parent.r || {{}}).srcdoc = 1</script>"></iframe>
<object data="{remote}/object.html"></object><embed src="{remote}/embed.html">
<a id="js-link" href="javascript:(window.r = window.r || {{}}).jsurl = 1">j</a>
<form id="form" action="{remote}/form" method="post"><button id="submit">go</button></form>
</body></html>"""


SAME_JS = """var r = window.r = window.r || {}; r.same = 1;
try { eval("r.eval = 1"); } catch (e) {}
var f = document.createElement("iframe"); f.hidden = true; document.body.appendChild(f);
f.contentWindow.document.open();
f.contentWindow.document.write('<script>(parent.r = parent.r || {}).docwrite = 1<\\/script><script src="' +
  new URL("written.js", location.href) + '"><\\/script>');
f.contentWindow.document.close();
fetch("same.txt").then(function () { r.fetch = 1; }, function () { r.fetch = 0; });
try { new Worker("worker.js").onmessage = function () { r.worker = 1; }; } catch (e) {}
"""


class Remote(http.server.SimpleHTTPRequestHandler):
    seen: list = []

    def _answer(self):
        Remote.seen.append(self.path)
        body = b"/* remote */" if not self.path.endswith(".png") else PNG
        if self.path.endswith(".js"):
            body = b"(window.r = window.r || {}).remote = 1;"
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


def probe(browser, folder: Path, policy: str | None, remote: str) -> dict:
    site = folder / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text(page(policy, remote), encoding="utf-8")
    (site / "same.js").write_text(SAME_JS, encoding="utf-8")
    (site / "sub/sub.js").write_text("(window.r = window.r || {}).subfolder = 1;", encoding="utf-8")
    (folder / "up.js").write_text("(window.r = window.r || {}).parent_folder = 1;", encoding="utf-8")
    (site / "written.js").write_text("(parent.r = parent.r || {}).docwrite_src = 1;", encoding="utf-8")
    (site / "worker.js").write_text("postMessage(1);", encoding="utf-8")
    (site / "same.txt").write_text("x", encoding="utf-8")
    (site / "same.css").write_text("#same-css { color: rgb(4, 5, 6); }", encoding="utf-8")
    (site / "pixel.png").write_bytes(PNG)
    (site / "frame.html").write_text("<p>frame</p>", encoding="utf-8")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">' if policy else ""
    (site / "refresh.html").write_text(f'<!doctype html><meta charset="utf-8">{meta}'
                                       f'<meta http-equiv="refresh" content="0;url={remote}/refreshed">', encoding="utf-8")
    (site / "base.html").write_text(f'<!doctype html><meta charset="utf-8">{meta}<base href="{remote}/">'
                                    '<script src="based.js"></script>', encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    messages = []
    tab.on("console", lambda m: messages.append(m.text))
    Remote.seen.clear()
    tab.goto(site.joinpath("index.html").as_uri())
    tab.wait_for_timeout(1500)
    tab.evaluate("() => { window.r = window.r || {}; }")
    result = dict(tab.evaluate("() => Object.assign({}, window.r)"))
    colour = "id => getComputedStyle(document.getElementById(id)).color"
    result["inline style"] = tab.evaluate(colour, "inline-style") == "rgb(1, 2, 3)"
    result["same-folder css"] = tab.evaluate(colour, "same-css") == "rgb(4, 5, 6)"
    result["same-folder image"] = tab.evaluate("() => document.getElementById('same-img').naturalWidth > 0")
    result["data: image"] = tab.evaluate("() => document.getElementById('data-img').naturalWidth > 0")
    same_frame = tab.frame_locator("#same-frame").locator("p")
    result["same-folder iframe"] = same_frame.count() == 1
    tab.click("#js-link", no_wait_after=True)
    tab.wait_for_timeout(300)
    result["javascript: link"] = tab.evaluate("() => window.r.jsurl === 1")
    tab.click("#submit", no_wait_after=True)
    tab.wait_for_timeout(1000)
    sent = list(Remote.seen)
    for name in ("remote.js", "remote.css", "pixel.png", "frame.html", "object.html", "embed.html", "form"):
        result[f"request to other origin: {name}"] = any(name in path for path in sent)
    tab.goto(site.joinpath("refresh.html").as_uri())
    tab.wait_for_timeout(1500)
    result["meta refresh to other origin"] = "refreshed" in tab.url
    Remote.seen.clear()
    tab.goto(site.joinpath("base.html").as_uri())
    tab.wait_for_timeout(800)
    result["base tag redirects a relative script"] = any("based.js" in path for path in Remote.seen)
    result["CSP messages in the console"] = sum("Content Security Policy" in m for m in messages)
    context.close()
    return result


ROWS = ["inline", "same", "subfolder", "parent_folder", "remote", "handler", "srcdoc", "docwrite", "docwrite_src",
        "eval", "fetch", "worker", "javascript: link", "inline style", "same-folder css", "same-folder image",
        "data: image", "same-folder iframe", "request to other origin: remote.js", "request to other origin: remote.css",
        "request to other origin: pixel.png", "request to other origin: frame.html",
        "request to other origin: object.html", "request to other origin: embed.html",
        "request to other origin: form", "meta refresh to other origin", "base tag redirects a relative script",
        "CSP messages in the console"]
LABELS = {"inline": "inline <script> (hash where given)", "same": "<script src> same folder",
          "subfolder": "<script src> subfolder", "parent_folder": "<script src> folder above",
          "remote": "<script src> other origin ran", "handler": "onerror= handler", "srcdoc": "srcdoc iframe script",
          "docwrite": "about:blank iframe, document.write inline script (iframe-worker's way)",
          "docwrite_src": "about:blank iframe, document.write <script src> same folder",
          "eval": "eval()", "fetch": "fetch() same folder", "worker": "new Worker() same folder"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Remote)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    remote = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as temp:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=ARGS)
        version = browser.version
        for number, (name, policy) in enumerate(policies().items()):
            results[name] = probe(browser, Path(temp) / str(number), policy, remote)
        browser.close()
    server.shutdown()
    print(f"Chromium {version}, pages opened from file://\n")
    names = list(results)
    print("| Probe | " + " | ".join(names) + " |")
    print("| --- |" + " --- |" * len(names))
    for row in ROWS:
        cells = []
        for name in names:
            value = results[name].get(row, 0)
            cells.append(str(value) if row == "CSP messages in the console" else ("yes" if value else "no"))
        print(f"| {LABELS.get(row, row)} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps({"chromium": version, "policies": policies(), "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

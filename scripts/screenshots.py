"""Screenshots of the home page and a deep page, desktop and phone, light and dark, for a reviewer.

`make screenshots` writes them to test-results/screenshots/; the Checks workflow keeps them as an
artifact. A tool, not a test: looking at the pictures is the reviewer's job.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from browserlib import ARGS, SCREENSHOTS, chromium_executable, new_context, site_prefix  # noqa: E402
from checks.server import SiteServer, free_port  # noqa: E402

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
PAGES = {"home": "", "caching": "concepts/caching/"}


def main() -> int:
    port = free_port()
    site = ROOT / "test-results" / "screenshots-site"
    env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}{site_prefix()}")
    subprocess.run([sys.executable, "-m", "checks", "build", "--site-dir", str(site)], cwd=ROOT, env=env, check=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright
    with SiteServer(site, site_prefix(), port=port) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=ARGS)
        for name, path in PAGES.items():
            for size, viewport in SIZES.items():
                for scheme in ("light", "dark"):
                    context = new_context(browser, viewport=viewport, color_scheme=scheme)
                    page = context.new_page()
                    page.goto(server.url + path)
                    page.wait_for_load_state("networkidle")
                    target = SCREENSHOTS / f"{name}-{size}-{scheme}.png"
                    page.screenshot(path=str(target))
                    context.close()
                    print(target.relative_to(ROOT))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Screenshots of the home page and a deep page, desktop and phone, light and dark, for a reviewer.

`make screenshots` writes them to test-results/screenshots/; the Checks workflow keeps them as an
artifact. A tool, not a test: looking at the pictures is the reviewer's job.
"""
import sys
from pathlib import Path


from nexus.browser import SCREENSHOTS, new_context
from nexus.build import build
from nexus.chromium import launch
from nexus import ROOT
from nexus.server import SiteServer, free_port, site_prefix

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
PAGES = {"home": "", "caching": "concepts/caching/"}


def main() -> int:
    port = free_port()
    site = ROOT / "test-results" / "screenshots-site"
    result = build(ROOT, site, env={"SITE_URL": f"http://127.0.0.1:{port}{site_prefix()}"})
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright
    with SiteServer(site, site_prefix(), port=port) as server, sync_playwright() as playwright:
        browser = launch(playwright)
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

"""Screenshots of the home page and a deep page, desktop and phone, light and dark.

They are kept by CI as an artifact (test-results/screenshots/) so a reviewer can look at the
change; the test checks each image was written and is not blank."""
import pytest

from browserlib import SCREENSHOTS, new_context

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name,path", [("home", ""), ("caching", "concepts/caching/")])
def test_screenshot(browser, server, name, path, size, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = new_context(browser, viewport=SIZES[size], color_scheme=scheme)
    page = context.new_page()
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    target = SCREENSHOTS / f"{name}-{size}-{scheme}.png"
    page.screenshot(path=str(target))
    context.close()
    assert target.stat().st_size > 10_000

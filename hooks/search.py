"""Search: Material's search box and index, the hub's engine.

- Each page's `__config` names the theme's lunr worker; the bundle starts whatever worker that
  names, sends it the index and renders its results. This hook names the hub's worker instead
  (docs/assets/javascripts/search-worker.js), which keeps Material's search box, result list,
  highlighting and offline support. If the theme's markup changes, the build fails here rather
  than silently falling back to the old engine.
- Tag listings (pages with Material's `<!-- material/tags -->` marker) are left out of the index:
  under each tag they repeat the titles of other pages, and would outrank those pages.
"""
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# The minify plugin (mkdocs.yml) writes docs/assets/javascripts/search-worker.js as .min.js.
WORKER = "assets/javascripts/search-worker.min.js"
CONFIG_URL = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
LISTING = "<!-- material/tags"
_listings = set()


def on_page_markdown(markdown, page, **kwargs):
    if LISTING in markdown:
        _listings.add(page.url)
    return markdown


def on_post_page(output, page, config):
    output, count = CONFIG_URL.subn(lambda m: f'{m[1]}{m[2]}{WORKER}"', output)
    if count != 1:
        raise PluginError(f"{page.file.src_uri}: Material's search worker URL not found in __config "
                          "(theme changed?): update hooks/search.py")
    return output


def on_post_build(config):
    path = Path(config.site_dir, "search", "search_index.json")
    if not _listings or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [doc for doc in index["docs"]
                     if doc["location"].split("#")[0] not in _listings or "#" not in doc["location"]]
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")

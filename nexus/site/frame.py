"""What the theme writes on every page besides the article, made lighter for each click (an
instant-navigation click fetches the whole page; README, "What a click carries"):

- `__config`, the JSON the theme's bundle reads at start-up: compact, and with only the features
  the bundle reads. The rest (navigation.tabs, .prune, .footer, .path, .top, content.action.*...)
  act in the templates, which were rendered with all of them. A feature is kept when its name
  occurs anywhere in the shipped bundle, so a bundle that starts reading one (another theme
  version, or Zensical's) keeps it without a list here. 46 bytes of the median click.
- `<meta name="generator">`: it tells readers nothing and names the exact engine and theme
  versions to anyone scanning for a known flaw. 33 bytes of the median click.
"""
import json
import re

CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def run(site):
    bundle = "".join(path.read_text(encoding="utf-8")
                     for path in (site.folder / "assets" / "javascripts").glob("bundle.*.min.js"))

    def compact(match):
        config = json.loads(match[2])
        if bundle:   # else vendored.run reports the missing bundle
            config["features"] = [name for name in config.get("features", []) if name in bundle]
        return match[1] + json.dumps(config, ensure_ascii=False, separators=(",", ":")) + match[3]

    for path in site.pages():
        text = path.read_text(encoding="utf-8")
        new = GENERATOR.sub("", CONFIG.sub(compact, text, count=1), count=1)
        if new != text:
            path.write_text(new, encoding="utf-8")

"""Delete the theme's stylesheet rules listed under `removed_rules` in data/theme_contract.yml (the
one owner: each with why) from the built site, whose engine copied the theme's stylesheets as files.

Plain text replacement, no CSS parser: each rule is written exactly as it stands in the theme's
minified file, so a rule the theme has changed is not half-matched but reported, and the contract
follows the theme.
"""
from nexus import yamlio


def run(site):
    contract = yamlio.load((site.root / "data/theme_contract.yml").read_text(encoding="utf-8"))
    for entry in contract.get("removed_rules") or []:
        found = False
        for path in sorted((site.folder / "assets" / "stylesheets").rglob(entry["file"])):
            text = path.read_text(encoding="utf-8")
            if entry["rule"] in text:
                path.write_text(text.replace(entry["rule"], ""), encoding="utf-8")
                found = True
        if not found and not site.partial:   # `serve --dirty` may leave last build's edited copy
            site.problem("data/theme_contract.yml", f"no {entry['file']} in the built site has the rule to delete: "
                         f"{entry['rule'][:60]}... (the theme changed: update removed_rules)", "theme-css")

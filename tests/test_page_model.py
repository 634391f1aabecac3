"""The page model (nexus/page.py): one parser for fences, headings, snippets, self-checks and
diagrams, which every check, the PR summary and the build steps read."""
import re

from nexus import ROOT
from nexus.page import Page

ID = re.compile(r'<h[2-6][^>]* id="([^"]+)"')


def test_every_heading_id_is_the_one_the_built_page_has(site):
    """The model's ids are the table of contents' ids, on every page (explicit {#id} or slug,
    duplicates numbered), so a check or the question map can name a section before the build."""
    wrong, count = [], 0
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = Page.read(path, ROOT)
        url = re.sub(r"(^|/)index\.md$", r"\1", path.relative_to(ROOT / "docs").as_posix()).removesuffix(".md")
        built = set(ID.findall((site / url / "index.html").read_text(encoding="utf-8")))
        for heading in page.headings:
            if heading.level > 1:
                count += 1
                if heading.id not in built:
                    wrong.append(f"{page.rel}:{heading.line}: {heading.text!r} -> #{heading.id}")
    assert count > 1000 and not wrong, wrong[:20]


def test_a_fence_closes_only_on_a_marker_as_long_as_its_own():
    """docs/tech/shell.md nests ```bash inside a ````selfcheck block: the inner fence is body text,
    and nothing between the four-backtick lines is page text (a parser that ignored the length
    read the rest of the block as the page's own Markdown)."""
    page = Page.read(ROOT / "docs/tech/shell.md", ROOT)
    [block] = page.selfchecks
    assert block.marker == "````" and "```" in block.body and block.end > block.start
    outside = {number for number, _ in page.outside_fences()}
    assert not outside & set(range(block.start, block.end + 1))
    assert not [fence for fence in page.fences if block.start < fence.start <= block.end]


def test_fences_inside_tabs_and_admonitions_are_fences():
    text = "\n".join([
        "---", "title: Demo", "---", "",
        '=== "Linux"', "", "    ```bash", "    ## not a heading", "    ```", "",
        "!!! note", "", "    ```mermaid", "    flowchart LR", "    ```", "",
        "## A real heading {#real}", "", '--8<-- "python/demo.py:part"',
    ])
    page = Page.parse("docs/demo.md", text)
    assert [(f.lang, f.start, f.end, f.indent) for f in page.fences] == [("bash", 7, 9, 4), ("mermaid", 13, 15, 4)]
    assert [(h.text, h.id, h.explicit, h.line) for h in page.headings] == [("A real heading", "real", True, 17)]
    assert [(s.line, s.file, s.section) for s in page.snippets] == [(19, "python/demo.py", "part")]
    assert page.diagrams[0].body == "flowchart LR"

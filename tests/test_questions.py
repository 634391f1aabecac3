"""The question map (data/questions.yml) against the built site: every answer is a section that
exists. The schema and sources are checked by `make check` (nexus/checks/questions.py); that search finds
each answer in the first three is tests/test_search_index.py's."""
import re

from nexus.checks.questions import load

ID = re.compile(r'\bid="([^"]+)"')


def page_dir(answer):
    page = answer.split("#")[0]
    return re.sub(r"(^|/)index\.md$", r"\1", page).removesuffix(".md").rstrip("/")


def test_every_answer_is_a_section_of_the_built_site(site):
    missing, ids = [], {}
    for entry in load():
        folder = page_dir(entry["answer"])
        if folder not in ids:
            html = (site / folder / "index.html") if folder else site / "index.html"
            ids[folder] = set(ID.findall(html.read_text(encoding="utf-8"))) if html.is_file() else set()
        anchor = entry["answer"].split("#", 1)[1]
        if anchor not in ids[folder]:
            missing.append(f"{entry['answer']} ({entry['query']!r})")
    assert not missing, f"{len(missing)} answers name no section of the built site:\n" + "\n".join(missing)


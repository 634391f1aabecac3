"""The hub's page steps, as one Python-Markdown extension: `nexus.steps` in mkdocs.yml's
`markdown_extensions`, so every engine that renders pages through Python-Markdown (MkDocs,
ProperDocs, Zensical) runs them. The order is explicit (priorities below); what spans the whole
site runs once after the build (nexus.site).

Before Markdown (preprocessors, above pymdown's snippets at 32, so their `--8<--` lines are
included like the page's own):
  listings 39 -> glossary 38 -> self-checks 37 -> API reference 36
On the finished HTML (postprocessors, after Python-Markdown's own at 10-30):
  diagrams 8 -> stable keys for ticks 6 -> the sanitizer 1 (last: it sees every step's output)

State lives on one Build object (nexus.steps.build.Build). Under MkDocs the plugin makes it and
hands the same extension instance to every page; under Zensical, which makes a new extension for
every page from its name, Build.of() returns the build of that project root.
"""
from __future__ import annotations

from markdown import Extension

from .build import Build


class NexusExtension(Extension):
    def __init__(self, build: Build | None = None, **kwargs):
        self.build = build
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        from . import api_reference, diagrams, glossary, learning, listings, sanitize, selfcheck
        build = self.build or Build.of()
        md.registerExtension(self)
        md.preprocessors.register(listings.Listings(md, build), "nexus_listings", 39)
        md.preprocessors.register(glossary.Glossary(md, build), "nexus_glossary", 38)
        md.preprocessors.register(selfcheck.SelfChecks(md, build), "nexus_selfcheck", 37)
        md.preprocessors.register(api_reference.Reference(md, build), "nexus_api_reference", 36)
        md.postprocessors.register(diagrams.Diagrams(md, build), "nexus_diagrams", 8)
        md.postprocessors.register(learning.TickKeys(md, build), "nexus_ticks", 6)
        md.postprocessors.register(sanitize.Sanitize(md, build), "nexus_sanitize", 1)


def makeExtension(**kwargs):
    return NexusExtension(**kwargs)

"""MkDocs hook (mkdocs.yml `hooks:`): the search index for Swedish readers.

Material's search plugin builds the index; this hook gives it an index object that reads each page
through fardplan.pages.search_index (needs as sections, readable text, extra Swedish word forms,
unique titles). The work is there, in plain Python; this file only connects it to Material.
"""

from __future__ import annotations

from html import escape, unescape

from material.plugins.search.plugin import SearchIndex

from fardplan.pages.search_index import searchable_html, swedish_words, unique_titles


def _trail(items, target, path=()):
    """The titles of the headings above the heading with id `target`, or None if none has it."""
    for item in items:
        if item.id == target:
            return list(path)
        found = _trail(item.children, target, (*path, item.title))
        if found is not None:
            return found
    return None


class SwedishSearchIndex(SearchIndex):
    def __init__(self, **config):
        super().__init__(**config)
        self.context: dict[str, tuple[list[str], bool]] = {}
        self._page, self._above = None, []

    def add_entry_from_context(self, page):
        original = page.content
        page.content = searchable_html(original)  # only what the index reads
        try:
            super().add_entry_from_context(page)
        finally:
            page.content = original

    def create_entry_for_section(self, section, toc, url, page):
        super().create_entry_for_section(section, toc, url, page)
        entry = self.entries[-1]
        page_title = escape(unescape(str(page.title or "")), quote=False)
        trail = _trail(toc, section.id, ()) if section.id else None
        if trail is None:
            # A table row (a need), under the last heading before it: its own home, like a page.
            above = self._above if self._page is page else [page_title]
            self.context[entry["location"]] = (above, True)
            return
        # The page and the heading right above, enough to tell results apart.
        titles = [escape(unescape(t), quote=False) for t in trail]
        self.context[entry["location"]] = ([page_title, *[t for t in titles if t != page_title][-1:]], False)
        self._page, self._above = page, [page_title, entry["title"]]

    def generate_search_index(self, prev):
        self.entries = unique_titles(swedish_words(self.entries), self.context)
        return super().generate_search_index(prev)


def on_config(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is not None and hasattr(plugin, "search_index"):
        plugin.search_index = SwedishSearchIndex(**plugin.config)
    return config

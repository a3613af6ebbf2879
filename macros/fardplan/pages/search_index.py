"""The site's search index, made for Swedish readers (issue 13).

Material's search plugin cuts each page into sections at its headings and keeps their text. Three
things it does not do for this site are done here, on plain HTML and plain entries (no MkDocs):

- `searchable_html`: each need is a row of a table, not a heading, so a hit on a need led to the
  top of the area page. Every table row with an id becomes a section of its own, titled by the
  row's heading, so a hit leads to the need. Text from neighbouring cells, headings and labels no
  longer runs together ("BehovNationellt"), each cell says what it is ("Staden: ..."), and what is
  hidden from screen readers (chart drawings) and the column headings stay out of the index.
- `swedish_words`: words as readers type them. The browser stems what is typed
  (overrides/assets/javascripts/workers/fardplan-search.js); here each entry gets the words
  written without å, ä and ö, and the heads of its compound words ("sköterskor" in
  "undersköterskor", "tjänsten" in "hemtjänsten"), in a field of its own that is searched but
  never shown.
- `unique_titles`: a title used by several entries (an area's name is a heading on six pages)
  gets the page and the headings above it, so that no two results look alike.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from typing import Any

# The extra field's name in the index (mkdocs.yml's search plugin gives it its weight).
WORDS_FIELD = "ord"
# Elements whose text runs on with its neighbours'; every other element ends with a space.
_INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "cite",
    "code",
    "data",
    "dfn",
    "em",
    "i",
    "kbd",
    "mark",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_WORD = re.compile(r"[a-zåäöéü]+")
_TAG = re.compile(r"<[^>]*>")
# A compound's head: at least this long, after a first part of at least three letters.
_HEAD_MIN = 5
_FIRST_MIN = 3


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[_Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str) -> _Element | None:
        for child in self.children:
            if isinstance(child, _Element):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found:
                    return found
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, dict(attrs))
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(_Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def _serialise(node: _Element | str, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(escape(node, quote=False))
        return
    if node.tag:
        attrs = "".join(
            f' {k}="{escape(v or "")}"' if v is not None else f" {k}" for k, v in node.attrs.items()
        )
        out.append(f"<{node.tag}{attrs}>")
    for child in node.children:
        _serialise(child, out)
    if node.tag and node.tag not in _VOID:
        out.append(f"</{node.tag}>")
    if node.tag and node.tag not in _INLINE:
        out.append(" ")


def _prepare(node: _Element) -> None:
    for child in node.children:
        if not isinstance(child, _Element):
            continue
        if child.tag in ("svg", "thead") or child.attrs.get("aria-hidden") == "true":
            child.attrs["data-search-exclude"] = None  # Material's parser skips it
            continue
        if child.tag == "tr" and child.attrs.get("id"):
            _row_to_section(child)
        label = child.attrs.get("data-label")
        if child.tag == "td" and label:
            child.children.insert(0, f"{label}: ")
        _prepare(child)


def _row_to_section(row: _Element) -> None:
    """A table row with an id: a heading with that id, titled by the row's first link (the need)."""
    header = row.find("th")
    if header is None:
        return
    link = header.find("a")
    title = (link or header).text().strip()
    if link is not None:
        link.children = []
    else:
        header.children = []
    row.children.insert(0, _Element("h3", {"id": row.attrs["id"]}, [title]))


@lru_cache(maxsize=128)
def searchable_html(html: str) -> str:
    """A page's HTML as the search plugin should read it (the page itself is not changed). Kept
    for pages whose HTML comes again: `mkdocs serve` indexes every page on each rebuild, and an
    edit changes few of them."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    _prepare(builder.root)
    out: list[str] = []
    for child in builder.root.children:
        _serialise(child, out)
    return "".join(out)


def _words(entry: dict[str, Any]) -> list[str]:
    text = _TAG.sub(" ", f"{entry.get('title', '')} {entry.get('text', '')}").lower()
    return _WORD.findall(text)


def swedish_words(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entry with the field WORDS_FIELD: its words without å, ä and ö, and its compound
    words' heads."""
    per_entry = [set(_words(e)) for e in entries]
    vocabulary = set().union(*per_entry) if per_entry else set()
    beginnings = {word[:n] for word in vocabulary for n in range(6, len(word) + 1)}
    endings = Counter(word[i:] for word in vocabulary for i in range(_FIRST_MIN, len(word) - _HEAD_MIN + 1))

    def is_head(tail: str) -> bool:
        # A word of the site ("tjänsten"), another form of one ("anställda" beside "anställningar"),
        # or the end of two of its words ("sköterskor" in "undersköterskor" and "sjuksköterskor").
        if tail in vocabulary:
            return True
        return len(tail) >= 7 and (tail[:-2] in beginnings or endings[tail] >= 2)

    result = []
    for entry, words in zip(entries, per_entry, strict=True):
        extra = set()
        for word in words:
            for i in range(_FIRST_MIN, len(word) - _HEAD_MIN + 1):
                if is_head(word[i:]):
                    extra.add(word[i:])
                    break  # the longest head is enough: the search matches a word's beginning
        extra |= {w.translate(_FOLD) for w in words | extra}
        extra -= words
        entry = dict(entry)
        if extra:
            entry[WORDS_FIELD] = " ".join(sorted(extra))
        result.append(entry)
    return result


def unique_titles(
    entries: list[dict[str, Any]], context: dict[str, tuple[list[str], bool]]
) -> list[dict[str, Any]]:
    """Titles used more than once get the titles above them. `context` maps an entry's location to
    the page title and the heading it lies under, and whether the entry is the title's home (a
    need's own row). A page's top entry and a title's only home keep the title as it is."""

    def home(entry: dict[str, Any]) -> bool:
        return "#" not in entry["location"] or context.get(entry["location"], ([], False))[1]

    counts = Counter(e["title"] for e in entries)
    homes = Counter(e["title"] for e in entries if home(e))
    result = []
    for entry in entries:
        title = entry["title"]
        if counts[title] > 1 and not (home(entry) and homes[title] == 1):
            trail = [t for t in context.get(entry["location"], ([], False))[0] if t and t != title]
            entry = {**entry, "title": " › ".join([*trail, title])}
        result.append(entry)
    return result

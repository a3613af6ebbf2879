"""A copy of the project whose every free text carries a hostile payload, for the injection tests.

Each payload, if it ever ran as script, calls `fpPwned(N)` (or `alert(N)`) with its own number,
so a test can say which payload escaped and from which field. Texts keep their original words in
front of the payload, so ids, uniqueness and references stay valid and the data still builds.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import yaml

from support import copy_project

# One payload per way out of a context: element content, <title>/<script>/<style> raw text,
# double- and single-quoted attributes, entities that an un-escaping filter would turn back into
# tags, Markdown links and raw HTML, template syntax (Jinja in the data must stay text), XML.
PAYLOADS = (
    "</title><script>fpPwned(1)</script>",
    "<img src=x onerror=fpPwned(2)>",
    '"><svg onload=fpPwned(3)>',
    "'><svg onload=fpPwned(4)>",
    "{{ config.site_name }}{{ fpPwned(5) }}",
    "{% raw %}<script>fpPwned(6)</script>{% endraw %}",
    "&lt;img src=x onerror=fpPwned(7)&gt;",
    '<a href="javascript:fpPwned(8)">klicka</a>',
    "[länk](javascript:fpPwned(9)) *kursiv* <!-- kommentar",
    "</script><script>fpPwned(10)</script>",
    '<iframe srcdoc="<script>parent.fpPwned(11)</script>"></iframe>',
    "]]><script>fpPwned(12)</script><![CDATA[",
    "</textarea></noscript></style><script>alert(13)</script>",
    "&#60;script&#62;fpPwned(14)&#60;/script&#62;",
    "<details open ontoggle=fpPwned(15)>",
    "\\<script>fpPwned(16)</script>",
    "`<script>fpPwned(17)</script>`",
    "<math><mtext><table><mglyph><style><img src=x onerror=fpPwned(18)>",
    # Markdown's attr_list reads a heading's trailing { … } as attributes (last in a heading group).
    '{ onmouseover="fpPwned(19)" tabindex=0 }',
)
# A link that the schema's pattern accepts (https://, a dot in the host) and that tries to leave
# the attribute it is printed in.
HOSTILE_LINK = 'https://skr.se/"><svg/onload=fpPwned(30)>'

# Keys whose values are free text shown to readers (in the data and in the remiss files).
TEXT_KEYS = {
    "titel",
    "organisation",
    "diarienummer",
    "sammanfattning",
    "bakgrund",
    "steg",
    "beskrivning",
    "organ",
    "paragraf",
    "namn",
    "referens",
    "rubrik",
    "text",
    "skäl",
    # data/remissvar.yaml and data/remissbemotande.yaml
    "anmärkning",
    "remissinstans",
    "synpunkt",
    "formulering",
    "motivering",
}


def payload_for(key: str, value: str) -> str:
    """The same original text under the same key always gets the same payload, so values that must
    agree (the two diarienummer, invited bodies named in answers) still agree."""
    return PAYLOADS[zlib.crc32(f"{key}\0{value}".encode()) % len(PAYLOADS)]


def payloads_for_heading(index: int) -> str:
    """Headings (areas, responsible bodies) become page titles, navigation and table-of-contents
    entries: the first four together carry every payload."""
    return " ".join(PAYLOADS[index % 4 :: 4])


# Lists whose items' names are headings somewhere on the site.
HEADING_LISTS = {("områden", "rubrik"), ("ansvariga", "namn")}


def poison(node: Any, key: str | None = None, index: int = 0, parent: str | None = None) -> Any:
    """`node` with payloads appended to every free text under TEXT_KEYS, and hostile links."""
    if isinstance(node, dict):
        return {k: poison(v, k, index, parent) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key, i, key) for i, v in enumerate(node)]
    if isinstance(node, str) and (parent, key) in HEADING_LISTS:
        return f"{node} {payloads_for_heading(index)}"
    if isinstance(node, str) and key in TEXT_KEYS:
        return f"{node} {payload_for(key, node)}"
    if isinstance(node, str) and key == "länk":
        return HOSTILE_LINK
    return node


def _rewrite(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )


def hostile_project(target: Path) -> Path:
    """A copy of the project (docs, data, macros, overrides, mkdocs.yml) with poisoned data."""
    project = copy_project(target)
    for name in ("roadmap.yaml", "remissvar.yaml", "remissbemotande.yaml"):
        _rewrite(project / "data" / name)
    return project

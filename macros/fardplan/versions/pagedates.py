"""When each page's content last changed, from git, for the "Senast ändrad" line on every page.

A page's content is its own Markdown file; a page that renders the färdplan's data (it opts in to
macros with `render_macros: true`) also changes whenever the data file does, so it gets the newer
of the two dates. Outside a git repository (an exported folder, a temporary copy) no date is
known and pages show none: a build date would claim a change that never happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import yaml

from fardplan.versions import gitref


def renders_data(page_text: str) -> bool:
    """True if the page's YAML front matter says `render_macros: true`."""
    lines = page_text.splitlines()
    if not lines or lines[0].strip() != "---":
        return False
    try:
        end = next(n for n, line in enumerate(lines[1:], 1) if line.strip() in ("---", "..."))
    except StopIteration:
        return False
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return False
    return isinstance(meta, dict) and meta.get("render_macros") is True


def last_changed_by_page(docs_dir: Path, data_file: Path, extra_pages: Sequence[str] = ()) -> dict[str, date]:
    """Keyed by the page's path under docs_dir with forward slashes (MkDocs' `src_uri`).
    `extra_pages` are generated from the data (the areas' pages): the data file's date."""
    changed = gitref.last_changed_files(docs_dir, str(docs_dir.resolve()), str(data_file.resolve()))
    data_changed = changed.get(data_file.resolve())
    dates = {}
    for page in sorted(docs_dir.rglob("*.md")):
        candidates = [changed.get(page.resolve())]
        if renders_data(page.read_text(encoding="utf-8")):
            candidates.append(data_changed)
        known = [d for d in candidates if d]
        if known:
            dates[page.relative_to(docs_dir).as_posix()] = max(known)
    if data_changed:
        dates.update({page: data_changed for page in extra_pages})
    return dates

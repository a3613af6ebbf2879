"""Paths and helpers shared by every test module (on sys.path via pyproject's pytest settings).

The tests test the tool, not today's content: they read the example färdplan in
tests/fixtures/example/ (data files and area pages), never the live data/ files, so that an
editor's change to the content cannot turn the tool's tests red. `python3 scripts/dev.py check`
checks the live content. live_content.py, installed by conftest.py, enforces the rule.

A test that only reads the built example site uses the session fixtures `example_site` and
`example_project` (conftest.py) instead of building its own; one that changes something builds a
`copy_project`. Builds in tests skip the PDF unless FARDPLAN_PDF=1 (conftest.py).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from fardplan.pages.views import AREA_DIR

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
# The example färdplan: the same layout as the repository's content (data/, docs/omraden/).
EXAMPLE = FIXTURES / "example"
DATA = EXAMPLE / "data" / "roadmap.yaml"
# The editors' files. No test may read them (live_content.py fails a test that does).
LIVE_CONTENT = tuple(
    ROOT / "data" / name for name in ("roadmap.yaml", "remissvar.yaml", "remissbemotande.yaml")
)
# The area pages are content too: one stub per area in docs/omraden/, listed in mkdocs.yml's nav.
AREA_PAGES = AREA_DIR
_AREA_NAV_LINE = re.compile(
    rf"^(?P<indent>[ \t]*)- (?:[^\n]*: )?{AREA_PAGES}/[^/\s]+\.md[ \t]*\n", re.MULTILINE
)


def copy_project(target: Path, content: Path = EXAMPLE) -> Path:
    """A project to build: the tool from this checkout (pages, macros, theme, schemas, mkdocs.yml)
    with the content (data files and area pages) from `content`, the example färdplan by default."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=ignore)
    for page in (target / "docs" / AREA_PAGES).glob("*.md"):  # the content's own pages come below
        page.unlink()
    shutil.copytree(ROOT / "macros", target / "macros", ignore=ignore)
    (target / "data").mkdir(exist_ok=True)
    for schema in (ROOT / "data").glob("*.schema.json"):
        shutil.copy(schema, target / "data" / schema.name)
    for optional in ("overrides",):
        if (ROOT / optional).is_dir():
            shutil.copytree(ROOT / optional, target / optional)
    shutil.copytree(content, target, dirs_exist_ok=True)
    pages = sorted(p.name for p in (target / "docs" / AREA_PAGES).glob("*.md"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        with_area_nav(config, [f"{AREA_PAGES}/{p}" for p in area_order(target, pages)]), encoding="utf-8"
    )
    return target


def area_order(project: Path, pages: list[str]) -> list[str]:
    """The area pages in the order of the areas in the project's data (the order of the nav)."""
    data = yaml.safe_load((project / "data" / "roadmap.yaml").read_text(encoding="utf-8"))
    ids = [area.get("id") for area in data.get("områden") or []]
    return sorted(pages, key=lambda name: ids.index(name[:-3]) if name[:-3] in ids else len(ids))


def with_area_nav(config: str, pages: list[str]) -> str:
    """mkdocs.yml's text with its area pages in the nav replaced by `pages`."""
    lines = list(_AREA_NAV_LINE.finditer(config))
    assert lines, "mkdocs.yml's nav lists no area page (omraden/*.md)"
    indent = lines[0]["indent"]
    new = "".join(f"{indent}- {page}\n" for page in pages)
    return config[: lines[0].start()] + new + _AREA_NAV_LINE.sub("", config[lines[0].start() :])


def line_of(text: str, start: str) -> int:
    """The 1-based number of the only line of a fixture's text that starts with `start`, so a test
    names the line of what it changed and survives edits elsewhere in the fixture."""
    [number] = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    return number

"""Every layout from a small phone to a wide screen: no page scrolls sideways and no content is cut
or runs out of its box (the need tables ran off tablets between 600 and 1000 px).

The widths measured are those where the layout changes, read from the CSS the build copies into
the site (Material's and ours): each @media min-width or max-width (px or em, 1em = 16px) puts a
breakpoint b, the narrowest window it holds or stops holding at, and each b in 321..1440 is
measured at b, the narrowest width of the layout that starts there, and at b-1, the widest of the
one below it. A new breakpoint is measured without editing this test, and the built site is
checked to have no breakpoint the widths miss. Also measured: 320, 375 and 1440 px and the common
devices' widths (600, 768, 800, 1024, 1280; an iPad upright is 768).

Why the narrowest width of each layout is enough: between two breakpoints the same rules lay the
page out, and every box is as wide as the window less fixed margins and sidebars, a share of it or
its content, or capped by a max-width. So content only gets wider as the window does, and what is
cut or runs out of its box in a layout does so at its narrowest width. The exception in our CSS
(docs/assets/fardplan.css; overrides/ has none) is a grid with as many columns as fit (auto-fit:
the start page's area cards go from one column to two): when it gains a column, every column gets
narrower. So where a grid with auto-fit or auto-fill columns (in any of the CSS) changes its number
of columns between two measured widths, the first width with the new number (found by halving the
interval) and the one below it are measured too, by test_nothing_is_cut_where_a_grid_gains_a_column."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from types import SimpleNamespace

import material
import pytest

from check_site import SETTLED
from fardplan import load_roadmap
from fardplan.pages.views import area_url
from support import DATA, ROOT

pytestmark = pytest.mark.browser

# The CSS the build copies into the site: Material's, and ours (extra_css in docs/, the theme's
# overrides/); test_every_breakpoint_of_the_built_site_is_measured checks the built site has no other.
STYLESHEETS = sorted(
    [
        *(Path(material.__file__).parent / "templates").rglob("*.css"),
        *(ROOT / "overrides").rglob("*.css"),
        *(ROOT / "docs").rglob("*.css"),
    ]
)
MEDIA_WIDTH = re.compile(r"\((min|max)-width\s*:\s*([\d.]+)(px|r?em)\s*\)")
# A rule whose grid has as many columns as fit: its selector, from the brace before it (without
# the anchor the search tried every character as a selector's start: a second per worker).
AUTO_GRID = re.compile(r"(?:^|(?<=[{}]))([^{}]+)\{[^{}]*repeat\(\s*auto-fi(?:t|ll)")


def css_text(files) -> str:
    return "".join(re.sub(r"/\*.*?\*/", "", file.read_text(encoding="utf-8"), flags=re.S) for file in files)


def breakpoints(css: str) -> set[int]:
    """The narrowest window widths (whole px) at which a @media min-width starts to hold (min-width
    X from X up) or a max-width stops (max-width X up to X)."""
    found = set()
    for media in re.findall(r"@media([^{]*)\{", css):
        for kind, value, unit in MEDIA_WIDTH.findall(media):
            px = float(value) * (16 if unit.endswith("em") else 1)
            found.add(math.ceil(px) if kind == "min" else math.floor(px) + 1)
    return found


BREAKPOINTS = breakpoints(css_text(STYLESHEETS))
DEVICES = {320, 375, 600, 768, 800, 1024, 1280, 1440}
WIDTHS = sorted(DEVICES | {width for b in BREAKPOINTS if 320 < b <= 1440 for width in (b - 1, b)})
AUTO_GRIDS = ", ".join(sorted({selector.strip() for selector in AUTO_GRID.findall(css_text(STYLESHEETS))}))

# What overflows, on the page as the reader sees it: the document wider than the window, an
# element reaching outside the window, or an element whose content does not fit in it (cut off by
# overflow, or running over its border). Visually hidden text (1 px boxes) is meant to be so.
OVERFLOW = """() => {
    const problems = [];
    const width = window.innerWidth;
    const visuallyHidden = el => {
        for (let box = el; box && box !== document.body; box = box.parentElement)
            if (box.clientWidth <= 1 && getComputedStyle(box).overflow !== "visible") return true;
        return false;
    };
    if (document.scrollingElement.scrollWidth > width)
        problems.push(`sidan är ${document.scrollingElement.scrollWidth} px bred`);
    // An element is named only when it overflows: its text is the costly part.
    const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
        ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const text = el => (el.textContent || "").trim().slice(0, 40);
    for (const el of document.querySelectorAll(".md-content *, .md-banner *")) {
        if (el.closest("svg")) continue;
        const box = el.getBoundingClientRect();
        const outside = box.right > width + 1 || box.left < -1;
        if (!outside && !(el.scrollWidth > el.clientWidth + 1)) continue;
        if (visuallyHidden(el)) continue;
        if (outside)
            problems.push(`${name(el)} når utanför fönstret (${Math.round(box.left)}–${Math.round(box.right)}): ${text(el)}`);
        else if (getComputedStyle(el).display !== "inline")
            problems.push(`${name(el)} får inte plats (${el.scrollWidth} > ${el.clientWidth}): ${text(el)}`);
    }
    return problems.slice(0, 5);
}"""


def pages() -> list[str]:
    roadmap = load_roadmap(DATA)
    area_pages = [area_url(area.id) for area in roadmap.areas]
    return ["", *area_pages, "tidslinje/", "remissvar/"]


# The columns of every auto-fit or auto-fill grid on the page (a grid not shown counts one).
COLUMNS = """grids => [...document.querySelectorAll(grids || ":not(*)")]
    .map(grid => getComputedStyle(grid).gridTemplateColumns.split(" ").length)"""
# One round trip per width: the window's width once SETTLED, what overflows, the grids' columns.
MEASURE = f"""async grids => ({{width: await ({SETTLED})(), problems: ({OVERFLOW.strip()})(),
    columns: ({COLUMNS})(grids)}})"""


@pytest.fixture(scope="module")
def measured(browser, site_url) -> SimpleNamespace:
    """Each page loaded once at 320 px and measured at every width of WIDTHS, the window resized
    from narrow to wide; then, where a grid changed its columns between two widths, at the first
    width with its new columns and the one below it. `by_width` (WIDTHS) and `grids` (the widths
    found where a grid changes its columns): per width, per page, what overflows."""
    by_width: dict[int, dict[str, list[str]]] = {width: {} for width in WIDTHS}
    grids: dict[int, dict[str, list[str]]] = {}
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="sv-SE")
    page = context.new_page()

    def resize(width: int) -> None:
        page.set_viewport_size({"width": width, "height": 900})

    def measure(path: str, width: int) -> dict:
        resize(width)
        seen = page.evaluate(MEASURE, AUTO_GRIDS)
        assert seen["width"] == width, path
        return seen

    def first_change(low: int, high: int) -> int:
        """The narrowest width in low+1..high whose grids' columns are not low's (high's are not)."""
        while high - low > 1:
            middle = (low + high) // 2
            if middle not in columns:
                resize(middle)
                columns[middle] = page.evaluate(COLUMNS, AUTO_GRIDS)
            low, high = (middle, high) if columns[middle] == columns[low] else (low, middle)
        return high

    for path in pages():
        name = path or "startsidan"
        resize(WIDTHS[0])
        response = page.goto(site_url + path)
        assert response.ok, path
        columns: dict[int, list[int]] = {}
        for width in WIDTHS:
            seen = measure(path, width)
            columns[width] = seen["columns"]
            if seen["problems"]:
                by_width[width][name] = seen["problems"]
        done = set(WIDTHS)
        for low, high in itertools.pairwise(WIDTHS):
            start = low
            while columns[start] != columns[high]:
                start = first_change(start, high)
                for width in sorted({start - 1, start} - done):
                    done.add(width)
                    seen = measure(path, width)
                    columns[width] = seen["columns"]
                    grids.setdefault(width, {})
                    if seen["problems"]:
                        grids[width][name] = seen["problems"]
    context.close()
    return SimpleNamespace(by_width=by_width, grids=grids)


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_cut_or_scrolls_sideways(measured, width):
    problems = measured.by_width[width]
    assert problems == {}


def test_nothing_is_cut_where_a_grid_gains_a_column(measured):
    """Where a grid with as many columns as fit gains one, every column is at its narrowest (see
    above). The start page's area cards go from one column to two between two measured widths."""
    assert measured.grids, "no grid changed its number of columns between two measured widths"
    problems = [
        f"vid {width} px: {page}: {found}"
        for width, pages in measured.grids.items()
        for page, found in pages.items()
    ]
    assert problems == []


def test_every_breakpoint_of_the_built_site_is_measured(built_site):
    """The built site's CSS has no breakpoint the CSS read above lacks (among them ours at 960 px,
    where the need tables stop being cards)."""
    assert 960 in BREAKPOINTS
    missing = breakpoints(css_text(built_site.rglob("*.css"))) - BREAKPOINTS
    assert not missing, f"brytpunkter som inte mäts: {sorted(missing)}"

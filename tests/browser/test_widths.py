"""Every width from a small phone to a wide screen: no page scrolls sideways and no content is cut
or runs out of its box (the need tables ran off tablets between 600 and 1000 px)."""

from __future__ import annotations

import pytest

from fardplan import load_roadmap
from fardplan.pages.views import area_url
from support import DATA

pytestmark = pytest.mark.browser

# Every 40 px from 320 to 1440, and the common devices' widths (an iPad upright is 768).
WIDTHS = sorted(set(range(320, 1441, 40)) | {375, 600, 768, 800, 1024, 1280, 1440})

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


# After a resize: a frame, in which the browser lays the page out anew and Material's scripts follow
# the window's size, then every transition the new width started run to its end (without it the
# page at 960 px measures 1044 px for a moment); the window's width then.
SETTLED = """() => new Promise(done => requestAnimationFrame(done))
    .then(() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))))
    .then(() => window.innerWidth)"""


@pytest.fixture(scope="module")
def problems_by_width(browser, site_url) -> dict[int, dict[str, list[str]]]:
    """Each page loaded once and measured at every width, the window resized from small to wide."""
    found: dict[int, dict[str, list[str]]] = {width: {} for width in WIDTHS}
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="sv-SE")
    page = context.new_page()
    for path in pages():
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        response = page.goto(site_url + path)
        assert response.ok, path
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(SETTLED) == width, path
            problems = page.evaluate(OVERFLOW)
            if problems:
                found[width][path or "startsidan"] = problems
    context.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_cut_or_scrolls_sideways(problems_by_width, width):
    problems = problems_by_width[width]
    assert problems == {}

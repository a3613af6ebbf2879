"""Every built page passes axe-core at WCAG 2.1 AA, fits a 375 px phone without sideways scrolling,
and works with the keyboard. Pages are found in the built site, so new pages are covered too."""

from __future__ import annotations

from collections import Counter
from importlib.resources import files

import pytest

from browser.conftest import site_pages
from fardplan import load_roadmap
from support import DATA

pytestmark = pytest.mark.browser

# axe-core as shipped by the pinned PyPI package axe-playwright-python (no network, no npm).
AXE_SCRIPT = files("axe_playwright_python") / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# resultTypes: only violations get full details, which makes axe much faster on long pages.
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(result =>
    result.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})`))"""

# Page-level facts gathered in one evaluation per page.
PAGE_FACTS = """() => ({
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    positiveTabindex: [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length,
})"""


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(RUN_AXE, WCAG_21_AA)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_page_passes_axe_and_fits_the_screen(browser, built_site, site_url, viewport):
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    page = context.new_page()
    problems = []
    pages = site_pages(built_site)
    assert len(pages) >= 10  # start, four areas, the reading views, the statement pages
    for path in pages:
        page.goto(site_url + path)
        problems += [f"/{path}: {violation}" for violation in axe_violations(page)]
        facts = page.evaluate(PAGE_FACTS)
        if facts["sideways"] > 0:
            problems.append(f"/{path}: sidan rullar {facts['sideways']} px i sidled")
        if facts["positiveTabindex"]:
            problems.append(f"/{path}: tabindex > 0 bryter tabbordningen")
    context.close()
    assert not problems, "\n".join(problems)


def test_heading_page_on_a_phone_is_cards_that_stay_a_table(browser, site_url):
    area = load_roadmap(DATA).areas[-1]
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site_url}omraden/{area.id}/")
    row = page.locator("table.fp-matrix tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    label = row.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Nationellt"'
    # What Chromium tells assistive technology: still a table with rows, headers and cells.
    tree = context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    roles = Counter(node["role"]["value"] for node in tree["nodes"] if "role" in node)
    needs = len(area.needs)
    assert roles["table"] == 1
    assert roles["row"] == needs + 1
    assert roles["columnheader"] == 5 and roles["rowheader"] == needs and roles["cell"] == 4 * needs
    context.close()


def test_heading_page_on_a_wide_screen_is_a_table(browser, site_url):
    area = load_roadmap(DATA).areas[0]
    context = browser.new_context(viewport=DESKTOP, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site_url}omraden/{area.id}/")
    assert (
        page.locator("table.fp-matrix tbody tr").first.evaluate("e => getComputedStyle(e).display")
        == "table-row"
    )
    assert page.locator("table.fp-matrix thead").is_visible()
    context.close()


def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e), box = e.getBoundingClientRect();
        return {tag: e.tagName, text: e.textContent.trim(), inContent: !!e.closest('article'),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                shown: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight};
    }""")


def test_keyboard_skip_link_then_content_with_visible_focus(page, site_url):
    area = load_roadmap(DATA).areas[0]
    page.goto(f"{site_url}omraden/{area.id}/")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Gå till innehållet" and skip["shown"] and skip["outline"]
    page.keyboard.press("Enter")
    # After the skip link, the next stops are in the content, each with a visible focus ring.
    for _ in range(6):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop["inContent"], stop
        assert stop["outline"] and stop["shown"], stop

"""Accessibility beyond axe on every page (tests/browser/test_every_page.py): the need tables on a
phone and a wide screen as assistive technology and readers see them, and the keyboard."""

from __future__ import annotations

from collections import Counter

import pytest

from check_site import DESKTOP, PHONE
from fardplan import load_roadmap
from support import DATA

pytestmark = pytest.mark.browser


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

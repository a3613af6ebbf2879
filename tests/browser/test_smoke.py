"""The built site opens in a real browser, in Swedish, with every need reachable by its anchor; and
in Debian's desktop Chromium too, which readers use, while the other browser tests drive its
lighter headless shell when it is installed (check_site.chromium_path)."""

from __future__ import annotations

import pytest

from browser.conftest import search
from check_site import DESKTOP, PHONE
from fardplan import load_roadmap
from support import DATA

pytestmark = pytest.mark.browser


def test_need_anchor_scrolls_to_its_row(page, site_url):
    roadmap = load_roadmap(DATA)
    area = roadmap.areas[-1]
    need = area.needs[-1]
    page.goto(f"{site_url}omraden/{area.id}/#{need.id}")
    row = page.locator(f"tr#{need.id}")
    assert row.locator("th").inner_text().startswith(need.title)
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert row.is_visible()
    box = row.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_desktop_browser_shows_the_pages_and_searches_without_errors(
    request, desktop_browser, site_url, viewport
):
    """The other browser tests drive the headless shell; this one reads and searches the site in the
    desktop Chromium readers use."""
    roadmap = load_roadmap(DATA)
    area, need = roadmap.areas[0], roadmap.areas[0].needs[0]
    context = desktop_browser.new_context(viewport=viewport, locale="sv-SE")
    request.addfinalizer(context.close)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}omraden/{area.id}/#{need.id}")
    assert page.locator(f"tr#{need.id}").is_visible()
    search(page, need.title.split()[0])
    assert page.locator(".md-search-result__item").first.is_visible()
    assert errors == []

"""The built site opens in a real browser, in Swedish, with every need reachable by its anchor."""

from __future__ import annotations

import pytest

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

"""In a real browser: each need's edit link is visible, named for screen readers and reachable by
keyboard; the review state and the follow-up page are readable."""

from __future__ import annotations

import pytest

from fardplan import load_roadmap
from support import DATA

pytestmark = pytest.mark.browser


def test_edit_link_is_visible_named_and_focusable(page, site_url):
    roadmap = load_roadmap(DATA)
    area = roadmap.areas[0]
    need = area.needs[0]
    page.goto(f"{site_url}omraden/{area.id}/")
    # The need's entry in the page's section for editors.
    row = page.locator(f"#granskning-{need.id}")
    link = row.get_by_role("link", name=f"Redigera behovet {need.title}")
    assert link.is_visible()
    assert link.get_attribute("href").endswith(f"/edit/main/data/roadmap.yaml#L{need.line}")
    # Only "Redigera" is seen; the need's name is there for screen readers.
    hidden = link.locator(".fp-visually-hidden").bounding_box()
    assert hidden["width"] <= 1 and hidden["height"] <= 1
    link.focus()
    assert page.evaluate("document.activeElement.textContent").startswith("Redigera")
    assert row.get_by_text("senast granskat").is_visible()


def test_follow_up_page_shows_each_body(page, site_url):
    page.goto(f"{site_url}uppfoljning/")
    assert page.locator("h1").inner_text().startswith("Uppföljning")
    table = page.locator("table.fp-follow-up")
    assert table.is_visible()
    for body in load_roadmap(DATA).bodies:
        assert table.get_by_role("link", name=body.name).is_visible()

"""The remiss in a real browser: the banner and the links can be seen and are named for screen readers,
also on a phone-sized screen."""

from __future__ import annotations

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from browser.conftest import serve_folder
from fardplan import load_roadmap
from support import DATA, copy_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def open_site_url(tmp_path_factory):
    """The real site as built on a day while the remiss is open, served on 127.0.0.1."""
    site = tmp_path_factory.mktemp("remiss-open")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", "2027-01-24")
        project = copy_project(tmp_path_factory.mktemp("remiss-project"))
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    url, server = serve_folder(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", [1280, 375])
def test_banner_and_need_links_are_visible_and_named(page, open_site_url, width):
    roadmap = load_roadmap(DATA)
    area = roadmap.areas[-1]
    need = area.needs[0]
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{open_site_url}omraden/{area.id}/")

    banner = page.locator(".fp-banner--remisstid")
    assert banner.is_visible()
    assert "(12 dagar kvar)" in banner.inner_text()
    banner_box = banner.bounding_box()
    assert banner_box["x"] >= 0 and banner_box["x"] + banner_box["width"] <= width

    row = page.locator(f"tr#{need.id}")
    for name in (
        f"Lämna synpunkt på {need.title}",
        f"Skicka synpunkt med e-post om {need.title}",
        f"Se synpunkter på {need.title}",
    ):
        link = row.get_by_role("link", name=name, exact=True)
        link.scroll_into_view_if_needed()
        assert link.is_visible(), name
    # The words that name the need are for screen readers; sighted readers see the short text.
    hidden = row.locator(".fp-remiss-links .fp-visually-hidden")
    assert hidden.count() == 3
    for index in range(3):
        box = hidden.nth(index).bounding_box()
        assert box["width"] <= 1 and box["height"] <= 1

"""Quiet pages: every page of the built example opens without an error in the browser's console
and without an uncaught script error (Material's version selector asked for a versions.json that
only a site published with mike has, on every page)."""

from __future__ import annotations

import pytest

from conftest import site_pages

pytestmark = pytest.mark.browser


def test_no_page_logs_an_error(browser, built_site, site_url):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"{page.url}: {m.text} {m.location}"))
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"{page.url}: {r.url} {r.failure}"))
    pages = site_pages(built_site)
    assert len(pages) > 15
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    # Search runs in a worker (overrides/assets/javascripts/workers/fardplan-search.js): open it.
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("hemtjänsten")
    page.wait_for_selector(".md-search-result__link")
    context.close()
    assert problems == []

"""Browser tests: Debian's Chromium, headless, driven by Playwright; the built site served on 127.0.0.1.

No test downloads a browser. Without Chromium these tests are skipped on a developer's machine,
but in CI (CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pytest

from support import ROOT

# The browser, the server and the list of pages are those of `dev.py check` (scripts/check_site.py).
sys.path.insert(0, str(ROOT / "scripts"))
from check_site import (  # noqa: F401
    CHROMIUM_ARGS,
    SEARCH_PLACEHOLDER,
    chromium_path,
    desktop_chromium_path,
    serve_folder,
    site_pages,
)


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the session: its sync API allows only one at a time."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@contextlib.contextmanager
def launched(playwright, executable: str | None, missing: str):
    """Chromium from `executable`, headless, closed afterwards; when it is missing the test is
    skipped, but in CI (CI=true) it fails."""
    if not executable:
        if os.environ.get("CI"):
            pytest.fail(missing + ": i CI måste webbläsartesterna köras")
        pytest.skip(missing)
    browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser(playwright_session):
    """The browser the tests drive: Debian's headless shell, else Debian's Chromium (chromium_path)."""
    missing = "Debians Chromium saknas (apt-get install chromium chromium-headless-shell)"
    with launched(playwright_session, chromium_path(), missing) as browser:
        yield browser


@pytest.fixture(scope="session")
def desktop_browser(playwright_session):
    """Debian's desktop Chromium, the browser readers use."""
    with launched(
        playwright_session, desktop_chromium_path(), "Debians Chromium saknas (apt-get install chromium)"
    ) as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def module_page(browser):
    """One page for all of a module's tests: a new context costs Chromium more than the pages it
    opens. A module overrides `page` with it, reset as its tests need (see without_cache)."""
    context = browser.new_context(locale="sv-SE")
    yield context.new_page()
    context.close()


def without_cache(page):
    """The page with the browser's cache off, for tests whose site changes under the same address
    (Chromium would show an old versions.json). Returns the page."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return page


@pytest.fixture(scope="session")
def built_site(example_site) -> Path:
    """The example site, built once for all tests (conftest.example_site)."""
    return example_site


@pytest.fixture(scope="session")
def site_url(built_site):
    url, server = serve_folder(built_site)
    yield url
    server.shutdown()


# Material's search shows its placeholder once the worker has loaded the index and the box is empty.
_SEARCH_CLEARED = f"""() => {{
    const meta = document.querySelector(".md-search-result__meta");
    return meta && meta.textContent === {SEARCH_PLACEHOLDER} && !document.querySelector(".md-search-result__item");
}}"""
# ... and a count of results (or "Inga sökresultat") once it has searched for what was typed.
_SEARCHED = f"""query => {{
    const meta = document.querySelector(".md-search-result__meta");
    return document.querySelector(".md-search__input").value === query && meta.textContent !== {SEARCH_PLACEHOLDER};
}}"""


def search(page, query: str) -> None:
    """Types the query into Material's search box and waits until the index is loaded and the
    results for the query show. Material searches on each keyup (not on fill), so all but the last
    key are filled in and the last is typed: one search for the whole query instead of one per key.
    A query already in the box is erased first, so one page serves many queries."""
    box = page.locator("input.md-search__input")
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():  # a phone: the magnifier in the header opens the search
        magnifier.click()
    box.click()
    if box.input_value():
        box.press("Control+A")
        box.press("Backspace")
    page.wait_for_function(_SEARCH_CLEARED)
    box.fill(query[:-1])
    box.press_sequentially(query[-1:])
    page.wait_for_function(_SEARCHED, arg=query)

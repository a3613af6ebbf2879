"""The built site asks nothing of any other origin, sets no cookies and stores nothing in the
browser, on every page and when the search is used. docs/kakor-och-personuppgifter.md says so."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser.conftest import site_pages

pytestmark = pytest.mark.browser


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_no_request_leaves_the_site_and_nothing_is_stored(browser, built_site, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    requests: list[str] = []
    # On the context, so requests from the search's web worker are recorded too.
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in site_pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")

    page.goto(site_url)
    page.locator(".md-search__input").fill("kompetens")
    page.locator(".md-search-result__item").first.wait_for()

    own = origin(site_url)
    outside = sorted(
        {url for url in requests if not url.startswith(("data:", "blob:", "about:")) and origin(url) != own}
    )
    assert not outside, "Anrop till andra webbplatser:\n" + "\n".join(outside)
    # The recorder saw the worker's and the search's own requests, so an empty list means something.
    assert any(url.endswith("/search/search_index.json") for url in requests)
    assert any("/lunr/" in url for url in requests)

    assert context.cookies() == []
    assert page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]") == [[], []]
    context.close()


def test_privacy_page_says_what_the_tests_check(built_site):
    html = (built_site / "kakor-och-personuppgifter" / "index.html").read_text(encoding="utf-8")
    assert "inga kakor (cookies)" in html
    assert "Ingen sida hämtar något från andra webbplatser" in html

"""Every page of the built example (the page list comes from the build, so new pages are covered
too), opened at 1280 px, and what each visit saw checked: axe-core at WCAG 2.1 AA, no sideways
scrolling and no positive tabindex, no request to another website and nothing stored, nothing in
the console, and the browser part of `python3 scripts/dev.py check` (scripts/check_site.py), which
must find what only a built site shows: links that lead nowhere, requests to other websites,
inaccessible markup.

At 375 px, the same checks per page (axe, sideways scrolling, tabindex) run on the page loaded for
1280 px, resized to 375 px and settled (check_site.SETTLED: a frame, then every running animation
put at its end), instead of on the page loaded a second time: the same CSS lays it out at 375 px and
Material's scripts follow the window's size, so what only a phone shows (an element wider than
the phone, anything axe finds at that width) fails here too. Pages loaded at a phone's width are
covered elsewhere: test_widths.py loads every kind of page at 320 px, test_quiet_reading.py and
test_accessibility.py load pages at 375 px."""

from __future__ import annotations

import shutil
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from browser.conftest import search, site_pages
from check_site import DESKTOP, PHONE, Visitor, check_site, site_problems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def crawl(browser, built_site, site_url):
    """Every page at 1280 px, and at 375 px on the same page resized (see above), then the search
    on the last page at 1280 px, in one context: the privacy check needs every request of the
    context (the search's web worker's too, and what a page asks for once resized), its cookies
    and its storage."""
    visitor = Visitor(browser, DESKTOP)
    desktop, phone = {}, {}
    for path in site_pages(built_site):
        desktop[path] = visitor.visit(site_url + path)
        # Resized instead of loaded again; what the page does meanwhile is recorded in its visit.
        phone[path] = visitor.at_width(PHONE)
    visitor.page.set_viewport_size(DESKTOP)
    # The search on the page already open: every page has the same search box and worker.
    searched = visitor.start()
    search(visitor.page, "kompetens")
    visitor.page.locator(".md-search-result__item").first.wait_for()
    # Search runs in a worker (overrides/assets/javascripts/workers/fardplan-search.js).
    search(visitor.page, "hemtjänsten")
    visitor.page.wait_for_selector(".md-search-result__link")
    visitor.wait_for_requests()
    stored = SimpleNamespace(
        cookies=visitor.context.cookies(),
        storage=visitor.page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]"),
    )
    visitor.close()
    return SimpleNamespace(desktop=desktop, phone=phone, search=searched, stored=stored)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_page_passes_axe_and_fits_the_screen(crawl, viewport):
    visits = crawl.phone if viewport == PHONE else crawl.desktop
    assert len(visits) >= 10  # start, four areas, the reading views, the statement pages
    problems = []
    for path, visit in visits.items():
        where = f"/{path} vid {viewport['width']} px"
        problems += [f"{where}: {v['id']}: {v['help']} ({v['where']})" for v in visit.axe]
        if visit.sideways > 0:
            problems.append(f"{where}: sidan rullar {visit.sideways} px i sidled")
        if visit.positive_tabindex:
            problems.append(f"{where}: tabindex > 0 bryter tabbordningen")
    assert not problems, "\n".join(problems)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_no_request_leaves_the_site_and_nothing_is_stored(crawl, site_url):
    """docs/kakor-och-personuppgifter.md says so: on every page and when the search is used."""
    requests = set().union(crawl.search.requests, *(visit.requests for visit in crawl.desktop.values()))
    own = origin(site_url)
    outside = sorted(
        {url for url in requests if not url.startswith(("data:", "blob:", "about:")) and origin(url) != own}
    )
    assert not outside, "Anrop till andra webbplatser:\n" + "\n".join(outside)
    # The recorder saw the worker's and the search's own requests, so an empty list means something.
    assert any(url.endswith("/search/search_index.json") for url in requests)
    assert any("/lunr/" in url for url in requests)

    assert crawl.stored.cookies == []
    assert crawl.stored.storage == [[], []]


def test_privacy_page_says_what_the_tests_check(built_site):
    html = (built_site / "kakor-och-personuppgifter" / "index.html").read_text(encoding="utf-8")
    assert "inga kakor (cookies)" in html
    assert "Ingen sida hämtar något från andra webbplatser" in html


def test_no_page_logs_an_error(crawl):
    """Quiet pages: no error in the browser's console, no uncaught script error, no failed request
    (Material's version selector asked for a versions.json that only a site published with mike
    has, on every page)."""
    assert len(crawl.desktop) > 15
    problems = [
        problem
        for visit in [*crawl.desktop.values(), crawl.search]
        for problem in visit.console_errors + visit.page_errors + visit.failed_requests
    ]
    assert problems == []


def test_the_example_passes_the_browser_check(crawl, built_site, site_url):
    assert site_problems(built_site, site_url, crawl.desktop) == []


@pytest.mark.slow
def test_the_browser_check_finds_broken_links_outside_requests_and_inaccessible_markup(
    browser, built_site, tmp_path
):
    site = shutil.copytree(built_site, tmp_path / "site")  # the example site, changed below
    page = site / "tidslinje" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace(
            "</article>",
            '<a href="../finns-inte/">borta</a>'
            '<a href="../omraden/grunduppdraget/#inget-sadant-id">fel ställe</a>'
            '<img src="https://example.org/bild.png" alt="bild"><a href="../"></a></article>',
            1,
        ),
        encoding="utf-8",
    )
    # Only the changed page is opened; its links are checked against the files of the whole site.
    assert sorted(check_site(site, browser=browser, pages=["tidslinje/"])) == sorted(
        [
            "/tidslinje/: länken går till /finns-inte/, som inte finns",
            "/tidslinje/: länken går till /omraden/grunduppdraget/#inget-sadant-id, men det finns inget ställe "
            "med id 'inget-sadant-id' på den sidan",
            "/tidslinje/: sidan hämtar något från en annan webbplats: https://example.org/bild.png",
            '/tidslinje/: tillgänglighet: en länk saknar text (axe-regeln link-name, vid a[href="../"])',
        ]
    )

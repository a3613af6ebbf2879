"""Every page of the built example, opened once at 1280 px and once at 375 px (the page list comes
from the build, so new pages are covered too), and what each visit saw checked: axe-core at
WCAG 2.1 AA and no sideways scrolling at both widths, no request to another website and nothing
stored, nothing in the console, and the browser part of `python3 scripts/dev.py check`
(scripts/check_site.py), which must find what only a built site shows: links that lead nowhere,
requests to other websites, inaccessible markup."""

from __future__ import annotations

import shutil
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from browser.conftest import search, site_pages
from check_site import DESKTOP, PHONE, Visitor, check_site, site_problems, visit_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def desktop(browser, built_site, site_url):
    """Every page at 1280 px, then the search on the start page, in one context: the privacy
    check needs every request of the context (the search's web worker's too), its cookies and
    its storage."""
    visitor = Visitor(browser, DESKTOP)
    visits = {path: visitor.visit(site_url + path) for path in site_pages(built_site)}
    searched = visitor.start()
    visitor.page.goto(site_url)
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
    return SimpleNamespace(visits=visits, search=searched, stored=stored)


@pytest.fixture(scope="module")
def phone(browser, built_site, site_url):
    return SimpleNamespace(visits=visit_pages(browser, site_url, site_pages(built_site), PHONE))


@pytest.mark.parametrize("width", ["phone", "desktop"], ids=["375px", "1280px"])
def test_every_page_passes_axe_and_fits_the_screen(request, width):
    visits = request.getfixturevalue(width).visits
    assert len(visits) >= 10  # start, four areas, the reading views, the statement pages
    problems = []
    for path, visit in visits.items():
        problems += [f"/{path}: {v['id']}: {v['help']} ({v['where']})" for v in visit.axe]
        if visit.sideways > 0:
            problems.append(f"/{path}: sidan rullar {visit.sideways} px i sidled")
        if visit.positive_tabindex:
            problems.append(f"/{path}: tabindex > 0 bryter tabbordningen")
    assert not problems, "\n".join(problems)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_no_request_leaves_the_site_and_nothing_is_stored(desktop, site_url):
    """docs/kakor-och-personuppgifter.md says so: on every page and when the search is used."""
    requests = set().union(desktop.search.requests, *(visit.requests for visit in desktop.visits.values()))
    own = origin(site_url)
    outside = sorted(
        {url for url in requests if not url.startswith(("data:", "blob:", "about:")) and origin(url) != own}
    )
    assert not outside, "Anrop till andra webbplatser:\n" + "\n".join(outside)
    # The recorder saw the worker's and the search's own requests, so an empty list means something.
    assert any(url.endswith("/search/search_index.json") for url in requests)
    assert any("/lunr/" in url for url in requests)

    assert desktop.stored.cookies == []
    assert desktop.stored.storage == [[], []]


def test_privacy_page_says_what_the_tests_check(built_site):
    html = (built_site / "kakor-och-personuppgifter" / "index.html").read_text(encoding="utf-8")
    assert "inga kakor (cookies)" in html
    assert "Ingen sida hämtar något från andra webbplatser" in html


def test_no_page_logs_an_error(desktop):
    """Quiet pages: no error in the browser's console, no uncaught script error, no failed request
    (Material's version selector asked for a versions.json that only a site published with mike
    has, on every page)."""
    assert len(desktop.visits) > 15
    problems = [
        problem
        for visit in [*desktop.visits.values(), desktop.search]
        for problem in visit.console_errors + visit.page_errors + visit.failed_requests
    ]
    assert problems == []


def test_the_example_passes_the_browser_check(desktop, built_site, site_url):
    assert site_problems(built_site, site_url, desktop.visits) == []


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

"""Swedish search, typed into the search box as a reader would: inflected forms, words without
å, ä and ö, heads of compound words. Each query must find the need it is about, and the hit
must lead to the need itself (its anchor on the area page), not to the top of the page."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser.conftest import search
from check_site import SEARCH_READY
from fardplan import load_roadmap
from support import DATA

pytestmark = pytest.mark.browser

# (what a reader types, the need it must find). The example's text has the word in another form
# (or with å, ä, ö, or inside a compound word): "undersköterskan" where it says "undersköterska".
QUERIES = [
    ("hemtjänsten", "halso-och-sjukvardskompetens"),
    ("undersköterskan", "hoja-statusen"),
    ("timanställda", "trygga-anstallningar"),
    ("stadsdelsnämnderna", "intern-samverkan"),
    ("sjuksköterskan", "halso-och-sjukvardskompetens"),
    ("sjuksköterskor", "halso-och-sjukvardskompetens"),
    ("bemanningen", "adekvat-bemanning"),
    ("hygienrutinerna", "hygienrutiner"),
    ("skyddsutrustningen", "hygienrutiner"),
    ("prognoser", "boende-utifran-behov"),
    ("trygghetsboende", "boende-utifran-behov"),
    ("handläggare", "rattssaker-handlaggning"),
    ("riktlinje", "rattssaker-handlaggning"),
    ("primärvården", "nara-vard"),
    ("forebyggande insatser", "forebyggande-insatser"),
    ("ensamheten", "ensamhet-och-isolering"),
    ("mötesplats", "ensamhet-och-isolering"),
    ("föreningarna", "ensamhet-och-isolering"),
    ("omsorgskontakten", "hog-kontinuitet"),
    ("valfardsteknik", "digitalisering-och-valfardsteknik"),
    ("regionens", "samverkan-med-regionen"),
    ("sjukvardsorganisationen", "halso-och-sjukvardsorganisation"),
    ("regionaliseringen", "intern-samverkan"),
    ("uppföljningen", "uppfoljning-och-styrning"),
    ("utförarna", "samverkan-med-privata-utforare"),
    ("chefen", "chefsstruktur"),
    ("befogenhet", "chefsstruktur"),
    ("kompetensförsörjningen", "strategisk-kompetensforsorjning"),
    ("sjukfrånvaron", "god-arbetsmiljo"),
    ("arbetsmiljon", "god-arbetsmiljo"),
    ("yrkestiteln", "hoja-statusen"),
    ("vårdbiträden", "hoja-statusen"),
    # Heads of compound words: "sköterska" in "undersköterska", "anställda" in "timanställda".
    ("sköterska", "hoja-statusen"),
    ("anställda", "trygga-anstallningar"),
]


def need_ids() -> set[str]:
    return {need.id for area in load_roadmap(DATA).areas for need in area.needs}


# Each hit of the search: its address, title and text.
RESULT_LINKS = """() => [...document.querySelectorAll(".md-search-result__link")].map(a => ({
    href: a.href,
    title: a.querySelector("h1, h2").textContent.trim(),
    text: a.querySelector("article").innerText,
}))"""
# The hits once the need's own (its anchor on an area page) is among them, else false.
HITS_WITH_NEED = f"""need => {{
    const links = ({RESULT_LINKS})();
    return links.some(a => new URL(a.href).hash === "#" + need && a.href.includes("/omraden/")) && links;
}}"""


def result_links(page) -> list[dict]:
    return page.evaluate(RESULT_LINKS)


def wait_for_need(page, need: str) -> list[dict]:
    """The results once the need's link is among them (or the results as they are, to report)."""
    try:
        return page.wait_for_function(HITS_WITH_NEED, arg=need, timeout=10_000).json_value()
    except PlaywrightTimeout:  # the test reports what was found instead
        return result_links(page)


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page for every search of this file: Material's worker builds the index once."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def start_page(search_page, site_url):
    """The start page, opened again only if a test went elsewhere (a hit leads to its page)."""
    if search_page.url != site_url:
        search_page.goto(site_url)
    return search_page


@pytest.fixture(scope="module")
def results() -> dict[str, list[dict]]:
    """The results of each query searched, by query: a test that reads the results of a query
    another test has searched for (and waited for the same) reads them here instead of searching
    again on the same page."""
    return {}


def searched(page, results, query: str, need: str) -> list[dict]:
    """The results for `query` once its need is among them: read from `results` when a test before
    searched for it, else searched for on `page` and kept there."""
    if query not in results:
        search(page, query)
        results[query] = wait_for_need(page, need)
    return results[query]


def test_the_queries_are_about_needs_of_the_example():
    assert len(QUERIES) >= 25
    assert {need for _, need in QUERIES} <= need_ids()


@pytest.mark.parametrize("query,need", QUERIES, ids=[q for q, _ in QUERIES])
def test_a_swedish_word_in_any_form_finds_its_need(start_page, results, query, need):
    search(start_page, query)
    links = results[query] = wait_for_need(start_page, need)
    found = [link["href"] for link in links]
    assert any(href.endswith(f"#{need}") and "/omraden/" in href for href in found), (
        f"{query!r} hittar inte behovet {need}: {found}"
    )


@pytest.mark.parametrize("query", ["organisation", "kontinuitet", "stadsdelsnämnderna", "äldreomsorgen"])
def test_no_two_results_share_a_title(start_page, results, query):
    if query not in results:
        search(start_page, query)
        start_page.wait_for_selector(".md-search-result__link")
        results[query] = result_links(start_page)
    titles = [link["title"] for link in results[query]]
    assert len(titles) > 3
    assert [t for t, n in Counter(titles).items() if n > 1] == []


def test_snippets_keep_words_apart(start_page, results):
    """Table cells, labels and headings do not run together in a hit's text ("BehovNationellt")."""
    links = searched(start_page, results, "hemtjänsten", "halso-och-sjukvardskompetens")
    need_texts = [link["text"] for link in links if "/omraden/" in link["href"] and "#" in link["href"]]
    assert need_texts
    for text in need_texts:
        assert not re.search(r"[a-zåäö][A-ZÅÄÖ]", text), text
        assert not re.search(r"[a-zåäö.][0-9]{4}", text), text


def test_the_search_loads_at_the_first_search_and_answers_each_key_in_order(
    request, browser, start_page, results, site_url
):
    """Opening a page starts no search: Material's worker, lunr and its Swedish support are loaded,
    and the index built, at the reader's first search on the page (overrides/assets/javascripts/
    workers/fardplan-search.js). A word typed key by key asks one query per key, the first of
    which loads the search: each is answered, in order, so the hits shown are the whole word's,
    not its first letter's, and nothing warns in the console."""
    expected = [
        link["href"] for link in searched(start_page, results, "hemtjänsten", "halso-och-sjukvardskompetens")
    ]
    search(start_page, "h")
    start_page.wait_for_selector(".md-search-result__link")
    assert [link["href"] for link in result_links(start_page)] != expected  # so the check below can fail

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    request.addfinalizer(context.close)
    requests, console = [], []
    context.on("request", lambda sent: requests.append(sent.url))
    page = context.new_page()
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.goto(site_url + "omraden/grunduppdraget/")
    page.wait_for_function(SEARCH_READY)
    page.wait_for_load_state("networkidle")

    def search_files():
        return [
            url for url in requests if "/lunr/" in url or re.search(r"/workers/search\.\w+\.min\.js$", url)
        ]

    assert any("/workers/fardplan-search.js" in url for url in requests)
    assert search_files() == []
    page.locator("input.md-search__input").press_sequentially("hemtjänsten")
    try:
        page.wait_for_function(
            "expected => JSON.stringify([...document.querySelectorAll('.md-search-result__link')]"
            ".map(a => a.href)) === JSON.stringify(expected)",
            arg=expected,
            timeout=10_000,
        )
    except PlaywrightTimeout:
        pytest.fail(f"Visade träffar: {[link['href'] for link in result_links(page)]}, väntade: {expected}")
    assert any("/lunr/" in url for url in search_files()), requests
    assert console == []


# Last: it leaves the start page, which the tests above share.
def test_a_hit_leads_to_the_need_itself(start_page, site_url):
    search(start_page, "timanställda")
    wait_for_need(start_page, "trygga-anstallningar")
    start_page.locator('.md-search-result__link[href$="#trygga-anstallningar"]').first.click()
    start_page.wait_for_url(re.compile(r"/omraden/[^/]+/#trygga-anstallningar$"))
    row = start_page.locator("#trygga-anstallningar")
    assert row.evaluate("el => el.matches(':target')")
    box = row.bounding_box()
    assert box and 0 <= box["y"] < start_page.viewport_size["height"]

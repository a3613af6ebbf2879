"""Reading aids for politicians (issue 13, item 4), in a real browser: the status legend wherever a
status is shown, the page "Ord och begrepp", today and passed horizons on the timeline, and the
page "Åtgärder" that filters with our own script and lists everything without it.

The site is built on a fixed day (FARDPLAN_TODAY), chosen from the example's horizons so that some
actions still open have a horizon that has passed and others do not.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import expect

from browser.conftest import serve_folder, site_pages
from check_site import axe_violations, with_axe
from fardplan import load_roadmap
from fardplan.data.text import swedish_date
from support import DATA, copy_project

pytestmark = pytest.mark.browser

ROADMAP = load_roadmap(DATA)
STATUS_WORDS = ["Föreslagen", "Planerad", "Pågår", "Genomförd", "Avbruten"]
GLOSSARY_WORDS = [
    "Remiss",
    "Remissinstans",
    "Tidshorisont",
    "Nämnd",
    "Statsbidrag",
    "SOU",
    "Proposition",
    "Uppföljning",
]


def _build_day() -> date:
    """Mid-June of the last year in which an open "more needed" action ends: the actions that end
    before it have passed, those that end in it have not."""
    ends = sorted(
        {
            action.horizon.end
            for need in ROADMAP.needs()
            for action in need.more
            if action.horizon and action.horizon.named is None
            if action.status.value not in ("genomförd", "avbruten")
        }
    )
    assert len(ends) >= 2, "the example needs open actions ending in at least two different years"
    return date(ends[-1], 6, 15)


TODAY = _build_day()


def passed_by_definition(action) -> bool:
    """Its last year is over and it is neither done nor stopped."""
    return (
        action.horizon is not None
        and action.horizon.named is None
        and action.horizon.end < TODAY.year
        and action.status.value not in ("genomförd", "avbruten")
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = tmp_path_factory.mktemp("reading-aids-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", TODAY.isoformat())
        patch.setenv("FARDPLAN_PDF", "0")
        project = copy_project(tmp_path_factory.mktemp("reading-aids-project"))
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    url, server = serve_folder(site)
    yield site, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def aids_url(built):
    return built[1]


@pytest.fixture
def page(module_page):
    """The module's one page with the site's scripts: each test sets its width, then opens a page
    (a fresh load at that width). Blank after the test, so that nothing a page started runs on into
    the next test, as when each test closed its own page."""
    yield module_page
    module_page.goto("about:blank")


@pytest.fixture(scope="module")
def page_without_script(browser):
    """One page with JavaScript off, for every test of what a reader without scripts sees."""
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def axe_page(browser):
    """One page with axe-core (with_axe) for the axe checks at every width: axe given to every page
    a context opens costs each load a quarter of a second, so only the pages axe checks have it."""
    context = with_axe(browser.new_context(locale="sv-SE"))
    yield context.new_page()
    context.close()


def open_page(page, url, width=1280):
    """`url` loaded anew in `page` at `width` px."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    return page


class _StatusInArticle(HTMLParser):
    """Whether the page's HTML has an element of class fp-status inside its <article>, as the
    selector "article .fp-status" finds it."""

    def __init__(self):
        super().__init__()
        self.articles = 0
        self.found = False

    def handle_starttag(self, tag, attrs):
        self.articles += tag == "article"
        if self.articles and "fp-status" in (dict(attrs).get("class") or "").split():
            self.found = True

    def handle_endtag(self, tag):
        self.articles -= tag == "article"


def shows_a_status(file) -> bool:
    parser = _StatusInArticle()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser.found


# --- The legend ----------------------------------------------------------------------------------


def test_every_page_that_shows_a_status_explains_it(page, built):
    """A short legend beside the statuses, which opens to each word with its meaning and leads to
    the full explanation; the whole document, made for print, has the full explanation itself.
    The link to the explanation can be clicked on every page (Playwright's checks before a click:
    shown, enabled, nothing in front of it) and has the same address on every page; it is followed
    once, from the first page, to the explanation."""
    site, url = built
    page.set_viewport_size({"width": 1280, "height": 900})
    # The statuses are in the pages' HTML (no script adds one): read from the built files, so
    # only the pages that show a status are opened.
    with_status = [
        path
        for path in site_pages(site)
        if path != "ord-och-begrepp/" and shows_a_status(site / path / "index.html")
    ]
    addresses = {}  # of the link to the explanation, per page
    for path in with_status:
        page.goto(url + path, wait_until="domcontentloaded")
        assert page.locator("article .fp-status").count(), path
        if path == "hela-fardplanen/":
            terms = page.locator(".fp-status-legend dt").all_inner_texts()
            assert terms == STATUS_WORDS, path
            continue
        legend = page.locator("details.fp-legend")
        assert legend.count() == 1, f"/{path} shows a status but has no legend"
        assert not legend.locator("dl").is_visible()  # closed: the page stays quiet
        legend.locator("summary").click()
        assert legend.locator("dt").all_inner_texts() == STATUS_WORDS, path
        meanings = legend.locator("dd").all_inner_texts()
        assert all(meanings) and len(set(meanings)) == len(STATUS_WORDS), path
        more = legend.get_by_role("link", name="Mer om statusen och andra ord i färdplanen")
        more.click(trial=True)
        addresses[path] = more.evaluate("link => link.href")
        if len(addresses) == 1:
            more.click()
            page.wait_for_url("**/ord-och-begrepp/#status")
            assert page.locator("#status").is_visible()
    assert set(addresses.values()) == {url + "ord-och-begrepp/#status"}, addresses
    # The start page, every area page, the timeline, the bodies, follow-up and the action list.
    expected = {"", "tidslinje/", "ansvariga/", "uppfoljning/", "atgarder/", "hela-fardplanen/"}
    expected |= {f"omraden/{area.id}/" for area in ROADMAP.areas}
    assert expected <= set(with_status)


def test_the_words_page_explains_each_status_and_the_glossary(page, aids_url):
    open_page(page, f"{aids_url}ord-och-begrepp/", width=375)
    assert page.locator("h1").inner_text().startswith("Ord och begrepp")
    section = page.locator(".fp-status-legend")
    assert section.locator("dt").all_inner_texts() == STATUS_WORDS
    explanations = section.locator("dd").all_inner_texts()
    assert len(set(explanations)) == len(STATUS_WORDS)
    # Each explanation is a sentence or more, longer than the short legend's.
    assert all(text.endswith(".") and len(text.split()) >= 5 for text in explanations)
    words = page.locator(".fp-glossary dt").all_inner_texts()
    for word in GLOSSARY_WORDS:
        assert any(w == word or w.startswith(word + " ") for w in words), word
    for term in page.locator(".fp-glossary dd").all_inner_texts():
        assert term.strip()
    # "Tidshorisonten har passerat" is explained where it is defined.
    assert "Tidshorisonten har passerat" in words
    # axe on this page at 375 px: test_the_new_pages_pass_axe_and_fit_the_screen.


# --- The timeline -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [375, 1280])
def test_timeline_shows_today_and_marks_passed_horizons_in_words(page_without_script, aids_url, width):
    page = open_page(page_without_script, f"{aids_url}tidslinje/", width=width)
    intro = page.locator(".fp-timeline-intro").inner_text()
    assert f"Tidslinjen visar läget den {swedish_date(TODAY)}." in intro

    # The line for today crosses the axis in today's year, as far into it as the day is.
    timeline = page.locator(".fp-timeline").first
    years = timeline.locator(".fp-tl-year")
    boxes = {int(years.nth(i).inner_text()): years.nth(i).bounding_box() for i in range(years.count())}
    year_box = boxes[TODAY.year]
    track = timeline.locator(".fp-tl-axis .fp-tl-track")
    line_left = track.evaluate("e => parseFloat(getComputedStyle(e, '::after').left)")
    line_x = track.bounding_box()["x"] + line_left
    share = (TODAY - date(TODAY.year, 1, 1)).days / 365
    assert abs(line_x - (year_box["x"] + share * year_box["width"])) < 3
    label = timeline.locator(".fp-tl-today")
    assert label.inner_text() == "I dag"
    label_box = label.bounding_box()
    assert label_box["x"] - 1 <= line_x <= label_box["x"] + label_box["width"] + 1
    assert label_box["x"] >= 0 and label_box["x"] + label_box["width"] <= width

    # Every "more needed" action says in words whether its horizon has passed.
    passed = kept = 0
    for need in ROADMAP.needs():
        for action in need.more:
            row = page.locator(".fp-tl-actions li").filter(
                has=page.get_by_role("link", name=action.text, exact=True)
            )
            assert row.count() == 1, action.id
            mark = row.get_by_text("Tidshorisonten har passerat", exact=True)
            if passed_by_definition(action):
                assert mark.is_visible(), action.id
                passed += 1
            else:
                assert mark.count() == 0, action.id
                kept += 1
    assert passed and kept
    assert f"{passed} åtgärder har en tidshorisont som har passerat" in intro


# --- The action list ------------------------------------------------------------------------------


def _expected_rows(**wanted):
    """The actions a reader should see for the chosen status (word) and body (name)."""
    return [
        action
        for action in ROADMAP.actions()
        if ("status" not in wanted or action.status.label == wanted["status"])
        and ("ansvarig" not in wanted or action.body.name == wanted["ansvarig"])
    ]


def _a_narrowing_choice():
    """A status and a body that together pick some actions, but not all, nor only what the status
    alone picks."""
    for status in {a.status.label for a in ROADMAP.actions()}:
        for body in ROADMAP.bodies:
            both = _expected_rows(status=status, ansvarig=body.name)
            if 0 < len(both) < len(_expected_rows(status=status)):
                return status, body.name
    raise AssertionError("the example has no status and body that narrow the list")


def visible_rows(page):
    return page.locator("table.fp-action-table tbody tr:visible")


def test_without_javascript_every_action_is_listed_and_links_to_its_need(page_without_script, aids_url):
    every = list(ROADMAP.actions())
    # Even with filters in the address: without the script nothing is hidden.
    page = open_page(page_without_script, f"{aids_url}atgarder/?status=pagar&ansvarig=x", width=375)
    assert not page.locator("form.fp-filter").is_visible()  # no controls that cannot work
    rows = visible_rows(page)
    assert rows.count() == len(every)
    assert page.locator(".fp-filter-count").inner_text() == f"Visar alla {len(every)} åtgärder."
    areas = {need.id: area for area in ROADMAP.areas for need in area.needs}
    for i, action in enumerate(every):
        row = rows.nth(i)
        assert row.locator("th .fp-action-text").inner_text() == action.text
        need = next(n for n in ROADMAP.needs() if action in n.actions)
        link = row.get_by_role("link", name=need.title, exact=True)
        href = link.get_attribute("href")
        assert href == f"../omraden/{areas[need.id].id}/#{need.id}"
        assert row.get_by_text(action.status.label, exact=True).count() == 1
    # The link leads to the need itself. The click only starts the navigation, so the checks wait
    # for the new page (an instant check could still see the old one).
    first_need = next(n for n in ROADMAP.needs() if n.actions)
    rows.nth(0).locator("a").first.click()
    page.wait_for_url(f"**/omraden/{areas[first_need.id].id}/#{first_need.id}")
    expect(page.locator(f"tr#{first_need.id}")).to_be_in_viewport()


def test_filters_by_status_and_body_keep_the_choice_in_the_address(page, aids_url):
    status, body = _a_narrowing_choice()
    total = len(list(ROADMAP.actions()))
    by_status = _expected_rows(status=status)
    both = _expected_rows(status=status, ansvarig=body)
    open_page(page, f"{aids_url}atgarder/", width=1280)
    form = page.locator("form.fp-filter")
    assert form.is_visible()
    count = page.locator(".fp-filter-count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.inner_text() == f"Visar alla {total} åtgärder."

    page.get_by_label("Status", exact=True).select_option(label=status)
    expect(count).to_have_text(f"Visar {len(by_status)} av {total} åtgärder.")
    page.get_by_label("Ansvarig", exact=True).select_option(label=body)
    expect(count).to_have_text(f"Visar {len(both)} av {total} åtgärder.")
    rows = visible_rows(page)
    assert rows.locator("th .fp-action-text").all_inner_texts() == [a.text for a in both]
    for i in range(rows.count()):
        assert rows.nth(i).locator("td[data-label=Status]").inner_text().endswith(status)
        assert rows.nth(i).locator("td[data-label=Ansvarig]").inner_text() == body

    status_value = next(a.status.slug for a in both)
    body_id = next(a.body.id for a in both)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"status": [status_value], "ansvarig": [body_id]}

    # The address can be shared: opened anew, it shows the same choice.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    assert page.get_by_label("Status", exact=True).input_value() == status_value
    assert page.get_by_label("Ansvarig", exact=True).input_value() == body_id
    assert count.inner_text() == f"Visar {len(both)} av {total} åtgärder."
    assert visible_rows(page).count() == len(both)

    # Back goes to the status alone, then to everything; forward again to both.
    page.goto("about:blank")
    page.goto(f"{aids_url}atgarder/")
    page.get_by_label("Status", exact=True).select_option(label=status)
    page.get_by_label("Ansvarig", exact=True).select_option(label=body)
    page.go_back()
    assert parse_qs(urlsplit(page.url).query) == {"status": [status_value]}
    expect(page.get_by_label("Ansvarig", exact=True)).to_have_value("")
    expect(visible_rows(page)).to_have_count(len(by_status))
    expect(count).to_have_text(f"Visar {len(by_status)} av {total} åtgärder.")
    page.go_back()
    assert urlsplit(page.url).query == ""
    expect(visible_rows(page)).to_have_count(total)
    page.go_forward()
    expect(visible_rows(page)).to_have_count(len(by_status))

    # "Visa alla åtgärder" clears every choice.
    page.get_by_role("button", name="Visa alla åtgärder").click()
    expect(visible_rows(page)).to_have_count(total)
    expect(count).to_have_text(f"Visar alla {total} åtgärder.")
    assert urlsplit(page.url).query == ""


def test_horizon_and_area_filters_and_an_empty_result(page, aids_url):
    open_page(page, f"{aids_url}atgarder/", width=375)
    area = ROADMAP.areas[0]
    page.get_by_label("Område", exact=True).select_option(label=area.title)
    in_area = [a for need in area.needs for a in need.actions]
    expect(visible_rows(page)).to_have_count(len(in_area))
    # A horizon that no action in this area has leaves nothing, and says so.
    labels = page.get_by_label("Tidshorisont", exact=True).locator("option").all_inner_texts()[1:]
    missing = next(
        label for label in labels if all((a.horizon.label if a.horizon else None) != label for a in in_area)
    )
    page.get_by_label("Tidshorisont", exact=True).select_option(label=missing)
    expect(visible_rows(page)).to_have_count(0)
    expect(page.locator(".fp-filter-count")).to_have_text(re.compile("^Inga av de "))


@pytest.mark.parametrize("width", [375, 768, 1280])
def test_the_new_pages_pass_axe_and_fit_the_screen(axe_page, aids_url, width):
    problems = []
    status, body = _a_narrowing_choice()
    page = axe_page  # one page for the three, as a reader goes from one to the next
    for path in ("atgarder/", "ord-och-begrepp/", "tidslinje/"):
        open_page(page, aids_url + path, width)
        if path == "atgarder/":  # the form shown and used, the legend open
            page.get_by_label("Status", exact=True).select_option(label=status)
            page.get_by_label("Ansvarig", exact=True).select_option(label=body)
        if page.locator("details.fp-legend summary").count():
            page.locator("details.fp-legend summary").click()
        problems += [f"/{path}: {v}" for v in axe_violations(page)]
        sideways = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if sideways > 0:
            problems.append(f"/{path}: rullar {sideways} px i sidled")
    assert not problems, "\n".join(problems)

"""Reading pages as a politician preparing a meeting sees them (issue 13, items 3, 5, 7 and 9):
quiet cells with the editors' information in one place, column headings in view after a jump to a
need, whole words, the organisation in the header, a menu on the start page, small banners on a
phone, a start page that says what the remiss is doing, Swedish 404 pages, remiss tables that fit
a phone (what the browser stores, with versions, is in test_publishing_year.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import expect

from browser.conftest import serve_folder
from browser.test_widths import SETTLED
from fardplan import load_roadmap
from fardplan.pages.not_found import root_404_page
from release_support import close_remiss
from support import DATA, copy_project

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 700}
# The example's remiss: a day in the middle of it, and the day after its last day.
REMISS = load_roadmap(DATA).remiss
OPEN_DAY = REMISS.opens + (REMISS.last_day - REMISS.opens) / 2
CLOSED_DAY = REMISS.last_day + timedelta(days=1)
# Words in the reading cells that belong to editors, or to the remiss banner, not to the content.
EDITORS_WORDS = ("Redigera", "granska", "datafilen", "Föreslå en ändring", "Remisstiden")

# Every word of the matrix that the browser laid out on more than one line (a break in the middle).
SPLIT_WORDS = """() => {
  const split = [];
  for (const root of document.querySelectorAll('.fp-matrix thead, .fp-matrix tbody')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.fp-visually-hidden')) continue;
      const words = /[^\\s\\-–\\/]+/g;
      for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""

# Tables wider than the content column, and sideways scrolling of the page.
OVERFLOW = """() => {
  const out = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) out.push(`sidan: ${page.scrollWidth} > ${page.clientWidth} px`);
  for (const table of document.querySelectorAll('.md-content table')) {
    const column = table.closest('.md-content__inner').getBoundingClientRect();
    const box = table.getBoundingClientRect();
    if (box.right > column.right + 1) out.push(`${table.querySelector('caption')?.textContent}: ${Math.round(box.right)} > ${Math.round(column.right)} px`);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(DATA)


@pytest.fixture
def page(module_page):
    """Each test reads and clicks but changes nothing in the browser: it starts on the shared page,
    blank, at the default size."""
    module_page.set_viewport_size({"width": 1280, "height": 720})
    module_page.goto("about:blank")
    return module_page


def _serve_build(project, site, today):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", today.isoformat())
        patch.setenv("FARDPLAN_PDF", "0")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return serve_folder(site)


@pytest.fixture(scope="module")
def open_remiss_site(tmp_path_factory):
    """The example built on a day while its remiss is open."""
    project = copy_project(tmp_path_factory.mktemp("quiet-open-project"))
    url, server = _serve_build(project, tmp_path_factory.mktemp("quiet-open"), OPEN_DAY)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def closed_remiss_site(tmp_path_factory):
    """The example built the day after its remiss: the answers compiled from the recorded issues
    (tests/fixtures/remiss) with the compilation script, and the editors' responses to them."""
    project = close_remiss(
        copy_project(tmp_path_factory.mktemp("quiet-closed-project")), CLOSED_DAY.isoformat()
    )
    url, server = _serve_build(project, tmp_path_factory.mktemp("quiet-closed"), CLOSED_DAY)
    yield url
    server.shutdown()


def test_reading_cells_hold_content_and_editors_find_their_part_in_one_place(area_pages, roadmap):
    for area in roadmap.areas:
        cells, editors = area_pages[area.id]["cells"], area_pages[area.id]["editors"]
        assert len(cells) == 5 * len(area.needs)
        for text in cells:
            for word in EDITORS_WORDS:
                assert word not in text, f"{area.id}: '{word}' i en cell: {text[:80]}"
        for need in area.needs:
            entry, edit = editors[need.id]
            assert "senast granskat" in entry
            assert f"#L{need.line}" in edit


@pytest.mark.parametrize("width", [1024, 1280])
def test_column_headings_are_in_view_after_a_jump_to_a_need(page, site_url, roadmap, width):
    page.set_viewport_size({"width": width, "height": 800})
    area = max(roadmap.areas, key=lambda a: len(a.needs))
    need = area.needs[-1]
    page.goto(f"{site_url}omraden/{area.id}/#{need.id}")
    page.wait_for_timeout(100)  # let the browser finish the jump to the fragment
    header = page.locator(".md-header").bounding_box()
    for heading in page.locator(".fp-matrix thead th").all():
        box = heading.bounding_box()
        assert box["y"] >= header["y"] + header["height"] - 1, heading.inner_text()
        assert box["y"] + box["height"] <= 800
    heading_bottom = max(
        h.bounding_box()["y"] + h.bounding_box()["height"] for h in page.locator(".fp-matrix thead th").all()
    )
    row = page.locator(f"tr#{need.id}").bounding_box()
    assert heading_bottom - 1 <= row["y"] < 800, "behovets rad ska börja under kolumnrubrikerna"
    # The need's own name is there too, under the headings.
    name = page.locator(f"tr#{need.id} .fp-need-link").bounding_box()
    assert name["y"] >= heading_bottom - 1


WORD_WIDTHS = [1024, 1152, 1280]


@pytest.fixture(scope="module")
def area_pages(module_page, site_url, roadmap) -> dict:
    """Each area page loaded once and read at every width of WORD_WIDTHS, the window resized from
    narrow to wide (test_widths shows the layout is then the same as when loaded at that width):
    the words broken and the tables too wide per width, and at 1280 px the reading cells' texts
    and, per need, its entry for editors and the address of its edit link."""
    found: dict = {width: [] for width in WORD_WIDTHS}
    page = module_page
    for area in roadmap.areas:
        page.set_viewport_size({"width": WORD_WIDTHS[0], "height": 900})
        page.goto(f"{site_url}omraden/{area.id}/")
        for width in WORD_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(SETTLED) == width, area.id
            found[width] += [f"{area.id}: ordet {word} bryts mitt i" for word in page.evaluate(SPLIT_WORDS)]
            found[width] += [f"{area.id}: {item}" for item in page.evaluate(OVERFLOW)]
        # The window is now 1280 px wide, WORD_WIDTHS' last.
        editors = page.locator("#for-redaktorer + .fp-editors")
        entries = {}
        for need in area.needs:
            entry = editors.locator(f"#granskning-{need.id}")
            edit = entry.get_by_role("link", name=f"Redigera behovet {need.title}", exact=True)
            entries[need.id] = (entry.inner_text(), edit.get_attribute("href"))
        found[area.id] = {
            "cells": page.locator(".fp-matrix tbody th, .fp-matrix tbody td").all_inner_texts(),
            "editors": entries,
        }
    return found


@pytest.mark.parametrize("width", WORD_WIDTHS)
def test_no_word_is_broken_in_the_middle_and_tables_fit(area_pages, width):
    problems = area_pages[width]
    assert not problems, "\n".join(problems)


MENU = ("Uppföljning", "Tidslinje", "Remiss och remissvar")


def organisation_in_header(page) -> tuple[bool, str]:
    name = page.locator(".md-header .fp-header-organisation")
    return name.is_visible(), name.inner_text().strip()


@pytest.fixture(scope="module")
def desktop_start_page(module_page, site_url) -> dict:
    """The start page at 1280 px, loaded once for all that the tests read on it: the organisation in
    the header, the menu, the PDF and the contact; then the menu's "Uppföljning" followed."""
    page = module_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url)
    menu = page.locator(".md-sidebar--primary")
    pdf = page.locator(".fp-start-links a[type='application/pdf']")
    contact = page.locator(".fp-contact a")
    found = {
        "organisation": organisation_in_header(page),
        "menu": menu.is_visible(),
        "menu links": {name: menu.get_by_role("link", name=name, exact=True).is_visible() for name in MENU},
        "pdf": (pdf.inner_text(), pdf.get_attribute("href")),
        "contact": (contact.get_attribute("href"), contact.inner_text()),
    }
    menu.get_by_role("link", name="Uppföljning", exact=True).click()
    # The click only starts the navigation: wait until the address has changed, then record it.
    page.wait_for_url(lambda url: url != site_url)
    found["after Uppföljning"] = page.url
    return found


def test_the_header_names_the_organisation(desktop_start_page, page, site_url, roadmap):
    organisation = roadmap.settings.organisation
    assert organisation
    assert desktop_start_page["organisation"] == (True, organisation), "startsidan"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}omraden/{roadmap.areas[0].id}/")
    assert organisation_in_header(page) == (True, organisation), roadmap.areas[0].id


def test_the_desktop_start_page_has_the_menu(desktop_start_page):
    assert desktop_start_page["menu"]
    for name in MENU:
        assert desktop_start_page["menu links"][name], name
    assert desktop_start_page["after Uppföljning"].endswith("/uppfoljning/")


@pytest.fixture(scope="module")
def remiss_on_a_phone(module_page, closed_remiss_site, open_remiss_site, roadmap) -> dict:
    """The start page, an area page and the remiss page of the closed and the open remiss, read on
    a phone: per page whether the banners show and how high the first is; on the start page the
    remiss banner's and the document status's texts."""
    found: dict = {}
    page = module_page
    page.set_viewport_size(PHONE)
    for which, url in (("closed", closed_remiss_site), ("open", open_remiss_site)):
        for path in ("", f"omraden/{roadmap.areas[0].id}/", "remissvar/"):
            page.goto(url + path)
            banner = page.locator(".md-banner").first
            visible = banner.is_visible()
            found[which, path] = {
                "banner": visible,
                "height": banner.bounding_box()["height"] if visible else None,
                "remiss banner": page.locator(".fp-banner--remisstid").is_visible(),
            }
            if path == "":
                found[which, path]["remiss text"] = page.locator(".fp-banner--remisstid").inner_text()
                found[which, path]["status"] = page.locator(".fp-document-status").inner_text()
    return found


@pytest.mark.parametrize("which", ["closed", "open"])
def test_banners_take_at_most_15_percent_of_a_phone_screen(remiss_on_a_phone, roadmap, which):
    for path in ("", f"omraden/{roadmap.areas[0].id}/", "remissvar/"):
        seen = remiss_on_a_phone[which, path]
        assert seen["banner"], path  # the example is a remiss version: there is a banner
        height = seen["height"]
        assert height <= 0.15 * PHONE["height"], f"/{path}: {height} px"
        assert seen["remiss banner"]


def test_the_start_page_says_what_the_remiss_is_doing(remiss_on_a_phone):
    closed = remiss_on_a_phone["closed", ""]  # built the day after the last day: the remiss time is over
    assert "Remisstiden gick ut" in closed["remiss text"]
    status = closed["status"]
    assert "är ute på remiss" not in status and "var ute på remiss" in status
    opened = remiss_on_a_phone["open", ""]
    assert "Förslaget är ute på remiss." in opened["remiss text"]
    status = opened["status"]
    assert "är ute på remiss" in status and "Lämna dina synpunkter senast" in status


def test_the_start_page_offers_the_pdf_and_a_contact(desktop_start_page, built_site):
    text, href = desktop_start_page["pdf"]
    assert "PDF" in text and (built_site / href).is_file()
    address, name = desktop_start_page["contact"]
    assert address.startswith("mailto:") and "@" in name


def test_what_has_changed_is_never_a_dead_end(page, site_url):
    page.goto(site_url + "andringar/")
    onward = page.locator("article a:not(.headerlink)")
    assert onward.count() >= 2
    onward.first.click()
    page.wait_for_url(lambda url: not url.endswith("/andringar/"))  # the click only starts it
    expect(page.locator("h1")).to_have_count(1)


def test_every_404_page_is_swedish(page, site_url, built_site):
    page.goto(site_url + "404.html")
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.title().startswith("Sidan finns inte")
    assert page.locator("h1").inner_text() == "Sidan finns inte"
    assert "Not found" not in page.content()

    root = built_site.parent / "root-404"
    root.mkdir(exist_ok=True)
    (root / "404.html").write_bytes(
        root_404_page("Färdplan för äldreomsorgens utveckling", "/fardplan/", [], "2022")
    )
    page.goto((root / "404.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.title().startswith("Sidan finns inte")
    assert page.locator("h1").inner_text() == "Sidan finns inte"


def test_remiss_tables_fit_a_phone(page, site_url):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site_url + "remissvar/")
    assert page.locator(".fp-remiss-counts").count() >= 2
    assert page.evaluate(OVERFLOW) == []
    # The column headings are hidden on a phone: every number carries its column's name instead.
    cells = page.locator(".fp-remiss-counts td")
    assert cells.count() > 0
    assert all(label for label in cells.evaluate_all("cells => cells.map(c => c.dataset.label)"))
    label = page.locator(".fp-remiss-counts tfoot td.fp-total").evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert "Totalt" in label


def test_the_remiss_page_counts_add_up(page, closed_remiss_site):
    page.goto(closed_remiss_site + "remissvar/")
    footer = page.locator(".fp-remiss-counts tfoot td")
    numbers = [int(cell.inner_text()) for cell in footer.all()]
    *per_position, total = numbers
    assert sum(per_position) == total
    summary = page.locator(".fp-answers-summary").inner_text()
    assert f"bygger på {total} synpunkter" in summary
    articles = page.locator("article.fp-answer").count()
    assert articles == total
    per_respondent = [
        int(c.inner_text()) for c in page.locator(".fp-remiss-counts").nth(1).locator("td.fp-total").all()
    ]
    assert sum(per_respondent) == total
    # "4 av 12 synpunkter har fått ett bemötande: beaktad 1, delvis beaktad 2, ej beaktad 1."
    met = page.locator(".fp-responses p").first.inner_text()
    answered, rest = met.split(" av ", 1)
    assert rest.startswith(f"{total} synpunkter har fått ett bemötande: ")
    listed = [int(part.rsplit(" ", 1)[1]) for part in rest.split(": ", 1)[1].split(".", 1)[0].split(", ")]
    assert sum(listed) == int(answered) <= total

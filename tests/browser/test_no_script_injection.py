"""No text from the data can run script on the published site (issue 10, class 1).

One build of a project whose every free text ends in a hostile payload (tests/hostile_data.py),
with the remiss open so that its links and banner are on every page, and a versions.json whose
titles carry payloads too (mike writes the titles from `version_title`). Every page is opened in
Chromium; the cut-off navigation entries and every element whose title could carry data are hovered
(Material's tooltips once put their text into the page as HTML), each kind of element with the same
title once; the search is used. A payload that ran would call fpPwned(N) or alert(N).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from browser.conftest import search, serve_folder, site_pages
from check_site import Visitor
from fardplan import load_roadmap
from fardplan.versions.edition import version_title
from hostile_data import PAYLOADS, hostile_project

pytestmark = pytest.mark.browser

OPEN_DAY = "2027-01-24"  # the remiss is open: links on every heading and need, the banner
FOLDER = "2026-remiss"  # the version's folder, as mike would publish it
HOSTILE_VERSIONS = ('2021"><img src=x onerror=fpPwned(20)>', "<script>fpPwned(21)</script>")
# Where a payload shows itself if it is ever read as markup: its call, once per payload.
MARKERS = [re.search(r"(fpPwned|alert)\(\d+\)", p).group(0) for p in PAYLOADS]

RECORDER = """
window.__pwned = [];
window.fpPwned = (n) => window.__pwned.push(n);
"""
# Mark every element that a reader can see (a box, not visibility: hidden: Playwright's is_visible)
# and whose title could carry data, so each can be hovered; returns what each is (tag, class, title).
# Material gives cut-off entries a title. A title of words alone (Material's "Rensa", the permalinks'
# "Länk till det här avsnittet") cannot become markup; every text from the data ends in a payload,
# with characters other than letters.
MARK_TITLED = """
() => [...document.querySelectorAll("[title]")]
  .filter((el) => {
    const box = el.getBoundingClientRect();
    return /[^\\p{L}\\s]/u.test(el.title) && box.width > 0 && box.height > 0
      && getComputedStyle(el).visibility !== "hidden";
  })
  .map((el, i) => {
    el.setAttribute("data-fp-hover", i);
    return [el.tagName, el.className, el.title].join("\\n");
  })
"""
# Every image has loaded or failed (an error handler has run by then).
ALL_IMAGES_SETTLED = "() => [...document.images].every((image) => image.complete)"
# The page's first heading as a reader sees it, without the permalink sign.
HEADING_TEXT = """
() => {
  const heading = document.querySelector("article h1");
  if (!heading) return "";
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
  return copy.textContent;
}
"""
# Markup that must never come from data, whether or not it ran.
INJECTED_MARKUP = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      if (/^\\s*javascript:/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
    if (el.tagName === "IFRAME") found.push("IFRAME");
    if (el.tagName === "SCRIPT" && /fpPwned|alert\\(/.test(el.textContent)) found.push("SCRIPT " + el.textContent);
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile project, built into ROOT/FOLDER, with ROOT/versions.json as mike writes it."""
    base = tmp_path_factory.mktemp("hostile")
    project = hostile_project(base / "project")
    root = base / "published"
    site = root / FOLDER
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", OPEN_DAY)
        # As mike builds it: only a version mike publishes has the version selector.
        patch.setenv("MIKE_DOCS_VERSION", FOLDER)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    roadmap = load_roadmap(project / "data" / "roadmap.yaml")
    titles = [
        version_title(replace(roadmap, document=replace(roadmap.document, version=v)))
        for v in HOSTILE_VERSIONS
    ]
    (root / "versions.json").write_text(
        json.dumps(
            [
                {"version": FOLDER, "title": titles[0], "aliases": ["gallande"]},
                {"version": "2021", "title": titles[1], "aliases": []},
            ]
        ),
        encoding="utf-8",
    )
    url, server = serve_folder(root)
    yield {"project": project, "site": site, "url": url + FOLDER + "/", "roadmap": roadmap, "titles": titles}
    server.shutdown()


def hover_everything_titled(page, hovered: set[str]) -> None:
    """Point at every visible element whose title could carry data, as a reader would: Material's
    tooltips (the content.tooltips feature) put the title's text into the page as HTML. An element
    of the same kind (tag and class) with the same title as one hovered on an earlier page (the logo
    and the navigation are on every page) is not hovered again: the same code makes its tooltip
    from the same text. `hovered` holds what was hovered, and grows."""
    for number, what in enumerate(page.evaluate(MARK_TITLED)):
        if what not in hovered:
            hovered.add(what)
            page.locator(f'[data-fp-hover="{number}"]').hover(force=True)
    page.mouse.move(0, 0)


def settle(visitor) -> None:
    """Waits until what the page started has ended: no request under way (an image a payload
    injected is asked for) and every image loaded or failed (its error handler has run)."""
    visitor.wait_for_requests()
    visitor.page.wait_for_function(ALL_IMAGES_SETTLED)


@pytest.fixture(scope="module")
def visited(browser, hostile):
    """Every page opened once; what ran, what was injected and the text a reader sees, per page.
    The start page is opened last, and the search used on it."""
    visitor = Visitor(browser, axe=False)  # it knows which requests are under way
    visitor.context.add_init_script(RECORDER)
    dialogs: list[str] = []
    page = visitor.page
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    results = {}
    hovered: set[str] = set()
    for path in [p for p in site_pages(hostile["site"]) if p] + ["404.html", ""]:
        page.goto(hostile["url"] + path)
        # What a page does after its load event: the version selector (titles with payloads) is
        # filled from versions.json (not on the 404 page, which finds no versions.json from an
        # unknown address), and an image a payload injected fires its error handler (settle).
        if path != "404.html":
            page.locator(".md-version__current").wait_for(state="attached")
        hover_everything_titled(page, hovered)
        settle(visitor)
        results[path] = {
            "pwned": page.evaluate("window.__pwned"),
            "injected": page.evaluate(INJECTED_MARKUP),
            "text": page.evaluate("document.body.innerText"),
            "title": page.title(),
            "h1": page.evaluate(HEADING_TEXT),
            "versions": page.locator(".md-version").all_inner_texts(),
        }
    # The search renders titles and text of the pages from search_index.json (on the start page).
    search(page, "organisation")
    page.locator(".md-search-result__item").first.wait_for()
    settle(visitor)
    results["(sökning)"] = {
        "pwned": page.evaluate("window.__pwned"),
        "injected": page.evaluate(INJECTED_MARKUP),
        "text": page.locator(".md-search-result").inner_text(),
    }
    visitor.close()
    return results, dialogs


def test_no_payload_runs_on_any_page(visited, hostile):
    results, dialogs = visited
    assert len(results) >= 20  # every page of the site, 404 and the search
    ran = {path: r["pwned"] for path, r in results.items() if r["pwned"]}
    assert not ran, f"Skript från datan kördes: {ran}"
    assert not dialogs, f"Skript från datan öppnade dialogrutor: {dialogs}"
    injected = {path: r["injected"] for path, r in results.items() if r["injected"]}
    assert not injected, f"Markup från datan hamnade i sidan: {injected}"


def test_every_payload_reads_as_typed(visited):
    """Wherever a payload's call shows, the whole payload shows, character for character, and every
    payload shows somewhere: text is neither read as markup nor dropped."""
    results, _ = visited
    seen = set()
    for path, result in results.items():
        text = result["text"]
        for payload, marker in zip(PAYLOADS, MARKERS):
            assert text.count(marker) == text.count(payload), (path, payload)
            if payload in text:
                seen.add(payload)
    assert seen == set(PAYLOADS)


def test_page_titles_and_headings_show_the_data_literally(visited, hostile):
    results, _ = visited
    site_name = hostile["roadmap"].document.title  # the adapter names the site from the data
    for area in hostile["roadmap"].areas:
        result = results[f"omraden/{area.id}/"]
        assert result["title"] == f"{area.title} - {site_name}"
        assert result["h1"].strip() == area.title
        # The navigation names every area as written.
        assert area.title in result["text"]


def test_version_selector_shows_version_titles_literally(visited, hostile):
    results, _ = visited
    [versions] = results[""]["versions"]
    for version in HOSTILE_VERSIONS:
        assert version in versions


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


# The tags Material's search plugin keeps (without attributes) when it indexes a page.
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


def test_search_index_holds_text_not_markup(hostile):
    """search_index.json's titles and texts are HTML that Material's search puts into the page:
    data in them is escaped, so the only tags are the search plugin's own, without attributes."""
    index = json.loads((hostile["site"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = set()
    for doc in index["docs"]:
        for field in ("title", "text"):
            parser = _Tags()
            parser.feed(doc[field])
            assert all(tag in SEARCH_TAGS and not attrs for tag, attrs in parser.tags), (
                doc["location"],
                parser.tags,
            )
            plain = html.unescape(doc[field])
            found.update(p for p in PAYLOADS if p in plain)
    assert found == set(PAYLOADS)

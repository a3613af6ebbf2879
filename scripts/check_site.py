#!/usr/bin/env python3
"""The browser checks of a built site that depend on the content, reported in Swedish:
accessibility (axe-core, WCAG 2.1 AA), no request to another website, and every link within the
site leads to a page (and a place on it) that exists.

    .venv/bin/python scripts/check_site.py SITE     # exit 0 when all pass, 1 with the problems listed

`python3 scripts/dev.py check` runs it after the strict build. Debian's Chromium drives it
(CHROMIUM_PATH, else `chromium-headless-shell` or `chromium` on PATH); no browser is downloaded.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
# axe-core, kept in the repository (scripts/vendor/axe-core/README.md: no network, no npm), and the
# release's own hash of axe.min.js (its sri-history.json), checked by tests/browser/test_axe_core.py.
AXE_VERSION = "4.14.1"
AXE_SRI = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
RUN_AXE = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations']}).then(result => result.violations.map(v => ({id: v.id, help: v.help,
    where: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})))"""
PAGE_FACTS = """() => ({ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.name),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    positiveTabindex: [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length})"""
# What Material's search shows under the box ("Skriv sökord") while no query has been searched, once
# its worker has loaded the index; the tests' search helper waits for it too.
SEARCH_PLACEHOLDER = (
    'JSON.parse(document.getElementById("__config").textContent).translations["search.result.placeholder"]'
)
SEARCH_READY = f"""() => {{
    const meta = document.querySelector(".md-search-result__meta");
    return !meta || meta.textContent === {SEARCH_PLACEHOLDER};
}}"""
# After a resize: a frame, in which the browser lays the page out anew and Material's scripts follow
# the window's size, then every transition the new width started put at its end at once, as it is
# once run (without it the page at 960 px measures 1044 px for a moment; nothing of Material's
# waits for a transition's end); the window's width then. An endless animation has no end to put.
SETTLED = """() => new Promise(done => requestAnimationFrame(done)).then(() => {
    for (const animation of document.getAnimations())
        if (animation.effect?.getComputedTiming().endTime !== Infinity) animation.finish();
    return window.innerWidth;
})"""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# axe's rules that text in the data can break, in Swedish; other rules keep axe's English help.
AXE_IN_SWEDISH = {
    "duplicate-id": "två element har samma id",
    "duplicate-id-aria": "två element har samma id",
    "empty-heading": "en rubrik är tom",
    "heading-order": "rubriknivåerna hoppar över en nivå",
    "link-name": "en länk saknar text",
    "color-contrast": "texten har för låg kontrast mot bakgrunden",
    "list": "en lista innehåller annat än listpunkter",
    "image-alt": "en bild saknar alternativtext",
}


def with_axe(context):
    """axe-core in every page the context opens, from the page's start: given once to the context
    instead of sent and parsed anew per page by add_script_tag. Returns the context."""
    context.add_init_script(path=str(AXE_SCRIPT))
    return context


def axe_violations(page) -> list[str]:
    """axe-core at WCAG 2.1 AA on the page as it is now (its context made `with_axe`), one line
    per violation: rule, help, where."""
    return [f"{v['id']}: {v['help']} ({v['where']})" for v in page.evaluate(RUN_AXE)]


def chromium_path() -> str | None:
    """CHROMIUM_PATH, else Debian's chromium-headless-shell, else Debian's chromium. The headless
    shell is the same Chromium (same version, same Blink) without the desktop browser's layer, and
    what Playwright itself runs for headless pages; it does the same checks with a fifth less CPU."""
    return (
        os.environ.get("CHROMIUM_PATH") or shutil.which("chromium-headless-shell") or desktop_chromium_path()
    )


def desktop_chromium_path() -> str | None:
    """Debian's full Chromium, the browser readers use (the tests open the site in it too)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page that moves on while a file is still being sent closes the connection: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_folder(folder: Path):
    """Serve a folder on 127.0.0.1 on a free port; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ('' is the start page)."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


@dataclass
class PageVisit:
    """What one visit of a page saw: everything the checks of the page need, gathered at once."""

    requests: set[str] = field(default_factory=set)  # every URL asked for, the search worker's too
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    axe: list[dict] = field(default_factory=list)  # id, help, where
    sideways: int = 0  # px the page scrolls sideways
    positive_tabindex: int = 0  # elements with tabindex > 0


class Visitor:
    """One browser context that opens pages one after the other and records what each does."""

    def __init__(self, browser, viewport: dict = DESKTOP, axe: bool = True):
        self.viewport = viewport
        # axe=False for a visitor that never runs axe: axe in every page costs each load ~0.25 s.
        self.axe = axe
        context = browser.new_context(viewport=viewport, locale="sv-SE")
        self.context = with_axe(context) if axe else context
        self.page = page = self.context.new_page()
        self.current = PageVisit()
        self._pending: set = set()
        # On the context, so the requests of the search's web worker are seen too.
        self.context.on("request", self._started)
        self.context.on("requestfinished", lambda request: self._pending.discard(request))
        self.context.on("requestfailed", self._failed)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.current.page_errors.append(f"{page.url}: {error}"))

    def _started(self, request) -> None:
        self._pending.add(request)
        self.current.requests.add(request.url)

    def _console(self, message) -> None:
        if message.type == "error":
            self.current.console_errors.append(f"{self.page.url}: {message.text} {message.location}")

    def _failed(self, request) -> None:
        self._pending.discard(request)
        self.current.failed_requests.append(f"{self.page.url}: {request.url} {request.failure}")

    def start(self) -> PageVisit:
        """A new record: what the page does from now on is recorded in it."""
        self.current = PageVisit()
        return self.current

    def wait_for_requests(self) -> None:
        """Waits until no request is under way (networkidle would also wait 500 ms per page)."""
        deadline = time.monotonic() + 30
        while self._pending and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)

    def visit(self, url: str) -> PageVisit:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        visit = self.start()
        if self.page.viewport_size != self.viewport:  # resized by at_width
            self.page.set_viewport_size(self.viewport)
        self.page.goto(url)
        self._look(visit)
        # Every request of the page, the search's too: the page fetches the index after "load"
        # (meanwhile axe ran) and starts the worker, which loads lunr at the first search
        # (fardplan-search.js). A broken search shows in the console instead.
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(SEARCH_READY, timeout=30_000)
        self.wait_for_requests()
        return visit

    def at_width(self, viewport: dict) -> PageVisit:
        """The page as it is now, resized to `viewport` and SETTLED, looked at as `visit` looks at
        a page (ids, links, sideways scrolling, tabindex, axe), without loading it again. What it
        requests or logs meanwhile stays in the record of its visit. The next visit loads its page
        at the visitor's own width again."""
        self.page.set_viewport_size(viewport)
        width = self.page.evaluate(SETTLED)
        if width != viewport["width"]:
            raise RuntimeError(f"{self.page.url}: the window is {width} px wide, not {viewport['width']}")
        return self._look(PageVisit())

    def _look(self, visit: PageVisit) -> PageVisit:
        facts = self.page.evaluate(PAGE_FACTS)
        visit.ids, visit.links = set(facts["ids"]), facts["links"]
        visit.sideways, visit.positive_tabindex = facts["sideways"], facts["positiveTabindex"]
        visit.axe = self.page.evaluate(RUN_AXE) if self.axe else []
        return visit

    def close(self) -> None:
        self.context.close()


def visit_pages(browser, base: str, paths: list[str], viewport: dict = DESKTOP) -> dict[str, PageVisit]:
    """Every page of `paths` (URL paths below `base`) opened once, in one context."""
    visitor = Visitor(browser, viewport)
    try:
        return {path: visitor.visit(base + path) for path in paths}
    finally:
        visitor.close()


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"])


def ids_in_file(file: Path) -> set[str]:
    """The ids of a page as written on disk, for a link to a page that was not visited."""
    parser = _Ids()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser.ids


def site_problems(site: Path, base: str, visits: dict[str, PageVisit]) -> list[str]:
    """The problems the visits of the site served at `base` show, one Swedish sentence each,
    naming the page. Link targets are looked up in the built site on disk."""
    problems: list[str] = []
    for path, visit in visits.items():
        for violation in visit.axe:
            what = AXE_IN_SWEDISH.get(violation["id"], violation["help"])
            problems.append(
                f"/{path}: tillgänglighet: {what} (axe-regeln {violation['id']}, vid {violation['where']})"
            )
    own = urlsplit(base).netloc
    for path, visit in visits.items():
        for url in sorted(
            u for u in visit.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own
        ):
            problems.append(f"/{path}: sidan hämtar något från en annan webbplats: {url}")
    ids = {path: visit.ids for path, visit in visits.items()}
    for path, visit in visits.items():
        for href in sorted(set(visit.links)):
            target, anchor = urldefrag(href)
            parts = urlsplit(target)
            if parts.netloc != own:
                continue
            rel = unquote(parts.path).lstrip("/")
            file = site / rel
            if rel and not rel.endswith("/") and file.is_dir():
                rel += "/"
            page_file = file / "index.html" if rel.endswith("/") or not rel else file
            if not page_file.is_file():
                problems.append(f"/{path}: länken går till /{rel}, som inte finns")
                continue
            if anchor and rel not in ids and page_file.suffix == ".html":
                ids[rel] = ids_in_file(page_file)
            if anchor and rel in ids and unquote(anchor) not in ids[rel]:
                problems.append(
                    f"/{path}: länken går till /{rel}#{anchor}, men det finns inget ställe "
                    f"med id '{unquote(anchor)}' på den sidan"
                )
    return problems


def check_site(
    site: Path, executable: str | None = None, browser=None, pages: list[str] | None = None
) -> list[str]:
    """The problems found, one Swedish sentence each, naming the page. Chromium is started from
    `executable`, or a running Playwright `browser` is used (the tests share one). `pages` (URL
    paths, as site_pages gives them) limits the pages opened; links are checked against the files."""
    base, server = serve_folder(site)
    paths = site_pages(site) if pages is None else pages
    try:
        if browser is not None:
            visits = visit_pages(browser, base, paths)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                started = playwright.chromium.launch(
                    executable_path=executable, headless=True, args=CHROMIUM_ARGS
                )
                visits = visit_pages(started, base, paths)
                started.close()
    finally:
        server.shutdown()
        server.server_close()
    return site_problems(site, base, visits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera en byggd webbplats i webbläsaren.")
    parser.add_argument("site", type=Path, help="mappen med den byggda webbplatsen")
    args = parser.parse_args(argv)
    executable = chromium_path()
    if not executable:
        print(
            "Chromium saknas, så webbplatsen kontrollerades inte i en webbläsare "
            "(installera den med apt-get install chromium).",
            file=sys.stderr,
        )
        return 3
    problems = check_site(args.site, executable)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

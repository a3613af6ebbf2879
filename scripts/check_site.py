#!/usr/bin/env python3
"""The browser checks of a built site that depend on the content, reported in Swedish:
accessibility (axe-core, WCAG 2.1 AA), no request to another website, and every link within the
site leads to a page (and a place on it) that exists.

    .venv/bin/python scripts/check_site.py SITE     # exit 0 when all pass, 1 with the problems listed

`python3 scripts/dev.py check` runs it after the strict build. Debian's Chromium drives it
(CHROMIUM_PATH or `chromium` on PATH); no browser is downloaded.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import threading
from importlib.resources import files
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
# axe-core as shipped by the pinned PyPI package axe-playwright-python (no network, no npm).
AXE_SCRIPT = files("axe_playwright_python") / "axe.min.js"
RUN_AXE = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations']}).then(result => result.violations.map(v => ({id: v.id, help: v.help,
    where: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})))"""
PAGE_FACTS = """() => ({ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.name),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href)})"""
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


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder: Path):
    """Serve a folder on 127.0.0.1 on a free port; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ('' is the start page)."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def check_site(site: Path, executable: str | None = None, browser=None) -> list[str]:
    """The problems found, one Swedish sentence each, naming the page. Chromium is started from
    `executable`, or a running Playwright `browser` is used (the tests share one)."""
    base, server = serve_folder(site)
    problems: list[str] = []
    requests: dict[str, set[str]] = {}
    ids: dict[str, set[str]] = {}
    links: dict[str, list[str]] = {}

    def visit(browser) -> None:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        page = context.new_page()
        current = [""]
        # On the context, so the search's web worker's requests are seen too.
        context.on("request", lambda request: requests.setdefault(current[0], set()).add(request.url))
        for path in site_pages(site):
            current[0] = path
            page.goto(base + path, wait_until="networkidle")
            facts = page.evaluate(PAGE_FACTS)
            ids[path], links[path] = set(facts["ids"]), facts["links"]
            page.add_script_tag(path=str(AXE_SCRIPT))
            for violation in page.evaluate(RUN_AXE):
                what = AXE_IN_SWEDISH.get(violation["id"], violation["help"])
                problems.append(
                    f"/{path}: tillgänglighet: {what} (axe-regeln {violation['id']}, "
                    f"vid {violation['where']})"
                )
        context.close()

    try:
        if browser is not None:
            visit(browser)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                started = playwright.chromium.launch(
                    executable_path=executable, headless=True, args=CHROMIUM_ARGS
                )
                visit(started)
                started.close()
    finally:
        server.shutdown()
        server.server_close()

    own = urlsplit(base).netloc
    for path, urls in requests.items():
        for url in sorted(
            u for u in urls if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own
        ):
            problems.append(f"/{path}: sidan hämtar något från en annan webbplats: {url}")
    for path, hrefs in links.items():
        for href in sorted(set(hrefs)):
            target, anchor = urldefrag(href)
            parts = urlsplit(target)
            if parts.netloc != own:
                continue
            rel = unquote(parts.path).lstrip("/")
            file = site / rel
            if rel and not rel.endswith("/") and file.is_dir():
                rel += "/"
            if not (file / "index.html" if rel.endswith("/") or not rel else file).is_file():
                problems.append(f"/{path}: länken går till /{rel}, som inte finns")
            elif anchor and rel in ids and unquote(anchor) not in ids[rel]:
                problems.append(
                    f"/{path}: länken går till /{rel}#{anchor}, men det finns inget ställe "
                    f"med id '{unquote(anchor)}' på den sidan"
                )
    return problems


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

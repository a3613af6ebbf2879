"""Browser tests: Debian's Chromium, headless, driven by Playwright; the built site served on 127.0.0.1.

No test downloads a browser. Without Chromium these tests are skipped on a developer's machine,
but in CI (CI=true) a missing browser is a failure.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from support import copy_project

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        message = "Debians Chromium saknas (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + ": i CI måste webbläsartesterna köras")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve_folder(folder: Path):
    """Serve a folder on 127.0.0.1 on a free port; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The example site, built once for all browser tests."""
    site = tmp_path_factory.mktemp("browser-site")
    project = copy_project(tmp_path_factory.mktemp("browser-project"))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    url, server = serve_folder(built_site)
    yield url
    server.shutdown()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path, except the 404 page and search."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages

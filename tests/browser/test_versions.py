"""End to end, without network: two versions published with mike into a bare git repository, its
gh-pages tree served on 127.0.0.1, and browsed in Chromium through Material's version selector;
what the browser stores then is what the privacy page says."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile

import pytest

from browser.conftest import serve_folder, without_cache
from release_support import (
    commit_and_push,
    decide_after_remiss,
    git,
    git_project,
    read_data,
    run_script,
    write_data,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def publish(project, tag):
    done = run_script(project, "publish.py", "version", "--tag", tag, "--push", "--project", str(project))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def page(module_page):
    """One tab for the module, its cache off: versions are published between its tests."""
    return without_cache(module_page)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Publish the remiss version, then the decided one, exactly as the workflow does."""
    folder = tmp_path_factory.mktemp("published")
    project = git_project(folder / "project")  # pushed to its origin, remote.git
    remote = folder / "remote.git"

    assert run_script(project, "release.py", "--project", str(project)).returncode == 0
    publish(project, "v2026-remiss")
    write_data(project, decide_after_remiss(read_data(project)))
    commit_and_push(project, "Beslutad av kommunfullmäktige")
    assert run_script(project, "release.py", "--project", str(project)).returncode == 0
    publish(project, "v2027")

    # What the host would serve: the gh-pages tree as pushed to the remote.
    tree = folder / "gh-pages"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "--git-dir", str(remote), "archive", "gh-pages"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="tar")
    listing = git(folder, "--git-dir", str(remote), "ls-tree", "-r", "gh-pages")
    url, server = serve_folder(tree)
    yield {"tree": tree, "url": url, "listing": listing}
    server.shutdown()


def test_the_published_tree_has_no_symlinks_and_its_own_root_files(published):
    tree = published["tree"]
    assert not any(line.startswith("120000 ") for line in published["listing"].splitlines())
    assert not [p for p in tree.rglob("*") if p.is_symlink()]
    for name in ("index.html", "versions.json", "404.html", "feed.xml", "dcat.rdf", ".nojekyll"):
        assert (tree / name).is_file(), name
    not_found = (tree / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in not_found
    assert '<a href="/fardplan/2026-remiss/">2026-remiss (remissversion)</a>' in not_found
    assert '<a href="/fardplan/gallande/">' in not_found
    # Each version has its own open data and its own "what changed" page.
    for version in ("2026-remiss", "2027"):
        for path in (
            "data/roadmap.json",
            "data/roadmap.csv",
            "data/dcat.rdf",
            "feed.xml",
            "andringar/index.html",
        ):
            assert (tree / version / path).is_file(), f"{version}/{path}"
    assert (
        json.loads((tree / "2027" / "data" / "roadmap.json").read_text(encoding="utf-8"))["dokument"][
            "status"
        ]
        == "beslutad"
    )
    assert "https://exempelstaden.github.io/fardplan/2027/data/roadmap.json" in (tree / "dcat.rdf").read_text(
        encoding="utf-8"
    )


def test_root_leads_to_the_version_in_force_and_the_selector_switches(page, published):
    base = published["url"]
    page.goto(base)
    page.wait_for_url(base + "2027/")
    assert page.title().startswith("Färdplan för äldreomsorgens utveckling")
    assert (
        page.locator(".md-banner .fp-banner--remiss, .md-banner .fp-banner--utkast").count() == 0
    )  # decided: no version banner

    versions = page.evaluate("fetch('../versions.json').then(r => r.json())")
    assert [(v["version"], v["aliases"]) for v in versions] == [("2027", ["gallande"]), ("2026-remiss", [])]

    selector = page.locator(".md-version")
    selector.wait_for()
    assert "2027 (gällande)" in selector.locator(".md-version__current").inner_text()
    selector.hover()  # Material opens the list on hover (and on keyboard focus)
    page.get_by_role("link", name="2026-remiss (remissversion)").click()
    page.wait_for_url(base + "2026-remiss/**")
    banner = page.locator(".md-banner .fp-banner--remiss")
    assert banner.inner_text().startswith("Remissversion")
    assert page.locator('meta[name="robots"]').count() == 0  # a public consultation: findable


def test_what_changed_in_the_decided_version_is_one_click_away(page, published):
    base = published["url"]
    page.goto(base + "2027/")
    page.get_by_role("link", name="Vad har ändrats sedan förra versionen?").click()
    page.wait_for_url(base + "2027/andringar/")
    summary = page.locator(".fp-changes-summary").inner_text()
    assert summary.startswith("Jämfört med version 2026-remiss: 1 flyttat behov, 1 ny åtgärd")
    page.get_by_role("link", name="Samverkan med privata utförare").click()
    page.wait_for_url(base + "2027/omraden/grunduppdraget/#samverkan-med-privata-utforare")
    assert page.locator("tr#samverkan-med-privata-utforare").is_visible()


def test_the_privacy_page_names_what_the_browser_stores_with_versions(page, published):
    """With versions published, Material remembers for the visit whether the version read is the
    newest (sessionStorage, per version): exactly what the privacy page says, and nothing else is
    stored, after a reader has gone between versions (this module's earlier tests, same tab)."""
    base = published["url"]
    page.goto(base + "2026-remiss/")
    page.locator(".md-version__current").wait_for()
    page.goto(base + "2027/kakor-och-personuppgifter/")
    page.locator(".md-version__current").wait_for()
    local, session = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert local == [] and page.context.cookies() == []
    assert session and all(key.endswith("__outdated") for key in session), session
    text = page.locator("article").inner_text()
    assert "sessionStorage" in text and "localStorage" in text
    assert "inget i webbläsarens lokala lagring (localStorage eller sessionStorage)" not in text

"""A year of publishing, simulated run by run: the publishing workflow's own script
(.github/workflows/publish.yml) runs in a fresh clone of a local bare repository, with real git and
real mike, while FARDPLAN_TODAY moves time. After each run the pushed gh-pages tree is served the
way GitHub Pages serves it (under /fardplan/, its 404 page for any missing address) and browsed in
Chromium.

The steps run in order and share one repository: the draft from main, the remiss tag, a rebuild by
hand on the remiss's last day, the nightly runs after it, the decided tag, the next draft and
the old remiss republished by hand. With the remiss and the decided version published (step 5) the
reader also switches between them in Material's version selector, the pushed tree is checked for
what GitHub Pages needs, the decided version's "what changed" page is followed, and what the
browser has stored is compared with the privacy page.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import subprocess
import sys
import tarfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import rdflib
import yaml
from playwright.sync_api import expect

from browser.conftest import without_cache
from release_support import (
    commit_and_push,
    decide_after_remiss,
    git,
    git_project,
    read_data,
    run_script,
    tool_env,
    write_data,
)
from support import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITE_URL = "https://exempelstaden.github.io/fardplan/"
PREFIX = "/fardplan/"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
STABLE_DATASET = rdflib.URIRef(SITE_URL + "dcat.rdf#fardplan")


# --- GitHub Pages, locally ---------------------------------------------------------------------


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the tree under /fardplan/ like GitHub Pages: folders need index.html, and every
    missing address gets the site root's 404.html with status 404."""

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(PREFIX) :])

    def list_directory(self, path):
        self.send_error(404)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class Year:
    def __init__(self, folder: Path):
        self.folder = folder
        self.project = git_project(folder / "project")  # the editor's working copy, origin remote.git
        self.remote = folder / "remote.git"
        # The workflow runs the project's own scripts.
        shutil.copytree(
            ROOT / "scripts",
            self.project / "scripts",
            ignore=shutil.ignore_patterns("__pycache__", "node_modules"),
        )
        git(self.project, "add", "--all")
        commit_and_push(self.project, "Skripten")
        self.tree = folder / "served"
        self.tree.mkdir()
        self.runs = 0
        handler = functools.partial(PagesHandler, directory=str(self.tree))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"
        workflow = yaml.safe_load(
            (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
        )
        self.step = next(
            s["run"] for s in workflow["jobs"]["publish"]["steps"] if "publish.py" in s.get("run", "")
        )

    def workflow(
        self, event: str, *, today: str, ref: str = "main", ref_type: str = "branch", requested: str = ""
    ) -> subprocess.CompletedProcess:
        """One run of the publishing job: a fresh full clone checked out at `ref` (as
        actions/checkout does), then the job's publishing step as GitHub would run it."""
        self.runs += 1
        clone = self.folder / f"run-{self.runs}"
        git(self.folder, "clone", "--quiet", str(self.remote), str(clone))
        git(clone, "checkout", "--quiet", ref if ref_type == "branch" else f"refs/tags/{ref}")
        (clone / ".venv").symlink_to(sys.prefix)  # the job's "install" step: this environment
        env = tool_env(
            EVENT=event,
            REF_TYPE=ref_type,
            TAG=ref,
            REQUESTED=requested,
            FARDPLAN_TODAY=today,
            GITHUB_TOKEN="token-som-inte-far-sparas",
        )
        for name in ("MIKE_DOCS_VERSION", "GIT_CONFIG_COUNT"):
            env.pop(name, None)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", self.step],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        # The write token never lands in the clone's configuration; the clone is not made shallow.
        assert "token-som-inte-far-sparas" not in (clone / ".git" / "config").read_text(encoding="utf-8")
        assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "false"
        self.refresh()
        return done

    def refresh(self) -> None:
        """What the host serves now: the gh-pages tree as pushed to the remote."""
        for child in self.tree.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        archive = subprocess.run(
            ["git", "--git-dir", str(self.remote), "archive", "gh-pages"], capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            # Extraction filters came in Python 3.11.4 (Debian 12 has 3.11.2): git's own archive.
            tar.extractall(self.tree, **({"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}))

    def pages_commit(self) -> str:
        return git(self.folder, "--git-dir", str(self.remote), "rev-parse", "gh-pages").strip()

    def release(self) -> str:
        done = run_script(self.project, "release.py", "--project", str(self.project))
        assert done.returncode == 0, done.stdout + done.stderr
        tag = git(self.project, "describe", "--tags", "--exact-match").strip()
        git(self.project, "push", "--quiet", "origin", tag)
        return tag

    def fetch(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def versions(self) -> list[tuple[str, str, list[str]]]:
        return [(v["version"], v["title"], v["aliases"]) for v in json.loads(self.fetch("versions.json")[1])]

    def dcat(self) -> rdflib.Graph:
        status, body = self.fetch("dcat.rdf")
        assert status == 200
        return rdflib.Graph().parse(data=body, format="xml")


@pytest.fixture(scope="module")
def page(module_page):
    """The reader's one tab through the year, its cache off: the site changes under it."""
    return without_cache(module_page)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    world = Year(tmp_path_factory.mktemp("year"))
    yield world
    world.server.shutdown()


# --- What a reader sees -------------------------------------------------------------------------


def robots(page) -> str | None:
    meta = page.locator('meta[name="robots"]')
    return meta.get_attribute("content") if meta.count() else None


def outdated_banner_shown(page) -> bool:
    page.wait_for_load_state("networkidle")  # the banner's script has read versions.json
    banner = page.locator("[data-fp-outdated]")
    return banner.count() == 1 and banner.is_visible()


def check_canonical_and_sitemap(year, page, version: str) -> None:
    """Canonical addresses are pages of this version that exist and may be indexed; the version's
    sitemap lists such pages."""
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical.startswith(f"{SITE_URL}{version}/"), canonical
    status, body = year.fetch(canonical[len(SITE_URL) :])
    assert status == 200 and b'http-equiv="refresh"' not in body and b'content="noindex"' not in body
    status, sitemap = year.fetch(f"{version}/sitemap.xml")
    assert status == 200
    locations = [loc.split("</loc>")[0] for loc in sitemap.decode().split("<loc>")[1:]]
    assert locations and all(loc.startswith(f"{SITE_URL}{version}/") for loc in locations)
    for location in locations[:4]:
        status, body = year.fetch(location[len(SITE_URL) :])
        assert status == 200 and b'http-equiv="refresh"' not in body and b'content="noindex"' not in body


def check_root_files(year, page) -> None:
    """The site root's 404 page (any missing address, in Swedish), each version's own 404 page,
    and the root feed that every page advertises."""
    response = page.goto(year.base + "finns-inte/alls/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Sidan finns inte"
    assert page.locator("html").get_attribute("lang") == "sv"
    for version, _, _ in year.versions():
        status, body = year.fetch(f"{version}/404.html")
        assert status == 200 and "<h1>Sidan finns inte</h1>" in body.decode(), version
    status, feed = year.fetch("feed.xml")
    assert status == 200 and feed.startswith(b"<?xml")


def feed_link(page) -> str:
    return page.evaluate("document.querySelector('link[type=\"application/atom+xml\"]').href")


# --- The year -----------------------------------------------------------------------------------


def test_1_the_first_draft_from_main_leads_the_site_root(year, page):
    year.workflow("push", today="2026-11-20")
    assert year.versions() == [("utkast", "Utkast (arbetsmaterial)", [])]
    page.goto(year.base)  # not a 404 before the first version
    page.wait_for_url(year.base + "utkast/")
    assert robots(page) == "noindex"  # only the draft stays out of search engines
    status, sitemap = year.fetch("utkast/sitemap.xml")
    assert status == 200 and b"<urlset" in sitemap and b"<url>" not in sitemap  # nor in its sitemap
    assert page.locator(".fp-banner--utkast").is_visible()
    assert not outdated_banner_shown(page)
    assert feed_link(page) == year.base + "feed.xml"
    check_root_files(year, page)


def test_2_the_remiss_tag_is_published_and_can_be_found(year, page):
    tag = year.release()
    assert tag == "v2026-remiss"
    year.workflow("push", today="2027-01-05", ref=tag, ref_type="tag")
    assert year.versions() == [
        ("2026-remiss", "2026-remiss (remissversion)", []),
        ("utkast", "Utkast (arbetsmaterial)", []),
    ]
    page.goto(year.base)
    page.wait_for_url(year.base + "2026-remiss/")
    assert robots(page) is None  # a public consultation: findable
    assert "Förslaget är ute på remiss." in page.locator(".fp-banner--remisstid").inner_text()
    assert "31 dagar kvar" in page.locator(".fp-banner--remisstid").inner_text()
    # No decided version yet: no "not the version in force" banner, which would lead back here.
    assert not outdated_banner_shown(page)
    assert feed_link(page) == year.base + "feed.xml"
    check_canonical_and_sitemap(year, page, "2026-remiss")

    page.goto(year.base + "2026-remiss/omraden/grunduppdraget/")
    links = page.get_by_role("link", name="Lämna synpunkt")
    assert links.count() > 1
    assert links.first.get_attribute("href").startswith(
        "https://github.com/exempelstaden/fardplan/issues/new?"
    )
    check_root_files(year, page)
    feed = year.fetch("feed.xml")[1].decode()
    assert feed.count("<entry>") == 1 and "2026-remiss" in feed
    graph = year.dcat()
    assert (None, DCAT.dataset, STABLE_DATASET) in graph
    assert str(graph.value(graph.value(STABLE_DATASET, DCAT.hasVersion), DCAT.version)) == "2026-remiss"


def test_3_republished_by_hand_on_the_last_day(year, page):
    year.workflow("workflow_dispatch", today="2027-02-05", requested="v2026-remiss")
    page.goto(year.base + "2026-remiss/omraden/grunduppdraget/")
    assert "i dag är sista dagen" in page.locator(".fp-banner--remisstid").inner_text()
    assert page.get_by_role("link", name="Lämna synpunkt").count() > 1


def test_4_the_nightly_run_after_the_last_day_closes_the_remiss(year, page):
    year.workflow("schedule", today="2027-02-06")
    page.goto(year.base + "2026-remiss/omraden/grunduppdraget/")
    assert "Remisstiden gick ut den 5 februari 2027." in page.locator(".fp-banner--remisstid").inner_text()
    assert page.get_by_role("link", name="Lämna synpunkt").count() == 0
    assert "kvar" not in page.locator("body").inner_text()
    assert page.locator(".fp-remiss-links--closed").count() > 1

    # A few days later the nightly run has nothing left to do and publishes nothing.
    before = year.pages_commit()
    done = year.workflow("schedule", today="2027-02-21")
    assert "Ingen remiss behöver byggas om" in done.stderr
    assert year.pages_commit() == before


def test_5_the_decided_tag_becomes_the_version_in_force(year, page):
    first_dataset = year.dcat()
    write_data(year.project, decide_after_remiss(read_data(year.project)))
    commit_and_push(year.project, "Beslutad av kommunfullmäktige")
    tag = year.release()
    year.workflow("push", today="2027-04-27", ref=tag, ref_type="tag")

    assert year.versions() == [
        ("2027", "2027 (gällande)", ["gallande"]),
        ("2026-remiss", "2026-remiss (remissversion)", []),
        ("utkast", "Utkast (arbetsmaterial)", []),
    ]
    page.goto(year.base)
    page.wait_for_url(year.base + "2027/")
    assert page.title().startswith("Färdplan för äldreomsorgens utveckling")
    assert robots(page) is None
    # Decided: no version banner, and no "not the version in force" banner.
    assert page.locator(".md-banner .fp-banner--remiss, .md-banner .fp-banner--utkast").count() == 0
    assert not outdated_banner_shown(page)
    check_canonical_and_sitemap(year, page, "2027")
    menu = page.locator(".md-version")
    menu.wait_for()
    assert menu.locator(".md-version__current").inner_text() == "2027 (gällande)"
    assert [t.strip() for t in menu.locator(".md-version__link").all_inner_texts()] == [
        "2027 (gällande)",
        "2026-remiss (remissversion)",
        "Utkast (arbetsmaterial)",
    ]
    # The selector switches to the remiss version.
    menu.hover()  # Material opens the list on hover (and on keyboard focus)
    page.get_by_role("link", name="2026-remiss (remissversion)").click()
    page.wait_for_url(year.base + "2026-remiss/**")
    assert page.locator(".md-banner .fp-banner--remiss").inner_text().startswith("Remissversion")
    assert robots(page) is None  # a public consultation: findable

    page.goto(year.base + "gallande/omraden/grunduppdraget/")
    page.wait_for_url(year.base + "2027/omraden/grunduppdraget/")

    # The remiss version now says it is not the version in force and leads there.
    page.goto(year.base + "2026-remiss/omraden/grunduppdraget/")
    assert outdated_banner_shown(page)
    page.locator("[data-fp-outdated] a").click()
    page.wait_for_url(year.base + "2027/")
    check_root_files(year, page)

    # Open data: one dataset with a stable URI across versions, its current version the decided one,
    # and the decided version's files at stable addresses under the site root.
    graph = year.dcat()
    assert (None, DCAT.dataset, STABLE_DATASET) in graph and (
        None,
        DCAT.dataset,
        STABLE_DATASET,
    ) in first_dataset
    current = graph.value(STABLE_DATASET, DCAT.hasCurrentVersion)
    assert str(graph.value(current, DCAT.version)) == "2027"
    assert graph.value(current, DCAT.previousVersion) == rdflib.URIRef(
        SITE_URL + "2026-remiss/data/dcat.rdf#datamangd"
    )
    access = {str(graph.value(d, DCAT.accessURL)) for d in graph.objects(STABLE_DATASET, DCAT.distribution)}
    assert access == {SITE_URL + "data/roadmap.json", SITE_URL + "data/roadmap.csv"}
    for path in ("data/roadmap.json", "data/roadmap.csv", "data/roadmap.schema.json"):
        assert year.fetch(path) == year.fetch(f"2027/{path}"), path
    assert json.loads(year.fetch("data/roadmap.json")[1])["dokument"]["status"] == "beslutad"
    feed = year.fetch("feed.xml")[1].decode()
    assert feed.count("<entry>") == 2


def test_5a_the_published_tree_has_no_symlinks_and_its_own_root_files(year):
    """The gh-pages tree as pushed, with the remiss and the decided version published: GitHub Pages
    serves no symlinks, and the site root has the files mike does not make."""
    tree = year.tree
    listing = git(year.folder, "--git-dir", str(year.remote), "ls-tree", "-r", "gh-pages")
    assert not any(line.startswith("120000 ") for line in listing.splitlines())
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
    assert f"{SITE_URL}2027/data/roadmap.json" in (tree / "dcat.rdf").read_text(encoding="utf-8")


def test_5b_what_changed_in_the_decided_version_is_one_click_away(year, page):
    page.goto(year.base + "2027/")
    page.get_by_role("link", name="Vad har ändrats sedan förra versionen?").click()
    page.wait_for_url(year.base + "2027/andringar/")
    summary = page.locator(".fp-changes-summary").inner_text()
    assert summary.startswith("Jämfört med version 2026-remiss: 1 flyttat behov, 1 ny åtgärd")
    page.get_by_role("link", name="Samverkan med privata utförare").click()
    page.wait_for_url(year.base + "2027/omraden/grunduppdraget/#samverkan-med-privata-utforare")
    expect(page.locator("tr#samverkan-med-privata-utforare")).to_be_in_viewport()


def test_5c_the_privacy_page_names_what_the_browser_stores_with_versions(year, page):
    """With versions published, Material remembers for the visit whether the version read is the
    newest (sessionStorage, per version): exactly what the privacy page says, and nothing else is
    stored, after a reader has gone between the draft, the remiss and the decided version (the steps
    before, same tab)."""
    page.goto(year.base + "2027/kakor-och-personuppgifter/")
    page.locator(".md-version__current").wait_for()
    local, session = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert local == [] and page.context.cookies() == []
    assert session and all(key.endswith("__outdated") for key in session), session
    text = page.locator("article").inner_text()
    assert "sessionStorage" in text and "localStorage" in text
    assert "inget i webbläsarens lokala lagring (localStorage eller sessionStorage)" not in text


def test_6_the_next_draft_and_a_republished_remiss_move_nothing(year, page):
    data = read_data(year.project)
    data["dokument"].update(version="2026-remiss", status="utkast")
    write_data(year.project, data)
    commit_and_push(year.project, "Nästa utkast")
    feed = year.fetch("feed.xml")
    year.workflow("push", today="2028-01-10")
    # An older version republished by hand leaves the version in force and the root feed alone.
    year.workflow("workflow_dispatch", today="2028-01-11", requested="v2026-remiss")

    assert [v[0] for v in year.versions()] == ["2027", "2026-remiss", "utkast"]
    assert year.fetch("feed.xml") == feed
    assert year.fetch("dcat.rdf") == year.fetch("2027/data/dcat.rdf")
    page.goto(year.base)
    page.wait_for_url(year.base + "2027/")
    page.goto(year.base + "utkast/")
    assert robots(page) == "noindex"
    assert "Du läser version 2026-remiss" in year.fetch("utkast/andringar/")[1].decode()
    assert outdated_banner_shown(page)
    assert page.locator(".fp-banner--utkast").is_visible()
    check_root_files(year, page)

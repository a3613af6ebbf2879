"""Publishing from a fresh clone, as the workflow does: a remiss published after a decided version
is added beside it and moves neither the site root nor the metadata of the version in force."""

from __future__ import annotations

import json

from fardplan import load_roadmap
from release_support import git, git_project, run_script
from support import DATA

REMISS_VERSION = load_roadmap(DATA).document.version

ROOT_INDEX = b'<meta http-equiv="refresh" content="0; url=gallande/">\n'
ROOT_DCAT = b"<!-- metadata of the version in force -->\n"


def test_a_remiss_after_a_decided_version_leaves_the_version_in_force(tmp_path):
    git_project(tmp_path / "project")  # pushed to its origin, remote.git
    remote = tmp_path / "remote.git"

    # The branch as earlier deploys left it: version 2021 in force.
    pages = tmp_path / "pages"
    pages.mkdir()
    git(pages, "init", "--quiet", "--initial-branch=gh-pages")
    (pages / "index.html").write_bytes(ROOT_INDEX)
    (pages / "dcat.rdf").write_bytes(ROOT_DCAT)
    (pages / "versions.json").write_text(
        json.dumps([{"version": "2021", "title": "2021 (beslutad)", "aliases": ["gallande"]}]),
        encoding="utf-8",
    )
    (pages / "2021").mkdir()
    (pages / "2021" / "index.html").write_text("<p>2021</p>\n", encoding="utf-8")
    git(pages, "add", "--all")
    git(pages, "commit", "--quiet", "--message", "Earlier deploys")
    git(pages, "push", "--quiet", str(remote), "gh-pages")

    # A fresh clone, fetching gh-pages the way the workflow does.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(remote), str(clone))
    git(clone, "fetch", "--quiet", "origin", "gh-pages")
    done = run_script(clone, "publish.py", "version", "--push", "--project", str(clone))
    assert done.returncode == 0, done.stdout + done.stderr

    def published(path: str) -> bytes:
        return git(tmp_path, "--git-dir", str(remote), "show", f"gh-pages:{path}").encode()

    assert published("index.html") == ROOT_INDEX
    assert published("dcat.rdf") == ROOT_DCAT
    versions = json.loads(published("versions.json"))
    assert {(v["version"], tuple(v["aliases"])) for v in versions} == {
        ("2021", ("gallande",)),
        (REMISS_VERSION, ()),
    }
    assert b"<title>" in published(f"{REMISS_VERSION}/index.html")
    assert published("feed.xml") == published(f"{REMISS_VERSION}/feed.xml")  # the feed of the newest release
    not_found = published("404.html").decode()
    assert '<a href="/fardplan/gallande/">' in not_found
    assert f'<a href="/fardplan/{REMISS_VERSION}/">{REMISS_VERSION} (remissversion)</a>' in not_found

"""The published site's branch (gh-pages), as mike leaves it, and the site-root files mike does not make.

mike writes one folder per version, redirect pages for the aliases, `versions.json` and the root
`index.html`. It writes no root 404 page (mike issue 72), and the feed and metadata of the
version in force need an address that does not change between versions. Those files are added
here with git plumbing (a temporary index), so no worktree or checkout of the branch is needed.
"""

from __future__ import annotations

import html
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from fardplan.versions.edition import CURRENT_ALIAS, DRAFT_VERSION, IN_FORCE_LABEL
from fardplan.versions.gitref import git, read_at_ref, ref_exists

SYMLINK_MODE = "120000"


class BranchError(RuntimeError):
    """A git command on the published branch failed; the message is Swedish."""


def _git(repo: Path, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
    done = git(repo, *args, input=input, env=env)
    if not done.ok:
        raise BranchError(f"git {' '.join(args)} misslyckades: {done.err}")
    return done.stdout


def branch_exists(repo: Path, branch: str) -> bool:
    return ref_exists(repo, f"refs/heads/{branch}")


@dataclass(frozen=True)
class PublishedEntry:
    """One line of mike's versions.json."""

    version: str
    title: str
    aliases: tuple[str, ...]


def published_versions(repo: Path, branch: str) -> list[PublishedEntry]:
    return published_versions_from(read_at_ref(repo, branch, "versions.json") or b"")


def published_versions_from(raw: bytes) -> list[PublishedEntry]:
    if not raw:
        return []
    # Titles are HTML there (edition.version_title): plain text here, for autoescaping templates.
    return [
        PublishedEntry(
            item["version"],
            html.unescape(item.get("title") or item["version"]),
            tuple(item.get("aliases") or ()),
        )
        for item in json.loads(raw)
    ]


def release_tags_newest_first(repo: Path) -> list[str]:
    """The release tags v…, newest first by the history of the commits they tag (not by their
    timestamps, which tie within a second)."""
    done = git(
        repo,
        "log",
        "--topo-order",
        "--simplify-by-decoration",
        "--format=%D",
        "--decorate-refs=refs/tags/v*",
        "--tags=v*",
    )
    if not done.ok:
        return []
    return [
        name.removeprefix("tag: ")
        for line in done.out.splitlines()
        for name in line.split(", ")
        if name.startswith("tag: ")
    ]


def versions_for_readers(raw: bytes, tags_newest_first: list[str]) -> bytes:
    """mike's versions.json in an order a reader understands, which Material's menu follows: the
    version in force first, titled "… (gällande)", then the other versions newest first, the draft
    last. mike sorts by name ("2022-remiss" before "2022") and shows the alias only as the ASCII
    folder name "gallande"."""
    items = json.loads(raw or b"[]")
    rank = {tag.removeprefix("v"): i for i, tag in enumerate(tags_newest_first)}
    for item in items:
        title = item.get("title") or item["version"]
        if CURRENT_ALIAS in (item.get("aliases") or ()):
            title = title.replace("(beslutad)", f"({IN_FORCE_LABEL})")
        else:
            title = title.replace(f"({IN_FORCE_LABEL})", "(beslutad)")
        item["title"] = title

    def order(item: dict[str, Any]) -> tuple[int, int]:
        if CURRENT_ALIAS in (item.get("aliases") or ()):
            return (0, 0)
        if item["version"] == DRAFT_VERSION:
            return (2, 0)
        return (1, rank.get(item["version"], len(rank)))

    return (json.dumps(sorted(items, key=order), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def symlinks(repo: Path, branch: str) -> list[str]:
    """Paths on the branch stored as symbolic links (GitHub Pages refuses to publish them)."""
    listing = _git(repo, "ls-tree", "-r", "-z", branch).decode()
    found = []
    for record in filter(None, listing.split("\0")):
        meta, path = record.split("\t", 1)
        if meta.split()[0] == SYMLINK_MODE:
            found.append(path)
    return found


def commit_files(repo: Path, branch: str, files: dict[str, bytes], message: str) -> bool:
    """Add or replace `files` (path on the branch -> content) in one commit on top of `branch`.
    Returns False, committing nothing, when the branch already has exactly these contents."""
    parent = _git(repo, "rev-parse", f"refs/heads/{branch}").decode().strip()
    with tempfile.TemporaryDirectory() as folder:
        index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
        _git(repo, "read-tree", parent, env=index)
        for path, content in sorted(files.items()):
            blob = _git(repo, "hash-object", "-w", "--stdin", input=content).decode().strip()
            _git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=index)
        tree = _git(repo, "write-tree", env=index).decode().strip()
    if tree == _git(repo, "rev-parse", f"{parent}^{{tree}}").decode().strip():
        return False
    commit = _git(repo, "commit-tree", tree, "-p", parent, "-m", message).decode().strip()
    _git(repo, "update-ref", f"refs/heads/{branch}", commit, parent)
    return True


def site_root_path(site_url: str | None) -> str:
    """The path the site lives under on its host, e.g. /fardplan/ (from site_url)."""
    path = urlparse(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"

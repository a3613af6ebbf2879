"""Published versions of the färdplan, read from the release tags in git.

A published version is a tag v<version> (made by scripts/release.py). Its data is the data file
as it stood at the tag. Everything here is plain git and the core's own validation, so the "what
changed" page, the Atom feed and the publish scripts agree on what was published and in which
order, and a site built outside git (an exported folder) simply has no history.
"""
from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .gitref import RELEASE_TAG_PREFIX, read_at_ref
from .model import Roadmap
from .validate import validate_file


@dataclass(frozen=True)
class Release:
    """One release tag: the version it names, the commit it points at and when it was made."""

    tag: str
    commit: str
    created: datetime

    @property
    def version(self) -> str:
        return self.tag[len(RELEASE_TAG_PREFIX):]


@dataclass(frozen=True)
class PublishedVersion:
    """A release with its data: the model, or why it could not be read with today's rules."""

    release: Release
    roadmap: Roadmap | None
    problem: str | None = None


def tag_for(version: str) -> str:
    return f"{RELEASE_TAG_PREFIX}{version}"


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:  # git not installed: no history
        return None
    return done.stdout if done.returncode == 0 else None


def releases(cwd: Path, ref: str = "HEAD") -> list[Release]:
    """Release tags reachable from `ref`, oldest first.

    Ordered by the history of `ref` (a tag made later on an older commit still sorts by its
    commit), then by the tag's own date for tags on the same commit.
    """
    listing = _git(cwd, "for-each-ref", f"--merged={ref}", "--format=%(refname:short)%09%(objectname)"
                   "%09%(*objectname)%09%(creatordate:iso-strict)", f"refs/tags/{RELEASE_TAG_PREFIX}*")
    if not listing:
        return []
    found = []
    for line in listing.splitlines():
        tag, obj, peeled, created = line.split("\t")
        found.append(Release(tag, peeled or obj, datetime.fromisoformat(created)))
    history = (_git(cwd, "rev-list", "--topo-order", "--reverse", ref) or "").split()
    position = {commit: n for n, commit in enumerate(history)}
    return sorted(found, key=lambda r: (position.get(r.commit, -1), r.created))


def load_at(release: Release, repo: Path, data_path: str) -> PublishedVersion:
    """The data file at a release, checked with the same validation as the build.

    `data_path` is relative to the repository root. Old data that today's rules reject is
    reported, not raised: a page about history must not stop the build of today's version.
    """
    raw = read_at_ref(repo, release.tag, data_path)
    if raw is None:
        return PublishedVersion(release, None, f"datafilen {data_path} fanns inte i versionen")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / Path(data_path).name
        copy.write_bytes(raw)
        result = validate_file(copy, name=f"{release.tag}:{data_path}")
    if result.roadmap is None:
        first = result.errors[0].text() if result.errors else "okänt fel"
        return PublishedVersion(release, None, f"datafilen går inte att läsa med dagens regler ({first})")
    return PublishedVersion(release, result.roadmap)

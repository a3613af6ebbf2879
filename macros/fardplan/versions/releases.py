"""Published versions of the färdplan, read from the release tags in git.

A published version is a tag v<version> (made by scripts/release.py). Its data is the data file
as it stood at the tag. Everything here is plain git and the core's own validation, so the "what
changed" page, the Atom feed and the publish scripts agree on what was published and in which
order, and a site built outside git (an exported folder) simply has no history.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

# Release, releases and last_release are plain git and live in gitref; they are re-exported here.
from fardplan.versions.gitref import RELEASE_TAG_PREFIX, Release, last_release, read_at_ref, releases  # noqa: F401
from fardplan.data.model import Roadmap
from fardplan.data.validate import validate_file


@dataclass(frozen=True)
class PublishedVersion:
    """A release with its data: the model, or why it could not be read with today's rules."""

    release: Release
    roadmap: Roadmap | None
    problem: str | None = None


def tag_for(version: str) -> str:
    return f"{RELEASE_TAG_PREFIX}{version}"


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

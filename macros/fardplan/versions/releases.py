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

from fardplan.data.history import Previous
from fardplan.data.model import Roadmap
from fardplan.data.source import SourceError, parse_source
from fardplan.data.validate import validate_file
from fardplan.versions.gitref import (
    RELEASE_TAG_PREFIX,
    Release,
    draft_base,
    last_release,
    read_at_ref,
    ref_exists,
    releases,
    repository_root,
)


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


class CompareError(Exception):
    """The comparison cannot be made; the message is Swedish and says why."""


# The branch the draft is published from. Before the first release it is what "published" means.
DRAFT_BRANCH = "main"


def load_previous(path: Path, ref: str | None = None, branch: str = DRAFT_BRANCH) -> Previous | None:
    """The data file to compare with, or None when there is nothing to compare with.

    Without `ref` that is the last published version (`last_release`, the same version
    "Vad har ändrats" compares the draft with). Before the first release the draft on `branch`
    is what readers see, so changes are compared with the file where the current work started
    from that branch (`draft_base`): on the branch itself, the last commit."""
    root = repository_root(path.resolve())
    if root is None:
        raise CompareError(
            f"{path} ligger inte i ett git-förråd, så det finns ingen publicerad version att jämföra med"
        )
    if ref is not None:
        if not ref_exists(root, ref):
            raise CompareError(
                f"git känner inte till '{ref}': ange en tagg, till exempel "
                f"{RELEASE_TAG_PREFIX}2022-remiss, en gren eller en commit"
            )
        label = (
            f"den publicerade versionen {ref}" if ref.startswith(RELEASE_TAG_PREFIX) else f"versionen {ref}"
        )
    elif (release := last_release(releases(root))) is not None:
        ref, label = release.tag, f"den publicerade versionen {release.tag}"
    elif (base := draft_base(root, branch)) is not None:
        ref, label = base, f"den senaste versionen i {branch}"
    else:
        return None
    inside = path.resolve().relative_to(root.resolve()).as_posix()
    raw = read_at_ref(root, ref, inside)
    if raw is None:
        return None
    try:
        old = parse_source(raw, f"{ref}:{inside}")
    except SourceError as error:
        raise CompareError(f"{label} kan inte läsas: {error}") from None
    return Previous(ref, old.data, label)

"""The färdplan's published history: what changed in this version, and in every published one.

Built once per build from the release tags (see releases.py). Each published version's data is
read and validated once, however many comparisons use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fardplan.data.model import Roadmap
from fardplan.data.text import swedish_date
from fardplan.versions.changes import Comparison, compare
from fardplan.versions.edition import Edition, edition
from fardplan.versions.gitref import Release, last_release, releases, repository_root
from fardplan.versions.opendata import FeedEntry
from fardplan.versions.releases import PublishedVersion, load_at


@dataclass(frozen=True)
class VersionChanges:
    """What changed in one version compared with the one published before it.

    When nothing can be compared, `note` says why in plain Swedish (no history outside git, the
    first published version, or an earlier version whose data today's rules cannot read).
    """

    roadmap: Roadmap
    previous: PublishedVersion | None
    comparison: Comparison | None
    note: str


NO_HISTORY = (
    "Versionshistoriken är inte tillgänglig: webbplatsen byggdes utanför git, så det går "
    "inte att jämföra med tidigare versioner."
)
FIRST_VERSION = (
    "Ingen tidigare version av färdplanen har publicerats, så det finns inget att jämföra med ännu."
)


@dataclass
class History:
    """Where the data file lives in git, and its published versions reachable from HEAD."""

    repo: Path
    data_path: str  # relative to the repository root, with forward slashes
    versions: tuple[Release, ...]
    _loaded: dict[str, PublishedVersion] = field(default_factory=dict, repr=False)

    @classmethod
    def find(cls, data_file: Path) -> History | None:
        """The history of `data_file`, or None when it is not inside a git repository."""
        root = repository_root(data_file)
        if root is None:
            return None
        relative = Path(os.path.relpath(data_file.resolve(), root.resolve())).as_posix()
        return cls(root, relative, tuple(releases(root)))

    def previous(self, publishing: str | None) -> Release | None:
        """The last published version before the one this build publishes (None for the draft)."""
        return last_release(self.versions, publishing)

    def load(self, release: Release) -> PublishedVersion:
        if release.tag not in self._loaded:
            self._loaded[release.tag] = load_at(release, self.repo, self.data_path)
        return self._loaded[release.tag]

    def changes(self, roadmap: Roadmap, current: Edition | None = None) -> VersionChanges:
        """What changed in `roadmap` (the version being built) since the last published one.

        A remiss or decided edition is compared with the version before its own tag; the draft
        with the newest tag, even before its data's version has been renamed."""
        current = current or edition(roadmap)
        release = self.previous(None if current.kind == "utkast" else roadmap.document.version)
        if release is None:
            return VersionChanges(roadmap, None, None, FIRST_VERSION)
        previous = self.load(release)
        if previous.roadmap is None:
            return VersionChanges(
                roadmap,
                previous,
                None,
                f"Den förra versionen ({release.version}) går inte att jämföra med: {previous.problem}.",
            )
        return VersionChanges(roadmap, previous, compare(previous.roadmap, roadmap), "")

    def feed_entries(self) -> list[FeedEntry]:
        """One entry per published version, each compared with the version before it."""
        entries = []
        before: PublishedVersion | None = None
        for release in self.versions:
            current = self.load(release)
            comparison = None
            if current.roadmap is None:
                note = (
                    f"Version {release.version} publicerades. Ändringarna kan inte visas: {current.problem}."
                )
                title = f"Version {release.version}"
            else:
                title = f"Version {release.version} ({edition(current.roadmap).label.lower()})"
                if before is None:
                    note = "Den första publicerade versionen av färdplanen."
                elif before.roadmap is None:
                    note = f"Ändringarna kan inte visas: den förra versionen gick inte att läsa ({before.problem})."
                else:
                    comparison = compare(before.roadmap, current.roadmap)
                    note = ""
            entries.append(FeedEntry(release.version, title, release.created, comparison, note))
            before = current
        return entries


def changes_without_history(roadmap: Roadmap) -> VersionChanges:
    return VersionChanges(roadmap, None, None, NO_HISTORY)


def describe_version(roadmap: Roadmap, current: Edition | None = None) -> str:
    """ "version 2022-remiss (remissversion, 20 januari 2022)"; `current` is the edition of the
    version being built (the draft published from main is "utkast" whatever its data says)."""
    doc = roadmap.document
    label = (current or edition(roadmap)).label.lower()
    return f"version {doc.version} ({label}, {swedish_date(doc.date)})"

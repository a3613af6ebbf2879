"""One published version: its edition, its history and its open-data files, prepared once per build.

Used by the MkDocs adapter (pages and on_post_build) and by scripts/export_open_data.py, which
writes the same files into a site built by a generator that has no post-build step (Zensical).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from fardplan.versions.edition import Edition, edition
from fardplan.versions.version_history import History, VersionChanges, changes_without_history
from fardplan.data.model import Roadmap
from fardplan.versions.opendata import FILES, FeedEntry, OpenDataFile, OpenDataSettings, write_open_data

# mike sets this while it builds a version; its value is the version's folder (e.g. 2022, utkast).
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"


def published_folder() -> str | None:
    return os.environ.get(MIKE_VERSION_VARIABLE) or None


@dataclass(frozen=True)
class ListedFile:
    """An open-data file as the "Öppna data" page lists it."""

    file: OpenDataFile
    link: str  # relative to the site root of this version
    stable_url: str  # the full address to cite ("" when site_url is not set)


class Publication:
    def __init__(self, roadmap: Roadmap, data_file: Path, published_as: str | None = None):
        self.roadmap = roadmap
        self.data_file = data_file
        self.published_as = published_as
        self.edition: Edition = edition(roadmap, published_as)
        self.settings = OpenDataSettings.from_settings(roadmap.settings, self.edition.published_as)

    @cached_property
    def history(self) -> History | None:
        return History.find(self.data_file)

    @cached_property
    def changes(self) -> VersionChanges:
        if self.history is None:
            return changes_without_history(self.roadmap)
        return self.history.changes(self.roadmap, self.edition)

    @cached_property
    def feed_entries(self) -> list[FeedEntry]:
        return self.history.feed_entries() if self.history else []

    def listed_files(self) -> list[ListedFile]:
        return [
            ListedFile(f, f.path, self.settings.version_url(f.path) if self.settings.site_root else "")
            for f in FILES
        ]

    def write_open_data(self, site_dir: Path) -> list[Path]:
        previous = self.changes.previous
        return write_open_data(
            site_dir,
            self.roadmap,
            self.settings,
            self.feed_entries,
            self.changes.comparison.summary() if self.changes.comparison else None,
            in_force=self.edition.kind == "beslutad" and self.edition.versioned,
            previous_folder=previous.release.version if previous else None,
        )


def read_site_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data, for scripts that run without MkDocs. Tags such as !ENV are
    kept as their text; only extra.fardplan is read from it (fardplan.project)."""

    class _Loader(yaml.SafeLoader):
        pass

    def keep_text(loader, suffix, node):
        return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None

    _Loader.add_multi_constructor("!", keep_text)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", keep_text)
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}

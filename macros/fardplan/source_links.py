"""Links from the site to the data file on GitHub, so an editor can go from a need to its line.

The repository and branch come from the site's configuration (mkdocs.yml, extra.fardplan); the
line comes from the loader. GitHub's editor URL (…/edit/BRANCH/FILE) opens the file ready to
edit and, with #L<line>, places the cursor on that line; the line number is also written in the
link's text, so an editor can find the line even where the anchor is not honoured.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_REPOSITORY = re.compile(r"^https://[^\s/]+/[^\s/]+/[^\s/]+$")
_BRANCH = re.compile(r"^[^\s~^:?*\[\\]+$")


class LinkSettingsError(ValueError):
    """The configuration names no usable repository or branch; the message is Swedish."""


@dataclass(frozen=True)
class SourceLinks:
    repository: str  # https://github.com/OWNER/REPO
    branch: str
    data_path: str  # the data file, relative to the repository root

    def edit_url(self, line: int | None = None) -> str:
        anchor = f"#L{line}" if line else ""
        return f"{self.repository}/edit/{self.branch}/{self.data_path}{anchor}"

    def view_url(self, line: int | None = None) -> str:
        anchor = f"#L{line}" if line else ""
        return f"{self.repository}/blob/{self.branch}/{self.data_path}{anchor}"


def source_links(settings: dict[str, Any], data_path: str) -> SourceLinks | None:
    """The links for `extra.fardplan` settings, or None when no repository is configured
    (then the site shows no edit links rather than links that lead nowhere)."""
    repository = (settings.get("repository") or "").strip().rstrip("/")
    if not repository:
        return None
    if not _REPOSITORY.match(repository):
        raise LinkSettingsError(
            f"extra.fardplan.repository i mkdocs.yml ska vara förrådets webbadress, till exempel "
            f"https://github.com/exempelstaden/fardplan, inte '{repository}'")
    branch = str(settings.get("branch") or "main").strip()
    if not _BRANCH.match(branch):
        raise LinkSettingsError(f"extra.fardplan.branch i mkdocs.yml är inte ett giltigt grennamn: '{branch}'")
    return SourceLinks(repository, branch, data_path.strip("/"))

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
from urllib.parse import quote

from fardplan.data.addresses import SettingsError, repository_problem

# Git's rules for a branch name, without the characters that would end or change a URL's path
# (# ? % " < > ') and without spaces or control characters.
_BRANCH = re.compile(r"^(?!/|-)(?!.*(\.\.|//|@\{|\.lock$|/$|\.$))[^\s~^:?*\[\\#%\"<>'\x00-\x1f\x7f]+$")


class LinkSettingsError(SettingsError):
    """The configuration names no usable repository or branch; the message is Swedish."""


@dataclass(frozen=True)
class SourceLinks:
    repository: str  # https://github.com/OWNER/REPO
    branch: str
    data_path: str  # the data file, relative to the repository root

    def edit_url(self, line: int | None = None) -> str:
        return self._url("edit", line)

    def view_url(self, line: int | None = None) -> str:
        return self._url("blob", line)

    def _url(self, action: str, line: int | None) -> str:
        # The repository is checked whole (source_links); branch and path are encoded.
        anchor = f"#L{int(line)}" if line else ""
        return f"{self.repository}/{action}/{quote(self.branch, safe='/')}/{quote(self.data_path, safe='/')}{anchor}"


def source_links(settings: dict[str, Any], data_path: str) -> SourceLinks | None:
    """The links for `extra.fardplan` settings, or None when no repository is configured
    (then the site shows no edit links rather than links that lead nowhere)."""
    repository = settings.get("repository") or ""
    if not isinstance(repository, str):
        raise LinkSettingsError(
            "extra.fardplan.repository i mkdocs.yml ska vara förrådets webbadress, till exempel "
            "https://github.com/exempelstaden/fardplan"
        )
    repository = repository.strip().rstrip("/")
    if not repository:
        return None
    problem = repository_problem(repository)
    if problem:
        raise LinkSettingsError(
            "extra.fardplan.repository i mkdocs.yml ska vara förrådets webbadress, till exempel "
            f"https://github.com/exempelstaden/fardplan. {problem[0].upper()}{problem[1:]}"
        )
    branch = str(settings.get("branch") or "main").strip()
    if not _BRANCH.match(branch):
        raise LinkSettingsError(
            f"extra.fardplan.branch i mkdocs.yml är inte ett giltigt grennamn: '{branch}'. "
            "Skriv grenens namn, till exempel main, utan mellanslag och utan tecknen "
            "# ? % \" < > '"
        )
    return SourceLinks(repository, branch, data_path.strip("/"))

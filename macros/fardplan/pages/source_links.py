"""Links from the site to the data file on GitHub, so an editor can go from a need to its line.

The repository and branch come from the data's `inställningar` (förråd, gren); the
line comes from the loader. GitHub's editor URL (…/edit/BRANCH/FILE) opens the file ready to
edit and, with #L<line>, places the cursor on that line; the line number is also written in the
link's text, so an editor can find the line even where the anchor is not honoured.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fardplan.data.model import Settings


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


def source_links(settings: Settings, data_path: str) -> SourceLinks | None:
    """The links for the data's `inställningar` (förråd, gren; checked by the validator), or None
    when no repository is set (then the site shows no edit links rather than links that lead nowhere)."""
    if not settings.repository_url:
        return None
    return SourceLinks(settings.repository_url, settings.branch, data_path.strip("/"))

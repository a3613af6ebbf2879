"""Which edition a build is: the working draft, a remiss version or a decided version.

Readers must always see what they are reading. The draft (built from main and published as the
version `utkast`) and remiss versions carry a banner on every page; only a decided version is the
färdplan in force. Only the draft asks search engines not to index it: a remiss is a public
consultation that people must be able to find.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from fardplan.data.model import Roadmap, Stage

# The published name of the working draft (`mike deploy utkast`) and of the version in force.
DRAFT_VERSION = "utkast"
CURRENT_ALIAS = "gallande"
# What the version menu calls the version in force (the alias is a folder name, without å).
IN_FORCE_LABEL = "gällande"


@dataclass(frozen=True)
class Edition:
    kind: str  # "utkast", "remiss" or "beslutad"
    label: str  # what the banner and the version list call it
    text: str  # the banner's sentence ("" for a decided version: no banner)
    noindex: bool
    version: str  # the data's version name, e.g. 2022-remiss
    published_as: str  # the folder it is published in (the mike version), or the data's version
    versioned: bool = False  # published by mike into a folder beside other versions

    @property
    def banner(self) -> bool:
        return bool(self.text)

    def theme_values(self) -> dict[str, Any]:
        """Plain values for the theme templates (config.extra.fardplan_theme.edition)."""
        return {**asdict(self), "banner": self.banner}


def edition(roadmap: Roadmap, published_as: str | None = None) -> Edition:
    """The edition of this build. `published_as` is the version folder being deployed (mike sets
    MIKE_DOCS_VERSION); the draft folder is a draft whatever the data's status says."""
    document = roadmap.document
    folder = published_as or document.version
    if published_as == DRAFT_VERSION or document.stage is Stage.UTKAST:
        return Edition(
            "utkast",
            "Utkast",
            "Det här är ett arbetsmaterial som ändras medan det skrivs. Innehållet är inte beslutat.",
            True,
            document.version,
            folder,
            published_as is not None,
        )
    if document.stage is Stage.REMISS:
        return Edition(
            "remiss",
            "Remissversion",
            f"Det här är förslaget som skickades på remiss (version {document.version}). "
            "Innehållet är inte beslutat.",
            False,
            document.version,
            folder,
            published_as is not None,
        )
    return Edition("beslutad", "Beslutad", "", False, document.version, folder, published_as is not None)


def version_title(roadmap: Roadmap, published_as: str | None = None) -> str:
    """The title in the version selector, e.g. "2022 (beslutad)" or "Utkast (arbetsmaterial)".

    HTML, escaped: mike writes it into versions.json as given, and Material's version selector puts
    it into the page as markup."""
    current = edition(roadmap, published_as)
    if published_as == DRAFT_VERSION:
        return "Utkast (arbetsmaterial)"
    return html.escape(f"{roadmap.document.version} ({current.label.lower()})")


# Days after the remiss's last day on which the daily run still rebuilds the remiss version: the
# first one switches the links off and says the time has run out; the others make up for a
# scheduled run that GitHub skipped or that failed.
REBUILD_DAYS_AFTER_REMISS = 5


def remiss_needs_rebuild(roadmap: Roadmap, today: date) -> bool:
    """A remiss version that the daily run must rebuild: until a few days after its last day
    (when the data has a remiss block), so the published pages say the remiss has closed.

    Days before the remiss opens count too: the daily rebuild must run to switch the links on."""
    if roadmap.document.stage is not Stage.REMISS:
        return False
    return roadmap.remiss is None or today <= roadmap.remiss.last_day + timedelta(
        days=REBUILD_DAYS_AFTER_REMISS
    )

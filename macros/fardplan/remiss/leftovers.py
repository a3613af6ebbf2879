"""Warnings for remiss answers that do not belong to this plan (issue 17 item 4): a compilation kept
from the example, or answers while the plan has no remiss at all. Run on files that have passed
their own checks (fardplan.remiss.answers), so the data has the schema's shape."""

from __future__ import annotations

from pathlib import Path

from fardplan.data.diagnostics import Diagnostic
from fardplan.data.model import Roadmap
from fardplan.data.source import SourceError, read_source


def answers_leftovers(roadmap: Roadmap, answers_path: Path, name: str) -> list[Diagnostic]:
    if not answers_path.is_file():
        return []
    try:
        source = read_source(answers_path, name)
    except SourceError:
        return []  # reported by the answers' own check
    data = source.data if isinstance(source.data, dict) else {}
    comments = data.get("synpunkter") or []
    if not comments:
        return []
    count = f"{len(comments)} {'synpunkt' if len(comments) == 1 else 'synpunkter'}"
    if roadmap.remiss is None:
        return [
            source.diagnostic(
                ("synpunkter",),
                f"sammanställningen har {count}, men färdplanen har ingen remiss (inget block remiss): "
                f"är filen kvar från exemplet? Ta bort {name} och remissbemotande.yaml bredvid den",
                key=True,
                severity="warning",
            )
        ]
    theirs, ours = data.get("github-förråd"), roadmap.settings.repository
    if isinstance(theirs, str) and ours and theirs.casefold() != ours.casefold():
        return [
            source.diagnostic(
                ("github-förråd",),
                f"synpunkterna ({count}) kommer från förrådet {theirs}, men färdplanens förråd är {ours}: "
                f"är sammanställningen kvar från exemplet? Ta bort {name}, eller hämta synpunkterna på "
                "nytt med fardplan remissvar",
                severity="warning",
            )
        ]
    return []

"""The project's configuration, read once: where its files are (mkdocs.yml) and what it is called
and where it lives (the data's `inställningar`).

The adapter and every script start here, so the build, `validate --jämför-med`, the remiss
compilation, the PDF and publishing all read the same data and remiss files. mkdocs.yml only
names files (`extra.fardplan.data`, `remissvar`, `remissbemotande`); the organisation's name,
addresses, repository and licence live in the data (`inställningar`), which the adapter hands to
MkDocs as `site_name` and `site_url`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fardplan.data.addresses import SettingsError

DATA = "data/roadmap.yaml"
ANSWERS = "remissvar.yaml"  # beside the data file; written by scripts/remissvar.py
RESPONSES = "remissbemotande.yaml"  # beside the data file; written by editors

# Settings that moved from mkdocs.yml into the data file's `inställningar` (issue 17).
MOVED_SETTINGS = {
    "site_url": "webbplats",
    "extra.fardplan.repository": "förråd (skrivet ägare/namn)",
    "extra.fardplan.branch": "gren",
    "extra.fardplan.licens": "licens",
    "extra.fardplan.kontakt-epost": "kontakt-epost",
}


@dataclass(frozen=True)
class Project:
    root: Path
    data: str = DATA  # relative to root, as messages name it
    answers: str = ""  # "" = beside the data file
    responses: str = ""

    @property
    def data_file(self) -> Path:
        return self.root / self.data

    @property
    def answers_name(self) -> str:
        return self.answers or str(Path(self.data).parent / ANSWERS)

    @property
    def responses_name(self) -> str:
        return self.responses or str(Path(self.data).parent / RESPONSES)

    @property
    def answers_file(self) -> Path:
        return self.root / self.answers_name

    @property
    def responses_file(self) -> Path:
        return self.root / self.responses_name

    def with_data(self, data_file: Path) -> Project:
        """The project for a data file a script was given: this one for its own data file, else
        one whose remiss files are the ones beside the given file."""
        data_file = Path(data_file).resolve()
        if data_file == self.data_file.resolve():
            return self
        return Project(data_file.parent, data_file.name)


def project_from_config(config: dict[str, Any], root: Path) -> Project:
    """The project described by mkdocs.yml read as plain data; a setting that moved into the data
    file, or a file name that is not text, is a SettingsError with a Swedish message."""
    extra = config.get("extra")
    extra = extra if isinstance(extra, dict) else {}
    ours = extra.get("fardplan")
    ours = ours if isinstance(ours, dict) else {}
    moved = [
        f"  {old} i mkdocs.yml: skriv värdet i {ours.get('data') or DATA} under inställningar som {new}"
        for old, new in MOVED_SETTINGS.items()
        if (config.get(old) if "." not in old else ours.get(old.rsplit(".", 1)[1])) not in (None, "")
    ]
    if moved:
        raise SettingsError(
            "De här inställningarna har flyttat till datafilen, som är det enda stället för dem. "
            "Ta bort dem ur mkdocs.yml:\n" + "\n".join(moved)
        )
    names: dict[str, str] = {}
    for key in ("data", "remissvar", "remissbemotande"):
        value = ours.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise SettingsError(
                f"extra.fardplan.{key} i mkdocs.yml ska vara en fils namn, till exempel {DATA}"
            )
        names[key] = (value or "").strip()
    return Project(root, names["data"] or DATA, names["remissvar"], names["remissbemotande"])


def load_project(config_file: Path) -> Project:
    """mkdocs.yml read for a script, with Swedish messages (cli.site_config) for a missing or
    broken file."""
    from fardplan.cli import site_config

    config_file = Path(config_file)
    return project_from_config(site_config(config_file), config_file.resolve().parent)

"""`python3 scripts/dev.py check`, the content checks CI runs, finds an editor's mistakes and says in
Swedish where they are, as annotations on the lines (its browser part: browser/test_every_page.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fardplan import load_roadmap
from release_support import PYTHON, published_repository, tool_env
from support import DATA

TAG = f"v{load_roadmap(DATA).document.version}"  # the example as published_repository releases it


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return published_repository(tmp_path_factory.mktemp("published") / "repo")


def editor_clone(published: Path, target: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(published), str(target)], check=True, capture_output=True)
    return target


def run_check(repo: Path) -> subprocess.CompletedProcess:
    # `python3 scripts/dev.py check --format github` without its setup step (see test_editorial_changes)
    return subprocess.run(
        [PYTHON, "scripts/check_content.py", "--format", "github"],
        cwd=repo,
        env=tool_env(),
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_check_lists_every_problem_as_annotations_in_swedish(published, tmp_path):
    repo = editor_clone(published, tmp_path / "clone")
    data = repo / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    # A moved horizon without a reason, spaces at the end of a line, and a page deleted.
    start = text.index("id: halso-och-sjukvardsorganisation")
    at = text.index('tidshorisont: "2022-2028"', start)
    text = text[:at] + 'tidshorisont: "2022-2030"' + text[at + len('tidshorisont: "2022-2028"') :]
    data.write_text(
        text.replace("  organisation: Exempelstaden\n", "  organisation: Exempelstaden   \n", 1),
        encoding="utf-8",
    )
    (repo / "docs" / "tidslinje.md").unlink()
    horizon = line_of(data, 'tidshorisont: "2022-2030"')
    spaces = line_of(data, "  organisation: Exempelstaden   ")

    done = run_check(repo)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert f"Jämför med den publicerade versionen {TAG}." in out
    assert f"::error file=data/roadmap.yaml,line={horizon},col=23,title=Färdplanen::" in out
    assert (
        f"::error file=data/roadmap.yaml,line={spaces},col=30,title=Färdplanen::"
        "mellanslag i slutet av raden: ta bort dem"
    ) in out
    assert "::error title=Bygget::De här sidorna saknas:" in out
    assert "Inte kontrollerad, eftersom bygget misslyckades." in out
    assert "Innehållet har problem (datafilerna, yamllint, bygget, webbläsaren)." in out
    assert "Traceback" not in out


@pytest.mark.slow
def test_a_page_left_in_the_menu_is_explained(published, tmp_path):
    repo = editor_clone(published, tmp_path / "clone")
    data = repo / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text[: text.index("  - id: grunduppdraget\n")].rstrip("\n") + "\n", encoding="utf-8")
    (repo / "docs" / "redaktorer" / "ordlista.md").unlink()  # but not its line in mkdocs.yml

    done = run_check(repo)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert (
        "::error title=Bygget::menyn (nav) i mkdocs.yml nämner sidan docs/redaktorer/ordlista.md, "
        "som inte finns: ta bort raden i mkdocs.yml eller skapa sidan"
    ) in out
    # The area's published needs went without a recorded reason, too.
    assert f"behovet adekvat-bemanning finns i den publicerade versionen {TAG} men har tagits bort" in out
    assert "Innehållet har problem (datafilerna, bygget, webbläsaren)." in out

"""A new färdplan for another municipality (issue 17 items 3 and 5), end to end and offline.

`fardplan ny` makes a site from a three-area outline, laid out from a template repository (this
checkout's tool files in a local git repository with two tagged versions), builds it strictly and
commits it. The site's own validate command passes, no text of the example is in its content or
its built pages, and one `copier update` brings the second version of the tool while the site's
data, README, accessibility statement and its own edit to a tool file stay."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import DATA, EXAMPLE, ROOT, run_script_file

pytestmark = pytest.mark.slow

FARDPLAN = Path(sys.executable).parent / "fardplan"
OUTLINE = """\
# Styrning och samverkan
Hur äldreomsorgen leds och hur kommunen samverkar med regionen.
- Nära samverkan med vårdcentralerna
- Tydlig uppföljning i nämnden

# Personal och kompetens
- Fler undersköterskor med rätt utbildning
- Bättre arbetsmiljö i hemtjänsten

# Vård och omsorg i hemmet
- Trygg hemtjänst på kvällen
- Mindre ensamhet bland äldre

## Ansvariga
- Kommunstyrelsen
- Vård- och omsorgsnämnden
"""
FIRST, SECOND = "v2026.12.0", "v2026.12.1"
LIVE = {"data/roadmap.yaml", "data/remissvar.yaml", "data/remissbemotande.yaml", "data/kolada.json"}


def env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "NO_MKDOCS_2_WARNING": "1",
        "FARDPLAN_PDF": "0",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env(), capture_output=True, text=True)
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result


def template_repository(folder: Path) -> Path:
    """This checkout's files (with the example's content, never the live data) in a git repository:
    FIRST as it is, SECOND with a new line in a guide and in mkdocs.yml."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        if name in LIVE or name.startswith("tests/") or not (ROOT / name).is_file():
            continue
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    for name in ("roadmap.yaml", "remissvar.yaml", "remissbemotande.yaml"):
        shutil.copy(EXAMPLE / "data" / name, folder / "data" / name)
    run("git", "init", "--quiet", "--initial-branch", "main", cwd=folder)
    run("git", "add", "--all", cwd=folder)
    run("git", "commit", "--quiet", "--message", "Verktyget", cwd=folder)
    run("git", "tag", FIRST, cwd=folder)
    guide = folder / "docs" / "redaktorer" / "ordlista.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nEn rad från verktygets nästa version.\n", "utf-8")
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "copyright: Innehållet får användas fritt." in text
    config.write_text(text.replace("fritt.", "fritt (nästa version).", 1), encoding="utf-8")
    run("git", "commit", "--quiet", "--all", "--message", "Nästa version", cwd=folder)
    run("git", "tag", SECOND, cwd=folder)
    # Packed, as a repository cloned from GitHub is: copier renders the name of every file in its
    # clone of the template, .git's included, and a loose object is a file.
    run("git", "repack", "-a", "-d", "-q", cwd=folder)
    return folder


def example_texts() -> list[str]:
    """What only the example says: its organisation, and its areas', needs' and initiatives' titles."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    texts = ["exempelstaden"]
    for area in data["områden"]:
        texts.append(area["rubrik"])
        texts += [need["rubrik"] for need in area["behov"]]
    texts += [initiative["namn"] for initiative in data["nationella-initiativ"]]
    return [text.casefold() for text in texts]


def content_files(site: Path) -> list[Path]:
    """The site's own content and its built pages. Left out: the tool's code, schemas (also the copy
    in the open data), forms and editors' guides, which explain keys with examples, and the search
    index that copies the guides."""
    own = [site / "README.md", site / "mkdocs.yml", site / ".copier-answers.yml"]
    own += sorted((site / "data").glob("*.yaml")) + sorted((site / "docs").glob("*.md"))
    built = [
        path
        for path in (site / "site").rglob("*")
        if path.suffix in {".html", ".xml", ".json", ".csv", ".rdf"}
        and "redaktorer" not in path.relative_to(site / "site").parts
        and path.name != "search_index.json"
        and not path.name.endswith(".schema.json")
    ]
    return own + built


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    base = tmp_path_factory.mktemp("ny")
    template = template_repository(base / "mall")
    (base / "disposition.txt").write_text(OUTLINE, encoding="utf-8")
    site = base / "lindkoping"
    made = run(
        FARDPLAN,
        "ny",
        site,
        "--organisation",
        "Lindköpings kommun",
        "--kommunkod",
        "0580",
        "--kontakt-epost",
        "fardplan@lindkoping.se",
        "--förråd",
        "lindkoping/fardplan",
        "--disposition",
        base / "disposition.txt",
        "--mall",
        template,
        "--mallversion",
        FIRST,
        "--inga-frågor",
        cwd=base,
    )
    return site, template, made


def test_the_command_builds_a_clean_site_from_a_three_area_outline(adopted):
    site, _, made = adopted
    assert "Klart: färdplanen för Lindköpings kommun" in made.stdout
    data = yaml.safe_load((site / "data" / "roadmap.yaml").read_text(encoding="utf-8"))
    assert data["inställningar"]["organisation"] == "Lindköpings kommun"
    assert data["inställningar"]["kommunkod"] == "0580"
    assert data["dokument"]["status"] == "utkast"
    assert "remiss" not in data and data["nationella-initiativ"] == []
    assert [a["rubrik"] for a in data["områden"]] == [
        "Styrning och samverkan",
        "Personal och kompetens",
        "Vård och omsorg i hemmet",
    ]
    assert [len(a["behov"]) for a in data["områden"]] == [2, 2, 2]
    assert all(need["staden"] == [] == need["behöver-göras"] for a in data["områden"] for need in a["behov"])
    assert [b["namn"] for b in data["ansvariga"]] == ["Kommunstyrelsen", "Vård- och omsorgsnämnden"]
    for gone in ("remissvar.yaml", "remissbemotande.yaml"):
        assert not (site / "data" / gone).exists()
    # Built strictly into site/: the start page names every area, each with its own page.
    start = (site / "site" / "index.html").read_text(encoding="utf-8")
    for area in data["områden"]:
        assert area["rubrik"] in start
        assert (site / "site" / "omraden" / area["id"] / "index.html").is_file(), area["id"]
    # One commit, so that `copier update` can run at once.
    status = run("git", "status", "--porcelain", cwd=site).stdout
    assert status == "", status
    answers = yaml.safe_load((site / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == FIRST


def test_the_sites_own_validate_command_passes_without_warnings(adopted):
    site, _, _ = adopted
    result = subprocess.run(
        [sys.executable, str(site / "scripts" / "validate.py")],
        cwd=site,
        env=env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.startswith("Datafilen är godkänd.")
    assert "varning" not in result.stdout


def test_no_text_of_the_example_is_in_the_new_site(adopted):
    site, _, _ = adopted
    texts = example_texts()
    files = content_files(site)
    assert len(files) > 20
    for path in files:
        content = path.read_text(encoding="utf-8").casefold()
        found = [text for text in texts if text in content]
        assert not found, (path.relative_to(site), found)
    # The tool's own development files stay in the template.
    for tool_only in ("tests", "DEVELOPMENT.md", "copier.yml", ".github/workflows/ny-fardplan.yml"):
        assert not (site / tool_only).exists(), tool_only


def test_the_accessibility_statement_is_a_draft_that_claims_no_assessment(adopted):
    site, _, _ = adopted
    page = (site / "site" / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "Lindköpings kommun har ännu inte bedömt hur" in page
    assert "Vi har ännu inte testat webbplatsen själva." in page
    assert "fardplan@lindkoping.se" in page
    for claim in ("delvis förenlig</strong>", "Den senaste bedömningen gjordes", "Vi har själva granskat"):
        assert claim not in page, claim


def test_copier_update_brings_the_next_version_and_keeps_the_sites_own_files(adopted):
    site, _, _ = adopted
    kept = {
        name: (site / name).read_bytes()
        for name in ("data/roadmap.yaml", "README.md", "docs/tillganglighet.md")
    }
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("primary: indigo", "primary: teal", 1), "utf-8"
    )
    run("git", "commit", "--quiet", "--all", "--message", "Egen färg", cwd=site)

    run(sys.executable, "-m", "copier", "update", "--defaults", "--vcs-ref", SECOND, cwd=site)

    answers = yaml.safe_load((site / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == SECOND
    assert "En rad från verktygets nästa version." in (site / "docs/redaktorer/ordlista.md").read_text(
        "utf-8"
    )
    merged = config.read_text(encoding="utf-8")
    assert "fritt (nästa version)." in merged and "primary: teal" in merged  # both sides kept
    assert not [p for p in site.rglob("*.rej")], "no rejected hunks"
    for name, before in kept.items():
        assert (site / name).read_bytes() == before, name
    # The site's validate command (its own test above) in this process: only the merged data matters.
    validated = run_script_file(site / "scripts" / "validate.py", [], site, {})
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_in_a_copy_of_the_template_the_example_is_replaced_in_place(adopted, tmp_path):
    """What the workflow Ny färdplan does in a repository made with GitHub's "Use this template"."""
    _, template, _ = adopted
    copy = tmp_path / "fran-mallen"
    run("git", "clone", "--quiet", template, copy, cwd=tmp_path)
    assert (copy / "data" / "remissvar.yaml").is_file()
    (copy / "disposition.txt").write_text(OUTLINE, encoding="utf-8")
    made = run(
        FARDPLAN,
        "ny",
        ".",
        "--organisation",
        "Region Exempelnorr",
        "--typ",
        "region",
        "--disposition",
        "disposition.txt",
        "--mall",
        template,
        "--inga-frågor",
        "--utan-bygge",
        cwd=copy,
    )
    assert "Klart: färdplanen för Region Exempelnorr" in made.stdout
    data = yaml.safe_load((copy / "data" / "roadmap.yaml").read_text(encoding="utf-8"))
    assert data["inställningar"]["organisation"] == "Region Exempelnorr"
    assert data["inställningar"]["benämning"] == "regionen"
    for gone in ("remissvar.yaml", "remissbemotande.yaml"):
        assert not (copy / "data" / gone).exists()
    assert "Region Exempelnorr" in (copy / "README.md").read_text(encoding="utf-8")
    assert "regionens färdplan" in (copy / "docs" / "tillganglighet.md").read_text(encoding="utf-8")
    answers = yaml.safe_load((copy / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == SECOND  # the newest version of the template
    # The repository is the user's: the change waits for a commit (the workflow's pull request).
    assert run("git", "status", "--porcelain", cwd=copy).stdout.strip()
    again = subprocess.run(
        [str(FARDPLAN), "ny", ".", "--organisation", "X", "--område", "A", "--behov", "B", "--inga-frågor"],
        cwd=copy,
        env=env(),
        capture_output=True,
        text=True,
    )
    assert again.returncode == 2  # a started plan is never replaced
    assert again.stderr.splitlines()[-1].startswith(
        "fel: mappen . är inte tom och har inget exempel att ersätta"
    )


def test_ny_asks_for_what_is_missing_in_a_terminal(adopted, tmp_path):
    import pty

    _, template, _ = adopted
    controller, terminal = pty.openpty()
    answers = (
        "\n".join(
            [
                "Styrning",
                "Samverkan med regionen",
                "",  # an area, its need, done
                "Personal",
                "Fler undersköterskor",
                "",
                "",  # no more areas
                "Kommunstyrelsen",
                "",  # bodies
                "Vännäs kommun",
                "",
                "2460",
                "",
                "",
                "",
                "",  # settings: typ default, kommunkod, the rest empty
            ]
        )
        + "\n"
    )
    os.write(controller, answers.encode("utf-8"))
    result = subprocess.run(
        [
            str(FARDPLAN),
            "ny",
            "vannas",
            "--mall",
            str(template),
            "--utan-bygge",
            "--mallens-adress",
            "https://github.com/verktyget/fardplan",
        ],
        cwd=tmp_path,
        env=env(),
        stdin=terminal,
        capture_output=True,
        text=True,
        timeout=300,
    )
    os.close(terminal)
    os.close(controller)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Organisationens namn, till exempel Lindköpings kommun" in result.stdout
    data = yaml.safe_load((tmp_path / "vannas" / "data" / "roadmap.yaml").read_text(encoding="utf-8"))
    assert data["inställningar"]["organisation"] == "Vännäs kommun"
    assert data["inställningar"]["kommunkod"] == "2460"
    assert [(a["rubrik"], [n["rubrik"] for n in a["behov"]]) for a in data["områden"]] == [
        ("Styrning", ["Samverkan med regionen"]),
        ("Personal", ["Fler undersköterskor"]),
    ]
    assert [b["namn"] for b in data["ansvariga"]] == ["Kommunstyrelsen"]
    # Later updates come from the public address, not from the copy it was made from.
    answers = yaml.safe_load((tmp_path / "vannas" / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_src_path"] == "https://github.com/verktyget/fardplan"
    assert answers["_commit"] == SECOND

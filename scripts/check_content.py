#!/usr/bin/env python3
"""The checks of the content (data/ and the pages), as CI runs them on every pull request, in Swedish:

    1. the data files, compared with the last published version (scripts/validate.py --jämför-med);
    2. the layout of the YAML files (yamllint with .yamllint.yaml);
    3. a strict build of the site;
    4. the built site in a browser (scripts/check_site.py): accessibility, no request to another
       website, links that lead somewhere.

    python3 scripts/dev.py check                  # on this repository's content
    python3 scripts/dev.py check --format github  # in GitHub Actions: annotations on the lines

Every check runs even when an earlier one fails, so that all problems are listed at once (the
browser needs a site, so it waits for a build). The tool's own tests are `python3 scripts/dev.py test`.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_site import check_site, chromium_path  # noqa: E402
from fardplan.data.diagnostics import Diagnostic, _escape_data  # noqa: E402

DATA = ROOT / "data"
MKDOCS = Path(sys.executable).with_name("mkdocs")

# yamllint's rules in Swedish, with what to do; `expected N but found M` and the like are read out.
LAYOUT = {
    "trailing-spaces": lambda d: "mellanslag i slutet av raden: ta bort dem",
    "colons": lambda d: "för många mellanslag runt kolonet: skriv nyckel, kolon, ett mellanslag och värdet",
    "hyphens": lambda d: "för många mellanslag efter bindestrecket: skriv ett mellanslag efter -",
    "commas": lambda d: "mellanslagen runt ett kommatecken: skriv ett mellanslag efter kommat, inget före",
    "empty-lines": lambda d: "för många tomma rader i följd: ta bort de extra",
    "new-line-at-end-of-file": lambda d: "filen ska sluta med en tom rad (en radbrytning efter sista raden)",
    "new-lines": lambda d: "radbrytningarna ska vara av Unix-typ (LF)",
    "comments": lambda d: "en kommentar ska skrivas med # och ett mellanslag, och ett mellanslag före #",
    "comments-indentation": lambda d: "kommentaren ska ha samma indrag som raden under den",
    "truthy": lambda d: "skriv sant och falskt som true och false",
    "line-length": lambda d: (
        "raden är för lång ({} tecken, högst {}): dela texten på flera rader med >-".format(
            *re.findall(r"\d+", d)[:2]
        )
        if len(re.findall(r"\d+", d)) >= 2
        else "raden är för lång"
    ),
    "indentation": lambda d: (
        "fel indrag: raden ska börja med {} mellanslag, inte {}".format(*re.findall(r"\d+", d)[:2])
        if len(re.findall(r"\d+", d)) >= 2
        else "fel indrag"
    ),
}


class Report:
    """Prints the checks' findings as text, or as GitHub annotations with --format github."""

    def __init__(self, style: str):
        self.style = style
        self.failed: list[str] = []

    def heading(self, number: int, title: str) -> None:
        print(f"\n{number}. {title}", flush=True)

    def located(self, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            print(diagnostic.github() if self.style == "github" else "   " + diagnostic.text())

    def problem(self, title: str, message: str) -> None:
        """A problem without a line in a file (the build, the site)."""
        if self.style == "github":
            print(f"::error title={title}::{_escape_data(message)}")
        else:
            print("   " + message)

    def verdict(self, name: str, ok: bool, text: str) -> None:
        if not ok:
            self.failed.append(name)
        print(f"   {text}", flush=True)


def check_data(report: Report) -> None:
    report.heading(1, "Datafilerna, jämförda med den senaste publicerade versionen")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "validate.py"),
            str(DATA / "roadmap.yaml"),
            "--jämför-med",
            "--format",
            report.style,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    for line in done.stdout.splitlines():
        print(line if report.style == "github" else "   " + line)
    for line in done.stderr.splitlines():
        print("   " + line)
    report.verdict(
        "datafilerna", done.returncode == 0, "Godkända." if done.returncode == 0 else "Rätta felen ovan."
    )


def layout_problems(files: list[Path]) -> list[Diagnostic]:
    """yamllint's findings in Swedish. Syntax errors and duplicate keys are left to the data check,
    which reports them with what to do: one mistake, one message."""
    from yamllint import linter  # type: ignore[import-untyped]  # yamllint has no types
    from yamllint.config import YamlLintConfig  # type: ignore[import-untyped]

    config = YamlLintConfig(file=str(ROOT / ".yamllint.yaml"))
    found = []
    for path in files:
        name = path.relative_to(ROOT).as_posix()
        for problem in linter.run(path.read_text(encoding="utf-8"), config, str(path)):
            if problem.rule in (None, "key-duplicates"):
                continue
            swedish = LAYOUT.get(problem.rule)
            message = swedish(problem.desc) if swedish else f"{problem.desc} (yamllint-regeln {problem.rule})"
            found.append(Diagnostic(name, problem.line, problem.column, message))
    return found


def check_layout(report: Report) -> None:
    report.heading(2, "Hur YAML-filerna är skrivna (yamllint)")
    found = layout_problems(sorted(DATA.glob("*.yaml")))
    report.located(found)
    report.verdict(
        "yamllint", not found, "Godkänt." if not found else f"{len(found)} problem: rätta raderna ovan."
    )


def build_messages(output: str) -> list[str]:
    """The lines of MkDocs's output that explain a failed strict build, the common ones in Swedish."""
    messages = []
    for line in output.splitlines():
        nav = re.search(
            r"A reference to '([^']+)' is included in the 'nav' configuration, which is not found", line
        )
        if nav:
            messages.append(
                f"menyn (nav) i mkdocs.yml nämner sidan docs/{nav[1]}, som inte finns: "
                "ta bort raden i mkdocs.yml eller skapa sidan"
            )
        elif line.startswith(("ERROR", "WARNING")):
            messages.append(line.split(" - ", 1)[-1].strip())
        elif re.match(r"\S+\.ya?ml:\d+:\d+: ", line) or line.startswith("  docs/"):
            messages.append(line.strip())  # the färdplan's own messages, already in Swedish
    return messages


def check_build(report: Report, site: Path) -> bool:
    report.heading(3, "Strikt bygge av webbplatsen")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    ok = done.returncode == 0
    if not ok:
        for message in build_messages(done.stderr + done.stdout) or [done.stderr.strip()[-2000:]]:
            report.problem("Bygget", message)
    report.verdict("bygget", ok, "Godkänt." if ok else "Webbplatsen gick inte att bygga: rätta felen ovan.")
    return ok


def check_browser(report: Report, site: Path | None) -> None:
    report.heading(
        4, "Webbplatsen i en webbläsare: tillgänglighet, inga anrop till andra webbplatser, länkar"
    )
    if site is None:
        report.verdict("webbläsaren", False, "Inte kontrollerad, eftersom bygget misslyckades.")
        return
    executable = chromium_path()
    if not executable:
        message = (
            "Chromium saknas (apt-get install chromium), så webbplatsen kontrollerades inte i en webbläsare."
        )
        # On a developer's machine a note; in CI every check must run.
        report.verdict("webbläsaren", not os.environ.get("CI"), message)
        return
    problems = check_site(site, executable)
    for problem in problems:
        report.problem("Webbplatsen", problem)
    report.verdict(
        "webbläsaren",
        not problems,
        "Godkänd." if not problems else f"{len(problems)} problem: rätta dem ovan.",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera färdplanens innehåll som CI gör.")
    parser.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text (standard) eller github för anteckningar i en pull request",
    )
    args = parser.parse_args(argv)
    report = Report(args.format)
    print("Kontrollerar innehållet: datafilerna, bygget och webbplatsen.")
    check_data(report)
    check_layout(report)
    with tempfile.TemporaryDirectory(prefix="fardplan-kontroll-") as temp:
        site = Path(temp) / "site"
        built = check_build(report, site)
        check_browser(report, site if built else None)
    if report.failed:
        print(
            f"\nInnehållet har problem ({', '.join(report.failed)}). Rätta dem och kör "
            "python3 scripts/dev.py check igen.",
            file=sys.stderr,
        )
        return 1
    print("\nInnehållet är godkänt.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

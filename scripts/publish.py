#!/usr/bin/env python3
"""Publish the site with mike onto the gh-pages branch: the draft, or the version in the data file.

    python scripts/publish.py utkast [--push]                # the working draft, as version "utkast"
    python scripts/publish.py version [--tag v2022] [--push] # the data's version (dokument.version)

A decided version (status beslutad) becomes "gallande", the version the site root leads to, and its
data files are copied to the same paths under the site root. A remiss version is published beside
it with its banner and moves nothing, unless it is the first version ever published (before that
the root leads to the draft). Both also write the site-root files mike does not make: 404.html,
feed.xml (from the newest version) and dcat.rdf (from the version in force), and order
versions.json for readers: the version in force first, titled "gällande". The GitHub Actions
workflow .github/workflows/publish.yml runs this for a tag pushed with scripts/release.py or made on
GitHub's release page; for a tag it first runs the release checks (scripts/release.py's).

Needs git's user.name and user.email (or GIT_AUTHOR_*/GIT_COMMITTER_* in the environment).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fardplan import ValidationFailed, load_roadmap
from fardplan.cli import EXIT_USAGE, SwedishArgumentParser, fail, run
from fardplan.data.diagnostics import format_all, summary
from fardplan.data.model import Stage
from fardplan.pages.not_found import root_404_page
from fardplan.project import load_project
from fardplan.versions.edition import CURRENT_ALIAS, DRAFT_VERSION, version_title
from fardplan.versions.gitref import read_at_ref, releases
from fardplan.versions.opendata import (
    CSV_PATH,
    DCAT_PATH,
    DCAT_ROOT_PATH,
    FEED_PATH,
    JSON_PATH,
    SCHEMA_FILE_PATH,
)
from fardplan.versions.pages_branch import (
    BranchError,
    branch_exists,
    commit_files,
    published_versions,
    published_versions_from,
    release_tags_newest_first,
    site_root_path,
    symlinks,
    versions_for_readers,
)
from fardplan.versions.release_checks import validate_against_release, version_name_problems
from fardplan.versions.releases import CompareError, tag_for

ROOT = Path(__file__).resolve().parent.parent
# The version in force's data files, also at the same paths under the site root: addresses that
# stay the same from one decided version to the next.
STABLE_DATA = (JSON_PATH, CSV_PATH, SCHEMA_FILE_PATH)


def mike(*args: str, cwd: Path, remote: str, branch: str) -> None:
    # mike runs `mkdocs build`: the tools of this Python's environment must come first on PATH.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = [
        str(Path(sys.executable).parent / "mike"),
        args[0],
        "--remote",
        remote,
        "--branch",
        branch,
        *args[1:],
    ]
    done = subprocess.run(command, cwd=cwd, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"mike {args[0]} misslyckades (kod {done.returncode}).")


def main(argv: list[str] | None = None) -> int:
    parser = SwedishArgumentParser(
        prog="publish.py", description="Publicera färdplanen med mike på grenen gh-pages."
    )
    parser.add_argument(
        "what",
        choices=["utkast", "version"],
        metavar="utkast|version",
        help="utkast: arbetsmaterialet från main; version: versionen i datafilen",
    )
    parser.add_argument(
        "--tag", metavar="TAGG", help="taggen som publiceras (kontrolleras mot dokument.version)"
    )
    parser.add_argument("--push", action="store_true", help="skicka upp grenen till fjärrförrådet")
    parser.add_argument(
        "--remote",
        default="origin",
        metavar="FJÄRRFÖRRÅD",
        help="fjärrförrådet som grenen skickas till (standard: origin)",
    )
    parser.add_argument(
        "--branch",
        default="gh-pages",
        metavar="GREN",
        help="grenen som webbplatsen publiceras på (standard: gh-pages)",
    )
    parser.add_argument(
        "--project", type=Path, default=ROOT, metavar="MAPP", help="projektmappen (standard: den här)"
    )
    args = parser.parse_args(argv)

    project = args.project.resolve()
    if not project.is_dir():
        return fail(f"projektmappen {args.project} finns inte", EXIT_USAGE)
    data_file = load_project(project / "mkdocs.yml").data
    try:
        roadmap = load_roadmap(project / data_file, name=data_file)
    except ValidationFailed as error:
        print(error.report(), file=sys.stderr)
        return 1
    version = roadmap.document.version
    run = lambda *a: mike(*a, cwd=project, remote=args.remote, branch=args.branch)  # noqa: E731

    # Before mike's first run in a fresh clone only the fetched remote branch exists.
    published = args.branch if branch_exists(project, args.branch) else f"{args.remote}/{args.branch}"
    before = published_versions(project, published)
    tags = release_tags_newest_first(project)
    # The draft may lead the site root until the first version: afterwards a version must.
    first_version = not any(e.version != DRAFT_VERSION for e in before)
    root_files: dict[str, bytes] = {}
    if args.what == "utkast":
        run("deploy", "--title", version_title(roadmap, DRAFT_VERSION), DRAFT_VERSION)
        if not before:  # nothing published yet: the site root must not be a 404
            run("set-default", DRAFT_VERSION)
        if first_version:  # the pages link the root feed; until a version exists, the draft's
            root_files[FEED_PATH] = read_at_ref(project, args.branch, f"{DRAFT_VERSION}/{FEED_PATH}") or b""
    else:
        if args.tag and args.tag != tag_for(version):
            print(
                f"Taggen {args.tag} stämmer inte med dokument.version ({version}): taggen ska heta "
                f"{tag_for(version)}.",
                file=sys.stderr,
            )
            return 1
        problems = version_name_problems(version, data_file)
        if args.tag and not problems:
            # A tag made anywhere (even on GitHub's release page) gets release.py's checks here:
            # the data compared with the release before this one, as CI does.
            before_tag = [r.tag for r in releases(project, "HEAD") if r.tag != args.tag]
            try:  # the first version has nothing before it (load_roadmap above checked its data)
                result = (
                    validate_against_release(project / data_file, data_file, before_tag[-1])
                    if before_tag
                    else None
                )
            except CompareError as error:
                problems.append(f"Kan inte jämföra med den förra versionen: {error}")
            else:
                if result is not None and not result.ok:
                    print(format_all(result.diagnostics), file=sys.stderr)
                    problems.append(
                        f"Datafilen har fel ({summary(result.diagnostics)}) jämfört med den förra "
                        "versionen. Rätta dem på main och gör en ny version."
                    )
        if problems:
            print("Versionen publiceras inte:\n" + "\n".join(f"- {p}" for p in problems), file=sys.stderr)
            return 1
        decided = roadmap.document.stage is Stage.BESLUTAD
        if decided:
            run("deploy", "--update-aliases", "--title", version_title(roadmap), version, CURRENT_ALIAS)
            run("set-default", CURRENT_ALIAS)
        else:
            run("deploy", "--title", version_title(roadmap), version)
            if first_version:  # the first version ever: the site root must lead to it
                run("set-default", version)
        if not tags or tags[0] == tag_for(version):
            # The root feed gets each new version; republishing an older one must not turn it back.
            root_files[FEED_PATH] = read_at_ref(project, args.branch, f"{version}/{FEED_PATH}") or b""
        if decided or first_version:
            root_files[DCAT_ROOT_PATH] = read_at_ref(project, args.branch, f"{version}/{DCAT_PATH}") or b""
        if decided:  # the version in force's data at stable addresses, as its DCAT says
            for path in STABLE_DATA:
                root_files[path] = read_at_ref(project, args.branch, f"{version}/{path}") or b""

    listing = versions_for_readers(read_at_ref(project, args.branch, "versions.json") or b"[]", tags)
    root_files["versions.json"] = listing
    entries = published_versions_from(listing)
    # Where the 404 page sends readers: the version in force, else a published version, else the draft.
    default = (
        CURRENT_ALIAS
        if any(CURRENT_ALIAS in e.aliases for e in entries)
        else next(
            (e.version for e in entries if e.version != DRAFT_VERSION), DRAFT_VERSION if entries else None
        )
    )
    root_files["404.html"] = root_404_page(
        roadmap.document.title, site_root_path(roadmap.settings.site_url), entries, default
    )
    where = DRAFT_VERSION if args.what == "utkast" else version
    try:
        commit_files(
            project,
            args.branch,
            {k: v for k, v in root_files.items() if v},
            f"Site root: 404 page, feed and metadata after publishing {where}",
        )
        linked = symlinks(project, args.branch)
    except BranchError as error:
        print(error, file=sys.stderr)
        return 1
    if linked:
        print(
            "Grenen innehåller symboliska länkar, som GitHub Pages inte publicerar: "
            + ", ".join(linked)
            + ". Kontrollera att mike har alias_type: redirect i mkdocs.yml.",
            file=sys.stderr,
        )
        return 1
    if args.push:
        done = subprocess.run(["git", "push", args.remote, args.branch], cwd=project, check=False)
        if done.returncode:
            print(f"Det gick inte att skicka upp grenen {args.branch}.", file=sys.stderr)
            return 1
    print(f"Publicerat: {where} på grenen {args.branch}" + (" och uppskickat." if args.push else "."))
    return 0


if __name__ == "__main__":
    run(main)

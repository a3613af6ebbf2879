"""Read the data file's history from git: release tags, earlier versions, last-change dates.

`git()` is the one way the core and the scripts run git. The readers here return None (or an
empty list) outside a git repository, so a site can still be built from an exported folder.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

# A published version of the färdplan is tagged v<version>, e.g. v2022-remiss (see the release
# command). The newest one reachable from HEAD is the "last published version" (last_release).
RELEASE_TAG_PREFIX = "v"


@dataclass(frozen=True)
class GitResult:
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace").strip()


def git(cwd: Path, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> GitResult:
    """git `args` in `cwd`, its output captured. A failure is a result, not an exception (git not
    installed: code 127), so that each caller says in Swedish what it means there. `env` is added
    to this process's environment."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=input,
            capture_output=True,
            env={**os.environ, **env} if env else None,
            check=False,
        )
    except FileNotFoundError:
        return GitResult(127, b"", "git är inte installerat".encode())
    return GitResult(done.returncode, done.stdout, done.stderr)


def _git(cwd: Path, *args: str) -> str | None:
    done = git(cwd, *args)
    return done.out if done.ok else None


def repository_root(path: Path) -> Path | None:
    out = _git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out else None


@dataclass(frozen=True)
class Release:
    """One release tag: the version it names, the commit it points at and when it was made."""

    tag: str
    commit: str
    created: datetime

    @property
    def version(self) -> str:
        return self.tag[len(RELEASE_TAG_PREFIX) :]


def releases(cwd: Path, ref: str = "HEAD") -> list[Release]:
    """Release tags reachable from `ref`, oldest first.

    Ordered by the history of `ref` (a tag made later on an older commit still sorts by its
    commit), then by the tag's own date for tags on the same commit.
    """
    listing = _git(
        cwd,
        "for-each-ref",
        f"--merged={ref}",
        "--format=%(refname:short)%09%(objectname)%09%(*objectname)%09%(creatordate:iso-strict)",
        f"refs/tags/{RELEASE_TAG_PREFIX}*",
    )
    if not listing:
        return []
    found = []
    for line in listing.splitlines():
        tag, obj, peeled, created = line.split("\t")
        found.append(Release(tag, peeled or obj, datetime.fromisoformat(created)))
    history = (_git(cwd, "rev-list", "--topo-order", "--reverse", ref) or "").split()
    position = {commit: n for n, commit in enumerate(history)}
    return sorted(found, key=lambda r: (position.get(r.commit, -1), r.created))


def last_release(found: Sequence[Release], publishing: str | None = None) -> Release | None:
    """The last published version: the newest of `found` (oldest first, as `releases` lists them).

    `publishing` is the version a build publishes (a remiss or decided edition): its own tag is
    left out, so its page "Vad har ändrats" compares with the version before it. The validator
    and the draft pass None: for them the newest tag is the published text being changed, even
    when the data's version has not been renamed yet. This is the one definition that
    `validate.py --jämför-med` and "Vad har ändrats" share.
    """
    earlier = [r for r in found if r.version != publishing]
    return earlier[-1] if earlier else None


def draft_base(cwd: Path, branch: str) -> str | None:
    """The commit of the draft branch that the work in `cwd` started from: the merge base of
    HEAD with `origin/<branch>` (as CI checks out a pull request) or else `<branch>`. On the
    branch itself that is HEAD, so uncommitted edits are compared with the last commit."""
    for candidate in (f"origin/{branch}", branch):
        if ref_exists(cwd, candidate):
            base = _git(cwd, "merge-base", "HEAD", candidate)
            if base:
                return base.strip()
    return None


def read_at_ref(cwd: Path, ref: str, path: str) -> bytes | None:
    """The bytes of `path` (relative to the repository root) at `ref`, or None if absent."""
    done = git(cwd, "show", f"{ref}:{path}")
    return done.stdout if done.ok else None


def last_changed_files(cwd: Path, *paths: str) -> dict[Path, date]:
    """For every file under `paths` that git tracks, the date of the newest commit touching it,
    keyed by absolute path. One pass over the log instead of one git call per file."""
    root = repository_root(cwd)
    out = _git(cwd, "log", "--format=%x00%cs", "--name-only", "--", *paths)
    if root is None or not out:
        return {}
    dates: dict[Path, date] = {}
    current: date | None = None
    for line in out.splitlines():
        if line.startswith("\0"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault((root / line).resolve(), current)  # the log runs newest first
    return dates


def ref_exists(cwd: Path, ref: str) -> bool:
    """Whether `ref` (a tag, branch or commit) names a commit in the repository."""
    return _git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is not None

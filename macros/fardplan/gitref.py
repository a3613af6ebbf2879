"""Read the data file's history from git: release tags, earlier versions, last-change dates.

Plain subprocess calls to git; every function returns None (or an empty list) outside a git
repository, so a site can still be built from an exported folder.
"""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

# A published version of the färdplan is tagged v<version>, e.g. v2022-remiss (see the release
# command). The newest such tag is the "last published version" that changes are compared with.
RELEASE_TAG_PREFIX = "v"


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:  # git not installed
        return None
    return done.stdout if done.returncode == 0 else None


def repository_root(path: Path) -> Path | None:
    out = _git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out else None


def release_tags(cwd: Path) -> list[str]:
    """Release tags, newest first (by the tagged commit's date)."""
    out = _git(cwd, "tag", "--list", f"{RELEASE_TAG_PREFIX}*", "--sort=-creatordate")
    return [line for line in (out or "").splitlines() if line.strip()]


def latest_release_tag(cwd: Path) -> str | None:
    tags = release_tags(cwd)
    return tags[0] if tags else None


def read_at_ref(cwd: Path, ref: str, path: str) -> bytes | None:
    """The bytes of `path` (relative to the repository root) at `ref`, or None if absent."""
    try:
        done = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        return None
    return done.stdout if done.returncode == 0 else None


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

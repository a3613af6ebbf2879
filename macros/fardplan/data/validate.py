"""The one entry point that reads, checks and models the data file.

Used by the build (macros/adapter.py), the command line (scripts/validate.py) and the tests.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fardplan.data.checks import check_semantics
from fardplan.data.diagnostics import Diagnostic, ValidationFailed, sort_key
from fardplan.data.editorial_checks import check_editorial
from fardplan.data.history import Previous, check_against_previous
from fardplan.data.leftovers import check_leftovers
from fardplan.data.measures import KOLADA_FILE, kolada_values, with_kolada_values
from fardplan.data.model import Roadmap, build_roadmap, read_settings
from fardplan.data.plain_language import check_plain_language
from fardplan.data.remiss_checks import check_remiss_settings
from fardplan.data.schema import SCHEMA_PATH, check_schema
from fardplan.data.settings import check_settings
from fardplan.data.source import Source, SourceError, parse_source, read_source


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    roadmap: Roadmap | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def display_name(path: Path, base: Path | None = None) -> str:
    """The file as messages name it: relative to the working folder when inside it."""
    base = base or Path.cwd()
    try:
        return (
            Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
            if path.resolve().is_relative_to(base.resolve())
            else str(path)
        )
    except ValueError:
        return str(path)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while one file is checked. Parsing creates hundreds of
    thousands of objects that live until the end and form no cycles, and every few hundred new
    objects the collector would scan them all again: at 100× the real data that was more than
    half of the validation time. Reference counting still frees what is dropped; the collector
    picks up any cycle left behind (from an exception, say) once it runs again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate_file(
    path: Path | str,
    *,
    name: str | None = None,
    schema_path: Path = SCHEMA_PATH,
    previous: Previous | None = None,
) -> Result:
    """Read, check and model the file; collect every problem found in one run.

    With `previous` (the last published version, see history.load_previous), a changed horizon
    or status without a recorded reason is an error too.
    """
    path = Path(path)
    name = name or display_name(path)
    with _without_cyclic_gc():
        try:
            source = read_source(path, name)
        except SourceError as error:
            return Result(error.diagnostics)
        result = _validate(source, schema_path, previous)
    kolada = path.parent / KOLADA_FILE
    if result.roadmap is not None and kolada.is_file():
        _add_kolada_values(
            result,
            result.roadmap,
            kolada,
            display_name(kolada) if name == display_name(path) else str(Path(name).parent / KOLADA_FILE),
        )
    return result


def _add_kolada_values(result: Result, roadmap: Roadmap, path: Path, name: str) -> None:
    """Values fetched by scripts/kolada.py fill the measures whose source is Kolada and whose
    värden the data leaves empty."""
    values, problems = kolada_values(path, name)
    result.diagnostics += problems
    if problems:
        result.roadmap = None
        return
    filled = with_kolada_values(roadmap.needs(), values)
    result.roadmap = replace(
        roadmap,
        areas=tuple(
            replace(area, needs=tuple(replace(need, measures=filled[need.id]) for need in area.needs))
            for area in roadmap.areas
        ),
    )


def validate_text(text: str, name: str, *, schema_path: Path = SCHEMA_PATH) -> Result:
    """The same checks for data that is not (yet) in a file, such as a scaffolded edit."""
    with _without_cyclic_gc():
        try:
            source = parse_source(text.encode("utf-8"), name)
        except SourceError as error:
            return Result(error.diagnostics)
        return _validate(source, schema_path, None)


def _validate(source: Source, schema_path: Path, previous: Previous | None) -> Result:
    diagnostics = (
        source.problems
        + check_schema(source, schema_path)
        + check_semantics(source)
        + check_remiss_settings(source)
        + check_settings(source)
        + check_editorial(source)
    )
    if not any(d.severity == "error" for d in diagnostics):  # leftovers only on data that reads right
        diagnostics += check_leftovers(source)
    if previous is not None:
        diagnostics += check_against_previous(source, previous)
    diagnostics += check_plain_language(source, read_settings(source.data).lix_limit, previous)
    diagnostics = sorted(set(diagnostics), key=sort_key)  # schema branches can repeat a finding
    result = Result(diagnostics)
    if result.ok:
        result.roadmap = build_roadmap(source)
    return result


def load_roadmap(path: Path | str, **kwargs: Any) -> Roadmap:
    """The validated model, or ValidationFailed listing every error (warnings are left out)."""
    result = validate_file(path, **kwargs)
    if result.roadmap is None:
        raise ValidationFailed(result.errors)
    return result.roadmap

"""Located findings about the data file, and the ways they are printed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in the data file, with the place an editor must look (1-based line and column)."""

    file: str
    line: int
    col: int
    message: str
    path: str = ""
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # A message may quote the data. Control and invisible characters in it are named, never
        # printed: messages reach terminals, CI logs and pull-request annotations.
        for name in ("message", "path"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def sentence(self) -> str:
        """The message, then where in the data it is: the plain sentence is what an editor reads first."""
        return f"{self.message} (i {self.path})" if self.path else self.message

    def text(self) -> str:
        prefix = "varning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {prefix}{self.sentence()}"

    def github(self) -> str:
        """A GitHub Actions workflow command, shown on the line of the pull request's diff."""
        return (
            f"::{self.severity} file={_escape_property(self.file)},line={self.line},"
            f"col={self.col},title={_escape_property('Färdplanen')}::"
            f"{_escape_data(self.sentence())}"
        )


def printable(text: str) -> str:
    """Text with every control or invisible character but a line break named by its code point."""
    return (
        text
        if text.isprintable()
        else "".join(c if c.isprintable() or c == "\n" else f"<U+{ord(c):04X}>" for c in text)
    )


def _escape_data(value: str) -> str:
    # As in @actions/core: the message part escapes %, CR and LF.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.message)


def format_all(diagnostics: Iterable[Diagnostic], style: Literal["text", "github"] = "text") -> str:
    items = sorted(diagnostics, key=sort_key)
    if style == "github":
        return "\n".join(d.github() for d in items)
    return "\n".join(d.text() for d in items)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    items = list(diagnostics)
    errors = sum(1 for d in items if d.severity == "error")
    warnings = len(items) - errors
    parts = []
    if errors:
        parts.append(f"{errors} fel")
    if warnings:
        parts.append(f"{warnings} {'varning' if warnings == 1 else 'varningar'}")
    return " och ".join(parts) if parts else "inga fel"


class ValidationFailed(Exception):
    """The data file has errors; nothing may be built from it."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        return f"Färdplanens data har {summary(self.diagnostics)} och webbplatsen byggs inte:\n" + format_all(
            self.diagnostics
        )

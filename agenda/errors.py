"""Errors a user can act on: each carries a category, an exit code and located problems."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder where possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    # far outside the current folder, "../../../../x" helps nobody: show it whole
    far = os.path.join(*[os.pardir] * 3) + os.sep
    return str(path) if relative.startswith(far) else relative


def closest(
    word: str, options: list[str], *, fold: Callable[[str], str] = lambda text: text
) -> str | None:
    """The option closest to ``word`` (compared through ``fold``), or None when none is close."""
    import difflib  # here: the writers import this module and never suggest

    folded = {fold(option): option for option in reversed(options)}
    close = difflib.get_close_matches(fold(word), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def did_you_mean(word: str, options: list[str]) -> str:
    """Suggest the closest allowed word, or list the options when none is close."""
    close = closest(word, options)
    if close is not None:
        return f"did you mean '{close}'?"
    return "expected one of: " + ", ".join(options)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or odd) in the input, pinned to a file position where one is known.

    Printed the way compilers print, ``path:line:col: error: message``, so that terminals and
    editors turn it into a link to the place.
    """

    path: Path | None
    message: str
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        """``2026-11/customer.yaml:12:5``, or "" when the problem belongs to no file."""
        if self.path is None:
            return ""
        where = shown_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def line_for(self, severity: str) -> str:
        """One report line: ``path:line:col: error: message`` (or ``warning``)."""
        where = self.where()
        return f"{where}: {severity}: {self.message}" if where else f"{severity}: {self.message}"

    def sort_key(self) -> tuple[str, int, int]:
        """Order problems by file, then position, so reports read top to bottom."""
        return (str(self.path or ""), self.line or 0, self.column or 0)


class AgendaError(Exception):
    """Base of every error the CLI reports without a traceback."""

    category = "Error"
    exit_code = 1

    def lines(self) -> list[str]:
        """Return the message as one line per problem."""
        return [f"{self.category}: {self}"]


class DataError(AgendaError):
    """The month folder's data is wrong; every problem found is reported at once."""

    category = "Data error"
    exit_code = 65  # EX_DATAERR

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [p.line_for("error") for p in self.problems]


class UsageProblem(AgendaError):
    """The command was pointed at something that is not a month folder."""

    category = "Usage error"
    exit_code = 2


class TemplateProblem(AgendaError):
    """A theme or company template cannot be used; the message says what is missing."""

    category = "Template error"
    exit_code = 66  # EX_NOINPUT


class RenderError(AgendaError):
    """A pack could not be written (template, output folder); nothing was left half-written."""

    category = "Render error"
    exit_code = 73  # EX_CANTCREAT

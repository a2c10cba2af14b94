"""Errors a user can act on: each carries a category, an exit code and located problems."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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
    #: a line that sums up the ones above it ("... and 141 more bad rows"): after its file's
    last: bool = False

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

    def sort_key(self) -> tuple[str, bool, int, int]:
        """Order problems by file, then position, so reports read top to bottom; a line that
        sums up others comes after them."""
        return (str(self.path or ""), self.last, self.line or 0, self.column or 0)


#: The placeholder ``agenda init`` writes where a value must be typed each month. One constant,
#: text that no field reads as a number or a date, in capitals so it stands out in a file.
PLACEHOLDER = "TO FILL"
#: The exit code when the only problems are values still ``TO FILL`` (validate, build).
TODO_EXIT = 1


@dataclass(frozen=True)
class ToFill(Problem):
    """A value still ``TO FILL``: not wrong, not there yet. Listed by file, never built."""

    key: str = ""  #: where in the file, as ``slas[0].actual``
    label: str = ""  #: what the item is called, e.g. the SLA's name, to find it by
    expected: str = ""  #: what to type: "a number", "text", "a date"

    def entry(self) -> str:
        """``slas[0].actual (Calls answered within 60 seconds): a number``."""
        named = f" ({self.label})" if self.label else ""
        return f"{self.key}{named}" + (f": {self.expected}" if self.expected else "")

    def line_for(self, severity: str) -> str:
        where = self.where()
        return f"{where}: to fill: {self.entry()}" if where else f"to fill: {self.entry()}"


def record(problem: Problem, severity: str) -> dict[str, Any]:
    """One problem as ``--json`` gives it (validate, build-all): ``file`` (as the user would
    type it, or null), ``line`` and ``column`` (1-based, or null), ``severity`` (``error``,
    ``warning`` or ``todo``: a value still TO FILL) and ``message``."""
    if isinstance(problem, ToFill):
        severity, message = "todo", problem.entry()
    else:
        message = problem.message
    return {
        "file": shown_path(problem.path) if problem.path is not None else None,
        "line": problem.line,
        "column": problem.column,
        "severity": severity,
        "message": message,
    }


def todo_lines(todos: list[ToFill], *, indent: str = "  ") -> list[str]:
    """The values still to fill, grouped by file (each with its count), then the total: a
    list an assistant can send each department, file by file."""
    by_file: dict[str, list[ToFill]] = {}
    for todo in sorted(todos, key=Problem.sort_key):
        by_file.setdefault(shown_path(todo.path) if todo.path else "", []).append(todo)
    lines = []
    for name, items in by_file.items():
        lines.append(f"{name}: {len(items)} to fill")
        lines += [indent + t.line_for("to fill") for t in items]
    files = "file" if len(by_file) == 1 else "files"
    values = "value" if len(todos) == 1 else "values"
    lines.append(f"Total: {len(todos)} {values} to fill in {len(by_file)} {files}.")
    return lines


class AgendaError(Exception):
    """Base of every error the CLI reports without a traceback."""

    category = "Error"
    exit_code = 1

    def lines(self) -> list[str]:
        """Return the message as one line per problem."""
        return [f"{self.category}: {self}"]

    def records(self) -> list[dict[str, Any]]:
        """The problems as ``--json`` gives them (see ``record``)."""
        return [record(Problem(None, f"{self.category}: {self}"), "error")]


class DataError(AgendaError):
    """The month folder's data is wrong; every problem found is reported at once."""

    category = "Data error"
    exit_code = 65  # EX_DATAERR

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))
        if self.problems and all(isinstance(p, ToFill) for p in self.problems):
            self.exit_code = TODO_EXIT  # nothing wrong, only values still to type

    def records(self) -> list[dict[str, Any]]:
        return [record(p, "error") for p in self.problems]

    @property
    def errors(self) -> list[Problem]:
        """The problems that are wrong, not only still to fill."""
        return [p for p in self.problems if not isinstance(p, ToFill)]

    @property
    def todos(self) -> list[ToFill]:
        """The values still ``TO FILL``."""
        return [p for p in self.problems if isinstance(p, ToFill)]

    def lines(self) -> list[str]:
        out = [p.line_for("error") for p in self.errors]
        todos = self.todos
        if todos:
            out.append(
                f"{len(todos)} value{'s are' if len(todos) != 1 else ' is'} still "
                f"{PLACEHOLDER}: type each, then check again (agenda validate --todo lists them)"
            )
            out += todo_lines(todos)
        return out


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

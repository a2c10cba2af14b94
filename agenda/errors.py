"""Errors a user can act on: each carries a category, an exit code and located problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, pinned to a file position where one is known."""

    path: Path | None
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path.name if self.path.name else str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"

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
        return [f"{self.category}: {p}" for p in self.problems]


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

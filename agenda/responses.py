"""Read a survey export (``responses.csv``) into NPS tallies, with a located error per bad row.

Rows are tallied as they are read (overall, by segment, by channel), so a million-row export
costs little memory. Blank scores are skipped and counted: an abandoned survey is not a zero.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from agenda.errors import DataError, Problem
from agenda.sources import CONTROL, YamlFile

#: Largest survey export read (about 10 million short rows).
MAX_CSV_BYTES = 512 * 1024 * 1024
#: Most row errors listed before the rest are summarised, so a wrong file gives a short report.
MAX_ROW_PROBLEMS = 20
REQUIRED_COLUMNS = ("date", "score")
OPTIONAL_COLUMNS = ("segment", "channel", "comment")
_AT = ("nps", "responses")


@dataclass(frozen=True)
class Comment:
    """A free-text answer kept from the export, with what it was scored."""

    text: str
    score: int
    segment: str | None
    channel: str | None
    date: dt.date


@dataclass
class SurveyAnswers:
    """Tallies of 0–10 answers: overall, by segment and by channel."""

    path: Path
    scores: Counter[int] = field(default_factory=Counter)
    by_segment: dict[str, Counter[int]] = field(default_factory=dict)
    by_channel: dict[str, Counter[int]] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    blank: int = 0  #: rows with no score, skipped
    first: dt.date | None = None
    last: dt.date | None = None
    months: Counter[str] = field(default_factory=Counter)  #: answers by YYYY-MM of their date


def resolve_inside(folder: Path, name: str, referenced_from: YamlFile) -> Path:
    """Return ``folder/name`` if it is a file inside the month folder; refuse anything else."""
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise DataError(
            [
                referenced_from.problem(
                    _AT, f"nps.responses: '{name}' must be a file in the month folder"
                )
            ]
        )
    path = folder / candidate
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:
        raise DataError(
            [
                referenced_from.problem(
                    _AT, f"nps.responses: '{name}' points outside the month folder"
                )
            ]
        )
    if not path.is_file():
        raise DataError(
            [
                referenced_from.problem(
                    _AT, f"nps.responses: file '{name}' not found in {folder.name}/"
                )
            ]
        )
    return path


def _delimiter(header: str) -> str:
    """Comma, semicolon (European spreadsheets) or tab, whichever the header uses most."""
    return max((",", ";", "\t"), key=header.count)


#: A quote left open swallows the rows after it into one cell: they show up inside it.
_SWALLOWED_ROW = re.compile(r"\n\s*\d{4}-\d{2}-\d{2}\s*[,;\t]")


def read_responses(folder: Path, name: str, referenced_from: YamlFile) -> SurveyAnswers:
    """Parse the survey export named in customer.yaml; raise DataError listing bad rows."""
    path = resolve_inside(folder, name, referenced_from)
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise DataError([Problem(path, f"file is {size:,} bytes; the limit is {MAX_CSV_BYTES:,}")])
    answers = SurveyAnswers(path)
    problems: list[Problem] = []
    extra = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header_line = handle.readline()
            handle.seek(0)
            if header_line.startswith("\ufeff"):
                handle.read(1)
            reader = csv.reader(handle, delimiter=_delimiter(header_line))
            header = next(reader, None)
            if header is None:
                raise DataError([Problem(path, "file is empty; expected a header row", 1)])
            columns = [h.strip().lower() for h in header]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise DataError(
                    [
                        Problem(
                            path,
                            f"header row lacks column(s) {', '.join(missing)}; expected "
                            f"date, score and optionally segment, channel, comment "
                            f"(found: {', '.join(columns) or 'nothing'})",
                            1,
                        )
                    ]
                )
            idx = {
                c: columns.index(c) for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in columns
            }
            tally = _Tally(answers, idx, path, len(columns))
            previous_end = reader.line_num
            for row in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                if any(_SWALLOWED_ROW.search(cell) for cell in row):
                    problems.append(
                        Problem(
                            path,
                            "a quote opened in this row is never closed, so the rows after it "
                            "were read as part of one cell; close the quote",
                            start,
                        )
                    )
                    break
                problem = tally.add(row, start)
                if problem is not None:
                    if len(problems) < MAX_ROW_PROBLEMS:
                        problems.append(problem)
                    else:
                        extra += 1
    except UnicodeDecodeError:
        raise DataError([Problem(path, "file is not UTF-8 text; export it as CSV UTF-8")]) from None
    except csv.Error as exc:
        line = reader.line_num if "reader" in locals() else None
        raise DataError([Problem(path, f"not a readable CSV file: {exc}", line)]) from None
    if extra:
        problems.append(Problem(path, f"... and {extra} more bad rows"))
    if problems:
        raise DataError(problems)
    return answers


_SCORES = {str(n): n for n in range(11)}


class _Tally:
    """Add rows to the tallies; dates and scores repeat, so their parsing is cached."""

    def __init__(self, answers: SurveyAnswers, idx: dict[str, int], path: Path, width: int):
        self.answers = answers
        self.path = path
        self.date_i = idx["date"]
        self.score_i = idx["score"]
        self.segment_i = idx.get("segment")
        self.channel_i = idx.get("channel")
        self.comment_i = idx.get("comment")
        self.width = max(idx.values()) + 1
        self.columns = width
        #: an unquoted comma in a last-column comment splits it: join the pieces back
        self.join_tail = self.comment_i is not None and self.comment_i == width - 1
        self.dates: dict[str, dt.date] = {}

    def add(self, row: list[str], line: int) -> Problem | None:
        """Tally one row; return a located problem instead of raising, so all are reported."""
        if len(row) < self.width:
            if not any(cell.strip() for cell in row):
                return None  # a blank line
            row = row + [""] * (self.width - len(row))
        elif self.join_tail and len(row) > self.columns:
            row = [*row[: self.columns - 1], ",".join(row[self.columns - 1 :])]
        raw_date = row[self.date_i].strip()
        if not raw_date and not any(cell.strip() for cell in row):
            return None  # an empty row, as spreadsheets export them: ",,,,"
        date = self.dates.get(raw_date)
        if date is None:
            try:
                date = self.dates[raw_date] = dt.date.fromisoformat(raw_date)
            except ValueError:
                return Problem(
                    self.path, f"date {raw_date!r} is not an ISO date (YYYY-MM-DD)", line
                )
        answers = self.answers
        raw_score = row[self.score_i].strip()
        score = _SCORES.get(raw_score)
        if score is None:
            if raw_score == "":
                answers.blank += 1
                return None
            return Problem(self.path, f"score {raw_score!r} is not a whole number 0–10", line)
        answers.scores[score] += 1
        segment = row[self.segment_i].strip() if self.segment_i is not None else ""
        channel = row[self.channel_i].strip() if self.channel_i is not None else ""
        if segment:
            group = answers.by_segment.get(segment)
            if group is None:
                group = answers.by_segment[segment] = Counter()
            group[score] += 1
        if channel:
            group = answers.by_channel.get(channel)
            if group is None:
                group = answers.by_channel[channel] = Counter()
            group[score] += 1
        if self.comment_i is not None:
            comment = CONTROL.sub(" ", row[self.comment_i]).strip()
            if comment:
                answers.comments.append(
                    Comment(comment, score, segment or None, channel or None, date)
                )
        answers.months[f"{date.year:04d}-{date.month:02d}"] += 1
        if answers.first is None or date < answers.first:
            answers.first = date
        if answers.last is None or date > answers.last:
            answers.last = date
        return None

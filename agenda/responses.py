"""Read a survey export (``responses.csv``) into NPS tallies, with a located error per bad row.

Two passes keep a million-row export fast and small: the first counts identical (date, score,
segment, channel) rows as the CSV is read; the second parses each distinct combination once and
adds its count to the tallies. Blank scores are skipped and counted: an abandoned survey is
not a zero.
"""

from __future__ import annotations

import csv
import datetime as dt
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

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
    line: int | None = None  #: the row's line in the export, for the redaction report


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
_SCORES = {str(n): n for n in range(11)}
Key = tuple[str, ...]
#: A comment's text, the key of its row, and the row's line (None when the fast pass read it).
Comments = list[tuple[str, Key, int | None]]


class _Rows(Protocol):
    """A ``csv.reader``: rows of cells, and the line it has read up to."""

    @property
    def line_num(self) -> int: ...
    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


def read_responses(folder: Path, name: str, referenced_from: YamlFile) -> SurveyAnswers:
    """Parse the survey export named in customer.yaml; raise DataError listing bad rows."""
    path = resolve_inside(folder, name, referenced_from)
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise DataError([Problem(path, f"file is {size:,} bytes; the limit is {MAX_CSV_BYTES:,}")])
    answers = SurveyAnswers(path)
    reader = None
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
                found = ", ".join(columns) or "nothing"
                raise DataError(
                    [
                        Problem(
                            path,
                            f"header row lacks column(s) {', '.join(missing)}; expected date, "
                            f"score and optionally segment, channel, comment (found: {found})",
                            1,
                        )
                    ]
                )
            wanted = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
            doubled = [c for c in wanted if columns.count(c) > 1]
            if doubled:
                msg = (
                    f"the header row has column '{doubled[0]}' {columns.count(doubled[0])} "
                    "times; keep one, so it is clear which to read"
                )
                raise DataError([Problem(path, msg, 1)])
            idx = {c: columns.index(c) for c in wanted if c in columns}
            delimiter = _delimiter(header_line)
            fast = _count_lines(handle, delimiter, idx, len(columns))
            if fast is not None:
                counts, comments = fast
                problems = _tally(answers, counts, {}, comments, idx, path)
                if not problems:
                    return answers
                answers = SurveyAnswers(path)  # a bad row: read again, exactly, for its line
            handle.seek(0)
            if handle.read(1) != "\ufeff":
                handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            next(reader)
            counts, first_line, comments, problems = _count_rows(reader, idx, len(columns), path)
    except UnicodeDecodeError:
        raise DataError([Problem(path, "file is not UTF-8 text; export it as CSV UTF-8")]) from None
    except csv.Error as exc:
        line = reader.line_num if reader is not None else None
        raise DataError([Problem(path, f"not a readable CSV file: {exc}", line)]) from None
    if not problems:
        problems = _tally(answers, counts, first_line, comments, idx, path)
    if len(problems) > MAX_ROW_PROBLEMS:
        more = len(problems) - MAX_ROW_PROBLEMS
        problems = [*problems[:MAX_ROW_PROBLEMS], Problem(path, f"... and {more} more bad rows")]
    if problems:
        raise DataError(problems)
    return answers


def _count_lines(
    handle: Iterable[str], delimiter: str, idx: dict[str, int], width: int
) -> tuple[dict[Key, int], Comments] | None:
    """Fast pass: count identical lines in C, then parse each distinct line once.

    Returns None when a quoted field spans lines (a line with an odd number of quotes), so
    the exact row-by-row pass reads the file instead.
    """
    lines = Counter(handle)
    fields = _fields(idx)
    comment_i = idx.get("comment")
    need = max(idx.values()) + 1
    counts: dict[Key, int] = {}
    comments: Comments = []
    distinct = list(lines)
    if any(line.count('"') % 2 for line in distinct if '"' in line):
        return None
    # With no field spanning lines, each distinct line is one record: one reader parses them all.
    for line, row in zip(distinct, csv.reader(distinct, delimiter=delimiter), strict=True):
        n = lines[line]
        cells = _normalise(row, width, need, comment_i)
        if cells is None:
            continue
        key = fields(cells)
        counts[key] = counts.get(key, 0) + n
        if comment_i is not None and cells[comment_i]:
            comments.extend([(cells[comment_i], key, None)] * n)  # a line's place is not kept
    return counts, comments


def _fields(idx: dict[str, int]) -> Callable[[list[str]], Key]:
    order = [idx["date"], idx["score"]]
    order += [idx[c] for c in ("segment", "channel") if c in idx]
    return operator.itemgetter(*order)


def _normalise(row: list[str], width: int, need: int, comment_i: int | None) -> list[str] | None:
    """Skip blank lines, pad short rows, and rejoin a last-column comment split by commas."""
    if len(row) == width:
        return row
    if not any(cell.strip() for cell in row):
        return None
    if len(row) < need:
        return row + [""] * (need - len(row))
    if comment_i is not None and comment_i == width - 1 and len(row) > width:
        return [*row[: width - 1], ",".join(row[width - 1 :])]
    return row


def _count_rows(
    reader: _Rows, idx: dict[str, int], width: int, path: Path
) -> tuple[dict[Key, int], dict[Key, int], Comments, list[Problem]]:
    """First pass: count identical (date, score, segment, channel) rows; keep the comments."""
    fields = _fields(idx)
    comment_i = idx.get("comment")
    need = max(idx.values()) + 1
    counts: dict[Key, int] = {}
    first_line: dict[Key, int] = {}
    comments: Comments = []
    problems: list[Problem] = []
    previous = reader.line_num
    for row in reader:
        line = previous + 1
        now = reader.line_num
        if now - previous > 1 and any(_SWALLOWED_ROW.search(cell) for cell in row):
            problems.append(
                Problem(
                    path,
                    "a quote opened in this row is never closed, so the rows after it were "
                    "read as part of one cell; close the quote",
                    line,
                )
            )
            break
        previous = now
        cells = _normalise(row, width, need, comment_i)
        if cells is None:
            continue
        key = fields(cells)
        seen = counts.get(key)
        if seen is None:
            counts[key] = 1
            first_line[key] = line
        else:
            counts[key] = seen + 1
        if comment_i is not None and cells[comment_i]:
            comments.append((cells[comment_i], key, line))
    return counts, first_line, comments, problems


def _tally(
    answers: SurveyAnswers,
    counts: dict[Key, int],
    first_line: dict[Key, int],
    comments: Comments,
    idx: dict[str, int],
    path: Path,
) -> list[Problem]:
    """Second pass: parse each distinct row once and add its count to the tallies."""
    has_segment, has_channel = "segment" in idx, "channel" in idx
    parsed: dict[Key, tuple[int, str | None, str | None, dt.date]] = {}
    problems: list[tuple[int, Problem]] = []
    for key, n in counts.items():
        raw_date, raw_score = key[0].strip(), key[1].strip()
        rest = [part.strip() for part in key[2:]]
        if not raw_date and not raw_score and not any(rest):
            continue  # an empty row, as spreadsheets export them: ",,,,"
        line = first_line.get(key, 0)
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            msg = f"date {raw_date!r} is not an ISO date (YYYY-MM-DD)"
            problems.append((line, Problem(path, msg, line)))
            continue
        if raw_score == "":
            answers.blank += n
            continue
        score = _SCORES.get(raw_score)
        if score is None:
            msg = f"score {raw_score!r} is not a whole number 0–10"
            problems.append((line, Problem(path, msg, line)))
            continue
        segment = (rest[0] or None) if has_segment else None
        channel = (rest[-1] or None) if has_channel else None
        parsed[key] = (score, segment, channel, date)
        answers.scores[score] += n
        if segment:
            answers.by_segment.setdefault(segment, Counter())[score] += n
        if channel:
            answers.by_channel.setdefault(channel, Counter())[score] += n
        answers.months[f"{date.year:04d}-{date.month:02d}"] += n
        if answers.first is None or date < answers.first:
            answers.first = date
        if answers.last is None or date > answers.last:
            answers.last = date
    for text, key, row_line in comments:
        known = parsed.get(key)
        cleaned = (text if text.isprintable() else CONTROL.sub(" ", text)).strip()
        if known is not None and cleaned:
            score, segment, channel, date = known
            answers.comments.append(Comment(cleaned, score, segment, channel, date, row_line))
    return [problem for _, problem in sorted(problems, key=lambda item: item[0])]

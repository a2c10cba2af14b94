"""Read a survey export into NPS tallies, with a located error per bad row.

The export is named in customer.yaml's ``nps.responses``: a file name (a CSV with the columns
``date`` and ``score``), or a mapping that says how to read what a survey tool exports as it
is: which row holds the headers, how many label rows follow it, which header holds each field,
and the dates' format (``schema.ResponsesExport``).

Text exports are UTF-8 (with or without a BOM) or UTF-16 (Excel's "Unicode text"), with the
delimiter sniffed among comma, semicolon, tab and bar (tab for ``.tsv``). Two passes keep a
million-row export fast and small: the first counts identical (date, score, segment, channel)
rows as the file is read, identical lines counted in C where no quoted field spans lines; the
second parses each distinct combination once and adds its count to the tallies. Blank scores
are skipped and counted: an abandoned survey is not a zero.

``.xlsx`` workbooks are read with python-calamine (Rust's calamine), imported only when a
workbook is read. Measured on a generated 100,000-row, five-column workbook (2-core machine,
median of 3 fresh processes): calamine 0.77 s, openpyxl in read-only mode 11.1 s (7.6 s on a
workbook written by XlsxWriter); importing it costs 4 ms against openpyxl's 180 ms. Cells come
typed: numbers (``10.0``), dates and datetimes are read as what they are.

Dates are ISO dates or ISO timestamps (``2026-11-28 09:15:00``, ``2026-11-28T09:15:00Z``,
``…+01:00``; the date is the one written, its zone not converted), or follow ``date_format``.
Day-first and month-first dates (``03/04/2026``, ``19/11/2026``) are never guessed: without
``date_format`` they are an error that asks for it.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import csv
import datetime as dt
import gc
import io
import itertools
import operator
import os
import pickle
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from agenda.errors import DataError, Problem, closest
from agenda.formatting import short_date
from agenda.keywords import Keywords, Said, Tally, theme_key
from agenda.names import INVISIBLE
from agenda.order import THEME_QUOTES
from agenda.sources import CONTROL, Loc, YamlFile

if TYPE_CHECKING:
    from agenda.schema import ResponsesExport

#: Largest survey export read as text (about 10 million short rows).
MAX_CSV_BYTES = 512 * 1024 * 1024
#: Largest workbook read, and the most its parts may unpack to (a zip bomb stops here).
MAX_XLSX_BYTES = 128 * 1024 * 1024
MAX_XLSX_UNPACKED = 1024 * 1024 * 1024
#: Most row errors listed before the rest are summarised, so a wrong file gives a short report.
MAX_ROW_PROBLEMS = 20
REQUIRED_COLUMNS = ("date", "score")
OPTIONAL_COLUMNS = ("segment", "channel", "comment")
#: Most of the export's headers listed in a message about a column not found.
MAX_HEADERS_LISTED = 40
#: Rows read at a time: each chunk is counted column by column, then let go.
CHUNK_ROWS = 32_768
#: Comments kept per keyword theme as possible verbatims (the most recent, and as many of the
#: most recent from promoters and passives): enough for THEME_QUOTES after any that repeat.
KEEP_SAID = 3 * THEME_QUOTES
_AT: Loc = ("nps", "responses")
_WORKBOOKS = (".xlsx", ".xlsm")


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
    """Tallies of 0–10 answers (overall, by segment and by channel), and what the comments
    say about the keyword themes it was read for."""

    path: Path
    scores: Counter[int] = field(default_factory=Counter)
    by_segment: dict[str, Counter[int]] = field(default_factory=dict)
    by_channel: dict[str, Counter[int]] = field(default_factory=dict)
    has_comments: bool = False  #: the export has a comment column
    commented: int = 0  #: scored answers with a comment
    mentions: dict[str, int] = field(default_factory=dict)  #: keyword theme → comments
    unmatched: int = 0  #: comments that use no keyword theme's keywords
    #: keyword theme → the comments kept as possible verbatims, most recent first
    said: dict[str, list[Comment]] = field(default_factory=dict)
    blank: int = 0  #: rows with no score, skipped
    first: dt.date | None = None  #: the first counted answer's date
    last: dt.date | None = None
    outside: int = 0  #: scored answers dated in another month than the one read for, not counted
    outside_first: dt.date | None = None
    outside_last: dt.date | None = None

    @property
    def outside_span(self) -> str:
        """When the answers not counted are dated, as every message says it: "2 Oct 2026",
        "2 Oct 2026 to 5 Nov 2062"; "" when there are none."""
        first, last = self.outside_first, self.outside_last
        if first is None or last is None:
            return ""
        return short_date(first) + (f" to {short_date(last)}" if last != first else "")


@dataclass(frozen=True)
class _Layout:
    """How to read one export: customer.yaml's ``nps.responses``, and where it says it."""

    file: str
    source: YamlFile
    mapped: bool  #: given as a mapping (its keys have their own lines), not as a file name
    sheet: str | None = None
    header_row: int = 1
    skip_rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)  #: field → header, as given
    date_format: str | None = None
    delimiter: str | None = None  #: as given, for a text export
    #: the month whose answers are counted (YYYY-MM); answers dated in another are set apart
    month: str | None = None

    @classmethod
    def of(cls, spec: str | ResponsesExport, source: YamlFile, month: str | None = None) -> _Layout:
        if isinstance(spec, str):
            return cls(spec, source, mapped=False, month=month)
        columns = {key: header for key, header in spec.columns.model_dump().items() if header}
        return cls(
            spec.file,
            source,
            mapped=(*_AT, "file") in source.marks.keys,
            sheet=spec.sheet,
            header_row=spec.header_row,
            skip_rows=spec.skip_rows,
            columns=columns,
            date_format=spec.date_format,
            delimiter=_NAMED[spec.delimiter] if spec.delimiter else None,
            month=month,
        )

    def problem(self, key: Loc, message: str) -> Problem:
        """A problem at ``nps.responses.<key>`` in customer.yaml (its key's line when given)."""
        loc = (*_AT, *key)
        if self.mapped and loc in self.source.marks.keys:
            return self.source.problem(loc, f"{_dotted(loc)}: {message}", prefer_key=True)
        return self.source.problem(_AT, f"{_dotted(_AT)}: {message}")


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def responses_problem(spec: str | ResponsesExport, source: YamlFile, key: Loc, msg: str) -> Problem:
    """A problem at ``nps.responses.<key>`` of customer.yaml, for checks made after reading
    (``validate.survey_group_problems``)."""
    return _Layout.of(spec, source).problem(key, msg)


def _resolve(folder: Path, layout: _Layout) -> Path:
    """The export's path if it is a file inside the month folder; refuse anything else."""
    name = layout.file
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise DataError([layout.problem(("file",), f"'{name}' must be a file in the month folder")])
    path = folder / candidate
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:
        raise DataError([layout.problem(("file",), f"'{name}' points outside the month folder")])
    if not path.is_file():
        raise DataError([layout.problem(("file",), f"file '{name}' not found in {folder.name}/")])
    return path


def read_responses(
    folder: Path,
    spec: str | ResponsesExport,
    referenced_from: YamlFile,
    keywords: Keywords | None = None,
    month: str | None = None,
) -> SurveyAnswers:
    """Parse the survey export named in customer.yaml; raise DataError listing bad rows.

    ``spec`` is ``nps.responses``: a file name, or the checked mapping that says how to read it.
    With ``keywords``, the comments are counted by theme in the same pass, and each theme's
    most recent comments are kept as possible verbatims (``SurveyAnswers.said``). With
    ``month`` (YYYY-MM), answers dated in another month are not counted, nor their comments:
    they are counted apart (``SurveyAnswers.outside``), for the pack to say so.
    """
    layout = _Layout.of(spec, referenced_from, month)
    path = _resolve(folder, layout)
    workbook = path.suffix.lower() in _WORKBOOKS
    if layout.sheet is not None and not workbook:
        raise DataError(
            [
                layout.problem(
                    ("sheet",), f"'{path.name}' is not a workbook (.xlsx): it has no sheets"
                )
            ]
        )
    if layout.delimiter is not None and workbook:
        message = f"'{path.name}' is a workbook (.xlsx): its cells need no delimiter"
        raise DataError([layout.problem(("delimiter",), message)])
    size = path.stat().st_size
    limit = MAX_XLSX_BYTES if workbook else MAX_CSV_BYTES
    if size > limit:
        raise DataError([Problem(path, f"file is {size:,} bytes; the limit is {limit:,}")])
    if workbook:
        return one_spelling(_read_workbook(path, layout, keywords))
    return one_spelling(_read_text(path, layout, keywords))


# --- text exports ---------------------------------------------------------------------------


#: A quote left open swallows the rows after it into one cell. They show up inside it as lines
#: that are rows of the export (``_Count.swallows``: a date and a score where the export has
#: them), or as a timestamp that is a field of its own, at a line's start or between
#: delimiters (a row whose cells are quoted); a comment's own line breaks are rarely either.
_STAMP = (
    r"(?:\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)"
)
_STAMP_FIELD = re.compile(rf"(?:\n|[,;\t|])[ ]*\"?{_STAMP}\"?[ ]*[,;\t|]")
_QUOTED = re.compile(r'"(?:[^"]|"")*"')
_DELIMITERS = (",", ";", "\t", "|")
_NAMED = dict(zip(("comma", "semicolon", "tab", "bar"), _DELIMITERS, strict=True))
#: Lines of a text export read to find its delimiter: the header and the rows after it.
_SNIFF_LINES = 20
Key = tuple[Any, ...]
#: Builds the problem for a row of the export: (row or line, message).
RowProblem = Callable[[int, str], Problem]


class _Rows(Protocol):
    """A ``csv.reader``: rows of cells, and the line it has read up to."""

    @property
    def line_num(self) -> int: ...
    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


def _encoding(path: Path) -> str:
    """UTF-16 by its BOM (Excel's "Unicode text") or its zero bytes; else UTF-8, BOM or not."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) == 4 and head[1] == head[3] == 0 and head[0] and head[2]:
        return "utf-16-le"
    if len(head) == 4 and head[0] == head[2] == 0 and head[1] and head[3]:
        return "utf-16-be"
    return "utf-8"


def _delimiter(sample: str, suffix: str, header_row: int) -> str:
    """Tab for ``.tsv``; else whichever of comma, semicolon, tab and bar the header row uses
    outside quotes as many times as the most rows after it do (a question's text may hold
    commas, a score "9,0" one: the delimiter is the one every row shares); ties go to the
    one used most."""
    if suffix == ".tsv":
        return "\t"
    lines = [ln for ln in _QUOTED.sub("", sample).splitlines() if ln.strip()]
    lines = lines[header_row - 1 : header_row - 1 + _SNIFF_LINES] or lines[:1]
    best, found = ",", (0, 0)
    for d in _DELIMITERS:
        counts = [line.count(d) for line in lines]
        if not counts or not counts[0]:
            continue
        agree = (sum(1 for c in counts if c == counts[0]), counts[0])
        if agree > found:
            best, found = d, agree
    return best


def _rewind(handle: TextIO) -> None:
    """Back to the first character after any BOM."""
    handle.seek(0)
    if handle.read(1) != "\ufeff":
        handle.seek(0)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _read_text(path: Path, layout: _Layout, keywords: Keywords | None) -> SurveyAnswers:
    if _is_zip(path):
        raise DataError(
            [
                Problem(
                    path,
                    "this is a workbook (a zip file), not text: name it .xlsx, or export the "
                    "survey as CSV",
                )
            ]
        )
    encoding = _encoding(path)
    answers = SurveyAnswers(path)
    csv.field_size_limit(MAX_CSV_BYTES)  # a long comment is a comment, not a broken file
    reader = None

    def at_line(line: int, message: str) -> Problem:
        return Problem(path, message, line)

    try:
        with path.open(encoding=encoding, newline="") as handle:
            _rewind(handle)
            delimiter = layout.delimiter or _delimiter(
                handle.read(64 * 1024), path.suffix.lower(), layout.header_row
            )
            _rewind(handle)
            reader = csv.reader(handle, delimiter=delimiter)
            header, header_line, skipped = _preamble(reader, layout, path)
            idx, width = _columns(header, layout, path, header_line)
            _no_answer_skipped(skipped, idx, layout, path)
            count = _Count(idx, width, delimiter, layout, keywords)
            halves = _halves(path, encoding, reader.line_num)
            with _no_gc():
                if halves is None:
                    whole = _count_chunks(reader, count)
                else:
                    whole = _count_in_two(path, delimiter, halves, count)
            if whole:
                problems = _tally(answers, count, at_line)
                if not problems:
                    return answers
            # a bad row, or a quote left open: read again, row by row, for the lines
            answers = SurveyAnswers(path)
            _rewind(handle)
            reader = csv.reader(handle, delimiter=delimiter)
            _preamble(reader, layout, path)
            count = _Count(idx, width, delimiter, layout, keywords, exact=True)
            problems = _count_rows(reader, count, path)
    except UnicodeDecodeError:
        raise DataError(
            [
                Problem(
                    path,
                    "file is not UTF-8 or UTF-16 text (a Latin-1 or Windows-1252 export?); "
                    "export it as CSV UTF-8",
                    _undecodable_line(path, encoding),
                )
            ]
        ) from None
    except csv.Error as exc:
        line = reader.line_num if reader is not None else None
        raise DataError([Problem(path, f"not a readable CSV file: {exc}", line)]) from None
    if not problems:
        problems = _tally(answers, count, at_line)
    _raise_rows(path, problems)
    return answers


def _undecodable_line(path: Path, encoding: str) -> int | None:
    """The line of the first byte that is not ``encoding`` (UTF-8 only), for the message."""
    if not encoding.startswith("utf-8"):
        return None
    data = path.read_bytes()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1
    return None


#: A text export larger than this is read in two processes, where forking is used.
PARALLEL_BYTES = 16 * 1024 * 1024
#: The second half's rows are numbered from here, after any row of the first.
_SECOND = 1 << 31


def _can_fork() -> bool:
    """As ``packs.parallel.can_fork``: Linux, more than one core, not switched off."""
    return (
        sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and not os.environ.get("AGENDA_NO_FORK")
    )


def _halves(path: Path, encoding: str, lines: int) -> tuple[int, int, int] | None:
    """Where the answers start, where a second process may start reading them, and where they
    end, in bytes; None when the file is small, or not UTF-8, or no such place is plain.

    The middle is the start of a line with an even number of quotes before it (from where the
    answers start), so it is not inside a quoted cell."""
    size = path.stat().st_size
    if size < PARALLEL_BYTES or not encoding.startswith("utf-8") or not _can_fork():
        return None
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
        start = 0
        for _ in range(lines):
            start = head.find(b"\n", start) + 1
            if start == 0:
                return None
        if head[:start].count(b"\r") != head[:start].count(b"\r\n"):
            return None  # lines that end in a bare CR: counted apart
        middle = start + (size - start) // 2
        handle.seek(middle)
        ahead = handle.read(1 << 20)
        quotes, left = 0, middle - start
        handle.seek(start)
        while left > 0:
            block = handle.read(min(1 << 23, left))
            if not block:
                return None
            quotes += block.count(b'"')
            left -= len(block)
        at = 0
        while True:
            end_of_line = ahead.find(b"\n", at)
            if end_of_line < 0:
                return None
            quotes += ahead[at : end_of_line + 1].count(b'"')
            at = end_of_line + 1
            if quotes % 2 == 0:
                return start, middle + at, size


class _Range(io.RawIOBase):
    """Bytes ``start`` to ``end`` of a file."""

    def __init__(self, path: Path, start: int, end: int) -> None:
        super().__init__()
        self._file = path.open("rb")
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self._left)]
        got = self._file.readinto(view) or 0
        self._left -= got
        return got

    def close(self) -> None:
        self._file.close()
        super().close()


def _rows_between(path: Path, start: int, end: int, delimiter: str) -> tuple[_Rows, TextIO]:
    text = io.TextIOWrapper(
        io.BufferedReader(_Range(path, start, end), 1 << 20), encoding="utf-8", newline=""
    )
    return csv.reader(text, delimiter=delimiter), text


def _count_in_two(path: Path, delimiter: str, halves: tuple[int, int, int], count: _Count) -> bool:
    """Count the first half here and the second in a forked process at the same time, then
    add the second's tallies to the first's. If that process fails, this one reads its half."""
    start, middle, end = halves
    other = count.fresh(_SECOND)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the second half
        os.close(read)
        data = b""
        try:
            rows, text = _rows_between(path, middle, end, delimiter)
            with text:
                data = pickle.dumps((_count_chunks(rows, other), other.state()))
        except BaseException:
            data = b""
        finally:
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            os._exit(0)
    os.close(write)
    try:
        rows, text = _rows_between(path, start, middle, delimiter)
        with text:
            first = _count_chunks(rows, count)
    finally:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
    if data:
        second, state = pickle.loads(data)
    else:
        rows, text = _rows_between(path, middle, end, delimiter)
        with text:
            second = _count_chunks(rows, other)
        state = other.state()
    count.merge(state)
    return first and second


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Reading makes a million short-lived lists: the cycle collector would walk them all, and
    they hold no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _preamble(
    reader: _Rows, layout: _Layout, path: Path
) -> tuple[list[str], int, list[tuple[int, list[str]]]]:
    """Read up to the header row, then the label rows after it; return the header's cells,
    the line it ends on, and the skipped label rows with their lines."""
    header: tuple[list[str], int] | None = None
    skipped: list[tuple[int, list[str]]] = []
    for row in range(1, layout.header_row + layout.skip_rows + 1):
        line = reader.line_num + 1
        cells = next(reader, None)
        if cells is None:
            _past_the_end(layout, path, row - 1, row)
            break
        if row == layout.header_row:
            header = cells, reader.line_num
        elif row > layout.header_row:
            skipped.append((line, cells))
    assert header is not None
    return (*header, skipped)


def _no_answer_skipped(
    skipped: Sequence[tuple[int, Sequence[object]]],
    idx: dict[str, int],
    layout: _Layout,
    path: Path,
    where: str = "line",
) -> None:
    """Refuse ``skip_rows`` that skips an answer: a label row has no date and score, so a
    skipped row whose date and score cells read as a date and a score is an answer lost
    (an export with one header row fewer than ``skip_rows`` expects)."""
    dates = _Dates(layout.date_format)
    for line, cells in skipped:
        answer = _answer(cells, idx, dates)
        if answer is None:
            continue
        day, score = answer
        message = (
            f"skip_rows is {layout.skip_rows}, but {where} {line} of {path.name}, which it "
            f"skips, is an answer (dated {day.isoformat()}, scored {score}); skip only the "
            "label rows between the header and the answers (skip_rows: "
            f"{layout.skip_rows - 1} if that row is the first answer)"
        )
        raise DataError([layout.problem(("skip_rows",), message)])


def _answer(
    cells: Sequence[object], idx: dict[str, int], dates: _Dates
) -> tuple[dt.date, int] | None:
    """The date and score of ``cells`` when they read as an answer (a date and a 0–10 score
    where the export has them), else None: what tells an answer from a label row, or from a
    comment's own line."""
    if len(cells) <= max(idx["date"], idx["score"]):
        return None
    try:
        day = dates.parse(cells[idx["date"]])
        score = _score(cells[idx["score"]])
    except _Bad:
        return None
    return None if score is None else (day, score)


def _past_the_end(layout: _Layout, path: Path, rows: int, wanted: int) -> None:
    if wanted <= layout.header_row:
        if layout.header_row == 1:
            raise DataError([Problem(path, "file is empty; expected a header row", 1)])
        message = (
            f"header_row is {layout.header_row}, but {path.name} has only {rows} row(s); "
            "give the row that holds the column names"
        )
        raise DataError([layout.problem(("header_row",), message)])
    message = (
        f"skip_rows is {layout.skip_rows}, but {path.name} has only {rows} row(s), so no "
        "answers are left to read"
    )
    raise DataError([layout.problem(("skip_rows",), message)])


_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def _fold(text: str) -> str:
    """A header or sheet name as it is matched: without case, invisible characters, or the
    kind and number of spaces (a non-breaking space is a space)."""
    return " ".join(text.translate(_INVISIBLE).split()).casefold()


def _columns(
    header: Sequence[object], layout: _Layout, path: Path, line: int | None, sheet: str = ""
) -> tuple[dict[str, int], int]:
    """Each field's column in ``header``, matched without case or surrounding spaces."""
    source = f"{path.name}, sheet '{sheet}'" if sheet else path.name
    shown = [_cell_text(cell) for cell in header]
    folded = [_fold(text) for text in shown]
    wanted = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    idx: dict[str, int] = {}
    missing: list[str] = []
    problems: list[Problem] = []
    for key in wanted:
        name = layout.columns.get(key, key)
        hits = [n for n, text in enumerate(folded) if text == _fold(name)]
        if len(hits) > 1:
            msg = (
                f"the header row has column '{shown[hits[0]]}' {len(hits)} times; keep one, "
                "so it is clear which to read"
            )
            problems.append(Problem(path, msg, line))
        elif hits:
            idx[key] = hits[0]
        elif key in layout.columns:
            problems.append(layout.problem(("columns", key), _not_found(name, shown, source)))
        elif key in REQUIRED_COLUMNS:
            missing.append(key)
    if missing and not layout.mapped:
        found = ", ".join(folded) or "nothing"
        problems.append(
            Problem(
                path,
                f"header row lacks column(s) {', '.join(missing)}; expected date, score and "
                f"optionally segment, channel, comment (found: {found}); or name the export's "
                "columns under nps.responses.columns in customer.yaml",
                line,
            )
        )
    elif missing:
        for key in missing:
            message = (
                f"{_not_found(key, shown, source)}; name the export's {key} column under "
                f"columns (columns: {{{key}: ...}})"
            )
            problems.append(layout.problem(("columns",), message))
    if problems:
        raise DataError(problems)
    return idx, len(header)


def _not_found(name: str, headers: list[str], source: str) -> str:
    """'no column X in file (did you mean Y?); its columns are: …'."""
    listed = [h for h in headers if h.strip()]
    close = closest(name, listed, fold=_fold)
    hint = f" (did you mean '{close.strip()}'?)" if close is not None else ""
    shown = ", ".join(f"'{_short(h)}'" for h in listed[:MAX_HEADERS_LISTED])
    if len(listed) > MAX_HEADERS_LISTED:
        shown += f" and {len(listed) - MAX_HEADERS_LISTED} more"
    odd = [d for d in _DELIMITERS if len(listed) == 1 and d in listed[0]]
    if odd:  # one column holding another delimiter: the file's is not the one read
        named = {v: k for k, v in _NAMED.items()}[odd[0]]
        shown += f" (one column: is the delimiter {named}? set delimiter: {named})"
    return f"no column '{name}' in {source}{hint}; its columns are: {shown or 'none'}"


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _count_chunks(reader: _Rows, count: _Count) -> bool:
    """Fast pass: count the rows chunk by chunk, column by column. False when a quote left open
    may have swallowed rows (the exact pass then says where)."""
    while True:
        start = reader.line_num
        rows = list(itertools.islice(reader, CHUNK_ROWS))
        if not rows:
            return True
        if not count.add(rows, spanning=reader.line_num - start != len(rows)):
            return False


#: What stands in a row's score cell when the row's cells cannot be placed: ``_tally`` refuses
#: it at the row's line (no score cell, or more cells than the header and no way to tell where
#: the extra delimiter is).
SHORT, LONG = "\x00short", "\x00long"


def _normalise(
    row: list[str],
    delimiter: str,
    width: int,
    need: int,
    comment_i: int | None,
    required: tuple[int, int] = (0, 1),
) -> list[str] | None:
    """Skip blank lines, pad rows short of optional cells, rejoin a last-column comment split
    by the delimiter; a row without its date or score cell, or with more cells than the
    header elsewhere, gets SHORT or LONG for its score (``required``: date's and score's
    columns)."""
    if len(row) == width:
        return row
    if not any(cell.strip() for cell in row):
        return None
    if len(row) < need:
        padded = row + [""] * (need - len(row))
        if len(row) <= max(required):
            padded[required[1]] = SHORT
        return padded
    if len(row) > width and not any(row[width:]):
        return row[:width]  # trailing delimiters: empty cells past the last column
    if comment_i is not None and comment_i == width - 1 and len(row) > width:
        return [*row[: width - 1], delimiter.join(row[width - 1 :])]
    if len(row) > width:
        long = list(row)
        long[required[1]] = LONG
        return long
    return row


def _count_rows(reader: _Rows, count: _Count, path: Path) -> list[Problem]:
    """Exact pass: row by row, so that each distinct row is known by its first line."""
    problems: list[Problem] = []
    previous = reader.line_num
    rows: list[list[str]] = []
    lines: list[int] = []
    for row in reader:
        line = previous + 1
        now = reader.line_num
        wider = len(row) > count.width
        if now - previous > 1 and any(count.swallows(c, wider) for c in row if "\n" in c):
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
        rows.append(row)
        lines.append(line)
        if len(rows) == CHUNK_ROWS:
            count.add(rows, lines=lines)
            rows, lines = [], []
    if rows:
        count.add(rows, lines=lines)
    return problems


class _Count:
    """An export's rows counted by (date, score, segment, channel), a chunk at a time, and its
    comments counted by keyword theme (``agenda.keywords``).

    A timestamp is counted by its date alone (only the date is read): "11/28/2026 9:15:12 AM"
    by "11/28/2026" under ``date_format: "%m/%d/%Y %I:%M:%S %p"``, "2026-11-28T09:15:00Z" by
    "2026-11-28", so a million answers make a few thousand distinct rows to read.
    """

    def __init__(
        self,
        idx: dict[str, int],
        width: int,
        delimiter: str,
        layout: _Layout,
        keywords: Keywords | None,
        *,
        exact: bool = False,
        text: bool = True,
    ) -> None:
        self.idx, self.width, self.delimiter, self.exact = idx, width, delimiter, exact
        self.text = text
        self.need = max(idx.values()) + 1
        self.get = {key: operator.itemgetter(n) for key, n in idx.items()}
        self.full = _Dates(layout.date_format)
        head = _date_part(layout.date_format)
        self.cut: Callable[[list[Any]], Iterator[Any]] | None = None
        if head is not None:
            self.cut = _before_space
            self.dates = _Dates(head)
        else:
            self.dates = self.full
            self.cut = _iso_day if layout.date_format is None else None
        self.counts: Counter[Key] = Counter()
        self.first_line: dict[Key, int] = {}
        self.first_cell: dict[Key, Any] = {}
        self.tally = Tally(keywords, KEEP_SAID) if keywords and "comment" in idx else None
        self.has_comments = "comment" in idx
        self.rows = 0
        self.month = layout.month
        self.skip = layout.skip_rows
        self._order = _Order(self.dates, self.month)
        self._positive = _Positive()

    def swallows(self, cell: str, wider: bool = False) -> bool:
        """Whether ``cell`` holds rows of the export after its first line: a quote opened in
        it and never closed. A line is a row when its date and score cells (where this
        export has them) read as a date and a score, or it holds a timestamp as a field
        followed by more; or, in a row ``wider`` than the header (the next row's cells after
        it), the cell's last line is a date: the next row's, up to its opening quote."""
        if _STAMP_FIELD.search(cell):
            return True
        if wider and "\n" in cell:
            try:
                self.full.parse(cell.rsplit("\n", 1)[1].strip().strip('"'))
                return True
            except _Bad:
                pass
        if not self.delimiter:
            return False  # a workbook's cells are its own
        for line in cell.split("\n")[1:]:
            cells = [c.strip().strip('"') for c in line.rstrip("\r").split(self.delimiter)]
            if len(cells) >= self.need and _answer(cells, self.idx, self.full) is not None:
                return True
        return False

    def fresh(self, first_row: int) -> _Count:
        """An empty count like this one, whose rows are numbered from ``first_row``."""
        other = copy.copy(self)
        other.counts = Counter()
        other.first_line, other.first_cell = {}, {}
        other.tally = Tally(self.tally.keywords, self.tally.keep) if self.tally else None
        other.rows = first_row
        return other

    def state(self) -> tuple[Counter[Key], Any]:
        """What a count holds, to send from another process."""
        return self.counts, self.tally.state() if self.tally else None

    def merge(self, state: tuple[Counter[Key], Any]) -> None:
        """Add another count's ``state`` to this one."""
        counts, tally = state
        self.counts.update(counts)
        if self.tally is not None and tally is not None:
            self.tally.merge(tally)

    def add(
        self, rows: list[list[Any]], *, spanning: bool = False, lines: list[int] | None = None
    ) -> bool:
        """Count one chunk; False when a cell swallowed the rows after it (``spanning``: some
        row of the chunk spans lines, as a quoted cell may)."""
        if not self.text:
            rows = [r if len(r) >= self.need else [*r, *[""] * (self.need - len(r))] for r in rows]
        elif set(map(len, rows)) != {self.width}:
            kept = [
                (cells, n)
                for n, cells in enumerate(
                    _normalise(
                        row,
                        self.delimiter,
                        self.width,
                        self.need,
                        self.idx.get("comment"),
                        (self.idx["date"], self.idx["score"]),
                    )
                    for row in rows
                )
                if cells is not None
            ]
            rows = [cells for cells, _ in kept]
            if lines is not None:
                lines = [lines[n] for _, n in kept]
            if not rows:
                return True
        cells = list(map(self.get["date"], rows))
        cut = self.cut if self.text or all(type(c) is str for c in cells) else None
        days = list(cut(cells)) if cut is not None else cells
        if cut is _iso_day and not _all_iso(cells):
            days = cells  # read whole, so a cell that is not ISO is refused as it is written
        scores = list(map(self.get["score"], rows))
        columns = [days, scores]
        none = [None] * len(rows)
        segments = list(map(self.get["segment"], rows)) if "segment" in self.idx else none
        channels = list(map(self.get["channel"], rows)) if "channel" in self.idx else none
        columns += [c for c in (segments, channels) if c is not none]
        comments = list(map(self.get["comment"], rows)) if "comment" in self.idx else None
        if spanning and any(map(self.swallows, _spanning([*columns, comments or []]))):
            return False
        if lines is None:
            self.counts.update(zip(*columns, strict=True))
        else:
            keys = list(zip(*columns, strict=True))
            self.counts.update(keys)
            for key, line, cell in zip(keys, lines, cells, strict=True):
                if key not in self.first_line:
                    self.first_line[key] = line
                    self.first_cell[key] = cell
        if self.tally is not None and comments is not None:
            if not self.text:
                comments = list(map(_cell_text, comments))
            texts = list(map(str.strip, comments))
            order = list(
                map(
                    operator.add,
                    map(self._order.__getitem__, days),
                    range(self.rows, self.rows + len(rows)),
                )
            )
            positive = list(map(self._positive.__getitem__, scores))
            self.tally.add(texts, scores, segments, channels, days, order, positive, lines)
        self.rows += len(rows)
        return True


def _spanning(columns: list[list[Any]]) -> Iterator[str]:
    """The cells of ``columns`` that span lines."""
    for column in columns:
        yield from (c for c in column if isinstance(c, str) and "\n" in c)


#: What tells a date from the time after it, in a date_format: the date's own directives.
_DATE_DIRECTIVES = re.compile(r"%[dmyYbBjaAUWuwGVCgxc]")


def _date_part(date_format: str | None) -> str | None:
    """The format of the date before the first space of ``date_format`` ("%m/%d/%Y" of
    "%m/%d/%Y %I:%M:%S %p"), when the date is all there and the rest is time of day."""
    if date_format is None:
        return None
    head, _, tail = date_format.strip().partition(" ")
    if not tail or _DATE_DIRECTIVES.search(tail):
        return None
    if not all(re.search(d, head) for d in ("%[dj]", "%[mbB]", "%[yY]")):
        return None
    return head


_FIRST_WORD = operator.itemgetter(0)
_SPLIT_SPACE = operator.methodcaller("partition", " ")
_TEN = operator.itemgetter(slice(0, 10))


def _before_space(cells: list[Any]) -> Iterator[Any]:
    """Each cell's text before its first space (after its own leading spaces): in one step
    when every cell has its first space at the same place, as exports pad their dates."""
    at = cells[0].find(" ") if cells else -1
    if at > 0:
        with contextlib.suppress(IndexError):
            if set(map(operator.itemgetter(at), cells)) == {" "}:
                return map(operator.itemgetter(slice(0, at)), cells)
    return map(_FIRST_WORD, map(_SPLIT_SPACE, map(str.strip, cells)))


#: The shape of an ISO date or timestamp, its digits written 0 (or a blank cell).
_ISO_SHAPE = re.compile(
    rb"[ \t]*(?:0000-00-00(?:[T ]00:00(?::00(?:[.,]0{1,9})?)?[ \t]*(?:[Zz]|[+-]00(?::?00)?)?)?)?"
    rb"[ \t]*"
)
_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def _all_iso(cells: list[str]) -> bool:
    """Whether every cell is written as an ISO date or timestamp (or is blank): checked by
    the few shapes the cells take, digits aside, so a million cells cost a few set entries.
    ("2026-11-02garbage" is not; the time of day is not read, so its range is not checked.)"""
    joined = "\n".join(cells).encode("utf-8", "replace").translate(_ZEROS)
    return all(_ISO_SHAPE.fullmatch(shape) for shape in set(joined.split(b"\n")))


def _iso_day(cells: list[Any]) -> Iterator[Any]:
    """An ISO timestamp's date: its first ten characters (a cell that is not ISO stays wrong,
    and its row is refused, quoting the whole cell)."""
    return map(_TEN, map(str.strip, cells))


def _in_month(day: dt.date, month: str | None) -> bool:
    return month is None or f"{day.year:04d}-{day.month:02d}" == month


class _Order(dict[Any, int]):
    """A date cell → how recent it is (its date's ordinal, shifted past any row's place); an
    unreadable date, or one in another month than the one read for, sorts first (its row is
    an error, or not counted), so it never crowds out a comment a pack may quote."""

    def __init__(self, dates: _Dates, month: str | None) -> None:
        super().__init__()
        self.dates = dates
        self.month = month

    def __missing__(self, cell: Any) -> int:
        try:
            day = self.dates.parse(cell)
            value = day.toordinal() << 32 if _in_month(day, self.month) else 0
        except _Bad:
            value = 0
        self[cell] = value
        return value


class _Positive(dict[Any, bool]):
    """A score cell → whether it is a promoter's or a passive's (7 or more)."""

    def __missing__(self, cell: Any) -> bool:
        try:
            score = _score(cell)
        except _Bad:
            score = None
        self[cell] = found = score is not None and score >= 7
        return found


# --- workbooks ------------------------------------------------------------------------------


def _read_workbook(path: Path, layout: _Layout, keywords: Keywords | None) -> SurveyAnswers:
    """Read one sheet of an .xlsx with python-calamine, row numbers as Excel shows them."""
    unreadable = DataError(
        [Problem(path, "not a readable .xlsx workbook; open it in Excel and save it as .xlsx")]
    )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise unreadable from None
    if unpacked > MAX_XLSX_UNPACKED:
        message = f"workbook unpacks to {unpacked:,} bytes; the limit is {MAX_XLSX_UNPACKED:,}"
        raise DataError([Problem(path, message)])
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        hidden = {
            m.name
            for m in getattr(book, "sheets_metadata", ())
            if not str(m.visible).endswith(".Visible")
        }
        sheet = _sheet(names, layout, path, hidden)
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except DataError:
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException)
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        raise unreadable from None
    end = layout.header_row + layout.skip_rows
    if len(rows) < end:
        _past_the_end(layout, path, len(rows), len(rows) + 1)
    header = rows[layout.header_row - 1]
    if not any(_cell_text(cell) for cell in header):
        message = (
            f"row {layout.header_row} of sheet '{sheet}' is empty; header_row gives the row "
            "that holds the column names"
        )
        raise DataError([layout.problem(("header_row",), message)])
    where = f" of sheet '{sheet}'" if len(names) > 1 else ""

    def at_row(row: int, message: str) -> Problem:
        return Problem(path, f"row {row}{where}: {message}")

    idx, width = _columns(header, layout, path, None, sheet)
    labels = [
        (layout.header_row + 1 + n, row) for n, row in enumerate(rows[layout.header_row : end])
    ]
    _no_answer_skipped(labels, idx, layout, path, where="row")
    count = _Count(idx, width, "", layout, keywords, text=False)
    body = rows[end:]
    with _no_gc():
        for start in range(0, len(body), CHUNK_ROWS):
            first = end + 1 + start
            chunk = body[start : start + CHUNK_ROWS]
            count.add(chunk, lines=list(range(first, first + len(chunk))))
    answers = SurveyAnswers(path)
    problems = _tally(answers, count, at_row)
    if problems or answers.blank:  # calamine reads a formula's error as an empty cell
        errors = sorted(
            (row, key, value)
            for key in ("date", "score")
            for row, value in _error_cells(path, sheet, idx[key], end)
        )
        blank = ", or clear the cell if the answer was left blank"
        problems = [
            at_row(
                row,
                f"{key} is the formula error {value}, not a blank: correct the formula"
                + (blank if key == "score" else ""),
            )
            for row, key, value in errors
        ] or problems
    _raise_rows(path, problems)
    return answers


def _holds(archive: zipfile.ZipFile, name: str, needle: bytes) -> bool:
    """Whether the part ``name`` holds ``needle``, read a megabyte at a time (a large
    sheet's XML is never held whole for this)."""
    tail = b""
    with archive.open(name) as part:
        while block := part.read(1 << 20):
            if needle in tail + block[: len(needle)] or needle in block:
                return True
            tail = block[-len(needle) :]
    return False


_ERROR_CELL = re.compile(
    rb'<c\b([^>]*\bt="e"[^>]*)>(?:<f\b[^>]*(?:/>|>.*?</f>))?(?:<v>([^<]*)</v>)?'
)
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')


def _error_cells(path: Path, sheet: str, column: int, end: int) -> list[tuple[int, str]]:
    """The rows after ``end`` whose cell in ``column`` (0-based) holds a formula's error
    (#DIV/0!, #N/A...), read from the sheet's XML; [] when it cannot be told."""
    import posixpath
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    letters = ""
    n = column + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    try:
        with zipfile.ZipFile(path) as archive:
            book = ET.fromstring(archive.read("xl/workbook.xml"))
            rid = next(s.get(rel) for s in book.iter(f"{main}sheet") if s.get("name") == sheet)
            rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            target = next(r.get("Target", "") for r in rels if r.get("Id") == rid)
            name = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            name = posixpath.normpath(name)
            if not _holds(archive, name, b't="e"'):
                return []  # the usual case, found streaming: no error cell anywhere
            data = archive.read(name)
    except (KeyError, StopIteration, ET.ParseError, zipfile.BadZipFile, OSError):
        return []
    found = []
    for match in _ERROR_CELL.finditer(data):
        ref = _CELL_REF.search(match.group(1))
        if ref and ref.group(1).decode() == letters and int(ref.group(2)) > end:
            found.append((int(ref.group(2)), (match.group(2) or b"#ERROR").decode()))
    return found


def _sheet(names: list[str], layout: _Layout, path: Path, hidden: set[str]) -> str:
    """The sheet named in ``sheet`` (without case or surrounding spaces), else the first one
    Excel shows (a hidden sheet of test rows or raw data is never read unasked)."""
    if not names:
        raise DataError([Problem(path, "the workbook has no sheets")])
    if layout.sheet is None:
        return next((name for name in names if name not in hidden), names[0])
    for name in names:
        if _fold(name) == _fold(layout.sheet):
            return name
    close = closest(layout.sheet, names, fold=_fold)
    hint = f" (did you mean '{close}'?)" if close is not None else ""
    listed = ", ".join(f"'{name}'" for name in names)
    message = f"no sheet '{layout.sheet}' in {path.name}{hint}; its sheets are: {listed}"
    raise DataError([layout.problem(("sheet",), message)])


# --- both: the second pass ------------------------------------------------------------------


class _Bad(ValueError):
    """A cell that cannot be read; its message says why."""


def _cell_text(value: object) -> str:
    """A cell as text: a whole number without ``.0`` (a code typed as 3 reads "3")."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


_SCORES = {str(n): n for n in range(11)}
#: ``10``, ``10.0`` (a spreadsheet's number as text), ``10,0`` (the same, in a European locale).
_WHOLE = re.compile(r"(\d+)(?:[.,]0+)?")


def _score(raw: object) -> int | None:
    """A 0–10 score, None when blank; raise _Bad for anything else."""
    if isinstance(raw, str):
        text = raw.strip()
        score = _SCORES.get(text)
        if score is not None:
            return score
        if not text:
            return None
        whole = _WHOLE.fullmatch(text)
        if whole is not None and int(whole.group(1)) <= 10:
            return int(whole.group(1))
        raise _Bad(f"score {text!r} is not a whole number 0–10")
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and 0 <= raw <= 10:
            return int(raw)
        raise _Bad(f"score {raw:g} is not a whole number 0–10")
    raise _Bad(f"score {_cell_text(raw)!r} is not a whole number 0–10")


_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
#: Day and month in either order: 03/04/2026, 19.11.2026, 4-3-26, with or without a time.
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T,].*)?", re.S)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class _Dates:
    """Dates of one export: ISO, or ``date_format``; each distinct text parsed once."""

    def __init__(self, date_format: str | None):
        self.format = date_format
        self.seen: dict[str, dt.date] = {}

    def parse(self, raw: object) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if not isinstance(raw, str):
            raise _Bad(
                f"date {_cell_text(raw)!r} is not a date; format the column as dates (or text)"
            )
        text = raw.strip()
        known = self.seen.get(text)
        if known is None:
            known = self.seen[text] = self._parse(text)
        return known

    def _parse(self, text: str) -> dt.date:
        if self.format is not None:
            try:
                return dt.datetime.strptime(text, self.format).date()
            except ValueError:
                pass
        iso = _ISO.fullmatch(text)
        if iso is not None:
            year, month, day, hour, minute, second = (int(p) if p else 0 for p in iso.groups())
            if hour < 24 and minute < 60 and second < 60:
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    pass
            raise _Bad(f"date {text!r} is not a real date and time")
        if self.format is not None:
            raise _Bad(f"date {text!r} does not match date_format {self.format!r}")
        pair = _DAY_MONTH.fullmatch(text)
        if pair is not None:
            first, second = int(pair.group(1)), int(pair.group(2))
            if 1 <= first <= 12 and 1 <= second <= 12 and first != second:
                raise _Bad(
                    f"date {text!r} could be {first} {_MONTHS[second - 1]} or {second} "
                    f"{_MONTHS[first - 1]}; set date_format under nps.responses in "
                    "customer.yaml (e.g. '%d/%m/%Y' or '%m/%d/%Y'), so it is not guessed"
                )
            raise _Bad(
                f"date {text!r} is not an ISO date; set date_format under nps.responses in "
                "customer.yaml (e.g. '%d/%m/%Y'): day and month order is never guessed"
            )
        if not text:
            raise _Bad("the date is blank; every answer needs its date")
        raise _Bad(f"date {text!r} is not an ISO date (YYYY-MM-DD) or timestamp")


def _tally(answers: SurveyAnswers, count: _Count, problem: RowProblem) -> list[Problem]:
    """Second pass: parse each distinct row once and add its count to the tallies; then the
    comments' counts by theme, and the comments kept as possible verbatims."""
    idx, dates = count.idx, count.dates
    has_segment, has_channel = "segment" in idx, "channel" in idx
    problems: list[tuple[int, Problem]] = []
    first = min(count.first_line.values(), default=0)  #: the first answer's row, when known
    for key, n in count.counts.items():
        raw_date, raw_score = key[0], key[1]
        rest = [_cell_text(part) for part in key[2:]]
        if not _cell_text(raw_date) and not _cell_text(raw_score) and not any(rest):
            continue  # an empty row, as spreadsheets export them: ",,,,"
        line = count.first_line.get(key, 0)
        if raw_score in (SHORT, LONG):
            cells = "fewer" if raw_score == SHORT else "more"
            problems.append(
                (
                    line,
                    problem(
                        line,
                        f"the row has {cells} cells than the header, so its cells cannot be "
                        "placed (a quote left open, or a delimiter missing or inside a cell "
                        "that is not quoted?)",
                    ),
                )
            )
            continue
        try:
            date = dates.parse(raw_date)
        except _Bad as exc:
            cell = count.first_cell.get(key, raw_date)
            message = str(exc) if cell == raw_date else _whole_cell(count.full, cell, str(exc))
            if line and line == first and _not_a_score(raw_score):
                message += (
                    "; if this row repeats the header's labels (SurveyMonkey's 'Response' row), "
                    f"skip it: skip_rows: {count.skip + 1}"
                )
            problems.append((line, problem(line, message)))
            continue
        try:
            score = _score(raw_score)
        except _Bad as exc:
            problems.append((line, problem(line, str(exc))))
            continue
        if not _in_month(date, count.month):
            if score is None:
                continue  # an abandoned survey of another month: not this month's blank
            answers.outside += n
            if answers.outside_first is None or date < answers.outside_first:
                answers.outside_first = date
            if answers.outside_last is None or date > answers.outside_last:
                answers.outside_last = date
            continue
        if score is None:
            answers.blank += n
            continue
        segment = (rest[0] or None) if has_segment else None
        channel = (rest[-1] or None) if has_channel else None
        answers.scores[score] += n
        if segment:
            _group(answers.by_segment, segment)[score] += n
        if channel:
            _group(answers.by_channel, channel)[score] += n
        if answers.first is None or date < answers.first:
            answers.first = date
        if answers.last is None or date > answers.last:
            answers.last = date
    answers.has_comments = count.has_comments
    if count.tally is not None and not problems:
        _comments(answers, count)
    return [problem for _, problem in sorted(problems, key=lambda item: item[0])]


def _not_a_score(raw: object) -> bool:
    """A cell that is neither a score nor blank: a label, like the date beside it."""
    try:
        _score(raw)
    except _Bad:
        return True
    return False


def _group(groups: dict[str, Counter[int]], name: str) -> Counter[int]:
    found = groups.get(name)
    if found is None:
        found = groups[name] = Counter()
    return found


def _whole_cell(full: _Dates, cell: Any, message: str) -> str:
    """The refusal of a date as its whole cell reads (time and all), not its date part."""
    try:
        full.parse(cell)
    except _Bad as exc:
        return str(exc)
    return message


def _comments(answers: SurveyAnswers, count: _Count) -> None:
    """Comments of scored answers by theme, those that use no theme's keywords, and each
    theme's kept comments as they will be quoted: cleaned of control characters, with their
    score, segment, channel and date."""
    tally = count.tally
    assert tally is not None
    scores: dict[Any, int | None] = {}
    for (marks, cell, day), n in tally.counts.items():
        if cell not in scores:
            scores[cell] = _score(cell)
        if scores[cell] is None:
            continue  # an abandoned survey's comment: no answer to count it with
        if not _in_month(count.dates.parse(day), count.month):
            continue  # an answer from another month: not counted, nor its comment
        answers.commented += n
        names = tally.keywords.themes(marks)
        for name in names:
            answers.mentions[name] = answers.mentions.get(name, 0) + n
        if not names:
            answers.unmatched += n
    for name in tally.keywords.names:
        answers.mentions.setdefault(name, 0)
        kept = []
        for said in tally.said(name):
            comment = _quoted(said, count.dates)
            if comment is not None and _in_month(comment.date, count.month):
                kept.append(comment)
        answers.said[name] = kept


def _quoted(said: Said, dates: _Dates) -> Comment | None:
    """A kept comment as a verbatim may quote it; None for an unscored answer's."""
    score = _score(said.score)
    if score is None:
        return None
    text = said.text.replace("\r\n", "\n").replace("\r", "\n")  # a line break is one break
    text = text if text.isprintable() else CONTROL.sub(" ", text).strip()
    segment, channel = _cell_text(said.segment) or None, _cell_text(said.channel) or None
    return Comment(text, score, segment, channel, dates.parse(said.day), said.line)


def _raise_rows(path: Path, problems: list[Problem]) -> None:
    """Raise the rows' problems, the first MAX_ROW_PROBLEMS of them and a count of the rest."""
    if len(problems) > MAX_ROW_PROBLEMS:
        more = len(problems) - MAX_ROW_PROBLEMS
        rest = Problem(path, f"... and {more} more bad rows", last=True)
        problems = [*problems[:MAX_ROW_PROBLEMS], rest]
    if problems:
        raise DataError(problems)


# --- one group, however it is spelt ---------------------------------------------------------


def one_spelling(answers: SurveyAnswers) -> SurveyAnswers:
    """The export's segments and channels grouped as themes are matched (``theme_key``: without
    case, accents, or the kind and number of spaces, zero-width characters dropped), so "Loja",
    "loja" and "LOJA", or "Pequena empresa" typed with a non-breaking space, are one group and
    one row, named by its most common spelling (the first in sorted order on a tie)."""
    answers.by_segment = _merged(answers.by_segment)
    answers.by_channel = _merged(answers.by_channel)
    return answers


def _merged(groups: dict[str, Counter[int]]) -> dict[str, Counter[int]]:
    """``groups`` with the names that are one group added up under their most common one."""
    spellings: dict[str, list[str]] = {}
    for name in groups:
        spellings.setdefault(theme_key(name), []).append(name)
    if all(len(names) == 1 for names in spellings.values()):
        return groups
    merged: dict[str, Counter[int]] = {}
    for names in spellings.values():
        shown = min(names, key=lambda n: (-groups[n].total(), n))
        total: Counter[int] = Counter()
        for name in names:
            total.update(groups[name])
        merged[shown] = total
    return merged

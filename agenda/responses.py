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
import csv
import datetime as dt
import operator
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from agenda.errors import DataError, Problem, closest
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

    @classmethod
    def of(cls, spec: str | ResponsesExport, source: YamlFile) -> _Layout:
        if isinstance(spec, str):
            return cls(spec, source, mapped=False)
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
        )

    def problem(self, key: Loc, message: str) -> Problem:
        """A problem at ``nps.responses.<key>`` in customer.yaml (its key's line when given)."""
        loc = (*_AT, *key)
        if self.mapped and loc in self.source.marks.keys:
            return self.source.problem(loc, f"{_dotted(loc)}: {message}", prefer_key=True)
        return self.source.problem(_AT, f"{_dotted(_AT)}: {message}")


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


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
    folder: Path, spec: str | ResponsesExport, referenced_from: YamlFile
) -> SurveyAnswers:
    """Parse the survey export named in customer.yaml; raise DataError listing bad rows.

    ``spec`` is ``nps.responses``: a file name, or the checked mapping that says how to read it.
    """
    layout = _Layout.of(spec, referenced_from)
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
    size = path.stat().st_size
    limit = MAX_XLSX_BYTES if workbook else MAX_CSV_BYTES
    if size > limit:
        raise DataError([Problem(path, f"file is {size:,} bytes; the limit is {limit:,}")])
    if workbook:
        return _read_workbook(path, layout)
    return _read_text(path, layout)


# --- text exports ---------------------------------------------------------------------------


#: A quote left open swallows the rows after it into one cell: they show up inside it.
_SWALLOWED_ROW = re.compile(r"\n\s*\d{4}-\d{2}-\d{2}\s*[,;\t|]")
_QUOTED = re.compile(r'"(?:[^"]|"")*"')
_DELIMITERS = (",", ";", "\t", "|")
Key = tuple[Any, ...]
#: A comment's text, the key of its row, and the row's line (None when the fast pass read it).
Comments = list[tuple[str, Key, int | None]]
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


def _delimiter(sample: str, suffix: str) -> str:
    """Tab for ``.tsv``; else whichever of comma, semicolon, tab and bar the first line uses
    most outside quotes (a question's text may hold commas)."""
    if suffix == ".tsv":
        return "\t"
    for text in (_QUOTED.sub("", sample), sample):
        line = next((ln for ln in text.splitlines() if ln.strip()), "")
        counts = {d: line.count(d) for d in _DELIMITERS}
        if any(counts.values()):
            return max(_DELIMITERS, key=counts.__getitem__)
    return ","


def _rewind(handle: TextIO) -> None:
    """Back to the first character after any BOM."""
    handle.seek(0)
    if handle.read(1) != "\ufeff":
        handle.seek(0)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _read_text(path: Path, layout: _Layout) -> SurveyAnswers:
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
    dates = _Dates(layout.date_format)
    reader = None

    def at_line(line: int, message: str) -> Problem:
        return Problem(path, message, line)

    try:
        with path.open(encoding=encoding, newline="") as handle:
            _rewind(handle)
            delimiter = _delimiter(handle.read(64 * 1024), path.suffix.lower())
            _rewind(handle)
            reader = csv.reader(handle, delimiter=delimiter)
            header, header_line = _preamble(reader, layout, path)
            idx, width = _columns(header, layout, path, header_line)
            fast = _count_lines(handle, delimiter, idx, width)
            if fast is not None:
                counts, comments = fast
                problems = _tally(answers, counts, {}, comments, idx, at_line, dates)
                if not problems:
                    return answers
                answers = SurveyAnswers(path)  # a bad row: read again, exactly, for its line
            _rewind(handle)
            reader = csv.reader(handle, delimiter=delimiter)
            _preamble(reader, layout, path)
            counts, first_line, comments, problems = _count_rows(
                reader, delimiter, idx, width, path
            )
    except UnicodeDecodeError:
        raise DataError(
            [Problem(path, "file is not UTF-8 or UTF-16 text; export it as CSV UTF-8")]
        ) from None
    except csv.Error as exc:
        line = reader.line_num if reader is not None else None
        raise DataError([Problem(path, f"not a readable CSV file: {exc}", line)]) from None
    if not problems:
        problems = _tally(answers, counts, first_line, comments, idx, at_line, dates)
    _raise_rows(path, problems)
    return answers


def _preamble(reader: _Rows, layout: _Layout, path: Path) -> tuple[list[str], int]:
    """Read up to the header row, then the label rows after it; return the header's cells
    and the line it ends on."""
    header: tuple[list[str], int] | None = None
    for row in range(1, layout.header_row + layout.skip_rows + 1):
        cells = next(reader, None)
        if cells is None:
            _past_the_end(layout, path, row - 1, row)
            break
        if row == layout.header_row:
            header = cells, reader.line_num
    assert header is not None
    return header


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


def _fold(text: str) -> str:
    return text.strip().casefold()


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
    return f"no column '{name}' in {source}{hint}; its columns are: {shown or 'none'}"


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


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
        cells = _normalise(row, delimiter, width, need, comment_i)
        if cells is None:
            continue
        key = fields(cells)
        counts[key] = counts.get(key, 0) + n
        if comment_i is not None and cells[comment_i]:
            comments.extend([(cells[comment_i], key, None)] * n)  # a line's place is not kept
    return counts, comments


def _fields(idx: dict[str, int]) -> Callable[[Sequence[Any]], Key]:
    order = [idx["date"], idx["score"]]
    order += [idx[c] for c in ("segment", "channel") if c in idx]
    return operator.itemgetter(*order)


def _normalise(
    row: list[str], delimiter: str, width: int, need: int, comment_i: int | None
) -> list[str] | None:
    """Skip blank lines, pad short rows, and rejoin a last-column comment split by the
    delimiter."""
    if len(row) == width:
        return row
    if not any(cell.strip() for cell in row):
        return None
    if len(row) < need:
        return row + [""] * (need - len(row))
    if comment_i is not None and comment_i == width - 1 and len(row) > width:
        return [*row[: width - 1], delimiter.join(row[width - 1 :])]
    return row


def _count_rows(
    reader: _Rows, delimiter: str, idx: dict[str, int], width: int, path: Path
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
        cells = _normalise(row, delimiter, width, need, comment_i)
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


# --- workbooks ------------------------------------------------------------------------------


def _read_workbook(path: Path, layout: _Layout) -> SurveyAnswers:
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
        sheet = _sheet(names, layout, path)
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

    idx, _ = _columns(header, layout, path, None, sheet)
    fields = _fields(idx)
    comment_i = idx.get("comment")
    need = max(idx.values()) + 1
    counts: dict[Key, int] = {}
    first_row: dict[Key, int] = {}
    comments: Comments = []
    for number, cells in enumerate(rows[end:], start=end + 1):
        if len(cells) < need:
            cells = [*cells, *[""] * (need - len(cells))]
        key = fields(cells)
        seen = counts.get(key)
        if seen is None:
            counts[key] = 1
            first_row[key] = number
        else:
            counts[key] = seen + 1
        if comment_i is not None:
            text = _cell_text(cells[comment_i])
            if text:
                comments.append((text, key, number))
    answers = SurveyAnswers(path)
    problems = _tally(answers, counts, first_row, comments, idx, at_row, _Dates(layout.date_format))
    _raise_rows(path, problems)
    return answers


def _sheet(names: list[str], layout: _Layout, path: Path) -> str:
    """The sheet named in ``sheet`` (without case or surrounding spaces), else the first."""
    if not names:
        raise DataError([Problem(path, "the workbook has no sheets")])
    if layout.sheet is None:
        return names[0]
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


def _tally(
    answers: SurveyAnswers,
    counts: dict[Key, int],
    first_line: dict[Key, int],
    comments: Comments,
    idx: dict[str, int],
    problem: RowProblem,
    dates: _Dates,
) -> list[Problem]:
    """Second pass: parse each distinct row once and add its count to the tallies."""
    has_segment, has_channel = "segment" in idx, "channel" in idx
    parsed: dict[Key, tuple[int, str | None, str | None, dt.date]] = {}
    problems: list[tuple[int, Problem]] = []
    for key, n in counts.items():
        raw_date, raw_score = key[0], key[1]
        rest = [_cell_text(part) for part in key[2:]]
        if not _cell_text(raw_date) and not _cell_text(raw_score) and not any(rest):
            continue  # an empty row, as spreadsheets export them: ",,,,"
        line = first_line.get(key, 0)
        try:
            date = dates.parse(raw_date)
            score = _score(raw_score)
        except _Bad as exc:
            problems.append((line, problem(line, str(exc))))
            continue
        if score is None:
            answers.blank += n
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


def _raise_rows(path: Path, problems: list[Problem]) -> None:
    """Raise the rows' problems, the first MAX_ROW_PROBLEMS of them and a count of the rest."""
    if len(problems) > MAX_ROW_PROBLEMS:
        more = len(problems) - MAX_ROW_PROBLEMS
        problems = [*problems[:MAX_ROW_PROBLEMS], Problem(path, f"... and {more} more bad rows")]
    if problems:
        raise DataError(problems)

"""Survey exports as the tools write them (issue 12): read through ``nps.responses``'s mapping.

Each test writes a small export in the shape of a common survey tool, builds the pack through
the CLI, and finds in the Word pack the NPS it computes by hand from the rows it wrote. Every
bad shape is a located error (the export's file and row, or customer.yaml's line), a non-zero
exit, and nothing written.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
import xlsxwriter
from conftest import CUSTOMER, MEETING, docx_items, write_month

COUNTS = "  counts: {promoters: 50, passives: 30, detractors: 20}\n"
QUESTION = "How likely is it that you would recommend Acme Water to a friend or colleague?"


def _month(tmp_path: Path, responses: str, files: dict[str, bytes], name: str = "2026-11") -> Path:
    """A month whose customer.yaml reads ``responses`` (YAML under ``nps:``) from ``files``."""
    block = textwrap.indent(textwrap.dedent(responses).strip("\n") + "\n", "  ")
    assert COUNTS in CUSTOMER
    customer = CUSTOMER.replace(COUNTS, block)
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer}, name)
    for file_name, data in files.items():
        (month / file_name).write_bytes(data)
    return month


def _by_hand(scores: list[int]) -> tuple[str, int]:
    """NPS as the pack says it, from the scores: % promoters (9–10) minus % detractors (0–6)."""
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    value = 100 * (promoters - detractors) / len(scores)
    assert value == int(value), "the test's rows give a whole NPS, so no rounding rule is assumed"
    whole = int(value)
    return ("+" if whole > 0 else "−" if whole < 0 else "") + str(abs(whole)), len(scores)


def _nps_in_pack(run_cli, month: Path, tmp_path: Path) -> tuple[str, int]:
    """Build the pack and read the NPS finding from the Word pack: ('+25', 4)."""
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    said = [i.text for i in docx_items(next(out.glob("*.docx")))]
    found = [m for m in (re.match(r"NPS ([+−]?\d+) from ([\d,]+) answers", t) for t in said) if m]
    assert found, said
    return found[0].group(1), int(found[0].group(2).replace(",", ""))


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    def cell(text: str) -> str:
        if any(ch in text for ch in (delimiter, '"', "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in rows)


def _yaml_line(month: Path, key: str, after: str = "responses:") -> int:
    """The 1-based line of ``key:`` in customer.yaml (the first after ``after``)."""
    lines = (month / "customer.yaml").read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line)
    return next(n for n in range(start, len(lines)) if lines[n].strip().startswith(f"{key}:")) + 1


def _refused(run_cli, month: Path, tmp_path: Path, *expected: str) -> str:
    """Validate and build are both refused, located, without a traceback or any file."""
    checked = run_cli("validate", month)
    assert checked.exit_code == 65, checked.output
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 65, result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir()), "nothing may be written on bad input"
    for text in expected:
        assert text in result.stderr, (text, result.stderr)
        assert text in checked.stderr, (text, checked.stderr)
    return result.stderr


# --- the shapes of the common tools -----------------------------------------------------------


def test_surveymonkey_like_two_header_rows(run_cli, tmp_path):
    """Question text as headers, a 'Response' sub-header row, US dates with AM/PM."""
    scores = [10, 9, 9, 7, 3, 10, 6, 8]
    rows = [
        ["Respondent ID", "Start Date", "End Date", QUESTION, "What could we do better?", "Type"],
        ["", "", "", "Response", "Open-Ended Response", "Response"],
    ]
    for n, score in enumerate(scores):
        when = f"11/{n + 1:02d}/2026 0{n % 9 + 1}:15:00 {'AM' if n % 2 else 'PM'}"
        rows.append(
            [str(1000 + n), when, when, str(score), "fine, mostly" if n % 3 else "", "Home"]
        )
    rows.append(["1099", "11/20/2026 10:00:00 AM", "", "", "gave up", "Home"])  # blank: skipped
    month = _month(
        tmp_path,
        f"""
        responses:
          file: monkey.csv
          header_row: 1
          skip_rows: 1
          columns:
            score: "  {QUESTION.upper()} "
            date: start date
            segment: Type
            comment: What could we do better?
          date_format: "%m/%d/%Y %I:%M:%S %p"
        """,
        {"monkey.csv": _csv(rows).encode("utf-8")},
    )
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand(scores)


def test_qualtrics_like_three_header_rows_with_import_ids(run_cli, tmp_path):
    scores = [10, 10, 0, 5, 8, 9, 9, 9, 2, 7]
    rows = [
        ["StartDate", "EndDate", "Status", "Q1", "Q2", "Q3"],
        [
            "Start Date",
            "End Date",
            "Response Type",
            QUESTION,
            "Why did you give this score?",
            "How did you contact us?",
        ],
        [
            '{"ImportId":"startDate","timeZone":"America/Denver"}',
            '{"ImportId":"endDate","timeZone":"America/Denver"}',
            '{"ImportId":"status"}',
            '{"ImportId":"QID1"}',
            '{"ImportId":"QID2_TEXT"}',
            '{"ImportId":"QID3"}',
        ],
    ]
    for n, score in enumerate(scores):
        when = f"2026-11-{n + 1:02d} 09:{n:02d}:00"
        rows.append([when, when, "IP Address", str(score), f"because, well, {n}", "Phone"])
    month = _month(
        tmp_path,
        """
        responses:
          file: qualtrics.csv
          header_row: 1
          skip_rows: 2
          columns: {date: StartDate, score: Q1, comment: Q2, channel: q3}
        """,
        {"qualtrics.csv": _csv(rows).encode("utf-8-sig")},
    )
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand(scores)


def test_typeform_like_submitted_at_timestamps_with_and_without_zones(run_cli, tmp_path):
    stamps = [
        "2026-11-28 09:15:00",
        "2026-11-28T09:15:00Z",
        "2026-11-27T23:30:00+01:00",
        "2026-11-03T08:00:00.123-05:00",
        "2026-11-04T10:00",
        "2026-11-05",
    ]
    scores = [10, 9, 10, 8, 0, 10]
    rows = [["#", QUESTION, "Anything else?", "Start Date (UTC)", "Submitted At", "Network ID"]]
    for n, (stamp, score) in enumerate(zip(stamps, scores, strict=True)):
        rows.append([f"tf{n}", str(score), "", stamp, stamp, "abc"])
    month = _month(
        tmp_path,
        f"""
        responses:
          file: typeform.csv
          columns: {{score: "{QUESTION}", date: Submitted At, comment: Anything else?}}
        """,
        {"typeform.csv": _csv(rows).encode("utf-8")},
    )
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand(scores)


def test_google_forms_like_timestamp_with_date_format(run_cli, tmp_path):
    """M/D/YYYY H:MM:SS, and scores as a spreadsheet may leave them: '10.0', ' 9 '."""
    rows = [["Timestamp", QUESTION, "Tell us more"]]
    raw = ["10.0", " 9 ", "7", "6", "10", "9.0", "3", "8"]
    for n, score in enumerate(raw):
        rows.append([f"11/{n + 3}/2026 {n + 8}:05:09", score, "ok" if n % 2 else ""])
    month = _month(
        tmp_path,
        """
        responses:
          file: form.csv
          columns: {date: timestamp, score: "how likely is it that you would recommend acme water to a friend or colleague?", comment: Tell us more}
          date_format: "%m/%d/%Y %H:%M:%S"
        """,
        {"form.csv": _csv(rows).encode("utf-8")},
    )
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand([int(float(s)) for s in raw])


def test_excel_utf16_unicode_text_tab_separated(run_cli, tmp_path):
    """Excel's 'Unicode text': UTF-16 with a BOM, tabs, CRLF; named by its file name alone."""
    scores = [10, 9, 5, 7]
    rows = [["Date", "Score", "Segment", "Channel", "Comment"]]
    for n, score in enumerate(scores):
        rows.append([f"2026-11-{n + 10}", str(score), "Household", "Phone", "Zoë said\tthanks"])
    text = _csv(rows, "\t")
    month = _month(
        tmp_path,
        "responses: export.txt",
        {"export.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le")},
    )
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand(scores)


def _workbook(path: Path, rows: list[list[object]], *, sheet: str = "Responses") -> None:
    """An .xlsx with a summary sheet first, then ``rows`` on ``sheet`` (dates as dates)."""
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Summary").write(0, 0, "Survey summary")
    data = book.add_worksheet(sheet)
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime | dt.date):
                data.write_datetime(r, c, value, stamp)
            elif value is not None:
                data.write(r, c, value)
    book.close()


def test_xlsx_with_typed_cells_on_a_named_sheet(run_cli, tmp_path):
    """Numbers (10.0), datetimes and dates as cells, a title row above the header, a blank."""
    scores = [10, 10, 9, 6, 8, 1, 9, 7, 10]
    rows: list[list[object]] = [
        ["November survey"],
        ["Submitted", QUESTION, "Ticket type", "What could we do better?"],
    ]
    for n, score in enumerate(scores):
        when: object = dt.datetime(2026, 11, n + 1, 9, 30) if n % 3 else dt.date(2026, 11, n + 1)
        cell: object = float(score) if n % 2 else (f" {score} " if n == 4 else score)
        rows.append([when, cell, "Season" if n % 2 else 3, "Faster refunds" if n % 4 else None])
    rows.append([dt.datetime(2026, 11, 29, 8, 0), None, "Season", "left blank"])  # skipped
    rows.append(["2026-11-30", 9.0, "Season", None])  # a date typed as text
    scores.append(9)
    path = tmp_path / "kestrel.xlsx"
    _workbook(path, rows)
    month = _month(
        tmp_path,
        f"""
        responses:
          file: kestrel.xlsx
          sheet: " responses"
          header_row: 2
          columns: {{date: Submitted, score: "{QUESTION}", segment: Ticket type, comment: What could we do better?}}
        """,
        {"kestrel.xlsx": path.read_bytes()},
    )
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand(scores)


def test_earlier_month_read_from_its_own_export_shape(run_cli, tmp_path):
    """Change since last month: October's NPS from its xlsx mapping, November's from a CSV."""
    october = [10, 10, 10, 5]  # +50
    november = [10, 7, 7, 3]  # 0
    rows: list[list[object]] = [["When", "NPS"]]
    rows += [[dt.datetime(2026, 10, n + 1, 12, 0), float(s)] for n, s in enumerate(october)]
    _workbook(tmp_path / "oct.xlsx", rows, sheet="Sheet1")
    _month(
        tmp_path,
        """
        responses:
          file: oct.xlsx
          sheet: Sheet1
          columns: {date: When, score: NPS}
        """,
        {"oct.xlsx": (tmp_path / "oct.xlsx").read_bytes()},
        name="2026-10",
    )
    (tmp_path / "ws" / "2026-10" / "meeting.yaml").write_text(
        MEETING.replace("2026-11-19", "2026-10-15").replace("2026-11", "2026-10")
    )
    csv = _csv(
        [["date", "score"], *([f"2026-11-0{n + 1}", str(s)] for n, s in enumerate(november))]
    )
    month = _month(tmp_path, "responses: responses.csv", {"responses.csv": csv.encode()})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    said = " ".join(i.text for i in docx_items(next(out.glob("*.docx"))))
    assert "NPS 0, down 50 since October" in said


# --- bad shapes: located, refused, nothing written ----------------------------------------------


def test_unknown_column_is_located_at_its_yaml_key_with_the_headers_and_a_suggestion(
    run_cli, tmp_path
):
    rows = [["Start Date", QUESTION, "Comments"], ["2026-11-01", "9", ""]]
    month = _month(
        tmp_path,
        """
        responses:
          file: export.csv
          columns:
            date: Start Date
            score: How likely is it that you would recomend Acme Water to a friend?
        """,
        {"export.csv": _csv(rows).encode()},
    )
    line = _yaml_line(month, "score")
    stderr = _refused(run_cli, month, tmp_path, f"ws/2026-11/customer.yaml:{line}:")
    error = next(e for e in stderr.splitlines() if f"customer.yaml:{line}:" in e)
    assert "export.csv" in error
    assert f"did you mean '{QUESTION}'" in error
    for header in ("Start Date", "Comments"):
        assert f"'{header}'" in error


def test_a_column_left_to_its_default_name_that_is_missing_is_located(run_cli, tmp_path):
    rows = [["Submitted At", "Score"], ["2026-11-01", "9"]]
    month = _month(
        tmp_path,
        """
        responses:
          file: export.csv
          columns: {score: Score}
        """,
        {"export.csv": _csv(rows).encode()},
    )
    line = _yaml_line(month, "columns")
    stderr = _refused(run_cli, month, tmp_path, f"ws/2026-11/customer.yaml:{line}:")
    assert "'Submitted At'" in stderr and "date" in stderr


@pytest.mark.parametrize(
    ("bad", "why"), [("9.5", "9.5"), ("11", "11"), ("ten", "ten"), ("-1", "-1")]
)
def test_bad_scores_are_located_by_file_and_row(run_cli, tmp_path, bad, why):
    rows = [["when", "rating"], ["2026-11-01", "10.0"], ["2026-11-02", bad], ["2026-11-03", " 9 "]]
    month = _month(
        tmp_path,
        """
        responses:
          file: export.csv
          columns: {date: when, score: rating}
        """,
        {"export.csv": _csv(rows).encode()},
    )
    stderr = _refused(run_cli, month, tmp_path, "ws/2026-11/export.csv:3:")
    assert why in next(e for e in stderr.splitlines() if "export.csv:3:" in e)


def test_bad_score_in_a_workbook_names_the_file_and_row(run_cli, tmp_path):
    rows: list[list[object]] = [["date", "score"], [dt.date(2026, 11, 1), 9.0]]
    rows += [[dt.date(2026, 11, 2), 9.5], [dt.date(2026, 11, 3), "eleven"]]
    _workbook(tmp_path / "x.xlsx", rows)
    month = _month(
        tmp_path,
        "responses: {file: x.xlsx, sheet: Responses}",
        {"x.xlsx": (tmp_path / "x.xlsx").read_bytes()},
    )
    stderr = _refused(run_cli, month, tmp_path, "ws/2026-11/x.xlsx:")
    errors = [e for e in stderr.splitlines() if "x.xlsx" in e]
    assert any("row 3" in e and "9.5" in e for e in errors), errors
    assert any("row 4" in e and "eleven" in e for e in errors), errors


@pytest.mark.parametrize("date", ["03/04/2026", "19/11/2026", "11/19/2026 10:00", "28.11.2026"])
def test_day_and_month_order_is_never_guessed(run_cli, tmp_path, date):
    rows = [["date", "score"], ["2026-11-01", "9"], [date, "7"]]
    month = _month(tmp_path, "responses: responses.csv", {"responses.csv": _csv(rows).encode()})
    stderr = _refused(run_cli, month, tmp_path, "ws/2026-11/responses.csv:3:")
    error = next(e for e in stderr.splitlines() if "responses.csv:3:" in e)
    assert date in error and "date_format" in error


def test_a_date_that_does_not_match_date_format_is_located(run_cli, tmp_path):
    rows = [["Timestamp", "score"], ["11/28/2026 9:15:03", "9"], ["28/11/2026 9:15:03", "9"]]
    month = _month(
        tmp_path,
        """
        responses:
          file: form.csv
          columns: {date: Timestamp}
          date_format: "%m/%d/%Y %H:%M:%S"
        """,
        {"form.csv": _csv(rows).encode()},
    )
    stderr = _refused(run_cli, month, tmp_path, "ws/2026-11/form.csv:3:")
    assert "28/11/2026 9:15:03" in stderr


@pytest.mark.parametrize(
    ("setting", "key", "expected"),
    [
        ("sheet: Answers", "sheet", "'Responses'"),
        ("header_row: 9", "header_row", "9"),
        ("skip_rows: 9", "skip_rows", "9"),
    ],
)
def test_workbook_settings_that_do_not_fit_are_located_at_their_key(
    run_cli, tmp_path, setting, key, expected
):
    _workbook(tmp_path / "x.xlsx", [["date", "score"], [dt.date(2026, 11, 1), 9]])
    month = _month(
        tmp_path,
        f"""
        responses:
          file: x.xlsx
          {setting}
        """,
        {"x.xlsx": (tmp_path / "x.xlsx").read_bytes()},
    )
    line = _yaml_line(month, key)
    stderr = _refused(run_cli, month, tmp_path, f"ws/2026-11/customer.yaml:{line}:")
    assert expected in next(e for e in stderr.splitlines() if f"customer.yaml:{line}:" in e)


@pytest.mark.parametrize(
    ("setting", "key"),
    [
        ("sheet: Responses", "sheet"),  # a CSV has no sheets
        ("header_row: 3", "header_row"),  # past the end of the file
        ("header_row: 0", "header_row"),
        ("skip_rows: -1", "skip_rows"),
        ('date_format: "%H:%M"', "date_format"),  # no date in it
        ("colums: {score: rating}", "colums"),  # a typo: did you mean 'columns'?
        ("columns: {score: rating, comment: Rating}", "columns"),  # one column for two fields
        ("columns: {scor: rating}", "columns"),  # did you mean 'score'?
    ],
)
def test_mapping_mistakes_are_located_at_their_key(run_cli, tmp_path, setting, key):
    month = _month(
        tmp_path,
        f"""
        responses:
          file: export.csv
          {setting}
        """,
        {"export.csv": b"date,rating\n2026-11-01,9\n"},
    )
    line = _yaml_line(month, key)
    _refused(run_cli, month, tmp_path, f"ws/2026-11/customer.yaml:{line}:")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.xlsx", b"PK\x03\x04 this is not a workbook at all"),
        ("plain.xlsx", b"date,score\n2026-11-01,9\n"),
        ("renamed.csv", None),  # a workbook named .csv
        ("latin1.csv", "date,score,comment\n2026-11-01,9,très bien\n".encode("latin-1")),
    ],
)
def test_unreadable_exports_are_refused_naming_the_file(run_cli, tmp_path, name, data):
    if data is None:
        _workbook(tmp_path / "w.xlsx", [["date", "score"], [dt.date(2026, 11, 1), 9]])
        data = (tmp_path / "w.xlsx").read_bytes()
    month = _month(tmp_path, f"responses: {name}", {name: data})
    _refused(run_cli, month, tmp_path, f"ws/2026-11/{name}:")


def test_delimiters_are_sniffed_semicolon_and_bar_and_tab_for_tsv(tmp_path):
    from agenda.keywords import Keywords
    from agenda.responses import read_responses
    from agenda.sources import load_yaml
    from agenda.validate import load_month

    for name, delimiter in (("a.csv", ";"), ("b.csv", "|"), ("c.tsv", "\t")):
        rows = [["Date", "Score", "Comment"], ["2026-11-01", "10", "slow, then fine"]]
        rows.append(["2026-11-02", "3", "no"])
        month = _month(
            tmp_path / name, f"responses: {name}", {name: _csv(rows, delimiter).encode()}
        )
        answers = load_month(month).answers
        assert answers is not None
        assert sorted(answers.scores.elements()) == [3, 10], name
        said = Keywords([("Speed", ["slow"])])
        source = load_yaml(month / "customer.yaml")
        read = read_responses(month, name, source, said)
        assert read.said["Speed"][0].text == "slow, then fine"


def test_an_unclosed_quote_in_a_surveymonkey_export_is_refused_at_its_row(tmp_path, run_cli):
    """The sample's own export shape (ids, then a d/m/y timestamp): a quote never closed used
    to swallow the next rows into a comment that the pack then quoted, raw ids and all."""
    import shutil

    from conftest import SAMPLE_MONTH

    ws = tmp_path / "northwind"
    shutil.copytree(SAMPLE_MONTH.parent, ws)
    export = ws / "2026-11" / "northwind-november-survey.csv"
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = '1,2,11/03/2026 07:59:34 AM,11/03/2026 08:00:00 AM,7,Household,Phone,"bill\n'
    export.write_text("".join([*lines[:3], bad, *lines[3:]]), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", ws / "2026-11", "--out", out)
    assert result.exit_code == 65
    assert "northwind-november-survey.csv:4: error: a quote opened in this row is never closed" in (
        result.stderr
    )
    assert not out.exists() or not any(out.iterdir())
    # a comment's own line break, even with a date and commas in it, is read as it is
    fine = '1,2,11/03/2026 07:59:34 AM,11/03/2026 08:00:00 AM,7,Household,Phone,"Rang on\n'
    fine += '11/03/2026, then again, and again, and again, nothing changed"\n'
    export.write_text("".join([*lines[:3], fine, *lines[3:]]), encoding="utf-8")
    assert run_cli("build", ws / "2026-11", "--out", tmp_path / "ok").exit_code == 0


@pytest.mark.parametrize(
    ("shape", "row"),
    [
        ("qualtrics", lambda n: [f"2026-11-{1 + n % 28:02d} 09:{n % 60:02d}:00", "9", "ok"]),
        ("google forms", lambda n: [f"11/{1 + n % 28}/2026 9:{n % 60:02d}:12", "9", "ok"]),
        ("typeform", lambda n: [f"tf{n}x", "9", "ok", f"2026-11-{1 + n % 28:02d}T09:15:00Z"]),
    ],
)
def test_a_quote_left_open_in_a_timestamped_export_is_refused_at_its_row(
    run_cli, tmp_path, shape, row
):
    """Timestamps (at a row's start or mid-row) mark the swallowed rows as well as dates do:
    a quote never closed used to swallow every row after it, and the pack counted the rest."""
    header = ["Stamp", "Score", "Comment", "Submitted At"][: len(row(0))]
    lines = [",".join(header)] + [",".join(row(n)) for n in range(30)]
    cells = row(9)
    cells[2] = '"the bill never arrived'  # row 11 of the file: the header, then rows 0–9
    lines[10] = ",".join(cells)
    date = "Submitted At" if shape == "typeform" else "Stamp"
    fmt = '\n  date_format: "%m/%d/%Y %H:%M:%S"' if shape == "google forms" else ""
    month = _month(
        tmp_path,
        f"responses:\n  file: e.csv\n  columns: {{date: {date}, score: Score, comment: Comment}}"
        + fmt,
        {"e.csv": ("\n".join(lines) + "\n").encode()},
    )
    _refused(
        run_cli, month, tmp_path, "e.csv:11: error: a quote opened in this row is never closed"
    )


@pytest.mark.parametrize(
    ("header", "row", "fmt"),
    [
        # day.month.year dates, semicolons, no id column (a German export)
        (
            "Datum;Bewertung;Kommentar",
            lambda n: f"{1 + n % 28:02d}.11.2026;{n % 11};ok",
            "%d.%m.%Y",
        ),
        # ids that are not numbers, before a date-only cell
        ("id,date,score,comment", lambda n: f"R_{n}x,2026-11-{1 + n % 28:02d},{n % 11},ok", None),
    ],
)
def test_a_quote_left_open_is_refused_whatever_the_rows_look_like(
    run_cli, tmp_path, header, row, fmt
):
    """QA: a quote opened and never closed swallowed the rows after it in exports whose rows
    start neither with an ISO date nor a numeric id; the pack counted 3 answers of 10."""
    d = ";" if ";" in header else ","
    lines = [header] + [row(n) for n in range(10)]
    lines[3] = lines[3].rsplit(d, 1)[0] + d + '"Rechnung falsch'  # row 3 of 10, line 4
    names = header.split(d)
    date, score, comment = names[-3], names[-2], names[-1]
    setting = f'\n  date_format: "{fmt}"' if fmt else ""
    month = _month(
        tmp_path,
        f"responses:\n  file: e.csv\n  columns: {{date: {date}, score: {score}, comment: {comment}}}"
        + setting,
        {"e.csv": ("\n".join(lines) + "\n").encode()},
    )
    _refused(run_cli, month, tmp_path, "e.csv:4: error: a quote opened in this row is never closed")


def test_a_quoted_comment_with_a_date_at_a_line_start_is_read_as_it_is(run_cli, tmp_path):
    """QA: a correctly quoted comment whose second line starts with a date and a comma was
    refused as a quote never closed."""
    rows = [["date", "score", "comment"]]
    rows += [["2026-11-02", "9", "Engineer booked for:\n2026-11-05, nobody came. Bill wrong"]]
    rows += [["2026-11-03", "10", "fine"], ["2026-11-04", "3", "no"], ["2026-11-05", "9", ""]]
    month = _month(tmp_path, "responses: e.csv", {"e.csv": _csv(rows).encode()})
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand([9, 10, 3, 9])


def test_skip_rows_that_would_skip_an_answer_is_refused_at_its_key(run_cli, tmp_path):
    """QA: skip_rows: 1 on a SurveyMonkey 'condensed' export (one header row) dropped its first
    answer without a word: NPS +100 from 2 answers instead of +33 from 3."""
    text = (
        "Respondent ID,Start Date,Q,Comment\n"
        "101,11/02/2026 09:00:00 AM,0,bill awful\n"
        "102,11/03/2026 09:00:00 AM,10,great\n"
        "103,11/04/2026 09:00:00 AM,9,good\n"
    )
    setting = (
        "responses:\n  file: sm.csv\n  skip_rows: 1\n"
        "  columns: {date: Start Date, score: Q, comment: Comment}\n"
        '  date_format: "%m/%d/%Y %I:%M:%S %p"'
    )
    month = _month(tmp_path, setting, {"sm.csv": text.encode()})
    message = _refused(run_cli, month, tmp_path, "skip_rows is 1, but line 2 of sm.csv")
    assert f"customer.yaml:{_yaml_line(month, 'skip_rows')}:" in message
    # a workbook the same: its row 2 is an answer
    book = tmp_path / "sm.xlsx"
    _workbook(
        book,
        [["Start Date", "Q"], [dt.datetime(2026, 11, 2, 9), 0], [dt.datetime(2026, 11, 3), 10]],
    )
    month = _month(
        tmp_path / "b",
        "responses:\n  file: sm.xlsx\n  sheet: Responses\n  skip_rows: 1\n  columns: {date: Start Date, score: Q}",
        {"sm.xlsx": book.read_bytes()},
    )
    _refused(run_cli, month, tmp_path / "b", "skip_rows is 1, but row 2 of sm.xlsx")


def test_trailing_delimiters_leave_empty_comments_empty(tmp_path):
    """QA: 'bill late;' was quoted with its stray semicolon and ';' counted as three comments."""
    from agenda.keywords import Keywords
    from agenda.responses import read_responses
    from agenda.sources import load_yaml

    text = "date;score;comment\n2026-11-01;9;;\n2026-11-02;3;bill late;\n2026-11-03;2;;\n"
    month = _month(tmp_path, "responses: e.csv", {"e.csv": text.encode()})
    source = load_yaml(month / "customer.yaml")
    read = read_responses(month, "e.csv", source, Keywords([("Bill", ["bill"])]))
    assert (read.commented, read.unmatched, read.mentions) == (1, 0, {"Bill": 1})
    assert [c.text for c in read.said["Bill"]] == ["bill late"]


def test_headers_match_whatever_their_spaces_and_invisible_characters(run_cli, tmp_path):
    """QA: a header typed with a non-breaking space gave "no column 'Start Date' (did you mean
    'Start Date'?)", two names that look the same."""
    rows = [["Start\u00a0Date", " How  likely?\u200b", "Comment"]]
    rows += [["2026-11-02", "9", "ok"], ["2026-11-03", "10", ""], ["2026-11-04", "3", "no"]]
    rows += [["2026-11-05", "9", ""]]
    month = _month(
        tmp_path,
        "responses:\n  file: e.csv\n  columns: {date: Start Date, score: How likely?}",
        {"e.csv": _csv(rows).encode()},
    )
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand([9, 10, 3, 9])


def test_a_very_long_comment_is_read_and_a_latin1_export_is_refused_at_its_line(run_cli, tmp_path):
    rows = [["date", "score", "comment"], ["2026-11-02", "9", "slow " * 40_000]]
    rows += [["2026-11-03", "10", ""], ["2026-11-04", "3", "no"], ["2026-11-05", "9", ""]]
    month = _month(tmp_path, "responses: e.csv", {"e.csv": _csv(rows).encode()})
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand([9, 10, 3, 9])
    latin = "date,score,comment\n2026-11-02,9,ok\n2026-11-03,3,caf\xe9 closed\n"
    month = _month(tmp_path / "b", "responses: e.csv", {"e.csv": latin.encode("latin-1")})
    _refused(run_cli, month, tmp_path / "b", "e.csv:3: error: file is not UTF-8")


def test_the_delimiter_is_the_one_every_row_shares_or_as_given(run_cli, tmp_path):
    """QA: a semicolon export whose header question holds commas (unquoted, as Excel writes
    it), or with a title line above the header, was read as comma-separated; there was no way
    to say which delimiter it uses."""
    question = "De 0 a 10, qual a probabilidade de nos recomendar, a um amigo ou colega?"
    body = "05/11/2026;9;Bom serviço, rápido\n06/11/2026;10;\n07/11/2026;3;Mau\n08/11/2026;9,0;\n"
    columns = f'columns: {{date: Data, score: "{question}", comment: Comentário}}'
    text = f"Data;{question};Comentário\n" + body
    month = _month(
        tmp_path,
        f'responses:\n  file: pt.csv\n  {columns}\n  date_format: "%d/%m/%Y"',
        {"pt.csv": text.encode()},
    )
    assert _nps_in_pack(run_cli, month, tmp_path / "a") == _by_hand([9, 10, 3, 9])
    titled = "Inquérito de satisfação, novembro, exportado\n" + text
    month = _month(
        tmp_path / "b",
        f'responses:\n  file: pt.csv\n  header_row: 2\n  {columns}\n  date_format: "%d/%m/%Y"',
        {"pt.csv": titled.encode()},
    )
    assert _nps_in_pack(run_cli, month, tmp_path / "b") == _by_hand([9, 10, 3, 9])
    # or said outright, for an export the rows of which do not make it plain
    odd = "date;score;comment\n2026-11-05;9;a, b\n2026-11-06;10;\n2026-11-07;3;\n2026-11-08;9;\n"
    month = _month(
        tmp_path / "c",
        "responses:\n  file: e.csv\n  delimiter: semicolon",
        {"e.csv": odd.encode()},
    )
    assert _nps_in_pack(run_cli, month, tmp_path / "c") == _by_hand([9, 10, 3, 9])
    month = _month(
        tmp_path / "d",
        "responses:\n  file: e.csv\n  delimiter: colon",
        {"e.csv": odd.encode()},
    )
    _refused(run_cli, month, tmp_path / "d", "delimiter")


def test_a_date_cell_with_more_than_a_timestamp_in_it_is_refused_whole(run_cli, tmp_path):
    """QA: '2026-11-02garbage' was read as 2 November (only the first ten characters)."""
    rows = [["date", "score"], ["2026-11-01T09:00:00Z", "9"], ["2026-11-02garbage", "10"]]
    rows += [["2026-11-03 10:00", "3"]]
    month = _month(tmp_path, "responses: e.csv", {"e.csv": _csv(rows).encode()})
    message = _refused(run_cli, month, tmp_path, "e.csv:3: error:")
    assert "2026-11-02garbage" in message


def test_a_formula_error_in_a_workbooks_score_is_refused_not_skipped_as_blank(run_cli, tmp_path):
    """QA: =1/0 (#DIV/0!) and a failed lookup (#N/A) in the score column were counted as
    "blank scores skipped"; an error is not an abandoned survey."""
    path = tmp_path / "forms.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Responses")
    sheet.write_row(0, 0, ["date", "score"])
    sheet.write_row(1, 0, ["2026-11-01", 9])
    sheet.write_string(2, 0, "2026-11-02")
    sheet.write_formula(2, 1, "=1/0", None, "#DIV/0!")
    sheet.write_string(3, 0, "2026-11-03")
    sheet.write_formula(3, 1, "=NA()", None, "#N/A")
    sheet.write_row(4, 0, ["2026-11-04", 10])
    sheet.write_string(5, 0, "2026-11-05")  # a blank score: skipped, as before
    book.close()
    month = _month(tmp_path, "responses: forms.xlsx", {"forms.xlsx": path.read_bytes()})
    message = _refused(run_cli, month, tmp_path, "forms.xlsx: error: row 3: score is the formula")
    assert "#DIV/0!" in message and "row 4: score is the formula error #N/A" in message
    assert "row 6" not in message


def test_last_months_export_in_this_months_folder_is_refused(run_cli, tmp_path):
    """Every answer dated in another month: the export was copied from last month's folder."""
    rows = [["date", "score"], ["2026-10-01", "9"], ["2026-10-20", "3"]]
    month = _month(tmp_path, "responses: e.csv", {"e.csv": _csv(rows).encode()})
    message = _refused(run_cli, month, tmp_path, "every answer in e.csv is dated outside 2026-11")
    assert "(1 Oct 2026 to 20 Oct 2026)" in message


def test_a_label_row_read_as_an_answer_says_to_skip_it(run_cli, tmp_path):
    """QA: SurveyMonkey's 'Response' row, read as data without skip_rows, gave only "date ''
    does not match date_format", with no word of skip_rows."""
    rows = [["Start Date", QUESTION, "Comment"], ["", "Response", "Open-Ended Response"]]
    rows += [["11/02/2026 09:00:00 AM", "9", "ok"], ["11/03/2026 09:00:00 AM", "3", ""]]
    month = _month(
        tmp_path,
        f'responses:\n  file: m.csv\n  columns: {{date: Start Date, score: "{QUESTION}"}}\n'
        '  date_format: "%m/%d/%Y %I:%M:%S %p"',
        {"m.csv": _csv(rows).encode()},
    )
    _refused(run_cli, month, tmp_path, "m.csv:2: error:", "skip it: skip_rows: 1")


def test_one_answer_is_one_customer_and_a_line_break_is_one_break(run_cli, tmp_path):
    """QA: "1 customers answered", "(1 comments in all)"; a comment's CRLF became two breaks."""
    rows = [["date", "score", "comment"], ["2026-11-02", "3", "bill wrong\r\nand late"]]
    month = _month(tmp_path, "responses: e.csv", {"e.csv": _csv(rows).encode()})
    with (month / "customer.yaml").open("a", encoding="utf-8") as customer:
        customer.write("themes:\n  - {name: Billing, keywords: [bill]}\n")
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    said = [i.text for i in docx_items(next(out.glob("*.docx")))]
    text = "\n".join(said)
    assert "1 customer answered" in text and "1 customers" not in text
    assert "(1 comment in all)" in text
    assert "bill wrong\nand late" in text and "\r" not in text


ROUND_TWO = {
    # R's write.csv: strings quoted, numbers not; the quote left open is closed by the next
    # row's opening quote, so only that row's date went into the comment
    "all quoted": (
        '"date","score","channel","comment"\n"2026-11-02",2,"Phone","My bill is wrong\n'
        '"2026-11-03",9,"App","Good app"\n"2026-11-04",8,"Phone","bill ok"\n'
        '"2026-11-05",10,"Email","fine"\n',
        "e.csv:2: error: a quote opened in this row is never closed",
    ),
    # the open quote closed on the same line: the row lost its score cell ("blank")
    "closed on its line": (
        '"date","comment","score","channel"\n"2026-11-02","My bill is wrong,2,"Phone"\n'
        '"2026-11-03","Good app",9,"App"\n"2026-11-04","bill ok",8,"Phone"\n',
        "e.csv:2: error: the row has fewer cells than the header",
    ),
    # an unquoted comma in a comment that is not the last column shifted the channel
    "comma mid-row": (
        "date,score,comment,channel\n2026-11-02,10,Great bill fixed,Phone\n"
        "2026-11-03,3,Bill wrong, again,Email\n2026-11-04,8,ok,Phone\n",
        "e.csv:3: error: the row has more cells than the header",
    ),
}


@pytest.mark.parametrize("shape", sorted(ROUND_TWO))
def test_rows_whose_cells_cannot_be_placed_are_refused_at_their_line(run_cli, tmp_path, shape):
    """QA, round two: each of these was counted with exit 0 (a lost answer, a score read as
    blank, a channel named 'again')."""
    text, expected = ROUND_TWO[shape]
    columns = "columns: {date: date, score: score, channel: channel, comment: comment}"
    month = _month(tmp_path, f"responses:\n  file: e.csv\n  {columns}", {"e.csv": text.encode()})
    _refused(run_cli, month, tmp_path, expected)


def test_a_comment_listing_appointment_times_is_read_as_it_is(run_cli, tmp_path):
    """QA, round two: a closed comment whose lines are timestamps was refused as a quote
    never closed."""
    rows = [["date", "score", "comment"]]
    rows += [["2026-11-02", "2", "Engineer no-shows:\n11/03/2026 09:00\n2026-11-10 14:00\nNobody"]]
    rows += [["2026-11-04", "8", "ok"], ["2026-11-05", "10", ""], ["2026-11-06", "9", ""]]
    month = _month(tmp_path, "responses: e.csv", {"e.csv": _csv(rows).encode()})
    assert _nps_in_pack(run_cli, month, tmp_path) == _by_hand([2, 8, 10, 9])


def test_a_hidden_first_sheet_is_not_read_unasked(run_cli, tmp_path):
    path = tmp_path / "hidden.xlsx"
    book = xlsxwriter.Workbook(str(path))
    raw = book.add_worksheet("Raw")
    for r, row in enumerate([["date", "score"], ["2026-11-01", 0], ["2026-11-02", 0]]):
        raw.write_row(r, 0, row)
    raw.hide()
    shown = book.add_worksheet("Responses")
    for r, row in enumerate([["date", "score"], ["2026-11-03", 10], ["2026-11-04", 9]]):
        shown.write_row(r, 0, row)
    shown.activate()
    book.close()
    month = _month(tmp_path, "responses: hidden.xlsx", {"hidden.xlsx": path.read_bytes()})
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    said = [i.text for i in docx_items(next(out.glob("*.docx")))]
    assert "NPS answers used: 2" in said
    assert any("Net Promoter Score of +100" in t for t in said), said


def test_blank_scores_of_another_month_are_not_this_months_and_a_wrong_delimiter_is_named(
    run_cli, tmp_path
):
    rows = [["date", "score"], ["2026-10-20", ""], ["2026-11-02", "9"], ["2026-11-03", "10"]]
    rows += [["2026-12-01", ""]]
    month = _month(tmp_path, "responses: e.csv", {"e.csv": _csv(rows).encode()})
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    said = [i.text for i in docx_items(next(out.glob("*.docx")))]
    assert "Blank scores skipped: 0" in said
    text = "date;score\n2026-11-02;9\n"
    month = _month(
        tmp_path / "b",
        "responses:\n  file: s.csv\n  delimiter: comma",
        {"s.csv": text.encode()},
    )
    _refused(run_cli, month, tmp_path / "b", "is the delimiter semicolon? set delimiter: semicolon")


def test_a_formula_error_in_a_workbooks_date_is_named_not_called_blank(run_cli, tmp_path):
    """QA, round two: a #VALUE! date cell gave "row 3: the date is blank"."""
    path = tmp_path / "d.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Responses")
    sheet.write_row(0, 0, ["date", "score"])
    sheet.write_row(1, 0, ["2026-11-01", 9])
    sheet.write_formula(2, 0, '=DATEVALUE("x")', None, "#VALUE!")
    sheet.write_number(2, 1, 10)
    book.close()
    month = _month(tmp_path, "responses: d.xlsx", {"d.xlsx": path.read_bytes()})
    _refused(run_cli, month, tmp_path, "d.xlsx: error: row 3: date is the formula error #VALUE!")

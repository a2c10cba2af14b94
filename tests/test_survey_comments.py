"""Themes counted from survey comments, and verbatims picked from them (issue 12).

Each test writes an export's rows itself, works out by hand what the comments say (which
themes each comment uses, which comments are the most recent), builds the pack through the CLI
and finds that in the Word pack and the deck, as a reader sees them.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import MEETING, docx_items, slides, write_month

THEMES = """\
themes:
  - name: Billing accuracy
    keywords: [bill, estimated, direct debit]
  - name: Café service
    keywords: [cafe, barista]
  - name: Getting through on the phone
    keywords: [phone, on hold]
"""

CUSTOMER = """\
nps:
  responses:
    file: export.csv
    columns: {{date: Submitted At, score: Score, segment: Segment, channel: Channel, comment: Comment}}
narratives:
  - title: Three weeks for a refund
    customer: Mrs Jones
    story: She waited three weeks for a refund and called four times.
    channel: Phone
{verbatims}
{themes}
"""

HEADER = ["Submitted At", "Score", "Segment", "Channel", "Comment"]


def _csv(rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text

    return "".join(",".join(cell(c) for c in row) + "\n" for row in [HEADER, *rows])


def _month(
    tmp_path: Path,
    rows: list[list[str]],
    *,
    themes: str = THEMES,
    verbatims: str = "verbatims: []",
    meeting: str = MEETING,
    earlier: list[list[str]] | None = None,
) -> Path:
    customer = CUSTOMER.format(verbatims=verbatims, themes=themes)
    if earlier is not None:
        before = write_month(
            tmp_path / "ws",
            {"meeting.yaml": meeting.replace("2026-11", "2026-10"), "customer.yaml": customer},
            "2026-10",
        )
        (before / "export.csv").write_text(_csv(earlier), encoding="utf-8")
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": customer})
    (month / "export.csv").write_text(_csv(rows), encoding="utf-8")
    return month


def _build(run_cli, month: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    """The Word pack's paragraphs and table texts, and every text of the deck."""
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    word = [i.text for i in docx_items(next(out.glob("*.docx")))]
    deck = [t for s in slides(next(out.glob("*.pptx"))) for t in [s.title, *s.texts]]
    return word, deck


def _themes_rows(word: list[str]) -> dict[str, tuple[str, str]]:
    """The Word pack's themes table: theme → (mentions, change)."""
    table = next(t for t in word if t.startswith("# | Theme | Mentions"))
    cells = table.split(" | ")[4:]
    rows = [cells[n : n + 4] for n in range(0, len(cells), 4)]
    return {row[1]: (row[2], row[3]) for row in rows}


# Which themes each comment uses, worked out by hand: accents and case do not matter, phrases
# count whole, "bill" is not in "billing", and one comment may use two themes.
ROWS = [
    ["2026-11-02 09:00:00", "2", "Household", "Phone", "The BILL was estimated again."],  # B
    ["2026-11-03 10:00:00", "9", "Household", "Email", "Lovely Café, friendly barista"],  # C
    ["2026-11-04 11:00:00", "3", "Business", "Phone", "Direct-debit taken twice; on hold"],  # B P
    ["2026-11-05 12:00:00", "6", "Household", "App", "Billing page is confusing"],  # none
    ["2026-11-06 13:00:00", "8", "Household", "Phone", "cafe was shut, bill wrong"],  # B C
    ["2026-11-07 14:00:00", "10", "Business", "Email", "Great service"],  # none
    ["2026-11-08 15:00:00", "0", "Household", "Phone", "Phone line dead, my bill too high"],  # B P
    ["2026-11-09 16:00:00", "5", "Household", "Web", ""],  # no comment
    ["2026-11-10 17:00:00", "", "Household", "Web", "bill bill bill"],  # no score: not counted
]


def test_themes_are_counted_from_the_comments_by_their_keywords(run_cli, tmp_path):
    word, deck = _build(run_cli, _month(tmp_path, ROWS), tmp_path)
    themes = _themes_rows(word)
    assert themes["Billing accuracy"][0] == "4"
    assert themes["Getting through on the phone"][0] == "2"
    assert themes["Café service"][0] == "2"
    # 7 scored answers with a comment, 2 of them use no keywords: 29%
    assert any("29% of comments matched no theme (7 comments in all)." in t for t in word)
    assert any("29% of comments matched no theme" in t for t in deck)


def test_the_appendix_says_how_each_theme_was_counted(run_cli, tmp_path):
    themes = THEMES.replace(
        "  - name: Café service\n    keywords: [cafe, barista]\n",
        "  - name: Café service\n    mentions: 40\n    keywords: [cafe, barista]\n",
    )
    word, _ = _build(run_cli, _month(tmp_path, ROWS, themes=themes), tmp_path)
    assert _themes_rows(word)["Café service"][0] == "40"  # typed by hand: it wins
    assert "Café service: 40 mentions, as typed in customer.yaml" in word
    assert (
        "Billing accuracy: 4 survey comments using its keywords (bill, estimated, direct debit)"
        in word
    )
    assert any("2 of 7 comments (29%) used no theme's keywords" in t for t in word)


def test_earlier_months_are_counted_by_the_same_keywords(run_cli, tmp_path):
    earlier = [
        ["2026-10-02 09:00:00", "2", "Household", "Phone", "estimated bill"],
        ["2026-10-03 09:00:00", "7", "Household", "Phone", "Estimated, again"],
        ["2026-10-04 09:00:00", "9", "Household", "Phone", "on hold for ages"],
    ]
    month = _month(tmp_path, ROWS, earlier=earlier)
    word, _ = _build(run_cli, month, tmp_path)
    themes = _themes_rows(word)
    assert themes["Billing accuracy"] == ("4", "+2")
    assert themes["Getting through on the phone"] == ("2", "+1")
    assert themes["Café service"] == ("2", "+2")
    assert any("counted by the same keywords" in t for t in word)


def _said(word: list[str], theme: str) -> list[str]:
    """The first three things said about ``theme`` on its theme card."""
    card = word.index(f"Theme card: {theme}")
    start = word.index("What customers said", card)
    return word[start + 1 : start + 4]


def test_verbatims_are_picked_from_the_most_recent_comments_balanced_and_marked(run_cli, tmp_path):
    rows = [
        ["2026-11-02 09:00:00", "9", "Household", "Email", "Estimated bill, but sorted fast"],
        ["2026-11-03 09:00:00", "1", "Household", "Phone", "Estimated bill again"],
        ["2026-11-04 09:00:00", "2", "Household", "Phone", "Bill wrong"],
        ["2026-11-05 09:00:00", "3", "Business", "Email", "Direct debit doubled"],
        ["2026-11-06 09:00:00", "0", "Household", "App", "Bill, bill, bill"],
        ["2026-11-06 10:00:00", "6", "Household", "App", "On hold an hour"],
    ]
    typed = (
        "verbatims:\n"
        "  - {text: Typed about the bill., score: 2, channel: Phone, theme: Billing accuracy}\n"
    )
    word, deck = _build(run_cli, _month(tmp_path, rows, verbatims=typed), tmp_path)
    mark = "picked from the survey"
    # Billing accuracy: one typed, so two picked: the most recent, then the promoter's, since
    # no quote of the theme comes from a promoter or passive otherwise.
    assert _said(word, "Billing accuracy") == [
        "“Typed about the bill.” (Phone · scored 2)",
        f"“Bill, bill, bill” (App · Household · scored 0 · {mark})",
        f"“Estimated bill, but sorted fast” (Email · Household · scored 9 · {mark})",
    ]
    table = next(t for t in word if t.startswith("Channel | What the customer said"))
    assert f"Bill, bill, bill ({mark})" in table
    assert f"Typed about the bill. ({mark})" not in table
    # and one for the second top theme (the phone): three in all
    assert any("3 verbatims marked “picked from the survey”" in t for t in word)
    assert any(f"({mark})" in t for t in deck)


def test_picked_comments_are_masked_and_a_protected_guests_name_scrubbed(run_cli, tmp_path):
    meeting = MEETING + "guests:\n  - {name: Zoë Ó Súilleabháin, organisation: Patient Voice}\n"
    rows = [
        ["2026-11-02 09:00:00", "2", "Household", "Email", "Bill wrong, mail me at jo@example.com"],
        [
            "2026-11-03 09:00:00",
            "3",
            "Household",
            "Phone",
            "Zoe O Suilleabhain said my bill is off",
        ],
        ["2026-11-04 09:00:00", "1", "Household", "Phone", "Bill again, ring 07700 900461"],
    ]
    word, deck = _build(run_cli, _month(tmp_path, rows, meeting=meeting), tmp_path)
    everything = "\n".join([*word, *deck])
    assert "jo@example.com" not in everything and "07700" not in everything
    assert "[e-mail removed]" in everything and "[phone number removed]" in everything
    assert "Suilleabhain" not in everything and "Zoe" not in everything
    assert "A customer guest said my bill is off" in everything


def test_an_export_of_comments_without_keywords_in_them_counts_zero(run_cli, tmp_path):
    rows = [["2026-11-02 09:00:00", "9", "Household", "Email", "All good"]]
    word, _ = _build(run_cli, _month(tmp_path, rows), tmp_path)
    assert _themes_rows(word)["Billing accuracy"][0] == "0"
    assert any("100% of comments matched no theme" in t for t in word)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda c: c.replace("    keywords: [cafe, barista]\n", ""),
            "themes[1] (Café service): no mentions; give mentions, or keywords",
        ),
        (
            lambda c: c.replace(
                "  responses:\n    file: export.csv\n    columns: {date: Submitted At, score: "
                "Score, segment: Segment, channel: Channel, comment: Comment}\n",
                "  counts: {promoters: 5, passives: 3, detractors: 2}\n",
            ),
            "nps gives counts, not a survey export (nps.responses): give mentions",
        ),
        (
            lambda c: c.replace(", comment: Comment}", "}"),
            "export.csv has no comment column",
        ),
    ],
)
def test_a_theme_that_cannot_be_counted_is_refused_at_its_line(run_cli, tmp_path, change, expected):
    month = _month(tmp_path, ROWS)
    customer = month / "customer.yaml"
    text = change(customer.read_text(encoding="utf-8"))
    if "comment: Comment" not in text and "counts:" not in text:
        (month / "export.csv").write_text(
            _csv([[*r[:4], ""] for r in ROWS]).replace(",Comment\n", ",Note\n"), encoding="utf-8"
        )
    customer.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - name: Café service") + 1
    if "give mentions, or keywords" not in expected:
        line = text.splitlines().index("  - name: Billing accuracy") + 1
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 65, result.output
    assert f"ws/2026-11/customer.yaml:{line}:" in result.output
    assert expected in result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_keyword_with_no_letters_is_refused_at_its_line(run_cli, tmp_path):
    month = _month(tmp_path, ROWS, themes=THEMES.replace("[cafe, barista]", '[cafe, "--"]'))
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert re.search(
        r"customer\.yaml:\d+:\d+: error: themes\[1\]\.keywords: keyword '--'", (result.output)
    )


def test_a_bad_row_among_comments_is_located_and_nothing_is_written(run_cli, tmp_path):
    rows = [*ROWS[:3], ["2026-11-31 09:00:00", "9", "Household", "Phone", "bill"], *ROWS[3:]]
    month = _month(tmp_path, rows)
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 65
    assert "ws/2026-11/export.csv:5: error: date '2026-11-31 09:00:00'" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_million_rows_are_not_kept(tmp_path):
    """Only the comments a pack may quote are kept: a few per theme, however many rows."""
    from agenda.keywords import Keywords
    from agenda.responses import KEEP_SAID, read_responses
    from agenda.sources import load_yaml
    from agenda.validate import load_month

    rows = [
        [
            f"2026-11-{1 + n % 28:02d} 09:{n % 60:02d}:00",
            str(n % 11),
            "Household",
            "Phone",
            f"bill {n}",
        ]
        for n in range(5000)
    ]
    month = _month(tmp_path, rows)
    keywords = Keywords([("Billing accuracy", ["bill"])])
    spec = load_month(month).customer.nps.responses
    answers = read_responses(month, spec, load_yaml(month / "customer.yaml"), keywords)
    assert answers.mentions == {"Billing accuracy": 5000} and answers.commented == 5000
    said = answers.said["Billing accuracy"]
    assert len(said) <= 2 * KEEP_SAID
    days = [c.date.day for c in said]
    assert days == sorted(days, reverse=True) and days[0] == 28
    assert textwrap.shorten(said[0].text, 20) == said[0].text


def test_a_workbooks_comments_are_counted_and_picked_with_their_rows(run_cli, tmp_path):
    import datetime as dt

    import xlsxwriter

    month = _month(tmp_path, ROWS)
    customer = month / "customer.yaml"
    customer.write_text(
        customer.read_text(encoding="utf-8").replace("file: export.csv", "file: export.xlsx")
    )
    book = xlsxwriter.Workbook(str(month / "export.xlsx"))
    sheet = book.add_worksheet("Responses")
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(ROWS, start=1):
        when = dt.datetime.fromisoformat(row[0])
        sheet.write_datetime(r, 0, when, stamp)
        if row[1]:
            sheet.write_number(r, 1, int(row[1]))
        sheet.write_row(r, 2, row[2:])
    book.close()
    (month / "export.csv").unlink()
    word, _ = _build(run_cli, month, tmp_path)
    assert _themes_rows(word)["Billing accuracy"][0] == "4"
    assert any("29% of comments matched no theme" in t for t in word)
    # the most recent billing comment, picked (no verbatim was typed)
    assert (
        "“Phone line dead, my bill too high” (Phone · Household · scored 0 · picked from the survey)"
        in word
    )


def _in_one_and_in_halves(month: Path, keywords, monkeypatch):
    """The month's export read in one process, then in two halves at once (forced, however
    small), as (one, two)."""
    import agenda.responses as responses
    from agenda.sources import load_yaml
    from agenda.validate import load_month

    spec = load_month(month).customer.nps.responses

    def read() -> responses.SurveyAnswers:
        return responses.read_responses(month, spec, load_yaml(month / "customer.yaml"), keywords)

    monkeypatch.setenv("AGENDA_NO_FORK", "1")
    one = read()
    monkeypatch.delenv("AGENDA_NO_FORK")
    monkeypatch.setattr(responses, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(responses, "_can_fork", lambda: True)
    halves = responses._halves(month / "export.csv", "utf-8", 1)
    assert halves is not None and halves[0] < halves[1] < halves[2]
    return one, read()


def test_a_large_export_read_in_two_processes_says_what_one_process_reads(tmp_path, monkeypatch):
    """Where forking is used, a large export is read in halves at once: the same tallies,
    counts and kept comments, even with quoted cells that span lines near the middle."""
    from agenda.keywords import Keywords

    texts = ["bill wrong", 'the "cafe", again\nand the bill', "on hold, bill, cafe", "", "fine"]
    rows = [
        [
            f"2026-11-{1 + n * 28 // 3000:02d} 09:{n % 60:02d}:00",
            str(n % 11),
            "Household",
            ("Phone", "Email")[n % 2],
            texts[n % len(texts)],
        ]
        for n in range(3000)
    ]
    month = _month(tmp_path, rows)
    keywords = Keywords([("Billing accuracy", ["bill"]), ("Café service", ["cafe"])])
    one, two = _in_one_and_in_halves(month, keywords, monkeypatch)
    assert (two.scores, two.by_segment, two.by_channel) == (
        one.scores,
        one.by_segment,
        one.by_channel,
    )
    assert (two.mentions, two.commented, two.unmatched) == (
        one.mentions,
        one.commented,
        one.unmatched,
    )
    # every five rows: three comments use "bill", two "cafe" (one with a quoted line break)
    assert one.mentions == {"Billing accuracy": 1800, "Café service": 1200}
    assert two.said == one.said


def test_a_stray_quote_before_the_middle_of_a_large_export_loses_no_theme(tmp_path, monkeypatch):
    """QA: an unquoted `my 5" screen` early in a large export made the two-process split land
    inside a quoted cell; the row-by-row re-read then counted no theme ("no mentions", exit
    65). Read in halves or in one, the export says the same."""
    from agenda.keywords import Keywords

    texts = ('"my 5"" screen and the bill"', '"bill\nwrong again"', "fine")
    lines = [",".join(HEADER)]
    for n in range(3000):
        text = texts[n % 3] if n else ""
        if n == 10:
            text = 'my 5" screen cracked'  # unquoted, with a quote in it, as tools leave it
        lines.append(f"2026-11-{1 + n * 28 // 3000:02d} 09:00:00,{n % 11},H,Web,{text}")
    month = _month(tmp_path, [])
    export = month / "export.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, two = _in_one_and_in_halves(month, Keywords([("Billing accuracy", ["bill"])]), monkeypatch)
    # rows 1, 2, 4, 5, 7, 8, ... mention the bill (row 10's comment does not; row 0 has none)
    bills = sum(1 for n in range(1, 3000) if n % 3 in (0, 1) and n != 10)
    assert one.mentions == two.mentions == {"Billing accuracy": bills}
    assert (two.scores, two.commented) == (one.scores, one.commented)

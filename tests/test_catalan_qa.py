"""Found by hostile QA of a Catalan bus company (Autobusos del Vallès, October and November
2026): each fix read back from what the reader sees (the built files, the CLI's output or the
composed Pack)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CUSTOMER, MEETING, docx_items, slides, write_month
from docx import Document

from agenda.pipeline import prepare

ACTIONS = """\
actions:
  - {id: A-1, title: Repaint the Granollers stop, owner: Jordi Puig, due: 2026-11-10,
     status: done, section: customer}
  - {id: A-2, title: Extend line 412 to the hospital, owner: Marta Soler, due: 2026-12-15,
     status: open, section: operations}
"""


def _docx_text(path: Path) -> str:
    return "\n".join(i.text for i in docx_items(path))


def _pptx_text(path: Path) -> str:
    return "\n".join("\n".join([s.title, *s.texts, s.notes]) for s in slides(path))


# --- 2. the first month claims no last meeting ---------------------------------------------------


def test_the_first_month_lists_done_actions_without_claiming_a_last_meeting(tmp_path, run_cli):
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "actions.yaml": ACTIONS},
    )
    pack = prepare(month)
    assert pack.summary.since == ("1 action done (no earlier meeting on record), 1 open.",)
    assert pack.actions is not None
    assert "since" not in pack.actions.summary
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [docx] = (tmp_path / "out").glob("*.docx")
    [pptx] = (tmp_path / "out").glob("*.pptx")
    for text in (_docx_text(docx), _pptx_text(pptx)):
        assert "since last meeting" not in text.lower()
        assert "since the last meeting" not in text.lower()
        assert "Done (no earlier meeting on record)" in text
    result = run_cli("brief", month, "--section", "customer", "--out", tmp_path / "briefs")
    assert result.exit_code == 0, result.output
    [brief] = (tmp_path / "briefs").glob("*.docx")
    text = "\n".join(p.text for p in Document(str(brief)).paragraphs)
    assert "since the last meeting" not in text and "1 done (no earlier meeting on record)" in text


def test_a_later_month_still_counts_what_closed_since_the_last_meeting(tmp_path):
    ws = tmp_path / "ws"
    october = MEETING.replace("2026-11-19", "2026-10-15").replace("2026-11", "2026-10")
    write_month(ws, {"meeting.yaml": october, "customer.yaml": CUSTOMER}, "2026-10")
    month = write_month(
        ws, {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "actions.yaml": ACTIONS}
    )
    pack = prepare(month)
    assert pack.summary.since == ("1 action closed, 1 still open.",)
    assert pack.actions is not None and "1 closed since last meeting" in pack.actions.summary


# --- 3. the appendix names only the earlier months it used ----------------------------------------

OCTOBER = MEETING.replace("2026-11-19", "2026-10-15").replace("2026-11", "2026-10")
SEPTEMBER = MEETING.replace("2026-11-19", "2026-09-17").replace("2026-11", "2026-09")


def _appendix(docx: Path) -> list[str]:
    items = [i.text for i in docx_items(docx)]
    return items[items.index("Appendix: sources and method") :]


def test_a_month_left_out_of_the_trends_is_not_read_for_comparison(tmp_path, run_cli):
    ws = tmp_path / "ws"
    write_month(ws, {"meeting.yaml": SEPTEMBER, "customer.yaml": CUSTOMER}, "2026-09")
    broken = CUSTOMER.replace("counts: {promoters: 50", "counts: {promoters: many")
    write_month(ws, {"meeting.yaml": OCTOBER, "customer.yaml": broken}, "2026-10")
    month = write_month(ws, {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [docx] = (tmp_path / "out").glob("*.docx")
    text = _docx_text(docx)
    assert "Left out of the trends and the change since last month: October 2026" in text
    [compared] = [t for t in _appendix(docx) if t.startswith("Earlier months read")]
    assert compared == "Earlier months read for comparison: September 2026"


def test_a_month_whose_nps_alone_was_left_out_says_so_where_it_is_compared(tmp_path):
    ws = tmp_path / "ws"
    export = (
        CUSTOMER.replace(
            "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
        )
        + "complaints: {total: 12, reasons: {Late bus: 12}}\n"
    )
    write_month(ws, {"meeting.yaml": OCTOBER, "customer.yaml": export}, "2026-10")
    (ws / "2026-10" / "responses.csv").write_text("date,score\n2026-10-02,eleven\n")
    month = write_month(ws, {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})
    facts = next(
        b for b in prepare(month).appendix if getattr(b, "title", "") == "Customer figures"
    )
    assert "Earlier months read for comparison: October 2026 (its NPS left out)" in facts.items


# --- 4. a story's reader is told whose story it is, without a possessive on the place ------------


def test_the_speaker_notes_put_no_possessive_on_a_place(tmp_path, run_cli):
    customer = CUSTOMER.replace("customer: Mrs Jones", "customer: Sra. Rosa Fernández, Granollers")
    customer = customer.replace(
        "verbatims:",
        "  - title: The 412 never came\n"
        "    customer: Sr. Pau Vidal (Sabadell)\n"
        "    story: He waited an hour at the Sabadell stop.\n"
        "    channel: App\n"
        "  - title: Kind driver\n"
        "    customer: Núria Roca\n"
        "    story: The driver waited for her.\n"
        "    channel: App\n"
        "verbatims:",
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [pptx] = (tmp_path / "out").glob("*.pptx")
    notes = "\n".join(s.notes for s in slides(pptx))
    assert "Granollers's" not in notes and ")'s" not in notes
    assert (
        "Read the story of Sra. Rosa Fernández, Granollers, aloud before showing any number."
        in notes
    )
    assert "Read the story of Sr. Pau Vidal (Sabadell) aloud before showing any number." in notes
    assert "Read Núria Roca's story aloud before showing any number." in notes


# --- 5. clearer errors -------------------------------------------------------------------------


def test_a_tab_in_the_indentation_is_named_at_its_place(tmp_path, run_cli):
    meeting = MEETING + "leads:\n\tcustomer: Montse Vila\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert (
        "ws/2026-11/meeting.yaml:7:1: error: YAML syntax: a tab character here; YAML is "
        "indented with spaces, never tabs" in result.stderr
    )
    assert "cannot start any token" not in result.stderr


def test_a_comma_inside_a_flow_mapping_value_gets_a_hint_to_quote_it(tmp_path, run_cli):
    meeting = MEETING + "attendees:\n  - {name: Jordi Puig, role: Conductor, línia 412}\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert (
        "ws/2026-11/meeting.yaml:7:41: error: attendees[0]: unknown key 'línia 412' "
        "(expected one of: name, role, email); a comma inside a value ends it: put the value "
        "in quotes ('Conductor, línia 412')" in result.stderr
    )


def test_an_unknown_key_with_a_value_or_outside_braces_gets_no_comma_hint(tmp_path, run_cli):
    meeting = MEETING + (
        "attendees:\n  - {name: Jordi Puig, rol: Conductor}\n"
        "  - name: Montse Vila\n    línia 412:\n"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert "unknown key 'rol'" in result.stderr and "unknown key 'línia 412'" in result.stderr
    assert "a comma inside a value" not in result.stderr


FINANCE = (
    "currency: {currency}\nmetrics:\n"
    '  - {{name: Revenue, actual: "{actual}", budget: 2000000, higher_is_better: true}}\n'
)


@pytest.mark.parametrize(
    ("currency", "actual"),
    [
        ("PLN", "1 250 000 zł"),
        ("CZK", "1 250 000 Kč"),
        ("HUF", "1 250 000 Ft"),
        ("RON", "1 250 000 lei"),
        ("SEK", "1 250 000 kr"),
        ("DKK", "1 250 000 kr."),
        ("NOK", "1 250 000 kr"),
    ],
)
def test_a_currency_sign_written_after_the_number_is_read_in_its_currency(
    tmp_path, currency, actual
):
    finance = FINANCE.format(currency=currency, actual=actual)
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "finance.yaml": finance},
    )
    pack = prepare(month)
    finance_section = next(s for s in pack.sections if s.key == "finance")
    table = next(b for b in finance_section.blocks if getattr(b, "rows", None))
    assert any("1,250,000" in cell for row in table.rows for cell in row), table.rows


@pytest.mark.parametrize(
    ("currency", "actual", "says"),
    [
        (
            "PLN",
            "1 250 000 ₴",
            "'1 250 000 ₴' is not a number: '₴' after it is not a currency sign or code this "
            "tool reads; this file's currency is PLN: type the amount alone or with 'zł' or 'PLN'",
        ),
        (
            "PLN",
            "zł 1 250 000",
            "'zł 1 250 000' is not a number as typed: zł is written after the number; this "
            "file's currency is PLN",
        ),
        ("EUR", "1 250 000 zł", "'1 250 000 zł' is in PLN, but this file's currency is EUR"),
        (
            "EUR",
            "1 250 000 kr",
            "'1 250 000 kr' is in DKK or ISK or NOK or SEK, but this file's currency is EUR",
        ),
    ],
)
def test_a_sign_the_file_does_not_use_is_named_with_what_was_expected(
    tmp_path, run_cli, currency, actual, says
):
    finance = FINANCE.format(currency=currency, actual=actual)
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "finance.yaml": finance},
    )
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert "ws/2026-11/finance.yaml:3:29: error: metrics[0].actual: " + says in result.stderr, (
        result.stderr
    )


def test_the_count_of_more_bad_rows_comes_after_the_rows_it_sums_up(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    rows = "".join(f"2026-11-{1 + n % 28:02d},eleven {n}\n" for n in range(161))
    (month / "responses.csv").write_text("date,score\n" + rows)
    result = run_cli("validate", month)
    assert result.exit_code == 65
    lines = [x for x in result.stderr.splitlines() if "responses.csv" in x]
    assert len(lines) == 21
    assert lines[0].startswith("ws/2026-11/responses.csv:2: error: ")
    assert lines[-1] == "ws/2026-11/responses.csv: error: ... and 141 more bad rows"


def test_a_guest_named_as_a_role_is_reported_once_when_an_earlier_meeting_lists_them_too(
    tmp_path, run_cli
):
    guest = "guests:\n  - {name: Laia Serra, organisation: Associació d'Usuaris del Bus}\n"
    ws = tmp_path / "ws"
    write_month(ws, {"meeting.yaml": OCTOBER + guest, "customer.yaml": CUSTOMER}, "2026-10")
    actions = (
        "actions:\n  - {id: A-1, title: Call back, owner: Laia Serra, due: 2026-12-01,"
        " status: open, section: customer}\n"
    )
    month = write_month(
        ws,
        {"meeting.yaml": MEETING + guest, "customer.yaml": CUSTOMER, "actions.yaml": actions},
    )
    for command in ("validate", "build"):
        result = run_cli(
            command, month, *(("--out", tmp_path / "out") if command == "build" else ())
        )
        assert result.exit_code == 65
        [line] = [x for x in result.stderr.splitlines() if "Laia Serra" in x]
        assert line.startswith("ws/2026-11/actions.yaml:2:")
        assert "this meeting.yaml's guests" in line


def test_init_in_an_empty_workspace_says_how_to_start_the_first_month(tmp_path, run_cli):
    (tmp_path / "ws").mkdir()
    result = run_cli("init", "ws/2026-10")
    assert result.exit_code == 2
    assert "no earlier month folder with a meeting.yaml" in result.stderr
    assert "create ws/2026-10/ with a meeting.yaml and a customer.yaml" in result.stderr
    assert "copy a month of the sample (sample_data/northwind/2026-11)" in result.stderr
    assert "'agenda validate ws/2026-10'" in result.stderr
    assert not (tmp_path / "ws" / "2026-10").exists()


# --- 6. validate counts the sections the pack shows data for --------------------------------------


def test_an_empty_section_file_is_not_counted_as_data_by_validate(tmp_path, run_cli):
    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING,
            "customer.yaml": CUSTOMER,
            "employees.yaml": "",
            "operations.yaml": "# nothing yet\n",
            "finance.yaml": "currency: EUR\nmetrics:\n  - {name: Fares, actual: 10, budget: 9,"
            " higher_is_better: true}\n",
        },
    )
    result = run_cli("validate", month)
    assert result.exit_code == 0, result.output
    assert "2 of 6 sections have data" in result.stdout
    pack = prepare(month)
    employees = next(s for s in pack.sections if s.key == "employees")
    assert [b.text for b in employees.blocks] == [
        "employees.yaml is present but holds nothing to show yet."
    ]
    result = run_cli("validate", month, "--json")
    assert json.loads(result.stdout)["summary"]["sections_with_data"] == 2


# --- 7. a quote dated far from the meeting --------------------------------------------------------


def test_a_verbatim_dated_a_year_before_or_after_the_meeting_is_warned_at_its_line(
    tmp_path, run_cli
):
    customer = CUSTOMER + (
        "  - {text: El 412 sempre arriba tard., score: 3, channel: App, date: 2025-11-05}\n"
        "  - {text: Molt bon servei., score: 9, channel: App, date: 2026-12-05}\n"
        "  - {text: Conductor molt amable., score: 10, channel: App, date: 2026-08-25}\n"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    result = run_cli("validate", month)
    assert result.exit_code == 0, result.output
    warnings = [x for x in result.stderr.splitlines() if "verbatims[" in x]
    assert warnings == [
        "ws/2026-11/customer.yaml:13:70: warning: verbatims[1].date: 2025-11-05 is 379 days "
        "before the meeting (2026-11-19); a quote is expected from the last three months, and "
        "the pack quotes it among this month's: check the date (its year?), or leave the quote "
        "out",
        "ws/2026-11/customer.yaml:14:60: warning: verbatims[2].date: 2026-12-05 is after the "
        "meeting (2026-11-19), and the pack quotes it among this month's: check the date (its "
        "year?), or leave the quote out",
    ]
    assert run_cli("validate", month, "--strict").exit_code == 65

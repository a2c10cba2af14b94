"""Composition: agenda slots, change since last month, statuses and questions for the room."""

from __future__ import annotations

import datetime as dt

from conftest import CUSTOMER, MEETING, MEETING_LED, SAMPLE_MONTH, write_month

from agenda.model import Note, Table
from agenda.pipeline import prepare
from agenda.status import status


def test_agenda_slots_follow_start_and_minutes_with_defaults(tmp_path):
    meeting = MEETING + "minutes:\n  customer: 40\n  finance: 5\nleads:\n  customer: Sam Lead\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    pack = prepare(month)
    slots = [(s.title, s.times, s.lead) for s in pack.agenda]
    # a slot nobody is named for has no lead (it says "lead not named"), never the chair's
    assert slots == [
        ("Customer", "09:00–09:40", "Sam Lead"),
        ("Employees", "09:40–09:55", ""),
        ("Operations", "09:55–10:10", ""),
        ("Marketing", "10:10–10:20", ""),
        ("Sales", "10:20–10:30", ""),
        ("Finance", "10:30–10:35", ""),
    ]
    (unnamed,) = [w for w in pack.warnings if "no lead named" in w.message]
    assert unnamed.line_for("warning").startswith("ws/2026-11/meeting.yaml:")
    assert "no lead named for Employees, Operations, Marketing, Sales, Finance" in str(unnamed)
    rows = {r[1]: r[3] for r in pack.agenda_table.rows}
    assert rows["Customer"] == "Sam Lead" and rows["Finance"] == "not named"
    finance = next(s for s in pack.sections if s.key == "finance")
    # no finance.yaml: nothing to decide or discuss, so the slot is for noting
    assert finance.cues.slot_line == "10:30–10:35 · 5 min · lead not named · for noting"
    assert finance.cues.slot_sentence == "Slot 6: 10:30–10:35 (5 min), lead not named, for noting."


def test_change_since_last_month_comes_from_the_earlier_folder(tmp_path):
    earlier = CUSTOMER.replace(
        "promoters: 50, passives: 30, detractors: 20", "promoters: 60, passives: 30, detractors: 10"
    )
    write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING.replace("2026-11", "2026-10"), "customer.yaml": earlier},
        name="2026-10",
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})
    customer = prepare(month).sections[0]
    figures = next(
        b for b in customer.blocks if getattr(b, "title", "") == "How customers score us"
    )
    nps = figures.items[0]
    assert nps.value == "+30"
    assert "−20 since October (within the margin of error) ·" in nps.detail  # +50 → +30
    assert nps.status is None  # NPS is framed neutrally: no status


def test_broken_earlier_month_is_a_warning_not_a_failure(tmp_path):
    write_month(tmp_path / "ws", {"customer.yaml": "nps: [\n"}, name="2026-10")
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER})
    pack = prepare(month)
    assert len(pack.warnings) == 1
    line = pack.warnings[0].line_for("warning")
    assert line.startswith("ws/2026-10/customer.yaml:") and ": warning: YAML syntax" in line
    assert "earlier month 2026-10: its customer figures are left out of trends" in str(
        pack.warnings[0]
    )


def test_status_is_computed_in_the_better_direction():
    assert status(80, 84) == "On track"
    assert status(80, 78) == "At risk"  # within 5% of target
    assert status(80, 60) == "Off track"
    assert status(120, 95, higher_is_better=False) == "On track"
    assert status(120, 124, higher_is_better=False) == "At risk"
    assert status(120, 200, higher_is_better=False) == "Off track"


def test_sample_operations_flags_green_slas_with_a_worsening_customer_signal():
    pack = prepare(SAMPLE_MONTH)
    operations = next(s for s in pack.sections if s.key == "operations")
    cautions = [b.text for b in operations.blocks if isinstance(b, Note) and b.kind == "caution"]
    assert len(cautions) == 2
    assert "NPS is +4 against a target of +20" in cautions[0]
    assert (
        cautions[1]
        == "“Billing accuracy” grew from 82 to 109 mentions, and no service level measures it."
    )
    table = next(b for b in operations.blocks if isinstance(b, Table))
    assert {row[table.status_column] for row in table.rows} == {"On track"}
    assert operations.questions[0] == "Are we measuring what customers actually experience?"


def test_sample_marketing_and_sales_ask_about_missing_customer_reactions():
    pack = prepare(SAMPLE_MONTH)
    marketing = next(s for s in pack.sections if s.key == "marketing")
    sales = next(s for s in pack.sections if s.key == "sales")
    assert any("how will they feel and react?" in q for q in marketing.questions)
    assert any("what have similar customers told us" in q for q in sales.questions)


def test_overdue_actions_are_flagged_with_days(tmp_path):
    actions = """\
    actions:
      - {id: A-1, title: Fix bills, owner: Ann, due: 2026-11-13, status: open, section: operations}
      - {id: A-2, title: Call back, owner: Bob, due: 2026-12-01, status: open, section: customer}
      - {id: 3, title: Done thing, owner: Cy, due: 2026-11-01, status: done, section: finance}
    """
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "actions.yaml": actions},
    )
    log = prepare(month).actions
    assert log is not None
    assert [(r.id, r.section, r.flag) for r in log.rows] == [
        ("A-2", "Customer", ""),
        ("A-1", "Operations", "Overdue by 6 days"),
    ]
    assert [r.id for r in log.closed] == ["3"]  # first seen done: listed once
    assert log.slot.start == dt.time(10, 30)
    # the workspace's first month: no last meeting to have closed it since
    assert log.summary == "2 open, 0 blocked, 1 done (no earlier meeting on record); 1 overdue."

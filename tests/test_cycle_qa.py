"""What hostile QA of the monthly cycle (issue 14) found: each case now right or refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import CUSTOMER, MEETING_LED, SAMPLE, write_month
from test_init_loop import fill

from agenda import schema
from agenda.pipeline import prepare
from agenda.protect import Redactor
from agenda.scaffold import init_month


def test_a_guests_organisation_is_replaced_as_registered_lower_case_words_and_all():
    for organisation in (
        "Friends of the Earth",
        "Associação de Doentes do Tejo",
        "Patients Association of Leeds",
    ):
        guest = schema.Guest(name="Beatriz Lourenço", organisation=organisation)
        redactor = Redactor.for_guests([guest], "Host Org", [])
        said = redactor.text(f"We met {organisation} yesterday, at the sede da {organisation}.")
        assert organisation not in said, said
        assert said.count("a customer organisation") == 2


def _workspace(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "northwind")
    return tmp_path / "northwind"


def test_init_takes_the_next_meeting_the_room_agreed_and_keeps_what_it_did_not_restate(
    tmp_path,
):
    ws = _workspace(tmp_path)
    (ws / "2026-11" / "outcomes.yaml").write_text(
        "actions:\n"
        "  - {id: A-106, title: Change the estimation rule, owner: Priya Shah,"
        " due: 2027-01-15, status: open, section: operations}\n"
        "  - {id: A-120, title: Call Mrs Ode on 07700 900461 or ode@example.com,"
        " owner: Priya Shah, due: 2026-12-05, status: open, section: customer}\n"
        "next_meeting: 2026-12-10\n",
        "utf-8",
    )
    init_month(ws / "2026-12")
    meeting = yaml.safe_load((ws / "2026-12" / "meeting.yaml").read_text("utf-8"))
    assert str(meeting["date"]) == "2026-12-10"  # not the same weekday (17 December)
    log = yaml.safe_load((ws / "2026-12" / "actions.yaml").read_text("utf-8"))["actions"]
    a106 = next(a for a in log if a["id"] == "A-106")
    # the room moved the owner and the date; the theme and source stay the log's
    assert a106["owner"] == "Priya Shah" and a106["theme"] == "Billing accuracy"
    assert a106["source"].startswith("A-101 root-cause review")
    # the organisation's own contact details are carried as typed, never masked away
    a120 = next(a for a in log if a["id"] == "A-120")
    assert a120["title"] == "Call Mrs Ode on 07700 900461 or ode@example.com"


def test_an_action_init_copied_unchanged_keeps_the_month_it_was_last_updated(tmp_path):
    ws = _workspace(tmp_path)
    init_month(ws / "2026-12")
    fill(ws / "2026-12")
    pack = prepare(ws / "2026-12")
    assert pack.actions is not None
    rows = {r.id: r for r in pack.actions.rows}
    # A-108 was last written in November; December's file only copies it
    assert rows["A-108"].carried_from == "November 2026"


def test_the_recap_says_a_new_action_is_already_done_or_blocked(tmp_path):
    from agenda.recap import recap

    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING_LED,
            "customer.yaml": CUSTOMER,
            "outcomes.yaml": "actions:\n"
            "  - {id: C-13, title: Refund the duplicates, owner: Ann Lee, due: 2026-11-30,"
            " status: done, section: finance}\n"
            "  - {id: C-14, title: Fix the portal, owner: Ann Lee, due: 2026-12-30,"
            " status: blocked, section: operations}\n",
        },
    )
    outcomes = schema.Outcomes.model_validate(
        yaml.safe_load((month / "outcomes.yaml").read_text("utf-8"))
    )
    memo = recap(prepare(month), outcomes, "2026-11")
    text = repr(memo)
    assert "C-13 Refund the duplicates · due 30 Nov 2026 · Finance · new, already done" in text
    assert "C-14 Fix the portal · due 30 Dec 2026 · Operations · new, blocked" in text


def test_after_skipped_months_changes_are_named_against_the_month_they_compare_with(tmp_path):
    """init writes no previous after a skipped month (a typed previous reads as last
    month's): the pack compares with November's files and says so, never "since January"."""
    ws = _workspace(tmp_path)
    init_month(ws / "2027-02")
    customer = (ws / "2027-02" / "customer.yaml").read_text("utf-8")
    assert "previous:" not in customer and "Months after 2026-11 were skipped" in customer
    fill(ws / "2027-02")
    pack = prepare(ws / "2027-02")
    section = next(s for s in pack.sections if s.key == "customer")
    themes = next(b for b in section.blocks if getattr(b, "title", "") == "Top improvement themes")
    assert "since November 2026" in themes.finding
    findings = " ".join(getattr(b, "finding", "") for s in pack.sections for b in s.blocks)
    assert "since January" not in findings

"""Issue 17: every agenda item states its purpose and its ask, drawn from this month's data;
items for noting form a consent block; the deck ends with the asks "For the room"."""

from __future__ import annotations

from conftest import (
    CUSTOMER,
    MEETING_LED,
    SAMPLE_MONTH,
    docx_items,
    section_items,
    slides,
    write_month,
)
from pptx import Presentation

from agenda.pipeline import prepare

ACTIONS = """\
actions:
  - {id: A-1, title: Fix the refund queue, owner: Cy Park, due: 2026-10-01, status: open,
     section: operations}
decisions:
  - {title: Hire two more refund handlers, section: finance, owner: Flo Wu}
"""


def test_the_sample_agenda_states_each_slots_purpose_and_its_question_from_the_data(built_sample):
    agenda = next(i for i in docx_items(built_sample.docx) if i.text.startswith("# | Section"))
    cells = agenda.text.split(" | ")
    assert cells[:6] == ["#", "Section", "Time", "Lead", "Purpose", "Focus question"]
    rows = {cells[n + 1]: cells[n + 4 : n + 6] for n in range(6, len(cells), 6)}
    assert rows["Customer"] == [
        "Discussion",  # the customer slot is never for noting
        # the top themes, and the one nobody owns (its card asks the same)
        "What are customers telling us about “Billing accuracy” and “Time to resolve "
        "complaints”, and who will own “Time to resolve complaints”?",
    ]
    # a decision pending in the slot makes it for decision; the rule's question its focus
    assert rows["Operations"] == [
        "Decision",
        "Do our service levels measure “Billing accuracy” the way customers feel it?",
    ]
    assert rows["Finance"] == [
        "Decision",
        "Decision needed: Fund a dedicated billing-correction team through the winter peak",
    ]
    assert rows["Sales"][0] == "Noting"  # set in meeting.yaml's purposes
    assert rows["Actions"] == [
        "Discussion",
        "What would unblock A-103 (overdue) and A-106 (blocked)?",
    ]
    # the items for noting are gathered in a consent block under the agenda
    items = docx_items(built_sample.docx)
    at = items.index(agenda)
    assert items[at + 2].text.startswith(
        "For noting, taken together without discussion unless someone asks: Sales (11:00–11:05)."
    )
    # each section opens with its purpose in its slot sentence, and the question it answers
    operations = section_items(built_sample.docx, "Operations")
    assert operations[0].text == "Slot 3: 10:30–10:50 (20 min), led by Gareth Lloyd, for decision."
    assert operations[1].text.startswith("Do our service levels measure “Billing accuracy”")


def test_a_month_the_rules_say_nothing_about_keeps_the_generic_questions(tmp_path):
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER})
    pack = prepare(month)
    slots = {s.key: s for s in pack.agenda}
    # no themes, no decisions, no rules fired: the customer slot is still for discussion
    assert slots["customer"].purpose == "discussion"
    assert slots["customer"].focus.startswith("How do our customers feel")
    assert {slots[k].purpose for k in ("employees", "operations", "finance")} == {"noting"}
    assert pack.consent.startswith("For noting, taken together")
    assert "Employees (09:30–09:45)" in pack.consent
    assert pack.room.rows == ()  # nothing asked: no "For the room" slide


def test_a_decision_and_an_overdue_action_set_the_purposes_of_their_slots(tmp_path):
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER, "actions.yaml": ACTIONS},
    )
    slots = {s.key: s for s in prepare(month).agenda}
    assert slots["finance"].purpose == "decision"
    assert slots["finance"].focus == "Decision needed: Hire two more refund handlers"
    assert slots["actions"].purpose == "discussion"
    assert slots["actions"].focus == "What would unblock A-1 (overdue)?"


def test_a_purpose_set_in_meeting_yaml_wins_and_deciding_nothing_is_warned(tmp_path):
    meeting = MEETING_LED + "purposes: {marketing: decision, operations: discussion}\n"
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": meeting, "customer.yaml": CUSTOMER, "actions.yaml": ACTIONS},
    )
    pack = prepare(month)
    slots = {s.key: s for s in pack.agenda}
    assert slots["marketing"].purpose == "decision" and slots["operations"].purpose == "discussion"
    (warned,) = [w for w in pack.warnings if "purposes.marketing" in w.message]
    assert warned.line_for("warning").startswith("ws/2026-11/meeting.yaml:")
    assert "asks no decision in it" in warned.message


def test_noting_a_slot_with_a_decision_pending_is_refused_at_its_line(tmp_path, run_cli):
    meeting = MEETING_LED + "purposes: {finance: noting}\n"
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": meeting, "customer.yaml": CUSTOMER, "actions.yaml": ACTIONS},
    )
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code != 0 and not (tmp_path / "out").exists()
    assert "ws/2026-11/meeting.yaml:" in result.stderr
    assert "purposes.finance is 'noting'" in result.stderr
    assert "'Hire two more refund handlers'" in result.stderr


def test_the_customer_slot_for_noting_is_refused_at_its_line(tmp_path, run_cli):
    meeting = MEETING_LED + "purposes:\n  customer: noting\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("validate", month)
    assert result.exit_code != 0
    assert "ws/2026-11/meeting.yaml:8:13:" in result.stderr  # at the customer key
    assert "the customer slot is never for noting" in result.stderr


def test_an_unknown_purpose_is_a_located_error(tmp_path, run_cli):
    meeting = MEETING_LED + "purposes:\n  finance: for info\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("validate", month)
    assert result.exit_code != 0
    assert "meeting.yaml:" in result.stderr and "purposes.finance" in result.stderr
    assert "decision" in result.stderr and "noting" in result.stderr


def test_a_noting_item_longer_than_the_customer_slot_suggests_giving_its_minutes_away(tmp_path):
    meeting = MEETING_LED + "minutes: {customer: 25, finance: 40}\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    pack = prepare(month)
    (long,) = [w for w in pack.agenda_warnings if w.message.startswith("Finance is for noting")]
    assert "40 minutes, more than the customer slot's 25" in long.message
    assert "consider giving the rest to the customer slot" in long.message
    assert long.line_for("warning").startswith("ws/2026-11/meeting.yaml:")


def test_a_squeezed_customer_slot_is_told_which_notings_would_free_minutes(tmp_path):
    meeting = MEETING_LED + "minutes: {customer: 10, marketing: 15, sales: 15}\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    (squeezed,) = [w for w in prepare(month).agenda_warnings if "squeezed" in w.message]
    # employees, operations, marketing, sales, finance are all for noting (15+15+15+15+10
    # minutes; 5 each in a consent block frees 45)
    assert "for noting in the consent block would free about 45 minutes" in squeezed.message


def test_the_deck_ends_with_the_asks_for_the_room(built_sample):
    views = slides(built_sample.pptx)
    last = views[-1]
    assert last.title == "For the room" and last.has_table
    assert "Record what was agreed" in " ".join(last.texts)
    assert "record what was agreed" in last.notes and "11:20–11:30" in last.notes
    table = next(
        s.table for s in Presentation(str(built_sample.pptx)).slides[-1].shapes if s.has_table
    )
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Section", "Ask", "Owner", "Agreed"]
    asks = {r[0]: r[1:] for r in rows[1:]}
    assert asks["Finance"] == [
        "Decide: Fund a dedicated billing-correction team through the winter peak",
        "Rachel Adeyemi",
        "",  # room to record what was agreed
    ]
    assert asks["Customer"][1] == "Priya Shah"
    assert "Sales" not in asks  # for noting: nothing asked of the room
    assert [r[0] for r in rows[1:]] == [
        "Customer",
        "Employees",
        "Operations",  # its decision, then the question the data raised beside it
        "Operations",
        "Marketing",
        "Finance",
        "Actions",
    ]
    # the Word pack is read before the meeting: it has no "For the room" page
    assert not any(i.text == "For the room" for i in docx_items(built_sample.docx))


def test_the_sample_months_agenda_notes_name_each_purpose_and_the_consent_block():
    pack = prepare(SAMPLE_MONTH)
    assert "1. Customer: 09:30–10:15, led by Priya Shah, for discussion" in pack.agenda_notes
    assert "For noting, taken together" in pack.agenda_notes


def test_the_customer_question_asks_who_will_own_only_the_top_themes_nobody_owns(tmp_path):
    themes = (
        "themes:\n"
        "  - {name: Refund speed, mentions: 40, owner: Cy Park}\n"
        "  - {name: Clear letters, mentions: 30}\n"
        "  - {name: App, mentions: 5}\n"
    )
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER + themes}
    )
    focus = prepare(month).agenda[0].focus
    assert focus == (
        "What are customers telling us about “Refund speed” and “Clear letters”, "
        "and who will own “Clear letters”?"
    )
    owned = write_month(
        tmp_path / "ws2",
        {
            "meeting.yaml": MEETING_LED,
            "customer.yaml": CUSTOMER + themes.replace("30}", "30, owner: Di Ross}"),
        },
    )
    assert prepare(owned).agenda[0].focus.endswith("“Clear letters”, and what will we change?")

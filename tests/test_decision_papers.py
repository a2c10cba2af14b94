"""Decisions as short papers (issue 17): each met in its own section's slot, half a page in
Word and one slide in the deck with its ask; and the decisions the last meeting took, listed
with their result from the action log. Read back from the built files, as a reader sees them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CUSTOMER, SAMPLE_MONTH, docx_items, section_items, slides, write_month
from conftest import MEETING_LED as MEETING

from agenda import schema
from agenda.decisions import named_option, paper
from agenda.model import Labels
from agenda.pipeline import prepare
from packs.deck_plan import (
    BODY_BOTTOM,
    BODY_TOP,
    DecisionSlide,
    content_height,
    plan_deck,
)

OPS_DECISION = 'Decide: Add a "bill right first time" measure to the operations SLAs from January'
FIN_DECISION = "Decide: Fund a dedicated billing-correction team through the winter peak"
FIN_ASK = "Rachel Adeyemi asks the meeting to decide by Thursday 19 November 2026."
TAKEN = "Decisions taken at the October 2026 meeting"
SINCE = (
    "4 decisions taken at the October 2026 meeting: 1 carried out, 2 held up (an action "
    "blocked or overdue), 1 with no action recorded."
)


def _texts(items) -> str:
    return "\n".join(i.text for i in items)


# --- the sample: papers in their own sections -------------------------------------------------


def test_each_decision_paper_is_met_in_its_own_section_of_the_word_pack(built_sample):
    operations = section_items(built_sample.docx, "Operations")
    finance = section_items(built_sample.docx, "Finance")
    ops_heads = [i.text for i in operations if i.style == "Heading 2"]
    fin_heads = [i.text for i in finance if i.style == "Heading 2"]
    assert OPS_DECISION in ops_heads and FIN_DECISION not in ops_heads
    assert FIN_DECISION in fin_heads and OPS_DECISION not in fin_heads
    # after the section's evidence, before its questions for the room
    assert fin_heads.index(FIN_DECISION) == fin_heads.index("Questions for the room") - 1

    at = next(n for n, i in enumerate(finance) if i.text == FIN_DECISION)
    ask, context, table = finance[at + 1 : at + 4]
    assert ask.text == FIN_ASK
    assert context.text.startswith("Goodwill credits are 2.4 times budget")
    assert table.kind == "table"
    cells = table.text.split(" | ")
    # each option a row of its own (its name, cost and risk are lines of one cell)
    assert cells[0::2] == ["Options", "", "", "Recommendation", "Cost", "Risk"]
    assert cells[1].startswith("Dedicated correction team (recommended)Cost: £180k")
    assert cells[3].startswith("Overtime for existing staffCost: about £95k")
    assert cells[5].startswith("Wait for the vendor fixCost: No new spend")
    assert cells[7].startswith("Dedicated correction team: it corrects bills now")
    assert (
        cells[9] == "£180k over December–March, against goodwill credits of £84k so far this year"
    )
    assert cells[11].startswith("The team stands down only when the vendor's fix is live")

    # the simpler decision: no options, so no options row and no "no recommendation" line
    at = next(n for n, i in enumerate(operations) if i.text == OPS_DECISION)
    ask, context, table = operations[at + 1 : at + 4]
    assert ask.text == "Gareth Lloyd asks the meeting to decide by Thursday 17 December 2026."
    assert table.text.split(" | ") == [
        "Recommendation",
        "Approve it now, and set its target in December from the first month's baseline.",
    ]


def test_the_word_pack_still_lists_every_ask_in_the_action_log(built_sample):
    items = section_items(built_sample.docx, "Actions")
    titles = [i.text for i in items if i.style == "Heading 2"]
    assert titles.index(TAKEN) < titles.index("Closed since last meeting")
    assert "Decisions needed" in titles
    (asks,) = [i for i in items if i.kind == "table" and "Decide by" in i.text]
    assert "Fund a dedicated billing-correction team through the winter peak" in asks.text
    assert "19 Nov 2026" in asks.text and "17 Dec 2026" in asks.text


def test_one_slide_per_decision_in_its_sections_slides(built_sample):
    views = slides(built_sample.pptx)
    papers = [v for v in views if v.title.startswith("Decide: ")]
    assert [v.title for v in papers] == [OPS_DECISION, FIN_DECISION]
    assert [v.kicker for v in papers] == ["Operations", "Finance"]
    order = [v.kicker or v.title for v in views]
    ops = views.index(papers[0])
    assert order[ops - 1] == "Operations" and "Marketing" in order[ops + 1 :]
    fin = views[views.index(papers[1])]
    assert FIN_ASK in fin.texts
    text = "\n".join(fin.texts)
    for shown in ("Options", "Recommendation", "Cost", "Risk", "Overtime for existing staff"):
        assert shown in text
    assert "Dedicated correction team (recommended)" in text
    assert fin.empty_placeholders == 0
    assert FIN_ASK in fin.notes and "Put the decision to the room" in fin.notes
    # the deck does not show the asks twice: the action log keeps no decisions table
    log = [v for v in views if v.kicker == "Actions"]
    assert not any("Decisions needed" in v.texts for v in log)
    assert not any("Fund a dedicated" in t for v in log for t in v.texts)


def test_decision_slides_fit_their_body_and_shorten_with_a_pointer_to_word():
    pack = prepare(SAMPLE_MONTH)
    plans = [p for p in plan_deck(pack) if isinstance(p.content, DecisionSlide)]
    assert len(plans) == 2
    for plan in plans:
        height = content_height(plan, pack.labels)
        assert height is not None and height <= BODY_BOTTOM - BODY_TOP
        assert not plan.content.shortened  # the sample's papers fit whole

    long = "A long sentence about what this option costs and what it risks for customers. " * 6
    decision = schema.Decision(
        title="Choose how to fix billing",
        section="finance",
        owner="Rachel Adeyemi",
        context=long,
        options=[{"name": f"Option {n}", "cost": long, "risk": long} for n in range(1, 5)],
        recommendation=long,
        cost=long,
        risk=long,
    )
    from packs.deck_plan import _paper_slide

    planned = _paper_slide(paper(decision, dt.date(2026, 11, 19)), None)
    assert planned.shortened
    assert planned.height <= BODY_BOTTOM - BODY_TOP
    assert all(len(i) <= 240 for p in planned.paper.parts for i in p.items)
    assert Labels  # the caption is the deck's own label ("the Word pack has them in full")


# --- small months: what the data gives, and nothing else ---------------------------------------

ACTIONS = """\
actions:
  - {id: A-1, title: Hire billing staff, owner: Cy Park, due: 2026-11-30, section: finance, status: open}
  - {id: A-2, title: Fix the estimate rule, owner: Cy Park, due: 2026-11-10, section: operations, status: open}
  - {id: A-3, title: Raise the goodwill limit, owner: Ben Ode, due: 2026-11-06, section: employees, status: done}
  - {id: A-4, title: Chase the vendor, owner: Cy Park, due: 2026-12-30, section: operations, status: blocked}
decisions:
  - title: Pick a billing fix
    section: finance
    owner: Flo Wu
    options: [Hire a team, Pay overtime, Wait for the vendor]
    decide_by: 2026-11-12
"""

OUTCOMES = """\
decisions:
  - {title: Hire for the winter, section: finance, owner: Flo Wu, actions: [A-1]}
  - {title: Fix at source, section: operations, owner: Cy Park, actions: [A-2, A-4]}
  - {title: Trust the front line, section: employees, actions: [A-3]}
  - {title: Keep the campaign, section: marketing, owner: Di Ross}
"""


def _workspace(tmp_path, outcomes: str | None = OUTCOMES, actions: str = ACTIONS):
    october = {"meeting.yaml": MEETING.replace("2026-11", "2026-10"), "customer.yaml": CUSTOMER}
    if outcomes is not None:
        october["outcomes.yaml"] = outcomes
    write_month(tmp_path / "ws", october, name="2026-10")
    return write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "actions.yaml": actions},
    )


def _build(run_cli, month, tmp_path, *options: str):
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out, *options)
    stem = out / "acme-water-2026-11-leadership-pack"
    return result, stem.with_suffix(".docx"), stem.with_suffix(".pptx")


def test_options_without_a_recommendation_say_so_and_a_passed_date_is_flagged(tmp_path, run_cli):
    month = _workspace(tmp_path, outcomes=None)
    result, docx, pptx = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    assert (
        "ws/2026-11/actions.yaml:11:16: warning: decisions[0].decide_by: 2026-11-12 is before "
        "the meeting (2026-11-19)"
    ) in result.stderr
    finance = _texts(section_items(docx, "Finance"))
    assert "Decide: Pick a billing fix" in finance
    assert "Flo Wu asked for this decision by Thursday 12 November 2026: that date has passed" in (
        finance
    )
    assert "No recommendation given: the paper leaves the choice to the room." in finance
    assert "Cost" not in finance and "Risk" not in finance  # not given: no empty headings
    (view,) = [v for v in slides(pptx) if v.title == "Decide: Pick a billing fix"]
    assert view.kicker == "Finance"
    assert any("No recommendation given" in t for t in view.texts)
    assert any("Pay overtime" in t for t in view.texts)
    brief = [i.text for i in docx_items(docx)]
    assert any(
        "Decide: Pick a billing fix (Flo Wu, Finance" in t and "was due by 12 Nov" in t
        for t in brief
    )


def test_last_meetings_decisions_show_their_result_from_the_action_log(tmp_path, run_cli):
    month = _workspace(tmp_path)
    result, docx, pptx = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    items = section_items(docx, "Actions")
    (table,) = [i for i in items if i.kind == "table" and "Result" in i.text]
    rows = table.text.split(" | ")[4:]
    assert rows == [
        "Employees", "Trust the front line", "–", "A-3 done",
        "Operations", "Fix at source", "Cy Park", "A-2 open, overdue by 9 days; A-4 blocked",
        "Marketing", "Keep the campaign", "Di Ross", "No action recorded",
        "Finance", "Hire for the winter", "Flo Wu", "A-1 open",
    ]  # fmt: skip
    since = (
        "4 decisions taken at the October 2026 meeting: 1 carried out, 1 under way, 1 held up "
        "(an action blocked or overdue), 1 with no action recorded."
    )
    assert since in [i.text for i in docx_items(docx)]
    views = slides(pptx)
    assert any(since in t for t in views[1].texts)  # the month in brief
    (log,) = [v for v in views if "A-2 open, overdue by 9 days; A-4 blocked" in v.texts]
    assert log.kicker == "Actions" and TAKEN in log.texts


def test_no_outcomes_file_invents_nothing(tmp_path, run_cli):
    month = _workspace(tmp_path, outcomes=None)
    result, docx, pptx = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    text = _texts(docx_items(docx))
    assert "Decisions taken" not in text and "decisions taken" not in text
    assert "outcomes" not in text
    assert not any("taken at the" in t for v in slides(pptx) for t in v.texts)


def test_an_empty_outcomes_template_invents_nothing(tmp_path, run_cli):
    month = _workspace(tmp_path, outcomes="# decisions:\n#   - {title: ..., section: ...}\n")
    result, docx, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    assert "decisions taken" not in _texts(docx_items(docx)).lower()


@pytest.mark.parametrize(
    ("outcomes", "where", "message"),
    [
        (
            OUTCOMES + "  - {title: Wait, section: finance, owner: Flo Wu, action: [A-1]}\n",
            "6:52",
            "decisions[4]: unknown key 'action' (did you mean 'actions'?)",
        ),
        (
            "actions:\n  - {id: A-9, title: X, owner: Y, due: 30/11/2026, section: sales, "
            "status: open}\n",
            "2:40",
            "actions[0].due: expected a date like 2026-11-19, got '30/11/2026'",
        ),
        (
            "decisions:\n  - {title: Sell more, section: sale}\n",
            "2:33",
            "decisions[0].section: 'sale' is not allowed (did you mean 'sales'?)",
        ),
    ],
)
def test_a_broken_outcomes_file_is_a_located_error(tmp_path, run_cli, outcomes, where, message):
    month = _workspace(tmp_path, outcomes=outcomes)
    # in its own month, and in the next month's pack that reads it: never silently skipped
    own = run_cli("validate", month.parent / "2026-10")
    assert own.exit_code != 0
    assert f"ws/2026-10/outcomes.yaml:{where}: error: {message}" in own.stderr
    result, docx, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code != 0 and not docx.exists()
    assert f"ws/2026-10/outcomes.yaml:{where}: error: {message}" in result.stderr
    assert "this pack lists the decisions taken at the 2026-10 meeting" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_linked_action_not_in_the_log_is_said_and_warned_at_its_place(tmp_path, run_cli):
    outcomes = (
        "decisions:\n  - {title: Hire for the winter, section: finance, actions: [A-1, A-99]}\n"
    )
    month = _workspace(tmp_path, outcomes=outcomes)
    result, docx, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    assert (
        "ws/2026-10/outcomes.yaml:2:67: warning: decisions[0].actions[1]: 'A-99' is not in the "
        "action log of November 2026"
    ) in result.stderr
    (table,) = [
        i for i in section_items(docx, "Actions") if i.kind == "table" and "Result" in i.text
    ]
    assert "A-1 open; A-99 not in the action log" in table.text
    strict = run_cli("validate", month, "--strict")
    assert strict.exit_code != 0 and "'A-99' is not in the action log" in strict.stderr


def test_a_recommendation_names_an_option_only_by_its_name():
    def decision(recommendation: str) -> schema.Decision:
        return schema.Decision(
            title="T",
            section="finance",
            options=["Hire a team", {"name": "Hire a team of ten"}, "Wait"],
            recommendation=recommendation,
        )

    assert named_option(decision("Hire a team")).name == "Hire a team"  # type: ignore[union-attr]
    assert named_option(decision("hire a team: it is quickest")).name == "Hire a team"  # type: ignore[union-attr]
    assert named_option(decision("Hire a team of ten, now")).name == "Hire a team of ten"  # type: ignore[union-attr]
    assert named_option(decision("Waiting is cheapest")) is None  # never guessed from words
    assert named_option(decision("We should hire a team")) is None


def test_the_sample_summary_counts_the_decisions_taken(built_sample):
    brief = [i.text for i in docx_items(built_sample.docx)][:40]
    assert SINCE in brief
    assert any(
        t.startswith("Decide: Fund a dedicated billing-correction team") and "by 19 Nov 2026" in t
        for t in brief
    )
    views = slides(built_sample.pptx)
    assert any(SINCE in t for t in views[1].texts)
    (log,) = [v for v in views if v.title == TAKEN]
    for result in ("A-107 done", "A-106 blocked", "A-103 open, overdue by 6 days"):
        assert result in log.texts
    assert "No action recorded" in log.texts
    assert "Closed since last meeting" in log.texts  # stacked on the same slide


def test_an_option_given_twice_is_refused_at_its_line(tmp_path, run_cli):
    """The paper would list it twice, and a recommendation naming it could name either."""
    twice = ACTIONS.replace(
        "options: [Hire a team, Pay overtime, Wait for the vendor]",
        "options: [Hire a team, Pay overtime, hire a  TEAM]",
    )
    month = _workspace(tmp_path, outcomes=None, actions=twice)
    result, docx, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code == 65
    assert (
        "ws/2026-11/actions.yaml:10:" in result.stderr
        and "decisions[0].options[2].name: 'hire a  TEAM' is the same option as options[0]"
        in result.stderr
    ), result.stderr
    assert not docx.exists()

"""The month in brief (issue 17, first part): read back from both files as a reader meets it."""

from __future__ import annotations

from dataclasses import replace

from conftest import SAMPLE_MONTH, docx_items, slides
from docx import Document

from agenda.model import DecisionRow
from agenda.pipeline import prepare
from packs.deck_plan import SummarySlide, plan_deck

CUSTOMER = (
    "We open with “Forty empty homes, forty estimated bills” (a customer guest). "
    "NPS +4, down 8 since October: within the margin of error."
)
FINDINGS = [
    "Every service level is green while complaints rose 19%",
    "“Billing accuracy” grew from 82 to 109 mentions, and no service level measures it.",
    "Billing error or estimated bill is the top complaint reason: 117, up 25 since October",
]
ASKS = [
    'Decide: Add a "bill right first time" measure to the operations SLAs from January '
    "(Gareth Lloyd, Operations, 10:30–10:50; by 17 Dec 2026)",
    "Decide: Fund a dedicated billing-correction team through the winter peak "
    "(Rachel Adeyemi, Finance, 11:05–11:20; by 19 Nov 2026)",
]
#: What became of the October meeting's decisions (its outcomes.yaml), then the actions.
SINCE = [
    "4 decisions taken at the October 2026 meeting: 1 carried out, 2 held up (an action blocked "
    "or overdue), 1 with no action recorded.",
    "2 actions closed, 4 still open, 1 blocked; 1 overdue: A-103 (overdue by 6 days).",
]


def test_the_word_pack_opens_with_the_month_in_brief_on_its_first_page(built_sample):
    """Under the cover block and before the agenda: the customer first, then the findings,
    the asks (owner and slot) and what happened since the last meeting, in that order."""
    items = docx_items(built_sample.docx)
    texts = [i.text for i in items]
    headings = [n for n, i in enumerate(items) if i.style == "Heading 1"]
    start, agenda = headings[:2]  # the brief is the first heading, in the navigation pane
    assert (texts[start], texts[agenda]) == ("November 2026 in brief", "Agenda")
    first_page = texts[:agenda]
    assert first_page[start + 1] == CUSTOMER
    brief = first_page[start + 2 :]
    assert brief == [
        "What the month says",
        *FINDINGS,
        "What we need from you",
        *ASKS,
        "Since last meeting",
        *SINCE,
    ]
    doc = Document(str(built_sample.docx))
    brief = next(p for p in doc.paragraphs if p.text == "November 2026 in brief")
    assert brief.paragraph_format.page_break_before is False  # on the cover's page


def test_the_deck_opens_with_the_month_in_brief_beside_the_compact_agenda(built_sample):
    views = slides(built_sample.pptx)
    brief = views[1]
    assert brief.title == "November 2026 in brief" and brief.has_table
    (text,) = [t for t in brief.texts if t.startswith("We open with")]
    lines = text.splitlines()
    assert lines[0] == CUSTOMER
    assert lines[1:] == [
        "What the month says",
        *FINDINGS,
        "What we need from you",
        *ASKS,
        "Since last meeting",
        *SINCE,
    ]
    at = brief.texts.index("Section")
    assert brief.texts[at : at + 4] == ["Section", "Time", "Lead", "Purpose"]  # no focus question
    assert "Customer" in brief.texts and "09:30–10:15" in brief.texts
    assert not any(v.title == "Agenda" for v in views)  # the agenda sits beside the summary
    # the body still opens with the customer's stories
    assert views[2].title == "1. Customer"
    assert views[3].title == "Forty empty homes, forty estimated bills"


def test_a_summary_too_long_to_sit_beside_the_agenda_has_its_own_slide_then_the_agenda():
    """Eight decisions: the summary names four and says how many more the log has; too long
    beside the agenda, it goes across the body, the agenda on the next slide."""
    pack = prepare(SAMPLE_MONTH)
    assert pack.actions is not None
    decisions = tuple(
        DecisionRow(
            f"Decide on a long and carefully worded proposal number {n}",
            "Finance",
            "Rachel Adeyemi",
        )
        for n in range(8)
    )
    from agenda.summary import summarise

    actions = replace(pack.actions, decisions=decisions)
    summary = summarise("2026-11", pack.sections, actions, [])
    assert (
        len(summary.asks) == 5
        and summary.asks[-1] == "4 more decisions, each in its section's slot"
    )
    plans = plan_deck(replace(pack, actions=actions, summary=summary))
    assert [p.kind for p in plans[:3]] == ["title", "summary", "agenda"]
    alone = plans[1].content
    assert isinstance(alone, SummarySlide) and alone.agenda is None


def test_the_brief_slides_notes_cover_the_asks_and_the_running_order(built_sample):
    """The facilitator's notes on slide 2 walk the brief (findings, each decision asked, since
    last meeting) and then the running order beside it, timed like every slide's."""
    notes = slides(built_sample.pptx)[1].notes
    lines = notes.splitlines()
    assert lines[0] == "Agenda: 09:30–11:30"
    assert lines[1].startswith("Purpose: Open with the month in brief")
    assert lines[2] == CUSTOMER  # the customer first, as on the slide
    for line in [
        *FINDINGS,
        *ASKS,
        *SINCE,
        "1. Customer: 09:30–10:15, led by Priya Shah, for discussion",
    ]:
        assert line in lines
    assert lines.index(ASKS[0]) < lines.index(
        "1. Customer: 09:30–10:15, led by Priya Shah, for discussion"
    )
    assert "Ask the room:" in lines

"""The customer-first order, read back from the built Word pack and deck."""

from __future__ import annotations

import re

import yaml
from conftest import SAMPLE_MONTH, docx_items, headings, section_items, slides

SECTIONS = ["Customer", "Employees", "Operations", "Marketing", "Sales", "Finance"]


def test_word_heading_1_order_is_customer_first(built_sample):
    assert headings(built_sample.docx) == [
        "November 2026 in brief",  # the month in brief, on the cover's page
        "Agenda",
        *SECTIONS,
        "Actions",
        "Appendix: sources and method",
    ]


def test_word_customer_section_opens_with_a_narrative_before_any_figure(built_sample):
    items = section_items(built_sample.docx, "Customer")
    slot, focus = items[0], items[1]  # the slot and its question frame the section
    assert slot.text == "Slot 1: 09:30–10:15 (45 min), led by Priya Shah, for discussion."
    assert focus.text.startswith("What are customers telling us about “Billing accuracy”")
    first, second, third = items[2], items[3], items[4]
    assert first.style == "Heading 2"
    assert first.text == "Forty empty homes, forty estimated bills"
    assert second.text.startswith("A customer guest")  # guest narrative, anonymised
    assert third.style == "Story"
    first_table = next(n for n, i in enumerate(items) if i.kind == "table")
    stories = [n for n, i in enumerate(items) if i.style == "Story"]
    assert len(stories) == 4
    assert max(stories) < first_table, "every narrative comes before the first figure table"


def test_word_agenda_table_lists_slots_in_order_with_times(built_sample):
    items = section_items(built_sample.docx, "Agenda")
    table = next(i for i in items if i.kind == "table")
    assert table.header_repeats
    assert table.text.startswith("# | Section | Time | Lead | Purpose | Focus question")
    order = [s for s in re.findall(r"\| (\w+) \| \d\d:\d\d", table.text)]
    assert order == [*SECTIONS, "Actions"]
    assert "09:30–10:15" in table.text  # start 09:30 + 45 customer minutes


#: The labels that open a decision paper's table: a label | text table with no header row
#: (issue 17), so it has no header to repeat.
PAPER_LABELS = ("Options | ", "Recommendation | ", "Cost | ", "Risk | ")


def test_word_tables_all_have_repeating_header_rows(built_sample):
    tables = [i for i in docx_items(built_sample.docx) if i.kind == "table"]
    data = [t for t in tables if not t.text.startswith(PAPER_LABELS)]
    assert len(data) >= 10 and len(tables) == len(data) + 2  # the sample's two papers
    assert all(t.header_repeats for t in data)


def test_word_cover_names_organisation_period_and_confidentiality(built_sample):
    items = docx_items(built_sample.docx)
    cover = items[: next(n for n, i in enumerate(items) if i.style == "Heading 1")]
    text = "\n".join(i.text for i in cover)
    assert "Leadership meeting — November 2026" in text
    assert "Northwind Utilities · November 2026" in text
    assert "Thursday 19 November 2026" in text
    assert "Confidential" in text


def _section_of(view) -> str | None:
    """The section a slide belongs to: its divider's title, or the name above its title."""
    name = view.kicker or re.sub(r"^\d+\. ", "", view.title)
    return name if name in SECTIONS else None


def test_deck_opens_with_title_and_agenda_then_sections_in_fixed_order(built_sample):
    views = slides(built_sample.pptx)
    assert views[0].layout == "Title Slide"
    assert views[0].title == "Leadership meeting — November 2026"
    # second: the month in brief, the agenda made compact beside it
    assert views[1].title == "November 2026 in brief" and views[1].has_table
    order: list[str] = []
    for view in views[2:]:
        section = _section_of(view)
        if section and (not order or order[-1] != section):
            order.append(section)
    assert order == SECTIONS
    assert views[-2].kicker == "Actions"
    assert views[-1].title == "For the room"  # the asks, to record what was agreed


def test_deck_customer_section_starts_with_narratives_and_quotes_before_any_table(built_sample):
    views = [v for v in slides(built_sample.pptx) if _section_of(v) == "Customer"]
    assert views[0].title == "1. Customer"  # the section's divider
    first_table = next(n for n, v in enumerate(views) if v.has_table or v.has_chart)
    story_slides = views[1:first_table]
    assert [v.title for v in story_slides[:4]] == [
        "Forty empty homes, forty estimated bills",
        "Still not fixed, three months on",
        "A bakery's direct debit doubled overnight",
        "Sorted in one call",
    ]
    assert all(v.kicker == "Customer" for v in story_slides)
    assert story_slides[4].title == "In their words"
    assert any("Mrs Alison Jones, Leeds" in t for t in story_slides[1].texts)


def test_deck_every_slide_has_speaker_notes_with_timing_and_questions(built_sample):
    views = slides(built_sample.pptx)
    assert len(views) > 20
    for view in views:
        assert view.notes.strip(), f"no notes on {view.title!r}"
    for view in views[2:]:
        assert re.search(r"\d\d:\d\d–\d\d:\d\d", view.notes), view.title
        assert "Ask the room:" in view.notes, view.title


def test_deck_has_no_empty_placeholders(built_sample):
    for view in slides(built_sample.pptx):
        assert view.empty_placeholders == 0, view.title


def test_operations_says_green_slas_while_customers_are_unhappy(built_sample):
    items = section_items(built_sample.docx, "Operations")
    callouts = [i.text for i in items if i.style == "Callout"]
    assert any("Every service level is green" in t and "NPS" in t for t in callouts)
    views = [v for v in slides(built_sample.pptx) if _section_of(v) == "Operations"]
    assert any("measuring the wrong things" in " ".join(v.texts) for v in views)


def test_guest_under_chatham_house_is_never_named(built_sample):
    meeting = yaml.safe_load((SAMPLE_MONTH / "meeting.yaml").read_text(encoding="utf-8"))
    protected = [
        value
        for guest in meeting["guests"]
        if guest.get("chatham_house", True)
        for value in (guest["name"], guest["organisation"])
    ]
    assert protected
    text = "\n".join(i.text for i in docx_items(built_sample.docx))
    deck = "\n".join(" ".join(v.texts) + v.notes for v in slides(built_sample.pptx))
    for value in protected:
        assert value not in text
        assert value not in deck
    assert "A customer guest" in text


def test_each_sections_questions_stay_on_one_page_with_their_heading(built_sample):
    """A page never holds the last one or two questions alone: the heading and every question
    but the last keep with the next, and no question is split over two pages."""
    from docx import Document

    doc = Document(str(built_sample.docx))
    paragraphs = doc.paragraphs
    blocks = 0
    for n, para in enumerate(paragraphs):
        if para.style.name != "Heading 2" or para.text != "Questions for the room":
            continue
        blocks += 1
        questions = []
        for after in paragraphs[n + 1 :]:
            if after.style.name != "Question":
                break
            questions.append(after)
        assert questions, "a questions heading with no questions"
        assert para.paragraph_format.keep_with_next or para.style.paragraph_format.keep_with_next
        assert [q.paragraph_format.keep_with_next for q in questions] == [True] * (
            len(questions) - 1
        ) + [False]
        assert all(q.paragraph_format.keep_together for q in questions)
    assert blocks == len(SECTIONS) + 1  # every section and the actions


def test_a_tables_caption_never_stands_alone_at_the_top_of_a_page(built_sample):
    """A caption follows its table onto the next page with at least the table's last row: the
    last row and the spacer after it keep with the caption (seen: "Mentions this month, with
    the change since last month." alone at the top of a page)."""
    from docx import Document
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    doc = Document(str(built_sample.docx))
    body = list(doc.element.body.iterchildren())
    checked = 0
    for n, element in enumerate(body[:-2]):
        if not element.tag.endswith("}tbl"):
            continue
        spacer, caption = Paragraph(body[n + 1], doc), Paragraph(body[n + 2], doc)
        if caption.style.name != "Caption":
            continue
        last = DocxTable(element, doc).rows[-1]
        assert all(p.paragraph_format.keep_with_next for c in last.cells for p in c.paragraphs)
        assert spacer.paragraph_format.keep_with_next
        checked += 1
    assert checked >= 3

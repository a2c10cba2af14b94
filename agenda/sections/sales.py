"""The Sales section."""

from __future__ import annotations

from agenda import schema
from agenda.formatting import money
from agenda.model import Block, Figure, Figures, Note, Table
from agenda.sections import Built
from agenda.sections._shared import NOT_STATED, sales_currency
from agenda.signal import CustomerSignal
from agenda.text import say
from agenda.validate import MonthData


def build(sales: schema.Sales, month: MonthData, signal: CustomerSignal) -> Built:
    """The Sales section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = []
    currency = sales_currency(sales, month)
    if sales.pipeline is not None:
        p = sales.pipeline
        detail = ""
        if p.previous is not None:
            delta = p.value - p.previous
            change = ("+" if delta >= 0 else "") + money(delta, currency)
            detail = say("sections.since_last_month", change=change)
        figure = Figure("Pipeline value", money(p.value, currency), detail)
        blocks.append(Figures("Pipeline", (figure,)))
    if sales.targets:
        rows = tuple(
            (
                t.account,
                t.segment or "–",
                t.stage or "–",
                money(t.value, currency) if t.value is not None else "–",
                t.feedback_to_use or NOT_STATED,
            )
            for t in sales.targets
        )
        blocks.append(
            Table(
                "Target customers",
                ("Account", "Segment", "Stage", "Value", say("sections.sales_feedback")),
                rows,
                numeric_columns=(3,),
            )
        )
    if not blocks:
        blocks.append(Note(say("sections.sales_empty"), "empty"))
    return tuple(blocks), ()  # their questions come from agenda.rules

"""The Sales section."""

from __future__ import annotations

from agenda import schema
from agenda.formatting import difference, money
from agenda.model import Block, Figure, Figures, Note, Table
from agenda.sections import Built
from agenda.sections._shared import NOT_STATED, direction, sales_currency
from agenda.signal import CustomerSignal, month_name
from agenda.text import say
from agenda.validate import MonthData


def build(sales: schema.Sales, month: MonthData, signal: CustomerSignal) -> Built:
    """The Sales section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = []
    currency = sales_currency(sales, month)
    if sales.pipeline is not None:
        p = sales.pipeline
        detail = ""
        delta = difference(p.value, p.previous) if p.previous is not None else None
        if delta is not None:
            change = ("+" if delta >= 0 else "") + money(delta, currency)
            detail = say(
                "sections.change_since",
                change=change,
                since=month_name(signal.last_month, signal.period),
            )
        figure = Figure("Pipeline value", money(p.value, currency), detail)
        finding = say(
            "sections.pipeline_finding",
            value=money(p.value, currency),
            direction=direction(delta, 2) if delta is not None else None,
            change=money(abs(delta), currency) if delta is not None else None,
            since=month_name(signal.last_month, signal.period),
        )
        blocks.append(Figures("Pipeline", (figure,), finding=finding))
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
                finding=say(
                    "sections.sales_targets_finding",
                    count=len(sales.targets),
                    without=sum(1 for t in sales.targets if t.feedback_to_use is None),
                ),
            )
        )
    if not blocks:
        blocks.append(Note(say("sections.sales_empty"), "empty"))
    return tuple(blocks), ()  # their questions come from agenda.rules

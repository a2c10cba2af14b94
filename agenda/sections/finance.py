"""The Finance section."""

from __future__ import annotations

from agenda import schema
from agenda.formatting import with_unit
from agenda.model import Block, Note, Table
from agenda.sections import Built
from agenda.signal import CustomerSignal
from agenda.status import status
from agenda.text import say
from agenda.validate import MonthData


def build(finance: schema.Finance, month: MonthData, signal: CustomerSignal) -> Built:
    """The Finance section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = []
    if finance.metrics:
        rows = []
        for m in finance.metrics:
            unit_currency = None if m.unit else finance.currency
            budget = with_unit(m.budget, m.unit, unit_currency) if m.budget is not None else "–"
            variance = "–"
            st = "–"
            if m.budget is not None:
                delta = m.actual - m.budget
                sign = "+" if delta > 0 else "−" if delta < 0 else ""
                variance = sign + with_unit(abs(delta), m.unit, unit_currency)
                if m.higher_is_better is not None:  # no stated direction: no status
                    st = status(m.budget, m.actual, higher_is_better=m.higher_is_better)
            previous = (
                with_unit(m.previous, m.unit, unit_currency) if m.previous is not None else "–"
            )
            rows.append(
                (m.name, with_unit(m.actual, m.unit, unit_currency), budget, variance, previous, st)
            )
        blocks.append(
            Table(
                "Results against budget",
                ("Measure", "Actual", "Budget", "Variance", "Last month", "Status"),
                tuple(rows),
                status_column=5,
                numeric_columns=(1, 2, 3, 4),
            )
        )
    blocks += [Note(paragraph) for paragraph in finance.commentary]
    if not blocks:
        blocks.append(Note(say("sections.finance_empty"), "empty"))
    return tuple(blocks), ()

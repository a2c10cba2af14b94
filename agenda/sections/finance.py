"""The Finance section."""

from __future__ import annotations

from decimal import Decimal

from agenda import schema
from agenda.figures import CODES, SIGNS, not_money
from agenda.formatting import difference, money, number, points, with_unit
from agenda.model import Block, Note, Table
from agenda.sections import Built
from agenda.sections._shared import status_counts
from agenda.signal import CustomerSignal
from agenda.status import status
from agenda.text import say
from agenda.validate import MonthData


def build(finance: schema.Finance, month: MonthData, signal: CustomerSignal) -> Built:
    """The Finance section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = []
    if finance.metrics:
        judged: list[str] = []
        deltas: list[float | None] = []  # actual against budget, per measure
        rows = []
        for m in finance.metrics:
            # no unit is money in the file's currency, unless the name says otherwise (hours)
            unit_currency = None if m.unit or not_money(m.name) else finance.currency
            budget = with_unit(m.budget, m.unit, unit_currency) if m.budget is not None else "–"
            variance = "–"
            st = "–"
            delta = difference(m.actual, m.budget) if m.budget is not None else None
            deltas.append(delta)
            if m.budget is not None and delta is not None:
                sign = "+" if delta > 0 else "−" if delta < 0 else ""
                variance = sign + (  # a gap between percentages is in points: −1 pt, +2.1 pts
                    points(delta) if m.unit == "%" else with_unit(abs(delta), m.unit, unit_currency)
                )
                if m.higher_is_better is not None:  # no stated direction: no status
                    st = status(m.budget, m.actual, higher_is_better=m.higher_is_better)
                    judged.append(st)
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
                finding=_finding(finance, deltas[0], judged),
            )
        )
    blocks += [Note(paragraph) for paragraph in finance.commentary]
    if not blocks:
        blocks.append(Note(say("sections.finance_empty"), "empty"))
    return tuple(blocks), ()


#: What a currency unit's letters after the sign multiply by: £k, €m, USD bn.
_SCALES = {"": 1, "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}


def headline(value: float, unit: str | None, currency: str, beside: float | None = None) -> str:
    """A figure as a finding says it: money compact (21,300 in £k is £21.3m, 200 is £200k,
    21.3 in £bn is £21.3bn, 0.05 in £k is £50), told apart from ``beside`` (its budget) when
    the two differ (agenda.formatting.money); any other figure as the table shows it."""
    if not unit:
        code, rest = currency, ""
    elif unit[0] in SIGNS:
        code, rest = SIGNS[unit[0]], unit[1:].strip()
    elif unit[:3].upper() in CODES:
        code, rest = unit[:3].upper(), unit[3:].strip()
    else:
        return with_unit(value, unit)
    scale = _SCALES.get(rest.lower())
    if scale is None:
        return with_unit(value, unit or None, None if unit else currency)
    return money(
        _scaled(value, scale), code, _scaled(beside, scale) if beside is not None else None
    )


def _scaled(value: float, scale: int) -> float:
    """``value`` in a unit of ``scale`` as a plain amount, exactly: 5.4321 £k is 5,432.1."""
    return float(Decimal(repr(value)) * scale)


def _finding(finance: schema.Finance, delta: float | None, judged: list[str]) -> str:
    """The first measure (finance.yaml's headline) against its budget (``delta``: actual less
    budget, None without one), and how many measures are on track where a budget and a
    direction judge them."""
    first = finance.metrics[0]
    counts = status_counts(judged)
    percent = first.unit == "%"  # a gap between percentages is in points, said in words
    # no unit is money in the file's currency, unless the name says otherwise (hours)
    plain = not first.unit and not_money(first.name)
    variance = None
    if delta:
        variance = (
            number(abs(delta))
            if percent or plain
            else headline(abs(delta), first.unit, finance.currency)
        )
    actual = (
        number(first.actual)
        if plain
        else headline(first.actual, first.unit, finance.currency, first.budget)
    )
    return say(
        "sections.finance_finding",
        name=first.name,
        actual=actual,
        variance=variance,
        points=percent,
        one=delta is not None and abs(delta) == 1,
        under=delta is not None and delta < 0,
        on_budget=delta == 0,
        on_track=counts["On track"],
        at_risk=counts["At risk"],
        off_track=counts["Off track"],
        total=len(judged),
    )

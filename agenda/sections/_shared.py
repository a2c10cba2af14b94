"""Helpers more than one section builder (or the group pack) needs, written once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from agenda import schema
from agenda.formatting import number, short_date
from agenda.model import STATUSES
from agenda.signal import GUEST, month_name
from agenda.text import say
from agenda.validate import MonthData

#: What a table cell says when the data leaves an optional field out.
NOT_STATED = "Not stated"


def when(value: dt.date | str | None) -> str:
    """A programme's or event's timing as the reader sees it: a date, the words given, or –."""
    if value is None:
        return "–"
    return short_date(value) if isinstance(value, dt.date) else str(value)


def sales_currency(sales: schema.Sales, month: MonthData) -> str | None:
    """The currency of sales figures: sales.yaml's own, else finance.yaml's."""
    if sales.currency:
        return sales.currency
    finance = month.sections.get("finance")
    return finance.currency if isinstance(finance, schema.Finance) else None


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many of each computed status, every status present (zero when none)."""
    listed = list(statuses)
    return {s: listed.count(s) for s in STATUSES}


def storyteller(narrative: schema.Narrative) -> str:
    """Who a story is about as the pack names them: a protected guest is never named."""
    return GUEST if narrative.guest else narrative.customer


def direction(change: float, places: int = 0) -> str:
    """Which way a change went, as findings say it: "up", "down" or "same" once rounded to
    ``places`` as the pack shows it."""
    shown = round(change, places)
    return "up" if shown > 0 else "down" if shown < 0 else "same"


def leader_finding(
    key: str,
    ranked: Sequence[tuple[str, int, int | None, str | None]],
    period: str,
    **more: object,
) -> str:
    """What leads a ranking, said through ``key``: the name(s) with the most, their count and,
    for a single leader, its change since the month it is compared with. ``ranked`` holds
    (name, count, earlier count or None, that month or None), most first; "" when the top
    count is nothing. ``more`` goes to ``key`` as it is."""
    if not ranked or ranked[0][1] <= 0:
        return ""
    top = ranked[0][1]
    leaders = [r for r in ranked if r[1] == top]
    _, count, then, compared = leaders[0]
    change = count - then if then is not None and compared is not None else None
    return say(
        key,
        names=[r[0] for r in leaders],
        count=f"{count:,}",
        one=count == 1,
        direction=direction(change) if change is not None and len(leaders) == 1 else None,
        change=number(abs(change)) if change is not None else None,
        since=month_name(compared, period) if compared is not None else None,
        **more,
    )

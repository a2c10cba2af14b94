"""Helpers more than one section builder (or the group pack) needs, written once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from agenda import schema
from agenda.formatting import short_date
from agenda.model import STATUSES
from agenda.signal import GUEST
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

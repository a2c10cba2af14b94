"""Earlier months of the same workspace: what the customer signal was, for change and trend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from agenda import schema
from agenda.errors import DataError
from agenda.nps import Nps, from_scores
from agenda.responses import read_responses
from agenda.sources import YamlFile, YamlProblems, iter_month_dirs, load_yaml
from agenda.validate import check_model

#: How many months a trend covers, this one included.
MAX_MONTHS = 12


@dataclass(frozen=True)
class MonthSignal:
    """The customer signal of one earlier month."""

    period: str
    nps: Nps | None
    complaints: int | None
    themes: dict[str, int]
    reasons: dict[str, int]  #: complaints by reason
    actions: tuple[schema.Action, ...] | None = None  #: that month's actions.yaml, if any


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive, as YYYY-MM: gaps stay visible."""
    year, month = (int(p) for p in first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def months_before(period: str, count: int) -> str:
    """The month ``count`` months before ``period``."""
    year, month = (int(p) for p in period.split("-"))
    index = year * 12 + (month - 1) - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def earlier_months(folder: Path, *, limit: int = MAX_MONTHS) -> tuple[list[MonthSignal], list[str]]:
    """Read up to ``limit`` month folders before ``folder``; return signals and warnings.

    A broken earlier month never blocks this month's pack: it is skipped with a warning.
    """
    earlier = _window(folder, limit)
    signals: list[MonthSignal] = []
    warnings: list[str] = []
    for month in earlier:
        actions = _earlier_actions(month, warnings)
        path = month / "customer.yaml"
        if not path.exists():
            if actions is not None:
                signals.append(MonthSignal(month.name, None, None, {}, {}, actions))
            continue
        try:
            file = load_yaml(path)
        except YamlProblems as exc:
            warnings.append(f"earlier month {month.name} skipped: {exc.problems[0]}")
            continue
        customer, problems = check_model(file, schema.Customer)
        if customer is None:
            warnings.append(f"earlier month {month.name} skipped: {problems[0]}")
            continue
        assert isinstance(customer, schema.Customer)
        try:
            nps = month_nps(month, customer, file)
        except DataError as exc:
            warnings.append(f"earlier month {month.name}: NPS skipped: {exc.problems[0]}")
            nps = None
        complaints = customer.complaints.total if customer.complaints else None
        themes = {t.name: t.mentions for t in customer.themes}
        reasons = dict(customer.complaints.reasons) if customer.complaints else {}
        signals.append(MonthSignal(month.name, nps, complaints, themes, reasons, actions))
    return signals, warnings


def earlier_guests(
    folder: Path, *, limit: int = MAX_MONTHS
) -> tuple[list[schema.Guest], list[str]]:
    """Guests of earlier meetings in the trend window: still protected by Chatham House."""
    guests: list[schema.Guest] = []
    warnings: list[str] = []
    for month in _window(folder, limit):
        path = month / "meeting.yaml"
        if not path.exists():
            continue
        try:
            file = load_yaml(path)
        except YamlProblems as exc:
            warnings.append(f"earlier guests of {month.name} unreadable: {exc.problems[0]}")
            continue
        data = file.data if isinstance(file.data, dict) else {}
        for n, raw in enumerate(data.get("guests") or []):
            guest, problems = (
                check_model(YamlFile(path, raw, file.marks), schema.Guest)
                if isinstance(raw, dict)
                else (None, [file.problem(("guests", n), "not a guest")])
            )
            if guest is None:
                warnings.append(f"an earlier guest of {month.name} is unreadable: {problems[0]}")
            else:
                assert isinstance(guest, schema.Guest)
                guests.append(guest)
    return guests, warnings


def _window(folder: Path, limit: int) -> list[Path]:
    """Earlier month folders within ``limit`` months of ``folder``, oldest first."""
    workspace = folder.resolve().parent
    this = folder.resolve().name
    oldest = months_before(this, limit - 1) if re.fullmatch(r"\d{4}-\d{2}", this) else ""
    if not workspace.is_dir():
        return []
    return [p for p in iter_month_dirs(workspace) if oldest <= p.name < this]


def _earlier_actions(month: Path, warnings: list[str]) -> tuple[schema.Action, ...] | None:
    """An earlier month's actions, for carrying open ones over; a broken file is a warning."""
    path = month / "actions.yaml"
    if not path.exists():
        return None
    try:
        file = load_yaml(path)
    except YamlProblems as exc:
        warnings.append(f"earlier actions of {month.name} not carried over: {exc.problems[0]}")
        return None
    actions, problems = check_model(file, schema.Actions)
    if actions is None:
        warnings.append(f"earlier actions of {month.name} not carried over: {problems[0]}")
        return None
    assert isinstance(actions, schema.Actions)
    return tuple(actions.actions)


def month_nps(folder: Path, customer: schema.Customer, file) -> Nps:
    """Compute a month's NPS from its counts or its survey export."""
    if customer.nps.counts is not None:
        c = customer.nps.counts
        return Nps(c.promoters, c.passives, c.detractors)
    assert customer.nps.responses is not None
    return from_scores(read_responses(folder, customer.nps.responses, file).scores)

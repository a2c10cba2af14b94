"""Earlier months of the same workspace: what the customer signal was, for change and trend."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agenda import schema
from agenda.errors import DataError
from agenda.nps import Nps, from_scores
from agenda.responses import read_responses
from agenda.sources import YamlProblems, iter_month_dirs, load_yaml
from agenda.validate import check_model

#: How many earlier months are read for trends.
MAX_MONTHS = 12


@dataclass(frozen=True)
class MonthSignal:
    """The customer signal of one earlier month."""

    period: str
    nps: Nps | None
    complaints: int | None
    themes: dict[str, int]


def earlier_months(folder: Path, *, limit: int = MAX_MONTHS) -> tuple[list[MonthSignal], list[str]]:
    """Read up to ``limit`` month folders before ``folder``; return signals and warnings.

    A broken earlier month never blocks this month's pack: it is skipped with a warning.
    """
    workspace = folder.resolve().parent
    earlier = [p for p in iter_month_dirs(workspace) if p.name < folder.resolve().name]
    signals: list[MonthSignal] = []
    warnings: list[str] = []
    for month in earlier[-limit:]:
        path = month / "customer.yaml"
        if not path.exists():
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
        signals.append(MonthSignal(month.name, nps, complaints, themes))
    return signals, warnings


def month_nps(folder: Path, customer: schema.Customer, file) -> Nps:
    """Compute a month's NPS from its counts or its survey export."""
    if customer.nps.counts is not None:
        c = customer.nps.counts
        return Nps(c.promoters, c.passives, c.detractors)
    assert customer.nps.responses is not None
    return from_scores(read_responses(folder, customer.nps.responses, file).scores)

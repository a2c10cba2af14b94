"""A group pack: every unit's month side by side, in the same customer-first order.

The group NPS is computed from all units' answers pooled (promoters, passives and detractors
added up), never as an average of unit scores, which would weigh a 20-answer unit like a
2,000-answer one. The pack still opens with customers' stories: one per unit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from agenda import schema
from agenda.compose import agenda_slots, file_stem
from agenda.customer import GUEST, CustomerSignal
from agenda.formatting import day_label, money, month_label, number, with_unit
from agenda.model import Block, Cover, Figure, Figures, Narrative, Note, Pack, Section, Table
from agenda.nps import Nps, signed
from agenda.order import ORDER_LINE, SECTIONS
from agenda.pipeline import Loaded
from agenda.status import sla_status, status
from agenda.text import phrase, speaker_notes

#: Measures that are rates or shares: summing them across units would be meaningless.
_RATE = re.compile(r"\b(per|rate|share|average|ratio)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """One unit's loaded month, named as its folder is."""

    name: str
    loaded: Loaded

    @property
    def month(self):
        return self.loaded.month

    @cached_property
    def signal(self) -> CustomerSignal:
        """The unit's customer signal, computed once."""
        return CustomerSignal(self.month, self.loaded.history)


def group_nps(units: list[Unit]) -> Nps:
    """The group's NPS from every unit's answers pooled."""
    total = Nps(0, 0, 0)
    for unit in units:
        n = unit.signal.nps
        total = Nps(
            total.promoters + n.promoters,
            total.passives + n.passives,
            total.detractors + n.detractors,
        )
    return total


def compose_group(group: str, period: str, units: list[Unit]) -> Pack:
    """Compose the group pack for ``period`` from the units that have that month."""
    units = sorted(units, key=lambda u: u.name)
    date = max(u.month.meeting.date for u in units)
    meeting = schema.Meeting(organisation=group, period=period, date=date)
    agenda = agenda_slots(meeting, with_actions=False)
    slots = {slot.key: slot for slot in agenda}
    builders = {
        "customer": _customer,
        "employees": _employees,
        "operations": _operations,
        "marketing": _marketing,
        "sales": _sales,
        "finance": _finance,
    }
    sections = []
    for spec in SECTIONS:
        blocks = builders[spec.key](units)
        has_data = not (len(blocks) == 1 and isinstance(blocks[0], Note))
        intro = f"{len(units)} units side by side." if spec.key == "customer" else ""
        sections.append(
            Section(
                spec.key,
                spec.title,
                slots[spec.key],
                tuple(blocks),
                spec.questions,
                has_data,
                intro,
            )
        )
    title = f"Group leadership pack — {month_label(period)}"
    cover = Cover(
        organisation=group,
        title=title,
        period_label=month_label(period),
        date_label=day_label(date),
        location="",
        chair="",
        confidentiality=phrase(
            "confidentiality.j2",
            organisation=group,
            date_label=day_label(date),
            protected_guests=any(g.chatham_house for u in units for g in u.month.meeting.guests),
        ),
        attendees=tuple(f"{u.name}: {u.month.meeting.organisation}" for u in units),
        order_line=ORDER_LINE,
    )
    notes = speaker_notes(
        f"Group pack for {month_label(period)}",
        "Compare units in the customer-first order; start with their customers' stories.",
        [f"Units: {', '.join(u.name for u in units)}"],
        ("Which unit's customers should every other unit hear about?",),
    )
    warnings = tuple(f"{u.name}: {w}" for u in units for w in u.loaded.warnings)
    return Pack(
        cover=cover,
        agenda=agenda,
        sections=tuple(sections),
        actions=None,
        appendix=(
            Note(
                "Group NPS is computed from every unit's answers pooled, not as an average of "
                "unit scores; each unit's own pack has its method and sources."
            ),
        ),
        date=date,
        file_stem=file_stem(group, period, "group-pack"),
        title_notes=notes,
        agenda_notes=notes,
        warnings=warnings,
    )


def _empty(what: str) -> list[Block]:
    return [Note(f"No unit supplied {what} this month.", "empty")]


def _customer(units: list[Unit]) -> list[Block]:
    blocks: list[Block] = []
    for unit in units:
        story = unit.month.customer.narratives[0]
        who = GUEST if story.guest else story.customer
        where = " · ".join(p for p in (unit.name, story.channel, story.segment) if p)
        blocks.append(
            Narrative(f"{unit.name}: {story.title}", who, story.story, where, story.theme)
        )
    pooled = group_nps(units)
    rows = []
    for unit in units:
        signal = unit.signal
        n = signal.nps
        change = signal.nps_change
        rows.append(
            (
                unit.name,
                f"{n.n:,}",
                f"{round(n.share('promoters'))}%",
                f"{round(n.share('detractors'))}%",
                signed(n.score) if n.score is not None else "–",
                signed(change) if change is not None else "–",
            )
        )
    detail = f"n = {pooled.n:,} across {len(units)} units"
    if pooled.margin is not None:
        detail += f" · ±{number(round(pooled.margin))} margin"
    value = signed(pooled.score) if pooled.score is not None else "No answers"
    blocks.append(Figures("Group NPS", (Figure("Group NPS (all answers pooled)", value, detail),)))
    blocks.append(
        Table(
            "NPS by unit",
            ("Unit", "Answers", "Promoters", "Detractors", "NPS", "Change"),
            tuple(rows),
            numeric_columns=(1, 2, 3, 4, 5),
            caption="Each unit's score from its own answers; the group score pools them all.",
        )
    )
    mentions: dict[str, int] = defaultdict(int)
    where: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        for theme in unit.month.customer.themes:
            mentions[theme.name] += theme.mentions
            where[theme.name].append(unit.name)
    if mentions:
        top = sorted(mentions, key=lambda t: (-mentions[t], t))[:6]
        blocks.append(
            Table(
                "Top themes across units",
                ("Theme", "Mentions", "Units"),
                tuple((t, f"{mentions[t]:,}", ", ".join(where[t])) for t in top),
                numeric_columns=(1,),
            )
        )
    complaints = [
        (u.name, f"{u.month.customer.complaints.total:,}")
        for u in units
        if u.month.customer.complaints is not None
    ]
    if complaints:
        blocks.append(
            Table(
                "Complaints by unit",
                ("Unit", "Complaints"),
                tuple(complaints),
                numeric_columns=(1,),
            )
        )
    return blocks


def _section(units: list[Unit], key: str):
    return [(u, u.month.sections.get(key)) for u in units if u.month.sections.get(key) is not None]


def _employees(units: list[Unit]) -> list[Block]:
    rows = []
    for unit, data in _section(units, "employees"):
        assert isinstance(data, schema.Employees)
        engagement = number(data.engagement.score) if data.engagement else "–"
        enps = signed(data.enps) if data.enps is not None else "–"
        rows.append((unit.name, engagement, enps, str(len(data.challenges))))
    if not rows:
        return _empty("employee data")
    return [
        Table(
            "Engagement by unit",
            ("Unit", "Engagement", "Employee NPS", "Challenges"),
            tuple(rows),
            numeric_columns=(1, 2, 3),
        )
    ]


def _operations(units: list[Unit]) -> list[Block]:
    rows = []
    for unit, data in _section(units, "operations"):
        assert isinstance(data, schema.Operations)
        judged = [sla_status(s) for s in data.slas]
        rows.append(
            (
                unit.name,
                str(len(judged)),
                str(judged.count("On track")),
                str(judged.count("At risk")),
                str(judged.count("Off track")),
            )
        )
    if not rows:
        return _empty("service levels")
    return [
        Table(
            "Service levels by unit",
            ("Unit", "SLAs", "On track", "At risk", "Off track"),
            tuple(rows),
            numeric_columns=(1, 2, 3, 4),
        )
    ]


def _marketing(units: list[Unit]) -> list[Block]:
    rows = []
    for unit, data in _section(units, "marketing"):
        assert isinstance(data, schema.Marketing)
        items = (*data.programmes, *data.events)
        unknown = sum(1 for i in items if i.expected_reaction is None)
        rows.append((unit.name, str(len(data.programmes)), str(len(data.events)), str(unknown)))
    if not rows:
        return _empty("marketing plans")
    return [
        Table(
            "Programmes and events by unit",
            ("Unit", "Programmes", "Events", "No expected customer reaction"),
            tuple(rows),
            numeric_columns=(1, 2, 3),
        )
    ]


def _sales(units: list[Unit]) -> list[Block]:
    rows = []
    for unit, data in _section(units, "sales"):
        assert isinstance(data, schema.Sales)
        no_feedback = sum(1 for t in data.targets if t.feedback_to_use is None)
        finance = unit.month.sections.get("finance")
        currency = data.currency or (
            finance.currency if isinstance(finance, schema.Finance) else None
        )
        pipeline = money(data.pipeline.value, currency) if data.pipeline else "–"
        rows.append((unit.name, str(len(data.targets)), pipeline, str(no_feedback)))
    if not rows:
        return _empty("sales targets")
    return [
        Table(
            "Targets and pipeline by unit",
            ("Unit", "Targets", "Pipeline", "No customer feedback to take in"),
            tuple(rows),
            numeric_columns=(1, 2, 3),
        )
    ]


def _finance(units: list[Unit]) -> list[Block]:
    # A measure adds up only with itself in the same unit and currency: a EUR unit's revenue
    # is never summed with a GBP unit's (they show as separate rows).
    totals: dict[tuple[str, str, bool], list[float]] = {}
    budgets: dict[tuple[str, str, bool], list[float]] = {}
    for _unit, data in _section(units, "finance"):
        assert isinstance(data, schema.Finance)
        for m in data.metrics:
            if m.unit == "%" or _RATE.search(m.name):
                continue  # percentages and rates do not add up across units
            key = (m.name, m.unit or f"@{data.currency}", m.higher_is_better)
            totals.setdefault(key, []).append(m.actual)
            if m.budget is not None:
                budgets.setdefault(key, []).append(m.budget)
    if not totals:
        return _empty("finance figures")
    rows = []
    for (name, unit, higher), actuals in totals.items():
        actual = sum(actuals)
        budget = (
            sum(budgets[(name, unit, higher)])
            if len(budgets.get((name, unit, higher), [])) == len(actuals)
            else None
        )
        unit, cur = (None, unit[1:]) if unit.startswith("@") else (unit, None)
        rows.append(
            (
                name,
                str(len(actuals)),
                with_unit(actual, unit, cur),
                with_unit(budget, unit, cur) if budget is not None else "–",
                status(budget, actual, higher_is_better=higher) if budget is not None else "–",
            )
        )
    return [
        Table(
            "Group totals",
            ("Measure", "Units", "Actual", "Budget", "Status"),
            tuple(rows),
            status_column=4,
            numeric_columns=(1, 2, 3),
            caption="Sums of each unit's figures; percentages and rates (per …, average, share) "
            "are not added up.",
        )
    ]

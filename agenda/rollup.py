"""A group pack: every unit's month side by side, in the same customer-first order.

The group NPS is computed from all units' answers pooled (promoters, passives and detractors
added up), never as an average of unit scores, which would weigh a 20-answer unit like a
2,000-answer one. The pack still opens with customers' stories: one per unit.

It is honest about what it holds: units appear by their names (agenda.yaml's ``units``, else
their meeting's ``organisation``), a unit left out is named with the reason, small samples are
cautioned per unit, only money and counts are added up, and slot leads come from the group's
settings or the units' meetings, never an invented "Chair".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from pydantic import BaseModel

from agenda import figures, schema
from agenda.compose import agenda_slots, file_stem
from agenda.errors import Problem
from agenda.facilitation import facilitate, speaker_notes
from agenda.formatting import day_label, money, month_label, number, with_unit
from agenda.keywords import theme_key
from agenda.model import (
    STATUSES,
    Block,
    Cover,
    Figure,
    Figures,
    Narrative,
    Note,
    Pack,
    Section,
    Table,
)
from agenda.nps import LOW_N, Nps, signed
from agenda.order import SECTIONS, order_line
from agenda.pipeline import Loaded
from agenda.protect import Redactor, named_people, people_named, scrub_month
from agenda.sections._shared import leader_finding, sales_currency, status_counts, storyteller
from agenda.signal import CustomerSignal
from agenda.status import sla_status, status
from agenda.text import say
from agenda.validate import MonthData

#: Measures that are rates or shares: summing them across units would be meaningless. Also
#: the words French, German, Spanish, Italian, Dutch and Polish reports use for them; a name
#: these miss still needs ``additive: false`` (the README says so).
_RATE = re.compile(
    r"\b(per|rate|share|average|ratio|mean|par|pro|je|por|para|taux|moyenne|moyen|taxa|"
    r"média|medio|médio|gennemsnit\w*|genomsnitt\w*|snitt|andel|kvote|"
    r"durchschnitt\w*|quote|anteil|tasa|promedio|tasso|gemiddeld\w*|"
    r"na|średni\w*|wskaźnik\w*|udział|"
    # Greek: per, average, rate, ratio, share
    r"ανά|μέσ[οηα]ς?|μέση|ποσοστ\w*|αναλογία|μερίδιο|"
    # Italian and Spanish "media" (average), not the media one buys ("Social media spend")
    r"(?<!social )(?<!paid )(?<!digital )(?<!mass )media(?!\s+(?:spend|budget|costs?|buy\w*)))\b",
    re.IGNORECASE,
)
#: Currency units: a symbol or a code, optionally scaled ("£k", "€ m", "EURm", "USD bn").
_SYMBOLS = "".join(figures.SIGNS) + "¥"
#: Up to this many different slot leads are named in the group agenda; more read "Unit leads".
MAX_LEADS_NAMED = 3


#: A currency unit with its scale on either side, as reports write it: "€k", "k€", "EUR m",
#: "M€", "£bn".
_MONEY_UNIT = re.compile(
    r"(?P<before>k|m|mn|bn)?\s*(?P<currency>[^\w\s]|[A-Za-z]{3})"
    r"\s*(?P<after>k|m|mn|bn|thousands?|millions?|billions?)?",
    re.IGNORECASE,
)


def _money_unit(unit: str, currency: str) -> str | None:
    """A currency unit in one spelling (the sign, then the scale in lower case: "€k" for "k€",
    "EURk" and "€ K"), so a unit written either way adds up with the other; None when the
    unit is not money."""
    found = _MONEY_UNIT.fullmatch(unit.strip())
    if found is None or (found["before"] and found["after"]):
        return None
    mark = found["currency"]
    code = mark.upper()
    if mark in _SYMBOLS:
        sign = mark
    elif code in figures.CODES or code == currency.upper():
        sign = next((s for s, c in figures.SIGNS.items() if c == code), code)
    else:
        return None
    return sign + (found["before"] or found["after"] or "").lower()


def _same_unit(unit: str | None, currency: str = "") -> str | None:
    """One spelling per currency unit, so "EURk", "k€" and "€k" add up together."""
    if not unit:
        return unit
    return _money_unit(unit, currency) or unit


def is_additive(metric: schema.FinanceMetric, currency: str) -> bool:
    """Whether a finance metric may be added up across units.

    ``additive: true`` or ``false`` in finance.yaml decides. Unset, only money is: a metric
    with no unit (money in the file's ``currency``) or a currency unit ("£k", "€", "EURm").
    Days, percentages, rates, ratios, scores and any other unit are never added up, nor is a
    metric whose name says it is a rate (per, rate, share, average, ratio).
    """
    if metric.additive is not None:
        return metric.additive
    if _RATE.search(metric.name):
        return False
    unit = (metric.unit or "").strip()
    if not unit:
        return not figures.not_money(metric.name)
    return _money_unit(unit, currency) is not None


@dataclass(frozen=True)
class LeftOut:
    """A unit with no part in the group pack, and a short reason that quotes none of its data
    (e.g. "data error in customer.yaml")."""

    name: str  #: the unit's folder name
    reason: str


@dataclass(frozen=True)
class Unit:
    """One unit's loaded month, named as its folder is; ``display`` is its name in the pack."""

    name: str
    loaded: Loaded
    display: str = ""

    @property
    def label(self) -> str:
        """The unit's name as readers see it: set in agenda.yaml, else its organisation."""
        return self.display or self.month.meeting.organisation or self.name

    @property
    def month(self) -> MonthData:
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


def _protected_across(units: list[Unit], group: str) -> tuple[list[Unit], list[Problem]]:
    """Each unit's data scrubbed of every unit's protected guests: a story from one unit may
    name another unit's guest, and the group pack shows both. Someone a unit names in a role
    who has the name of another unit's guest is replaced too (the pack cannot tell them
    apart): that is warned at the role's line, never silent."""
    guests = [g for u in units for g in u.loaded.guests]
    leads = [name for u in units for name in people_named(u.month)]
    redactor = Redactor.for_guests(guests, group, leads)
    if not redactor.active:
        return units, []
    clashes = [
        unit.month.problem(
            stem,
            loc,
            f"{role} of {unit.name} has the name of another unit's protected guest, so the "
            "group pack shows 'a customer guest' in their place; if they are two people, "
            "write this name so that it differs (a middle initial, say)",
        )
        for unit in units
        for stem, role, loc, name in named_people(unit.month)
        if redactor.quietly(name) != name
    ]
    protected = []
    for unit in units:
        month, history = scrub_month(redactor, unit.month, unit.loaded.history)
        loaded = replace(unit.loaded, month=month, history=history)
        protected.append(replace(unit, loaded=loaded))
    return protected, clashes


def compose_group(
    group: str,
    period: str,
    units: list[Unit],
    *,
    left_out: Sequence[LeftOut] = (),
    settings: schema.WorkspaceSettings | None = None,
) -> Pack:
    """Compose the group pack for ``period`` from the units that have that month.

    ``left_out`` are the units that have the month but could not take part (named in the
    pack with their reason); ``settings`` is the group's agenda.yaml (display names, leads).
    """
    settings = settings or schema.WorkspaceSettings()
    protected, clashes = _protected_across(units, group)
    units = _named(protected, settings)
    date = max(u.month.meeting.date for u in units)
    meeting = schema.Meeting(
        organisation=group, period=period, date=date, leads=_leads(units, settings)
    )
    agenda = agenda_slots(meeting, with_actions=False)
    slots = {slot.key: slot for slot in agenda}
    missing = _left_out_text(left_out, settings)
    sections = []
    for spec in SECTIONS:
        blocks = _GROUP_SECTIONS[spec.key](units, missing)
        has_data = not (len(blocks) == 1 and isinstance(blocks[0], Note))
        intro = ""
        if spec.key == "customer":
            intro = say("group.customer_intro", units=len(units), left_out=missing)
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
    title = say("group.cover_title", month=month_label(period))
    cover = Cover(
        organisation=group,
        title=title,
        period_label=month_label(period),
        date_label=day_label(date),
        location="",
        chair="",
        confidentiality=say(
            "pack.confidentiality",
            organisation=group,
            date_label=day_label(date),
            protected_guests=any(g.chatham_house for u in units for g in u.month.meeting.guests),
        ),
        attendees=(
            *(u.label for u in units),
            *(say("group.left_out_attendee", unit=_left_out_name(x, settings)) for x in left_out),
        ),
        order_line=order_line(),
    )
    notes = speaker_notes(
        say("group.notes_slot_line", month=month_label(period)),
        say("group.notes_purpose"),
        [say("group.notes_units", units=[u.label for u in units]), *([missing] if missing else [])],
        (say("group.notes_question"),),
    )
    warnings = (*clashes, *(w for u in units for w in u.loaded.warnings))
    pack = Pack(
        cover=cover,
        agenda=agenda,
        sections=tuple(sections),
        actions=None,
        appendix=(Note(say("group.method_note")),),
        date=date,
        file_stem=file_stem(group, period, "group-pack"),
        title_notes=notes,
        agenda_notes=notes,
        warnings=warnings,
    )
    return facilitate(pack)


def _named(units: list[Unit], settings: schema.WorkspaceSettings) -> list[Unit]:
    """The units with their display names, in reading order; two units of the same name are
    told apart by their folder names."""
    named = [replace(u, display=settings.units.get(u.name, u.display)) for u in units]
    seen: dict[str, int] = defaultdict(int)
    for unit in named:
        seen[unit.label.casefold()] += 1
    named = [
        replace(u, display=f"{u.label} ({u.name})") if seen[u.label.casefold()] > 1 else u
        for u in named
    ]
    return sorted(named, key=lambda u: (u.label.casefold(), u.name))


def _leads(units: list[Unit], settings: schema.WorkspaceSettings) -> BaseModel:
    """Each slot's lead: the group's ``group_leads``, else the leads the units name for that
    slot: one name if they agree, a few names, or "Unit leads"; none named, none (the agenda
    then says "lead not named", as a unit's does: never a chair's name by default)."""
    chosen = {}
    for spec in SECTIONS:
        given = getattr(settings.group_leads, spec.key)
        if given:
            chosen[spec.key] = given
            continue
        names: list[str] = []
        for unit in units:
            meeting = unit.month.meeting
            lead = getattr(meeting.leads, spec.key)
            if lead and lead not in names:
                names.append(lead)
        if names and len(names) <= MAX_LEADS_NAMED:
            chosen[spec.key] = ", ".join(names)
        elif names:
            chosen[spec.key] = say("group.unit_leads")
    return schema.SectionLeads(**chosen)


def _left_out_name(unit: LeftOut, settings: schema.WorkspaceSettings) -> str:
    display = settings.units.get(unit.name)
    return f"{display} ({unit.name})" if display else unit.name


def _left_out_text(left_out: Sequence[LeftOut], settings: schema.WorkspaceSettings) -> str:
    """``Left out: roscommon — data error in customer.yaml``, or "" when every unit is in."""
    if not left_out:
        return ""
    parts = [
        f"{_left_out_name(u, settings)} — {u.reason}"
        for u in sorted(left_out, key=lambda u: u.name)
    ]
    return say("group.left_out", parts=parts)


GroupBuilder = Callable[[list[Unit], str], list[Block]]
#: The group pack's builder for each section, registered beside it by its key in the order.
_GROUP_SECTIONS: dict[str, GroupBuilder] = {}


def _group_section(key: str) -> Callable[[GroupBuilder], GroupBuilder]:
    def register(build: GroupBuilder) -> GroupBuilder:
        _GROUP_SECTIONS[key] = build
        return build

    return register


def _empty(sentence: str) -> list[Block]:
    return [Note(sentence, "empty")]


@_group_section("customer")
def _customer(units: list[Unit], missing: str = "") -> list[Block]:
    blocks: list[Block] = []
    period = units[0].month.meeting.period
    for unit in units:
        story = unit.month.customer.narratives[0]
        who = storyteller(story)
        where = " · ".join(p for p in (unit.label, story.channel, story.segment) if p)
        blocks.append(
            Narrative(f"{unit.label}: {story.title}", who, story.story, where, story.theme)
        )
    pooled = group_nps(units)
    rows = []
    for unit in units:
        signal = unit.signal
        n = signal.nps
        change = signal.nps_change
        rows.append(
            (
                unit.label,
                say("group.small_sample_answers", answers=f"{n.n:,}") if n.low_n else f"{n.n:,}",
                f"{round(n.share('promoters'))}%",
                f"{round(n.share('detractors'))}%",
                signed(n.score) if n.score is not None else "–",
                signed(change) if change is not None else "–",
            )
        )
    detail = say(
        "group.group_nps_detail",
        answers=f"{pooled.n:,}",
        units=str(len(units)),
        margin=number(round(pooled.margin)) if pooled.margin is not None else "",
    )
    value = signed(pooled.score) if pooled.score is not None else say("group.no_answers")
    figure = Figure(say("group.group_nps_label"), value, detail)
    finding = say(
        "group.group_nps_finding",
        score=signed(pooled.score) if pooled.score is not None else None,
        answers=f"{pooled.n:,}",
        units=len(units),
    )
    blocks.append(Figures(say("group.group_nps_title"), (figure,), finding=finding))
    if missing:
        blocks.append(Note(say("group.left_out_caution", left_out=missing), "caution"))
    blocks += _small_samples(units, pooled)
    blocks.append(
        Table(
            say("group.nps_table_title"),
            ("Unit", "Answers", "Promoters", "Detractors", "NPS", "Change"),
            tuple(rows),
            numeric_columns=(1, 2, 3, 4, 5),
            caption=say("group.nps_table_caption", low_n=LOW_N),
            finding=_spread(
                "group.nps_spread_finding",
                [
                    (u.label, score)
                    for u in units
                    if (score := u.signal.nps.score) is not None and not u.signal.nps.low_n
                ],
                signed,
                left_out=any(u.signal.nps.low_n and u.signal.nps.score is not None for u in units),
            ),
        )
    )
    # Themes are added without case, as within a month ("Billing Accuracy" is "Billing
    # accuracy"), each shown by its most common spelling (most mentions, then first seen).
    by_key: dict[str, int] = defaultdict(int)
    spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    units_by_key: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        for theme in unit.month.themes:
            key = theme_key(theme.name)
            by_key[key] += theme.mentions
            spellings[key][theme.name.strip()] += theme.mentions
            if unit.label not in units_by_key[key]:
                units_by_key[key].append(unit.label)
    shown = {key: max(names, key=lambda n: names[n]) for key, names in spellings.items()}
    mentions = {shown[key]: n for key, n in by_key.items()}
    units_with = {shown[key]: labels for key, labels in units_by_key.items()}
    if mentions:
        top = sorted(mentions, key=lambda t: (-mentions[t], t))[:6]
        blocks.append(
            Table(
                say("group.themes_table_title"),
                ("Theme", "Mentions", "Units"),
                tuple((t, f"{mentions[t]:,}", ", ".join(units_with[t])) for t in top),
                numeric_columns=(1,),
                finding=leader_finding(
                    "group.themes_finding", [(t, mentions[t], None, None) for t in top], period
                ),
            )
        )
    complaints = [
        (u.label, f"{u.month.customer.complaints.total:,}")
        for u in units
        if u.month.customer.complaints is not None
    ]
    if complaints:
        counts = [
            (u.label, c.total) for u in units if (c := u.month.customer.complaints) is not None
        ]
        most = max(n for _, n in counts)
        at_most = [label for label, n in counts if n == most]
        total = sum(n for _, n in counts)
        blocks.append(
            Table(
                say("group.complaints_table_title"),
                ("Unit", "Complaints"),
                tuple(complaints),
                numeric_columns=(1,),
                finding=say(
                    "group.complaints_finding",
                    total=f"{total:,}",
                    one=total == 1,
                    units=len(counts),
                    most=f"{most:,}" if len(at_most) == 1 and len(counts) > 1 and most else None,
                    unit=at_most[0],
                ),
            )
        )
    return blocks


def _spread(
    key: str,
    values: Sequence[tuple[str, float]],
    shown: Callable[[float], str],
    left_out: bool = False,
) -> str:
    """Lowest and highest of the units' ``values`` (label, value) as ``key`` says them, or ""
    when fewer than two units have one or they all show alike; ``left_out``: units with too
    few answers were left out, and the finding says so (the table beside it shows them)."""
    if len(values) < 2:
        return ""
    low = min(values, key=lambda v: v[1])
    high = max(values, key=lambda v: v[1])
    if shown(low[1]) == shown(high[1]):
        return ""
    return say(
        key,
        low=shown(low[1]),
        low_unit=low[0],
        high=shown(high[1]),
        high_unit=high[0],
        low_n=LOW_N if left_out else None,
    )


def _small_samples(units: list[Unit], pooled: Nps) -> list[Block]:
    """The small-sample caution of a unit pack, for each unit (and the group) it applies to."""
    small = [u for u in units if u.signal.nps.low_n]
    notes: list[Block] = []
    if len(small) == 1:
        unit = small[0]
        sentence = say(
            "group.small_sample_unit", unit=unit.label, answers=unit.signal.nps.n, low_n=LOW_N
        )
        notes.append(Note(sentence, "caution"))
    elif small:
        listed = [
            say("group.small_sample_at", answers=f"{u.signal.nps.n:,}", unit=u.label) for u in small
        ]
        notes.append(Note(say("group.small_samples", samples=listed, low_n=LOW_N), "caution"))
    if pooled.low_n and len(units) > 1:
        sentence = say("group.small_sample_group", answers=pooled.n, low_n=LOW_N)
        notes.append(Note(sentence, "caution"))
    return notes


def _section(units: list[Unit], key: str) -> list[tuple[Unit, BaseModel]]:
    """Each unit that has section ``key`` this month, with that section's data."""
    return [(u, data) for u in units if (data := u.month.sections.get(key)) is not None]


@_group_section("employees")
def _employees(units: list[Unit], missing: str = "") -> list[Block]:
    rows = []
    scores: list[tuple[str, float]] = []
    for unit, data in _section(units, "employees"):
        assert isinstance(data, schema.Employees)
        if data.engagement is not None:
            scores.append((unit.label, data.engagement.score))
        engagement = number(data.engagement.score) if data.engagement else "–"
        enps = signed(data.enps) if data.enps is not None else "–"
        rows.append((unit.label, engagement, enps, str(len(data.challenges))))
    if not rows:
        return _empty(say("group.no_employee_data"))
    return [
        Table(
            say("group.engagement_table_title"),
            ("Unit", "Engagement", "Employee NPS", "Challenges"),
            tuple(rows),
            numeric_columns=(1, 2, 3),
            finding=_spread("group.engagement_finding", scores, number),
        )
    ]


@_group_section("operations")
def _operations(units: list[Unit], missing: str = "") -> list[Block]:
    rows = []
    judged: list[str] = []
    for unit, data in _section(units, "operations"):
        assert isinstance(data, schema.Operations)
        statuses = [sla_status(s) for s in data.slas]
        judged += statuses
        counts = status_counts(statuses)
        rows.append((unit.label, str(len(data.slas)), *(str(n) for n in counts.values())))
    if not rows:
        return _empty(say("group.no_service_levels"))
    return [
        Table(
            say("group.service_levels_table_title"),
            ("Unit", "SLAs", *STATUSES),
            tuple(rows),
            numeric_columns=(1, 2, 3, 4),
            finding=_status_finding("group.service_levels_finding", judged, len(rows)),
        )
    ]


@_group_section("marketing")
def _marketing(units: list[Unit], missing: str = "") -> list[Block]:
    rows = []
    listed = without = 0
    for unit, data in _section(units, "marketing"):
        assert isinstance(data, schema.Marketing)
        items = (*data.programmes, *data.events)
        unknown = sum(1 for i in items if i.expected_reaction is None)
        listed, without = listed + len(items), without + unknown
        rows.append((unit.label, str(len(data.programmes)), str(len(data.events)), str(unknown)))
    if not rows:
        return _empty(say("group.no_marketing_plans"))
    return [
        Table(
            say("group.plans_table_title"),
            ("Unit", "Programmes", "Events", say("group.no_reaction_column")),
            tuple(rows),
            numeric_columns=(1, 2, 3),
            finding=say("group.plans_finding", count=listed, units=len(rows), without=without),
        )
    ]


@_group_section("sales")
def _sales(units: list[Unit], missing: str = "") -> list[Block]:
    rows = []
    targets = without = 0
    for unit, data in _section(units, "sales"):
        assert isinstance(data, schema.Sales)
        no_feedback = sum(1 for t in data.targets if t.feedback_to_use is None)
        targets, without = targets + len(data.targets), without + no_feedback
        currency = sales_currency(data, unit.month)
        pipeline = money(data.pipeline.value, currency) if data.pipeline else "–"
        rows.append((unit.label, str(len(data.targets)), pipeline, str(no_feedback)))
    if not rows:
        return _empty(say("group.no_sales_targets"))
    return [
        Table(
            say("group.targets_table_title"),
            ("Unit", "Targets", "Pipeline", say("group.no_feedback_column")),
            tuple(rows),
            numeric_columns=(1, 2, 3),
            finding=say("group.targets_finding", count=targets, units=len(rows), without=without),
        )
    ]


def _status_finding(key: str, judged: Sequence[str], count: int) -> str:
    """How many of the judged are on track (or how many are not), as ``key`` says it across
    ``count`` units or totals; "" when nothing is judged."""
    if not judged:
        return ""
    counts = status_counts(judged)
    return say(
        key,
        on_track=counts["On track"],
        at_risk=counts["At risk"],
        off_track=counts["Off track"],
        total=len(judged),
        count=count,
    )


def _judge(budget: float | None, actual: float, higher_is_better: bool | None) -> str:
    """A status only where there is a budget and a stated direction."""
    if budget is None or higher_is_better is None:
        return "–"
    return status(budget, actual, higher_is_better=higher_is_better)


@_group_section("finance")
def _finance(units: list[Unit], missing: str = "") -> list[Block]:
    # A measure adds up only with itself in the same unit and currency: a EUR unit's revenue
    # is never summed with a GBP unit's (they show as separate rows). Only money and figures
    # marked additive are summed; the rest are shown unit by unit, never dropped. A total is
    # judged only when every unit gives the same direction (higher_is_better); else "–".
    totals: dict[tuple[str, str], list[float]] = {}
    budgets: dict[tuple[str, str], list[float]] = {}
    directions: dict[tuple[str, str], set[bool | None]] = {}
    apart: dict[str, list[tuple[str, ...]]] = {}
    for unit, data in _section(units, "finance"):
        assert isinstance(data, schema.Finance)
        for m in data.metrics:
            higher = m.higher_is_better
            if not is_additive(m, data.currency):
                # shown as its unit's pack shows it: money only when it is money
                cur = None if m.unit or figures.not_money(m.name) else data.currency
                apart.setdefault(m.name, []).append(
                    (
                        m.name,
                        unit.label,
                        with_unit(m.actual, m.unit, cur),
                        with_unit(m.budget, m.unit, cur) if m.budget is not None else "–",
                        _judge(m.budget, m.actual, higher),
                    )
                )
                continue
            key = (m.name, _same_unit(m.unit, data.currency) or f"@{data.currency}")
            totals.setdefault(key, []).append(m.actual)
            directions.setdefault(key, set()).add(higher)
            if m.budget is not None:
                budgets.setdefault(key, []).append(m.budget)
    if not totals and not apart:
        return _empty(say("group.no_finance_figures"))
    rows = []
    judged: list[str] = []
    for (name, spelled), actuals in totals.items():
        actual = sum(actuals)
        budget = (
            sum(budgets[(name, spelled)])
            if len(budgets.get((name, spelled), [])) == len(actuals)
            else None
        )
        stated = directions[(name, spelled)]
        higher = next(iter(stated)) if len(stated) == 1 else None
        shown, cur = (None, spelled[1:]) if spelled.startswith("@") else (spelled, None)
        judge = _judge(budget, actual, higher)
        if judge != "–":
            judged.append(judge)
        rows.append(
            (
                name,
                str(len(actuals)),
                with_unit(actual, shown, cur),
                with_unit(budget, shown, cur) if budget is not None else "–",
                judge,
            )
        )
    # The units left out are named once, under the first table.
    blocks: list[Block] = []
    if rows:
        blocks.append(
            Table(
                say("group.totals_table_title"),
                ("Measure", "Units", "Actual", "Budget", "Status"),
                tuple(rows),
                status_column=4,
                numeric_columns=(1, 2, 3),
                caption=say("group.totals_caption", see_apart=bool(apart), left_out=missing),
                finding=_status_finding("group.totals_finding", judged, len(rows)),
            )
        )
    if apart:
        blocks.append(
            Table(
                say("group.apart_table_title"),
                ("Measure", "Unit", "Actual", "Budget", "Status"),
                tuple(row for name in apart for row in apart[name]),
                status_column=4,
                numeric_columns=(2, 3),
                caption=say("group.apart_caption", left_out="" if rows else missing),
                finding=_status_finding(
                    "group.apart_finding",
                    [row[4] for name in apart for row in apart[name] if row[4] != "–"],
                    len(apart),
                ),
            )
        )
    return blocks

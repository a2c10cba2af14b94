"""Compose a month's validated inputs into one ordered, computed, phrased Pack.

Everything a reader sees is decided here, once: the customer-first order, agenda slots, NPS,
statuses, the questions for the room. Writers only lay it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from agenda import schema
from agenda.formatting import (
    day_label,
    money,
    month_label,
    number,
    plural,
    short_date,
    with_unit,
)
from agenda.history import MonthSignal
from agenda.model import (
    ActionLog,
    ActionRow,
    Block,
    Bullets,
    Cover,
    Figure,
    Figures,
    Narrative,
    Note,
    Pack,
    Quote,
    Section,
    Slot,
    Table,
)
from agenda.nps import LOW_N, Nps, from_scores, signed
from agenda.order import ACTIONS_SLOT, SECTIONS, SectionSpec
from agenda.status import AT_RISK_TOLERANCE, status
from agenda.text import phrase, render
from agenda.validate import MonthData

GUEST = "A customer guest"


def compose(month: MonthData, history: list[MonthSignal], warnings: list[str] = ()) -> Pack:
    """Build the pack for ``month``; ``history`` holds earlier months, oldest first."""
    meeting = month.meeting
    agenda = _agenda(meeting, with_actions=month.actions is not None)
    slots = {slot_key: slot for slot_key, slot in zip(_slot_keys(month), agenda, strict=True)}
    signal = _CustomerSignal(month, history)
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
        data = month.sections.get(spec.key)
        if data is None:
            blocks: tuple[Block, ...] = (
                Note(
                    phrase("section_empty.j2", file=f"{spec.key}.yaml", period=meeting.period),
                    "empty",
                ),
            )
            questions = spec.questions
        else:
            blocks, extra_questions = builders[spec.key](data, month, signal)
            questions = (*extra_questions, *spec.questions)
        intro = (
            phrase("customer_opening.j2", count=len(month.customer.narratives))
            if spec.key == "customer"
            else ""
        )
        sections.append(
            Section(
                spec.key, spec.title, slots[spec.key], blocks, questions, data is not None, intro
            )
        )
    actions = _actions(month, slots["actions"]) if month.actions is not None else None
    title = meeting.title or f"Leadership meeting — {month_label(meeting.period)}"
    protected = any(g.chatham_house for g in meeting.guests)
    cover = Cover(
        organisation=meeting.organisation,
        title=title,
        period_label=month_label(meeting.period),
        date_label=day_label(meeting.date),
        location=meeting.location or "",
        chair=meeting.chair or "",
        confidentiality=phrase(
            "confidentiality.j2",
            organisation=meeting.organisation,
            date_label=day_label(meeting.date),
            protected_guests=protected,
        ),
        attendees=_attendees(meeting),
    )
    return Pack(
        cover=cover,
        agenda=agenda,
        sections=tuple(sections),
        actions=actions,
        appendix=_appendix(month, signal),
        date=meeting.date,
        file_stem=f"{_slug(meeting.organisation)}-{meeting.period}-leadership-pack",
        title_notes=_notes(
            f"Before the meeting starts ({meeting.start})",
            "Welcome everyone; explain that we start with the customer and finish with finance.",
            [],
            (
                "Is everyone clear that guests' names stay out of notes and minutes?"
                if protected
                else "Who will capture actions as we go?",
            ),
        ),
        agenda_notes=_notes(
            f"Agenda: {agenda[0].start:%H:%M}–{agenda[-1].end:%H:%M}",
            "Walk through the running order: customer first, finance last, by design.",
            [f"{s.number}. {s.title}: {s.times}, led by {s.lead}" for s in agenda],
            ("Does anyone need to leave early or move a slot?",),
        ),
        warnings=tuple(warnings),
    )


# --- agenda ---------------------------------------------------------------------------------


def _slot_keys(month: MonthData) -> list[str]:
    keys = [s.key for s in SECTIONS]
    return [*keys, ACTIONS_SLOT.key] if month.actions is not None else keys


def _agenda(meeting: schema.Meeting, *, with_actions: bool) -> tuple[Slot, ...]:
    specs: list[SectionSpec] = [*SECTIONS, ACTIONS_SLOT] if with_actions else list(SECTIONS)
    hours, minutes = (int(p) for p in meeting.start.split(":"))
    clock = dt.datetime.combine(meeting.date, dt.time(hours, minutes))
    slots = []
    for number_, spec in enumerate(specs, 1):
        length = getattr(meeting.minutes, spec.key) or spec.default_minutes
        end = clock + dt.timedelta(minutes=length)
        lead = getattr(meeting.leads, spec.key) or meeting.chair or "Chair"
        slots.append(Slot(number_, spec.title, clock.time(), end.time(), length, lead, spec.focus))
        clock = end
    return tuple(slots)


def _attendees(meeting: schema.Meeting) -> tuple[str, ...]:
    people = [f"{a.name} ({a.role})" if a.role else a.name for a in meeting.attendees]
    for guest in meeting.guests:
        if guest.chatham_house:
            people.append("A customer guest (Chatham House rule)")
        else:
            people.append(f"{guest.name}, {guest.organisation} (guest)")
    return tuple(people)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "pack"


def _notes(slot_line: str, purpose: str, points: list[str], questions) -> str:
    return render(
        "speaker_notes.j2",
        slot_line=slot_line,
        purpose=purpose,
        points=points,
        questions=list(questions),
    )


# --- customer -------------------------------------------------------------------------------


class _CustomerSignal:
    """This month's customer signal beside last month's, computed once for every section."""

    def __init__(self, month: MonthData, history: list[MonthSignal]):
        nps_in = month.customer.nps
        if nps_in.counts is not None:
            c = nps_in.counts
            self.nps = Nps(c.promoters, c.passives, c.detractors)
        else:
            assert month.answers is not None
            self.nps = from_scores(month.answers.scores)
        self.target = nps_in.target
        self.previous = history[-1] if history else None
        self.previous_nps = self.previous.nps if self.previous else None
        self.history = history

    @property
    def nps_change(self) -> float | None:
        """Change in NPS points since the previous month with a score."""
        if self.nps.score is None or self.previous_nps is None or self.previous_nps.score is None:
            return None
        return self.nps.score - self.previous_nps.score

    @property
    def worsening(self) -> list[str]:
        """Plain statements of how the customer signal is poor or getting worse."""
        found = []
        score = self.nps.score
        if score is not None and self.target is not None and score < self.target:
            found.append(f"NPS is {signed(score)} against a target of {signed(self.target)}")
        change = self.nps_change
        if change is not None and change < 0:
            found.append(f"NPS fell {number(abs(round(change)))} points since last month")
        return found


def _who(narrative: schema.Narrative) -> str:
    return GUEST if narrative.guest else narrative.customer


def _attribution(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _tone(score: int | None) -> str:
    if score is None:
        return "neutral"
    return "praise" if score >= 9 else "complaint" if score <= 6 else "neutral"


def _quote(v: schema.Verbatim) -> Quote:
    scored = f"scored {v.score}" if v.score is not None else None
    who = "a customer guest" if v.guest else None
    return Quote(
        v.text, _attribution(who and who.capitalize(), v.channel, v.segment, scored), _tone(v.score)
    )


def _balanced(verbatims: list[schema.Verbatim], limit: int = 4) -> list[schema.Verbatim]:
    """Pick quotes that alternate complaint and praise, so the room hears both."""
    complaints = [v for v in verbatims if _tone(v.score) == "complaint"]
    praise = [v for v in verbatims if _tone(v.score) == "praise"]
    rest = [v for v in verbatims if _tone(v.score) == "neutral"]
    picked: list[schema.Verbatim] = []
    while len(picked) < limit and (complaints or praise or rest):
        for pool in (complaints, praise):
            if pool and len(picked) < limit:
                picked.append(pool.pop(0))
        if not complaints and not praise and rest:
            picked.append(rest.pop(0))
    return picked


def _customer(data, month: MonthData, signal: _CustomerSignal):
    customer: schema.Customer = data
    blocks: list[Block] = [
        Narrative(n.title, _who(n), n.story, _attribution(n.channel, n.segment), n.theme)
        for n in customer.narratives
    ]
    opening = _balanced(list(customer.verbatims))
    blocks += [_quote(v) for v in opening]

    nps = signal.nps
    prev_label = month_label(signal.previous.period) if signal.previous else ""
    figures: list[Figure] = []
    questions: list[str] = []
    if nps.score is None:
        figures.append(Figure("Net Promoter Score", "No answers", "nobody answered this month"))
    else:
        change = signal.nps_change
        detail = f"n = {nps.n:,}"
        if change is not None:
            detail += f" · {signed(change)} since {prev_label}"
        if nps.margin is not None:
            detail += f" · ±{number(round(nps.margin))} margin"
        figures.append(Figure("Net Promoter Score", signed(nps.score), detail))
    for label, score in (
        ("Customer satisfaction", customer.csat),
        ("Customer effort", customer.effort),
    ):
        if score is not None:
            value = number(score.score) + (f" / {number(score.scale)}" if score.scale else "")
            detail = (
                f"{signed(score.score - score.previous, 1)} since last month"
                if score.previous is not None
                else ""
            )
            figures.append(Figure(label, value, detail))
    if customer.complaints is not None:
        c = customer.complaints
        detail = (
            f"{signed(c.total - c.previous)} since last month" if c.previous is not None else ""
        )
        figures.append(Figure("Complaints", f"{c.total:,}", detail))
    blocks.append(Figures("How customers score us", tuple(figures)))
    if nps.score is not None:
        change = signal.nps_change
        blocks.append(
            Note(
                phrase(
                    "nps_headline.j2",
                    n=f"{nps.n:,}",
                    promoters=round(nps.share("promoters")),
                    passives=round(nps.share("passives")),
                    detractors=round(nps.share("detractors")),
                    score=signed(nps.score),
                    change=signed(change) if change is not None else None,
                    previous_label=prev_label,
                    previous_score=(
                        signed(signal.previous_nps.score)
                        if signal.previous_nps and signal.previous_nps.score is not None
                        else ""
                    ),
                )
            )
        )
        if nps.low_n:
            blocks.append(
                Note(
                    f"Small sample: only {plural(nps.n, 'answer')} (fewer than {LOW_N}). "
                    "Read the score as a pointer, not a verdict.",
                    "caution",
                )
            )
        margin = nps.margin or 0.0
        if change is not None and abs(change) <= margin:
            blocks.append(
                Note(
                    f"The change of {signed(change)} is within the margin of error "
                    f"(±{number(round(margin))}): it may be noise rather than a real shift.",
                    "caution",
                )
            )

    if month.answers is not None and (month.answers.by_segment or month.answers.by_channel):
        blocks.append(_breakdown(month))

    if customer.themes:
        ranked = sorted(customer.themes, key=lambda t: (-t.mentions, t.name))
        rows = []
        for rank, theme in enumerate(ranked, 1):
            change = (
                signed(theme.mentions - theme.previous) if theme.previous is not None else "new"
            )
            rows.append((str(rank), theme.name, f"{theme.mentions:,}", change))
        blocks.append(
            Table(
                "Top improvement themes",
                ("#", "Theme", "Mentions", "Change"),
                tuple(rows),
                numeric_columns=(0, 2, 3),
                caption="Ranked by mentions this month; the top two lead the discussion.",
            )
        )
        for theme in ranked[:2]:
            said = [v for v in customer.verbatims if v.theme == theme.name]
            stories = [n for n in customer.narratives if n.theme == theme.name]
            items = [f"“{v.text}” ({_quote(v).attribution})" for v in said[:3]]
            items += [f"Story: {n.title} ({_who(n)})" for n in stories[:1]]
            if not items:
                items = ["No verbatim was tagged with this theme this month."]
            blocks.append(Bullets(f"What customers said about {theme.name.lower()}", tuple(items)))
        questions.append(
            f"What will we do this month about {ranked[0].name.lower()}"
            + (f" and {ranked[1].name.lower()}?" if len(ranked) > 1 else "?")
        )

    if customer.verbatims:
        by_channel: dict[str, list[schema.Verbatim]] = defaultdict(list)
        for v in customer.verbatims:
            by_channel[v.channel].append(v)
        rows = []
        for channel in sorted(by_channel):
            for v in by_channel[channel]:
                score = str(v.score) if v.score is not None else "–"
                rows.append((channel, v.text, score, v.segment or "–"))
        blocks.append(
            Table(
                "Verbatims by channel",
                ("Channel", "What the customer said", "Score", "Segment"),
                tuple(rows),
                numeric_columns=(2,),
            )
        )

    if customer.complaints is not None and customer.complaints.reasons:
        c = customer.complaints
        total = sum(c.reasons.values()) or 1
        rows = [
            (reason, f"{count:,}", f"{round(100 * count / total)}%")
            for reason, count in sorted(c.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        caption = f"{c.total:,} complaints this month"
        if c.previous is not None:
            caption += f", {c.previous:,} last month"
        blocks.append(
            Table(
                "Complaints by reason",
                ("Reason", "Complaints", "Share"),
                tuple(rows),
                numeric_columns=(1, 2),
                caption=caption + ".",
            )
        )
    return tuple(blocks), tuple(questions)


def _breakdown(month: MonthData) -> Table:
    answers = month.answers
    assert answers is not None
    rows = []
    for kind, groups in (("Segment", answers.by_segment), ("Channel", answers.by_channel)):
        for name in sorted(groups):
            result = from_scores(groups[name])
            flag = " (small sample)" if result.low_n else ""
            score = signed(result.score) if result.score is not None else "–"
            rows.append((kind, name + flag, f"{result.n:,}", score))
    return Table(
        "NPS by segment and channel",
        ("Group", "Name", "Answers", "NPS"),
        tuple(rows),
        numeric_columns=(2, 3),
        caption=f"Groups with fewer than {LOW_N} answers are marked as small samples.",
    )


# --- employees ------------------------------------------------------------------------------


def _employees(data, month: MonthData, signal: _CustomerSignal):
    employees: schema.Employees = data
    blocks: list[Block] = []
    figures = []
    if employees.engagement is not None:
        e = employees.engagement
        detail = (
            f"{signed(e.score - e.previous, 1)} since last month" if e.previous is not None else ""
        )
        figures.append(Figure("Engagement", number(e.score), detail))
    if employees.enps is not None:
        figures.append(Figure("Employee NPS", signed(employees.enps)))
    if figures:
        blocks.append(Figures("How our people feel", tuple(figures)))
    for voice in employees.frontline:
        blocks.append(Quote(voice.quote, f"{voice.name}, {voice.role}"))
    if employees.challenges:
        items = tuple(
            f"{c.text} (customers raise this too: {c.theme})" if c.theme else c.text
            for c in employees.challenges
        )
        blocks.append(Bullets("Challenges our people face", items))
    if employees.customer_objectives:
        blocks.append(
            Table(
                "Each team's customer objective",
                ("Team", "Customer objective"),
                tuple((o.team, o.objective) for o in employees.customer_objectives),
            )
        )
    if not blocks:
        blocks.append(Note("employees.yaml is present but holds nothing to show yet.", "empty"))
    return tuple(blocks), ()


# --- operations -----------------------------------------------------------------------------


def _operations(data, month: MonthData, signal: _CustomerSignal):
    operations: schema.Operations = data
    blocks: list[Block] = []
    questions: list[str] = []
    if operations.slas:
        judged = [
            (sla, status(sla.target, sla.actual, higher_is_better=sla.higher_is_better))
            for sla in operations.slas
        ]
        counts = {
            s: sum(1 for _, st in judged if st == s) for s in ("On track", "At risk", "Off track")
        }
        blocks.append(
            Note(
                phrase(
                    "sla_summary.j2",
                    on_track=counts["On track"],
                    at_risk=counts["At risk"],
                    off_track=counts["Off track"],
                    total=len(judged),
                )
            )
        )
        worsening = signal.worsening
        if counts["On track"] == len(judged) and worsening:
            blocks.append(
                Note(
                    "Every service level is green, yet "
                    + "; ".join(worsening)
                    + ". If all our SLAs are green and customers are unhappy, we may be "
                    "measuring the wrong things.",
                    "caution",
                )
            )
            questions.append("Are we measuring what customers actually experience?")
        rows = tuple(
            (
                sla.name,
                with_unit(sla.target, sla.unit),
                with_unit(sla.actual, sla.unit),
                "Higher" if sla.higher_is_better else "Lower",
                st,
                sla.theme or "–",
            )
            for sla, st in judged
        )
        blocks.append(
            Table(
                "Service levels",
                ("Service level", "Target", "Actual", "Better", "Status", "Customer theme"),
                rows,
                status_column=4,
                numeric_columns=(1, 2),
            )
        )
    if operations.improvements:
        blocks.append(Bullets("Improvements under way", tuple(operations.improvements)))
    if not blocks:
        blocks.append(Note("operations.yaml is present but lists no service levels.", "empty"))
    return tuple(blocks), tuple(questions)


# --- marketing ------------------------------------------------------------------------------

_NOT_STATED = "Not stated"


def _when(value) -> str:
    if value is None:
        return "–"
    return short_date(value) if isinstance(value, dt.date) else str(value)


def _marketing(data, month: MonthData, signal: _CustomerSignal):
    marketing: schema.Marketing = data
    blocks: list[Block] = []
    questions: list[str] = []
    for label, items in (("Programmes", marketing.programmes), ("Events", marketing.events)):
        if not items:
            continue
        rows = tuple(
            (
                item.name,
                item.audience,
                _when(item.when),
                item.goal or "–",
                item.expected_reaction or _NOT_STATED,
            )
            for item in items
        )
        blocks.append(
            Table(label, ("Name", "Audience", "When", "Goal", "Expected customer reaction"), rows)
        )
        for item in items:
            if item.expected_reaction is None:
                questions.append(f"{item.name} ({item.audience}): how will they feel and react?")
    if not blocks:
        blocks.append(Note("marketing.yaml is present but lists no programmes or events.", "empty"))
    return tuple(blocks), tuple(questions)


# --- sales ----------------------------------------------------------------------------------


def _sales(data, month: MonthData, signal: _CustomerSignal):
    sales: schema.Sales = data
    blocks: list[Block] = []
    questions: list[str] = []
    currency = sales.currency or _finance_currency(month)
    if sales.pipeline is not None:
        p = sales.pipeline
        detail = ""
        if p.previous is not None:
            delta = p.value - p.previous
            detail = ("+" if delta >= 0 else "") + money(delta, currency) + " since last month"
        figure = Figure("Pipeline value", money(p.value, currency), detail)
        blocks.append(Figures("Pipeline", (figure,)))
    if sales.targets:
        rows = tuple(
            (
                t.account,
                t.segment or "–",
                t.stage or "–",
                money(t.value, currency) if t.value is not None else "–",
                t.feedback_to_use or _NOT_STATED,
            )
            for t in sales.targets
        )
        blocks.append(
            Table(
                "Target customers",
                ("Account", "Segment", "Stage", "Value", "Customer feedback to take in"),
                rows,
                numeric_columns=(3,),
            )
        )
        for t in sales.targets:
            if t.feedback_to_use is None:
                questions.append(f"{t.account}: what have similar customers told us to take in?")
    if not blocks:
        blocks.append(Note("sales.yaml is present but lists no targets or pipeline.", "empty"))
    return tuple(blocks), tuple(questions)


def _finance_currency(month: MonthData) -> str | None:
    finance = month.sections.get("finance")
    return finance.currency if isinstance(finance, schema.Finance) else None


# --- finance --------------------------------------------------------------------------------


def _finance(data, month: MonthData, signal: _CustomerSignal):
    finance: schema.Finance = data
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
        blocks.append(Note("finance.yaml is present but lists no measures.", "empty"))
    return tuple(blocks), ()


# --- actions and appendix -------------------------------------------------------------------


def _actions(month: MonthData, slot: Slot) -> ActionLog:
    assert month.actions is not None
    order = {spec.key: i for i, spec in enumerate(SECTIONS)}
    titles = {spec.key: spec.title for spec in SECTIONS}
    today = month.meeting.date
    rows = []
    overdue = 0
    for a in sorted(month.actions.actions, key=lambda a: (order[a.section], a.due, a.id)):
        flag = ""
        if a.status != "done" and a.due < today:
            overdue += 1
            flag = f"Overdue by {plural((today - a.due).days, 'day')}"
        rows.append(
            ActionRow(
                a.id, a.title, a.owner, a.due, a.status, titles[a.section], flag, a.source or ""
            )
        )
    tally = {s: sum(1 for r in rows if r.status == s) for s in ("open", "blocked", "done")}
    summary = (
        f"{tally['open']} open, {tally['blocked']} blocked, {tally['done']} done"
        f"{f'; {overdue} overdue' if overdue else ''}."
    )
    return ActionLog(slot, tuple(rows), summary, ACTIONS_SLOT.questions)


def _appendix(month: MonthData, signal: _CustomerSignal) -> tuple[Block, ...]:
    sources = tuple(
        f"{path.name} ({'survey export' if path.suffix == '.csv' else 'YAML'})"
        for path in month.files
    )
    blocks: list[Block] = [Bullets("Sources this month", sources)]
    nps = signal.nps
    facts = [f"NPS answers used: {nps.n:,}"]
    if nps.margin is not None:
        facts.append(f"95% margin of error: ±{number(nps.margin, 1)} points")
    if month.answers is not None:
        a = month.answers
        facts.append(f"Blank scores skipped: {a.blank:,}")
        if a.first and a.last:
            facts.append(f"Answers dated {short_date(a.first)} to {short_date(a.last)}")
    if signal.history:
        months = ", ".join(month_label(s.period) for s in signal.history)
        facts.append(f"Earlier months read for comparison: {months}")
    blocks.append(Bullets("Customer figures", tuple(facts)))
    blocks.append(Note(phrase("method.j2", low_n=LOW_N, tolerance=number(AT_RISK_TOLERANCE * 100))))
    return tuple(blocks)

"""Compose a month's validated inputs into one ordered, computed, phrased Pack.

Everything a reader sees is decided here, once: the customer-first order, agenda slots, NPS,
statuses, the questions for the room. Writers only lay it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from agenda import schema
from agenda.actions import action_tables, carry_actions
from agenda.decisions import papers, recommendation_problems
from agenda.errors import Problem
from agenda.facilitation import facilitate, speaker_notes
from agenda.formatting import (
    day_label,
    default_title,
    month_label,
    number,
    short_date,
)
from agenda.history import LastMeeting, MonthSignal, window_start
from agenda.model import (
    ActionLog,
    Block,
    Bullets,
    Cover,
    Figures,
    Note,
    Pack,
    Section,
    Slot,
)
from agenda.names import fold
from agenda.nps import LOW_N
from agenda.order import (
    ACTIONS_SLOT,
    SECTIONS,
    THEME_QUOTES,
    SectionSpec,
    order_line,
    slot_minutes,
)
from agenda.purpose import (
    SlotAsk,
    consent_line,
    noting_problems,
    purpose_problems,
    room_table,
    slot_asks,
    spare_minutes,
)
from agenda.rules import Insight, describe, run_rules
from agenda.sections import builder
from agenda.signal import CustomerSignal
from agenda.status import AT_RISK_TOLERANCE
from agenda.summary import summarise
from agenda.text import say, say_lines
from agenda.theme_cards import theme_cards, with_cards
from agenda.validate import MonthData


def compose(
    month: MonthData,
    history: Sequence[MonthSignal],
    warnings: Sequence[Problem] = (),
    *,
    nps_framing: str | None = None,
    last: LastMeeting | None = None,
) -> Pack:
    """Build the pack for ``month``; ``history`` holds earlier months, oldest first; ``last``
    what the last meeting decided (its outcomes.yaml), when recorded."""
    meeting = month.meeting
    carried = carry_actions(month, history, last)
    signal = CustomerSignal(month, history, nps_framing)
    insights = run_rules(month, signal)
    cards, card_questions, every_theme = theme_cards(month, signal, carried)
    built: dict[str, tuple[tuple[Block, ...], tuple[str, ...]]] = {}
    raised: dict[str, tuple[str, ...]] = {}
    for spec in SECTIONS:
        data = month.sections.get(spec.key)
        if data is None:
            empty = say("pack.section_empty", file=f"{spec.key}.yaml", period=meeting.period)
            built[spec.key] = ((Note(empty, "empty"),), spec.questions)
            continue
        blocks, raised[spec.key] = builder(spec.key)(data, month, signal)
        if spec.key == "customer":  # each top theme's card, after the themes table
            blocks = with_cards(blocks, cards)
            raised[spec.key] = (*raised[spec.key], *card_questions)
        found = [i for i in insights if i.section == spec.key]
        blocks = _with_cautions(spec.key, blocks, [i.caution for i in found if i.caution])
        asked = [*(i.question for i in found if i.question), *raised[spec.key]]
        built[spec.key] = (blocks, (*dict.fromkeys(asked), *spec.questions))
    asks = slot_asks(month, signal, insights, raised, carried, cards)
    agenda = agenda_slots(meeting, with_actions=not carried.empty, asks=asks)
    slots = {slot.key: slot for slot in agenda}
    timing = [*_timing_warnings(month, agenda), *noting_problems(month, agenda)]
    unnamed = [s.title for s in agenda if not s.lead]
    leads = (
        [month.problem("meeting", ("leads",), say("pack.leads_not_named", sections=unnamed))]
        if unnamed
        else []
    )
    warnings = [
        *month.warnings,
        *warnings,
        *signal.warnings,
        *timing,
        *purpose_problems(month),
        *recommendation_problems(month),
        *leads,
        *carried.warnings,
    ]
    # each decision is met in its own section's slot, as a short paper after the evidence
    paper = papers(month.actions.decisions if month.actions else (), meeting.date, slots)
    sections = []
    for spec in SECTIONS:
        blocks, questions = built[spec.key]
        blocks = (*blocks, *paper.get(spec.key, ()))
        intro = (
            say("pack.customer_opening", count=len(month.customer.narratives))
            if spec.key == "customer"
            else ""
        )
        # a file that is there but holds nothing ("present but holds nothing to show yet") has no
        # data, as a missing one: validate's count and a brief agree with what the pack says
        has_data = month.sections.get(spec.key) is not None and any(
            not (isinstance(b, Note) and b.kind in ("empty", "caution")) for b in built[spec.key][0]
        )
        sections.append(
            Section(spec.key, spec.title, slots[spec.key], blocks, questions, has_data, intro)
        )
    actions = (
        ActionLog(
            slots["actions"],
            carried.open,
            carried.closed,
            carried.decisions,
            carried.summary,
            ACTIONS_SLOT.questions,
            action_tables(carried),
            taken=carried.taken,
            taken_at=carried.taken_at,
            first=carried.first,
        )
        if not carried.empty
        else None
    )
    brief = summarise(
        meeting.period,
        sections,
        actions,
        insights,
        small_sample=signal.nps.n if signal.nps.low_n and signal.nps.n else None,
    )
    agenda_slot = say(
        "pack.agenda_slot", start=f"{agenda[0].start:%H:%M}", end=f"{agenda[-1].end:%H:%M}"
    )
    consent = consent_line(agenda)
    points = [
        say(
            "pack.agenda_point",
            number=s.number,
            title=s.title,
            times=s.times,
            lead=s.lead,
            purpose=s.purpose,
        )
        for s in agenda
    ]
    points += [consent] if consent else []
    points += [say("pack.agenda_timing", message=w.message) for w in timing]
    agenda_asks = say_lines("pack.agenda_questions")
    title = meeting.title or default_title(meeting.period)
    protected = any(g.chatham_house for g in meeting.guests)
    cover = Cover(
        organisation=meeting.organisation,
        title=title,
        period_label=month_label(meeting.period),
        date_label=day_label(meeting.date),
        location=meeting.location or "",
        chair=meeting.chair or "",
        confidentiality=say(
            "pack.confidentiality",
            organisation=meeting.organisation,
            date_label=day_label(meeting.date),
            protected_guests=protected,
        ),
        attendees=_attendees(meeting),
        order_line=order_line(),
        protected_guests=protected,
    )
    pack = Pack(
        cover=cover,
        agenda=agenda,
        sections=tuple(sections),
        actions=actions,
        appendix=_appendix(month, signal, insights, last if carried.taken else None),
        date=meeting.date,
        file_stem=file_stem(meeting.organisation, meeting.period, PACK_KIND),
        title_notes=speaker_notes(
            say("pack.title_slot", start=meeting.start),
            say("pack.title_purpose"),
            [],
            (say("pack.title_question", protected_guests=protected),),
        ),
        agenda_notes=speaker_notes(agenda_slot, say("pack.agenda_purpose"), points, agenda_asks),
        summary_notes=speaker_notes(
            agenda_slot,
            say("pack.summary_purpose"),
            [brief.customer, *brief.findings, *brief.asks, *brief.since, *points],
            agenda_asks,
        ),
        agenda_warnings=tuple(timing),
        consent=consent,
        room=room_table(month, agenda, asks),
        room_notes=speaker_notes(
            say("pack.room_slot", times=agenda[-1].times),
            say("pack.room_purpose"),
            [],
            (say("pack.room_question"),),
        ),
        warnings=tuple(warnings),
        summary=brief,
        themes=every_theme,
    )
    return facilitate(pack)


#: The last part of the pack's file names; a brief or the recap puts its own kind there.
PACK_KIND = "leadership-pack"


# --- agenda ---------------------------------------------------------------------------------


def agenda_slots(
    meeting: schema.Meeting, *, with_actions: bool, asks: Mapping[str, SlotAsk] | None = None
) -> tuple[Slot, ...]:
    """The meeting's slots in running order; ``asks`` gives each its purpose and this month's
    question (the group pack has none: its slots keep the generic question and no purpose)."""
    specs: list[SectionSpec] = [*SECTIONS, ACTIONS_SLOT] if with_actions else list(SECTIONS)
    hours, minutes = (int(p) for p in meeting.start.split(":"))
    clock = dt.datetime.combine(meeting.date, dt.time(hours, minutes))
    slots = []
    for number_, spec in enumerate(specs, 1):
        length = slot_minutes(meeting.minutes, spec)
        end = clock + dt.timedelta(minutes=length)
        lead = getattr(meeting.leads, spec.key) or ""  # "lead not named", never the chair
        ask = (asks or {}).get(spec.key)
        slots.append(
            Slot(
                number_,
                spec.title,
                clock.time(),
                end.time(),
                length,
                lead,
                (ask.focus if ask else "") or spec.focus,
                spec.key,
                ask.purpose if ask else None,
                say(f"agenda.purpose_{ask.purpose}") if ask else "",
            )
        )
        clock = end
    return tuple(slots)


#: Below this many minutes, or this share of the meeting, the customer slot counts as squeezed.
SQUEEZED_MINUTES = 20
SQUEEZED_SHARE = 0.2


def _timing_warnings(month: MonthData, agenda: tuple[Slot, ...]) -> list[Problem]:
    """Warn (never refuse) when the slots overrun the meeting or squeeze the customer."""
    meeting = month.meeting
    found = []
    total = sum(s.minutes for s in agenda)
    if meeting.end is not None:
        hours, minutes = (int(p) for p in meeting.end.split(":"))
        finish = dt.time(hours, minutes)
        if agenda[-1].end > finish or agenda[-1].end < agenda[0].start:
            found.append(
                month.problem(
                    "meeting",
                    ("end",),
                    say(
                        "pack.timing_overrun",
                        total=total,
                        end=f"{agenda[-1].end:%H:%M}",
                        meeting_end=meeting.end,
                    ),
                )
            )
    start = dt.datetime.combine(meeting.date, agenda[0].start)
    if start + dt.timedelta(minutes=total) > dt.datetime.combine(meeting.date, dt.time(23, 59)):
        found.append(
            month.problem(
                "meeting",
                ("start",),
                say("pack.timing_midnight", start=meeting.start),
            )
        )
    customer = agenda[0]
    if customer.minutes < SQUEEZED_MINUTES or customer.minutes < SQUEEZED_SHARE * total:
        noting, spare = spare_minutes(agenda)
        found.append(
            month.problem(
                "meeting",
                ("minutes", "customer"),
                say(
                    "pack.timing_squeezed",
                    minutes=customer.minutes,
                    total=total,
                    least=SQUEEZED_MINUTES,
                    noting=noting,
                    spare=spare,
                ),
            )
        )
    return found


def _with_cautions(
    key: str, blocks: tuple[Block, ...], cautions: Sequence[str]
) -> tuple[Block, ...]:
    """Place rule cautions where a reader meets them first: after the customer's headline
    figures, or after a section's opening summary."""
    if not cautions:
        return blocks
    notes = [Note(text, "caution") for text in cautions]
    if key == "customer":
        at = next((i + 1 for i, b in enumerate(blocks) if isinstance(b, Figures)), len(blocks))
    else:
        at = next((i for i, b in enumerate(blocks) if not isinstance(b, Note)), len(blocks))
    return (*blocks[:at], *notes, *blocks[at:])


def _attendees(meeting: schema.Meeting) -> tuple[str, ...]:
    people = [f"{a.name} ({a.role})" if a.role else a.name for a in meeting.attendees]
    for guest in meeting.guests:
        if guest.chatham_house:
            people.append(say("pack.protected_guest"))
        else:
            people.append(say("pack.guest", name=guest.name, organisation=guest.organisation))
    return tuple(people)


def file_stem(name: str, period: str, kind: str) -> str:
    """``northwind-utilities-2026-11-leadership-pack``: clear, dated, and never too long."""
    return f"{slug(name)[:60].rstrip('-')}-{period}-{kind}"


def slug(text: str) -> str:
    """``St Bríd's Hospitals`` → ``st-brids-hospitals``: accents folded, apostrophes dropped."""
    plain = re.sub(r"'", "", fold(text))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "pack"


# --- appendix ----------------------------------------------------------------------------------


def _themes_counted(month: MonthData, signal: CustomerSignal) -> list[Block]:
    """How each theme's mentions were counted, when any was counted from the comments; and
    how verbatims were picked from them, when any was."""
    a = month.answers
    if a is None or not a.commented or not any(t.counted for t in month.themes):
        return []
    lines = tuple(
        say(
            "pack.theme_counted",
            name=t.name,
            mentions=f"{t.mentions:,}",
            one=t.mentions == 1,
            keywords=list(t.keywords),
        )
        if t.counted
        else say("pack.theme_typed", name=t.name, mentions=f"{t.mentions:,}", one=t.mentions == 1)
        for t in signal.ranked_themes()
    )
    earlier = any(s.themes_counted for s in signal.history)
    notes = [
        say(
            "pack.themes_counted_method",
            unmatched=f"{a.unmatched:,}",
            commented=f"{a.commented:,}",
            share=round(100 * a.unmatched / a.commented),
            earlier=earlier,
        )
    ]
    if month.picked:
        notes.append(say("pack.picked_method", quotes=THEME_QUOTES))
    return [Bullets(say("pack.themes_counted_heading"), lines), Note(" ".join(notes))]


def _appendix(
    month: MonthData,
    signal: CustomerSignal,
    insights: Iterable[Insight],
    decided: LastMeeting | None = None,
) -> tuple[Block, ...]:
    sources = tuple(
        say("pack.withheld_source")
        if path in month.withheld
        else f"{path.name} ({'YAML' if path.suffix in ('.yaml', '.yml') else 'survey export'})"
        for path in month.files
    )
    if decided is not None:  # the last meeting's outcomes.yaml, for its decisions taken
        sources += (say("pack.outcomes_source", period=decided.period),)
    blocks: list[Block] = [Bullets("Sources this month", sources)]
    nps = signal.nps
    a = month.answers
    first, last = (a.first, a.last) if a is not None else (None, None)
    oldest = window_start(month.meeting.period)
    facts = say_lines(
        "pack.customer_figures",
        answers=f"{nps.n:,}",
        margin=number(nps.margin, 1) if nps.margin is not None else None,
        blank=f"{a.blank:,}" if a is not None else None,
        first=short_date(first) if first and last else None,
        last=short_date(last) if first and last else None,
        outside=f"{a.outside:,}" if a is not None and a.outside else None,
        outside_span=a.outside_span if a is not None else "",
        period=month_label(month.meeting.period),
        # only the months whose figures were used: one left out of the trends is not compared
        compared=[
            (month_label(s.period), s.left_out.what if s.left_out else "")
            for s in signal.history
            if s.period >= oldest and (s.nps or s.complaints is not None or s.themes)
        ],
    )
    blocks.append(Bullets("Customer figures", facts))
    blocks += _themes_counted(month, signal)
    blocks.append(Note(say("pack.method", low_n=LOW_N, tolerance=number(AT_RISK_TOLERANCE * 100))))
    fired = {i.rule for i in insights}
    blocks.append(
        Bullets(
            say("pack.reasoning_heading"),
            tuple(
                say("pack.reasoning_rule", description=description, applies=name in fired)
                for name, description in describe()
            ),
        )
    )
    return tuple(blocks)

"""The recap after the meeting, composed from the Pack and the month's own outcomes.yaml.

What the room decided, the new and changed actions grouped by owner with their due dates,
what each department takes away (its decisions, its actions and what the room said about it),
the actions still overdue once the meeting's changes are applied to the log, and the next
meeting's date. The outcomes arrive validated and protected by the pipeline (a protected
guest's name replaced in free text, an owner naming one refused); the action log comes from
the Pack as the meeting saw it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from agenda import schema
from agenda.briefs import memo_stem
from agenda.formatting import day_label, short_date
from agenda.history import months_before
from agenda.model import ActionRow, Block, Bullets, Memo, MemoPart, Note, Pack
from agenda.order import ACTIONS_SLOT, SECTIONS
from agenda.scaffold import same_weekday
from agenda.text import say

_TITLES = {spec.key: spec.title for spec in (*SECTIONS, ACTIONS_SLOT)}
_ORDER = {spec.key: n for n, spec in enumerate((*SECTIONS, ACTIONS_SLOT))}


def next_meeting(period: str, day: dt.date, outcomes: schema.Outcomes) -> tuple[dt.date, bool]:
    """The next meeting's date, and whether it is set: outcomes.yaml's ``next_meeting`` when
    given, else the same weekday and week of next month (the date ``agenda init`` writes into
    next month's meeting.yaml), to be confirmed."""
    if outcomes.next_meeting is not None:
        return outcomes.next_meeting, True
    year, month = (int(p) for p in months_before(period, -1).split("-"))
    return same_weekday(day, year, month), False


def recap(pack: Pack, outcomes: schema.Outcomes, period: str) -> Memo:
    """The recap of the meeting ``pack`` was made for, from its ``outcomes``."""
    cover = pack.cover
    log = pack.actions
    before = {r.id: r for r in (*log.rows, *log.closed)} if log else {}
    changes = {a.id: _change(a, before.get(a.id)) for a in outcomes.actions}
    when, confirmed = next_meeting(period, pack.date, outcomes)
    parts = (
        _decisions(outcomes),
        _by_owner(outcomes, changes, new=sum(a.id not in before for a in outcomes.actions)),
        _cascade(outcomes, changes),
        _overdue(pack, outcomes),
        MemoPart(
            say("recap.next_heading"),
            (
                Note(
                    say("recap.next_set", date_label=day_label(when))
                    if confirmed
                    else say("recap.next_expected", date_label=day_label(when))
                ),
            ),
        ),
    )
    return Memo(
        kind="recap",
        title=say("recap.title"),
        subtitle=say("recap.subtitle", organisation=cover.organisation, meeting=cover.title),
        opening=(say("recap.opening", date_label=cover.date_label),),
        confidentiality=say(
            "recap.confidentiality",
            organisation=cover.organisation,
            protected_guests=cover.protected_guests,
        ),
        parts=parts,
        file_stem=memo_stem(pack, "recap"),
        date=pack.date,
        organisation=cover.organisation,
        period_label=cover.period_label,
        labels=pack.labels,
    )


def _change(action: schema.Action, before: ActionRow | None) -> str:
    """How an action of the outcomes differs from the log the meeting saw: new, or each
    change (status, due date, owner, section, wording), or confirmed unchanged."""
    if before is None:  # a new action already done or blocked says so
        return say("recap.action_new", status=action.status)
    found = []
    if action.status != before.status:
        found.append(say("recap.changed_status", before=before.status, after=action.status))
    if action.due != before.due:
        found.append(say("recap.changed_due", before=short_date(before.due)))
    if action.owner != before.owner:
        found.append(say("recap.changed_owner", before=before.owner))
    if _TITLES[action.section] != before.section:
        found.append(say("recap.changed_section", before=before.section))
    if action.title != before.title:
        found.append(say("recap.changed_title"))
    return say("recap.action_changed", changes=found) if found else say("recap.action_same")


def _decisions(outcomes: schema.Outcomes) -> MemoPart:
    taken = sorted(outcomes.decisions, key=lambda d: _ORDER[d.section])
    items: tuple[Block, ...] = (
        (
            Bullets(
                "",
                tuple(
                    say(
                        "recap.decision",
                        title=d.title,
                        section=_TITLES[d.section],
                        owner=d.owner,
                        actions=d.actions,
                    )
                    for d in taken
                ),
            ),
        )
        if taken
        else (Note(say("recap.no_decisions")),)
    )
    lead = say("recap.decisions_lead", count=len(taken)) if taken else ""
    return MemoPart(say("recap.decisions_heading"), items, lead=lead)


def _by_owner(outcomes: schema.Outcomes, changes: dict[str, str], *, new: int) -> MemoPart:
    """The outcomes' actions grouped by owner (owners in alphabetical order), each owner's
    by due date."""
    owners = sorted({a.owner for a in outcomes.actions}, key=str.casefold)
    items: list[Block] = []
    for owner in owners:
        mine = sorted((a for a in outcomes.actions if a.owner == owner), key=lambda a: a.due)
        items.append(
            Bullets(
                owner,
                tuple(
                    say(
                        "recap.action",
                        id=a.id,
                        title=a.title,
                        due=short_date(a.due),
                        section=_TITLES[a.section],
                        change=changes[a.id],
                    )
                    for a in mine
                ),
            )
        )
    if not items:
        return MemoPart(say("recap.actions_heading"), (Note(say("recap.no_actions")),))
    lead = say("recap.actions_lead", new=new, changed=len(changes) - new)
    return MemoPart(say("recap.actions_heading"), tuple(items), lead=lead)


def _cascade(outcomes: schema.Outcomes, changes: dict[str, str]) -> MemoPart:
    """Per agenda slot, in running order: what the room said, what it decided and the
    actions it agreed; the slots with nothing are named together at the end."""
    items: list[Block] = []
    nothing = []
    for key, title in _TITLES.items():
        note = getattr(outcomes.notes, key)
        lines = [say("recap.cascade_note", note=note)] if note else []
        lines += [
            say("recap.cascade_decision", title=d.title, owner=d.owner)
            for d in outcomes.decisions
            if d.section == key
        ]
        lines += [
            say(
                "recap.cascade_action",
                id=a.id,
                title=a.title,
                owner=a.owner,
                due=short_date(a.due),
                change=changes[a.id],
            )
            for a in sorted(outcomes.actions, key=lambda a: a.due)
            if a.section == key
        ]
        if lines:
            items.append(Bullets(title, tuple(lines)))
        elif key != ACTIONS_SLOT.key:
            nothing.append(title)
    if nothing:
        items.append(Note(say("recap.cascade_nothing", sections=nothing)))
    return MemoPart(say("recap.cascade_heading"), tuple(items))


def _overdue(pack: Pack, outcomes: schema.Outcomes) -> MemoPart:
    """The open and blocked actions past their due date at the meeting, once the outcomes'
    new and changed actions are applied to the log the meeting saw."""
    today = pack.date
    merged: dict[str, ActionRow | schema.Action] = {
        r.id: r for r in (pack.actions.rows if pack.actions else ())
    }
    merged.update({a.id: a for a in outcomes.actions})
    late = [item for item in merged.values() if item.status != "done" and item.due < today]
    late.sort(key=lambda item: (_order(item), item.due, item.id))
    lines = tuple(
        say(
            "recap.overdue_item",
            id=item.id,
            title=item.title,
            owner=item.owner,
            due=short_date(item.due),
            flag=_flag(item, today),
        )
        for item in late
    )
    items: Sequence[Block] = (Bullets("", lines),) if lines else (Note(say("recap.no_overdue")),)
    lead = say("recap.overdue_lead", count=len(lines)) if lines else ""
    return MemoPart(say("recap.overdue_heading"), tuple(items), lead=lead)


def _order(item: ActionRow | schema.Action) -> int:
    if isinstance(item, ActionRow):
        return next(n for n, spec in enumerate(SECTIONS) if spec.title == item.section)
    return _ORDER[item.section]


def _flag(item: ActionRow | schema.Action, today: dt.date) -> str:
    """An action's overdue flag: the log's own for an action the meeting left as it was, the
    same wording, from its new due date, for one it changed."""
    if isinstance(item, ActionRow) and item.flag:
        return item.flag
    return say("actions.overdue_by", days=(today - item.due).days)

"""What each agenda slot asks of the room this month: its purpose and the question it answers.

Why: a board paper states whether it is for decision, discussion or noting, and what it asks
(the Chartered Governance Institute's cover sheets). A slot's purpose is set in meeting.yaml
(``purposes:``) or derived from the data: a decision pending in its section is for decision;
questions the data raises make it for discussion; otherwise it is for noting, and the notings
are taken together as one consent block so their minutes can go to the customer. The customer
slot is never for noting: its stories are told to be discussed. The focus question comes from
what the rules found this month, the section's generic question only when they found nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from agenda.actions import Carried, standing
from agenda.errors import Problem
from agenda.facilitation import lead_cell
from agenda.model import Purpose, Slot, Table, ThemeCard
from agenda.order import SLOT_KEYS
from agenda.rules import Insight
from agenda.signal import CustomerSignal
from agenda.text import say
from agenda.validate import MonthData

#: The minutes one item for noting needs in a consent block: enough to ask whether anyone
#: wants it discussed.
CONSENT_MINUTES = 5


@dataclass(frozen=True)
class SlotAsk:
    """What one slot asks of the room: its purpose and, when the data says, its question."""

    purpose: Purpose
    focus: str = ""  #: "" when the data raises nothing: the section's generic question stands
    #: the focus when this month's data drew it (not a pending decision's own words), else ""
    drawn: str = ""


def slot_asks(
    month: MonthData,
    signal: CustomerSignal,
    insights: Sequence[Insight],
    raised: Mapping[str, Sequence[str]],
    carried: Carried,
    cards: Sequence[ThemeCard] = (),
) -> dict[str, SlotAsk]:
    """Each slot's ask, keyed by slot key; ``raised`` holds the questions each section's data
    raised beyond the rules (a frontline guest, a theme nobody owns); ``cards`` are the top
    themes' cards, which say who owns each."""
    decisions = month.actions.decisions if month.actions else []
    set_in = month.meeting.purposes
    asks: dict[str, SlotAsk] = {}
    for key in SLOT_KEYS:
        pending = [d for d in decisions if d.section == key]
        found = [i for i in insights if i.section == key]
        focus = drawn = next((i.focus for i in found if i.focus), "")
        if not focus and pending:  # the decision's own words: asked on its own row already
            focus = say("agenda.focus_decision", title=pending[0].title, more=len(pending) - 1)
        if key == "customer" and (told := _customer_focus(cards)):
            focus = drawn = told
        if key == "actions":
            focus = drawn = _actions_focus(carried)
        derived: Purpose = (
            "decision"
            if pending
            else "discussion"
            if any(i.question for i in found) or raised.get(key) or key == "customer" or focus
            else "noting"
        )
        chosen = getattr(set_in, key, None)
        asks[key] = SlotAsk(chosen or derived, focus, drawn)
    return asks


def _customer_focus(cards: Sequence[ThemeCard]) -> str:
    """The top themes, and which of them nobody owns yet."""
    if not cards:
        return ""
    unowned = [c.name for c in cards if c.question]
    return say("agenda.focus_customer_themes", themes=[c.name for c in cards], unowned=unowned)


def _actions_focus(carried: Carried) -> str:
    now = standing(carried.open)
    if not now.overdue and not now.blocked:
        return ""
    # each action once, the overdue first (oldest first), then those only blocked: one both
    # overdue and blocked is named once with both ("A-3 (blocked, overdue)")
    blocked = {r.id for r in now.blocked}
    late = {r.id for r in now.overdue}
    named = [(r.id, True, r.id in blocked) for r in now.overdue]
    named += [(r.id, False, True) for r in now.blocked if r.id not in late]
    return say(
        "agenda.focus_actions_late",
        late=[r.id for r in now.overdue],
        blocked=[r.id for r in now.blocked],
        named=named,
    )


def purpose_problems(month: MonthData) -> list[Problem]:
    """A slot set for decision with no decision pending in it: the agenda would ask the room
    to decide nothing. (Noting a slot with a decision pending, or the customer slot, is
    refused when the month is validated.)"""
    decisions = month.actions.decisions if month.actions else []
    return [
        month.problem(
            "meeting",
            ("purposes", key),
            say("agenda.decision_without_decision", section=key),
        )
        for key in SLOT_KEYS
        if getattr(month.meeting.purposes, key) == "decision"
        and not any(d.section == key for d in decisions)
    ]


def noting_problems(month: MonthData, agenda: Sequence[Slot]) -> list[Problem]:
    """An item for noting given more minutes than the customer slot: suggest taking it in the
    consent block and giving its minutes to the customer, where the meeting's time is worth
    most. (A squeezed customer slot is warned about on its own, with the same suggestion.)"""
    customer = next(s for s in agenda if s.key == "customer")
    longer = [s for s in agenda if s.purpose == "noting" and s.minutes > customer.minutes]
    return [
        month.problem(
            "meeting",
            ("minutes", slot.key),
            say(
                "agenda.noting_minutes",
                section=slot.title,
                minutes=slot.minutes,
                needed=CONSENT_MINUTES,
                customer=customer.minutes,
            ),
        )
        for slot in longer
    ]


def spare_minutes(agenda: Sequence[Slot]) -> tuple[list[str], int]:
    """The items for noting and the minutes a consent block would free from them."""
    noting = [s for s in agenda if s.purpose == "noting"]
    spare = sum(max(s.minutes - CONSENT_MINUTES, 0) for s in noting)
    return [s.title for s in noting], spare


def consent_line(agenda: Sequence[Slot]) -> str:
    """The items for noting in one sentence: the consent block under the agenda."""
    noting = [s for s in agenda if s.purpose == "noting"]
    if not noting:
        return ""
    return say("agenda.consent", items=[f"{s.title} ({s.times})" for s in noting])


def room_table(month: MonthData, agenda: Sequence[Slot], asks: Mapping[str, SlotAsk]) -> Table:
    """The meeting's asks in running order, each with its owner and an empty cell to record
    what was agreed: each decision pending in a slot, and each slot for discussion's question
    where this month's data drew it (a generic question asks nothing the room can agree; the
    customer's names the top themes nobody owns)."""
    decisions = month.actions.decisions if month.actions else []
    rows: list[tuple[str, str, str, str]] = []
    for slot in agenda:
        lead = lead_cell(slot)
        for d in (d for d in decisions if d.section == slot.key):
            rows.append(
                (slot.title, say("agenda.room_decision", title=d.title), d.owner or lead, "")
            )
        asked = asks[slot.key].drawn if slot.purpose != "noting" else ""
        if asked:
            rows.append((slot.title, asked, lead, ""))
    return Table(
        say("agenda.room_title"),
        ("Section", "Ask", "Owner", "Agreed"),
        tuple(rows),
        caption=say("agenda.room_caption"),
    )

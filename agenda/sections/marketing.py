"""The Marketing section."""

from __future__ import annotations

from agenda import schema
from agenda.model import Block, Note, Table
from agenda.sections import Built
from agenda.sections._shared import NOT_STATED, when
from agenda.signal import CustomerSignal
from agenda.text import say
from agenda.validate import MonthData


def build(marketing: schema.Marketing, month: MonthData, signal: CustomerSignal) -> Built:
    """The Marketing section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = []
    for label, items in (("Programmes", marketing.programmes), ("Events", marketing.events)):
        if not items:
            continue
        rows = tuple(
            (
                item.name,
                item.audience,
                when(item.when),
                item.goal or "–",
                item.expected_reaction or NOT_STATED,
            )
            for item in items
        )
        finding = say(
            "sections.marketing_finding",
            events=label == "Events",
            count=len(items),
            without=sum(1 for item in items if item.expected_reaction is None),
        )
        blocks.append(
            Table(
                label,
                ("Name", "Audience", "When", "Goal", "Expected customer reaction"),
                rows,
                finding=finding,
            )
        )
    if not blocks:
        blocks.append(Note(say("sections.marketing_empty"), "empty"))
    return tuple(blocks), ()  # their questions come from agenda.rules

"""The Operations section."""

from __future__ import annotations

from collections.abc import Sequence

from agenda import schema
from agenda.formatting import with_unit
from agenda.model import Block, Bullets, Note, Status, Table
from agenda.nps import signed
from agenda.rules import green_slas_finding, green_while_worse
from agenda.sections import Built
from agenda.sections._shared import status_counts
from agenda.signal import CustomerSignal
from agenda.status import sla_status
from agenda.text import say
from agenda.validate import MonthData, find_theme


def build(operations: schema.Operations, month: MonthData, signal: CustomerSignal) -> Built:
    """The Operations section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = []
    if operations.slas:
        judged = [(sla, sla_status(sla)) for sla in operations.slas]
        counts = status_counts(st for _, st in judged)
        blocks.append(
            Note(
                say(
                    "sections.operations_summary",
                    on_track=counts["On track"],
                    at_risk=counts["At risk"],
                    off_track=counts["Off track"],
                    total=len(judged),
                )
            )
        )
        rows = tuple(
            (
                sla.name,
                with_unit(sla.target, sla.unit),
                with_unit(sla.actual, sla.unit),
                "Higher" if sla.higher_is_better else "Lower",
                st,
                theme.name if (theme := find_theme(sla.theme, signal.themes)) else "–",
            )
            for sla, st in judged
        )
        worse = green_while_worse(operations, signal)
        finding = (
            green_slas_finding(worse)
            if worse
            else say(
                "sections.operations_finding",
                on_track=counts["On track"],
                at_risk=counts["At risk"],
                off_track=counts["Off track"],
                total=len(judged),
            )
        )
        blocks.append(
            Table(
                "Service levels",
                ("Service level", "Target", "Actual", "Better", "Status", "Customer theme"),
                rows,
                status_column=4,
                numeric_columns=(1, 2),
                finding=finding,
            )
        )
        linked = _slas_beside_customers(judged, signal)
        if linked is not None:
            blocks.append(linked)
    if operations.improvements:
        blocks.append(Bullets("Improvements under way", tuple(operations.improvements)))
    if not blocks:
        blocks.append(Note(say("sections.operations_empty"), "empty"))
    return tuple(blocks), ()  # their questions come from agenda.rules


def _slas_beside_customers(
    judged: Sequence[tuple[schema.Sla, Status]], signal: CustomerSignal
) -> Table | None:
    """Each SLA linked to a customer theme, next to what customers said about that theme."""
    rows = []
    grew: dict[str, bool | None] = {}  # each linked theme: grew since it is compared, or None
    for sla, st in judged:
        theme = find_theme(sla.theme, signal.themes)
        if theme is None:
            continue
        then = signal.theme_previous(theme)
        grew[theme.name] = theme.mentions > then if then is not None else None
        apart = signal.not_comparable_said(theme)  # counted another way then: no change
        mentions = f"{theme.mentions:,}" + (
            f" ({signed(theme.mentions - then)})" if then is not None else ""
        )
        if apart is not None:
            mentions = say("sections.operations_mentions_apart", mentions=mentions, why=apart)
        said = next((v for v in signal.verbatims if v.tagged(theme.name)), None)
        rows.append(
            (sla.name, st, theme.name, mentions, f"“{said.text}”" if said else "Nothing quoted")
        )
    if not rows:
        return None
    return Table(
        say("sections.operations_beside_customers"),
        ("Service level", "Status", "Customer theme", "Mentions", say("sections.operations_said")),
        tuple(rows),
        status_column=1,
        numeric_columns=(3,),
        caption=say("sections.operations_mentions", since=signal.themes_since),
        finding=say(
            "sections.operations_beside_finding",
            slas=len(rows),
            themes=len(grew),
            compared=sum(1 for g in grew.values() if g is not None),
            grew=sum(1 for g in grew.values() if g),
        ),
    )

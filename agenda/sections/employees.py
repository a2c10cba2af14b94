"""The Employees section."""

from __future__ import annotations

from agenda import schema
from agenda.formatting import number
from agenda.model import Block, Bullets, Figure, Figures, Note, Quote, Table
from agenda.nps import signed
from agenda.rules import challenge_theme
from agenda.sections import Built
from agenda.sections._shared import direction
from agenda.signal import CustomerSignal, month_name
from agenda.text import say
from agenda.validate import MonthData


def build(employees: schema.Employees, month: MonthData, signal: CustomerSignal) -> Built:
    """The Employees section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = []
    figures = []
    if employees.engagement is not None:
        e = employees.engagement
        detail = (
            say(
                "sections.change_since",
                change=signed(e.score - e.previous, 1),
                since=month_name(signal.last_month, signal.period),
            )
            if e.previous is not None
            else ""
        )
        figures.append(Figure("Engagement", number(e.score), detail))
    if employees.enps is not None:
        figures.append(Figure("Employee NPS", signed(employees.enps)))
    if figures:
        engaged = employees.engagement
        change = (
            engaged.score - engaged.previous
            if engaged is not None and engaged.previous is not None
            else None
        )
        finding = say(
            "sections.employees_finding",
            engagement=number(engaged.score) if engaged is not None else None,
            direction=direction(change, 1) if change is not None else None,
            change=number(abs(round(change, 1))) if change is not None else None,
            since=month_name(signal.last_month, signal.period),
            enps=signed(employees.enps) if employees.enps is not None else None,
        )
        blocks.append(Figures(say("sections.employees_figures"), tuple(figures), finding=finding))
    for voice in employees.frontline:
        blocks.append(Quote(voice.quote, f"{voice.name}, {voice.role}"))
    if employees.challenges:
        linked = [(c, challenge_theme(c, signal.themes)) for c in employees.challenges]
        items = tuple(
            say("sections.employees_challenge", text=c.text, theme=theme.name) if theme else c.text
            for c, theme in linked
        )
        blocks.append(Bullets(say("sections.employees_challenges"), items))
    if employees.customer_objectives:
        blocks.append(
            Table(
                say("sections.employees_objectives"),
                ("Team", "Customer objective"),
                tuple((o.team, o.objective) for o in employees.customer_objectives),
            )
        )
    if not blocks:
        blocks.append(Note(say("sections.employees_empty"), "empty"))
    return tuple(blocks), ()

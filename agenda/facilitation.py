"""The facilitator's words: speaker notes and the labels writers place around content.

A pass over the composed Pack, shared by the unit and the group pack, so the writers only lay
out: each section gets its ``Cues`` (the slot line and purpose that open every slide's notes,
the questions that close them, what to say over stories, quotes, figures and charts), and the
pack gets its ``Labels``. Every word comes from ``templates/words/deck.j2``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace

from agenda.model import (
    Block,
    Chart,
    Cues,
    Labels,
    Narrative,
    Pack,
    Section,
    Slot,
    Table,
    ThemeCard,
)
from agenda.protect import PERSON
from agenda.signal import GUEST
from agenda.text import say


def facilitate(pack: Pack) -> Pack:
    """``pack`` with its speaker notes and labels phrased."""
    sections = tuple(_section(s) for s in pack.sections)
    actions = pack.actions
    if actions is not None:
        actions = replace(actions, cues=cues(actions.slot, actions.questions))
    words = labels()
    cover = pack.cover
    details = [cover.date_label, cover.location]
    details.append(words.chair.format(chair=cover.chair) if cover.chair else "")
    cover = replace(
        cover,
        subtitle=f"{cover.organisation} · {cover.period_label}",
        details=" · ".join(d for d in details if d),
        document_title=f"{cover.title} — {cover.organisation}",
    )
    return replace(
        pack,
        cover=cover,
        sections=sections,
        actions=actions,
        labels=words,
        agenda_table=agenda_table(pack.agenda),
        agenda_compact=compact_agenda(pack.agenda),
    )


def agenda_table(agenda: Sequence[Slot]) -> Table:
    """The agenda as a table: slot, section, time, lead, purpose (when known), the question
    it answers."""
    purposes = any(s.ask for s in agenda)  # the group pack's slots have none
    rows = tuple(
        (str(s.number), s.title, s.times, lead_cell(s), *((s.ask,) if purposes else ()), s.focus)
        for s in agenda
    )
    columns = ("#", "Section", "Time", "Lead", *(("Purpose",) if purposes else ()))
    return Table(say("deck.agenda"), (*columns, "Focus question"), rows)


def compact_agenda(agenda: Sequence[Slot]) -> Table:
    """The agenda beside the summary: section, time, lead and purpose (each section's question
    opens it in the deck); numbered when no purpose is known (the group pack)."""
    if any(s.ask for s in agenda):
        rows = tuple((s.title, s.times, lead_cell(s), s.ask) for s in agenda)
        return Table(say("deck.agenda"), ("Section", "Time", "Lead", "Purpose"), rows)
    rows = tuple((str(s.number), s.title, s.times, lead_cell(s)) for s in agenda)
    return Table(say("deck.agenda"), ("#", "Section", "Time", "Lead"), rows)


def lead_cell(slot: Slot) -> str:
    """The agenda's Lead cell: the lead named, or that none was."""
    return slot.lead or say("deck.lead_not_named")


def speaker_notes(
    slot_line: str, purpose: str, points: Sequence[str], questions: Sequence[str]
) -> str:
    """Speaker notes as every slide carries them: when, why, what to say, what to ask."""
    return "\n".join((_head(slot_line, purpose), *points, _ask(questions)))


def _head(slot_line: str, purpose: str) -> str:
    return "\n".join((slot_line, say("deck.notes_purpose", focus=purpose)))


def _ask(questions: Sequence[str]) -> str:
    return "\n".join((say("deck.notes_ask"), *(f"- {q}" for q in questions)))


def cues(slot: Slot, questions: Sequence[str], key: str = "") -> Cues:
    """The words around one slot's slides."""
    when = {
        "title": slot.title,
        "number": slot.number,
        "times": slot.times,
        "minutes": slot.minutes,
        "lead": slot.lead,
        "purpose": slot.purpose,
    }
    # the slot line says its purpose (for decision...); the notes then give its question
    head = "\n".join(
        (say("deck.notes_slot_line", **when), say("deck.notes_focus", focus=slot.focus))
    )
    ask = _ask(questions)
    return Cues(
        head=head,
        ask=ask,
        opening=(say("deck.open_slot"),),
        quotes=(say("deck.let_quotes_speak"),),
        figures=(say("deck.give_the_number"),),
        quotes_title=say("deck.quotes_title", customer=key == "customer"),
        notes_title=say("deck.notes_title", finance=key == "finance"),
        slot_line=say("deck.slot_line", **when),
        slot_sentence=say("deck.slot_sentence", **when),
    )


def labels() -> Labels:
    """The labels every writer places, phrased once: each field of ``Labels`` is the macro of
    the same name in ``templates/words/deck.j2``."""
    return Labels(**{f.name: say(f"deck.{f.name}") for f in fields(Labels)})


def _section(section: Section) -> Section:
    blocks = tuple(_with_notes(b) for b in section.blocks)
    return replace(section, blocks=blocks, cues=cues(section.slot, section.questions, section.key))


def _with_notes(block: Block) -> Block:
    if isinstance(block, Narrative):
        return replace(
            block,
            notes=(
                say("deck.read_story", who=PERSON if block.customer == GUEST else block.customer),
                say("deck.pause_story"),
            ),
        )
    if isinstance(block, ThemeCard):
        walk = say("deck.card_walk", name=block.name)
        asked = (say("deck.card_ask_owner", question=block.question),) if block.question else ()
        return replace(block, notes=(walk, block.trend, *asked))
    if isinstance(block, Chart):
        said = say("deck.chart_shows", alt=block.alt_text)
        return replace(block, notes=(said, block.caption) if block.caption else (said,))
    return block

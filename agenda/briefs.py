"""A department's brief before the meeting, composed once from the already-composed Pack.

The NPS article asks to present a department's customer results to that department first, and
to accent the positive. So a brief opens with the customer themes tied to the department (by
its SLAs' ``theme``, its people's challenges and voices, or an action or decision about the
theme), those whose mentions fell first; then its own figures as the pack's section shows them,
the questions the meeting will ask it, the decision it asks for, and its actions.

Nothing here reads a file or computes a figure: every line comes from the Pack (its sections,
every theme's card, its decision papers and action rows), which is protected (Chatham House,
personal data) and phrased already.
"""

from __future__ import annotations

from agenda.actions import standing, status_word
from agenda.compose import PACK_KIND
from agenda.formatting import short_date
from agenda.model import (
    Block,
    Bullets,
    CardPart,
    Chart,
    DecisionPaper,
    Figures,
    Memo,
    MemoItem,
    MemoPart,
    Note,
    Pack,
    Section,
    Table,
    ThemeCard,
    ThemeGroup,
)
from agenda.order import TOP_THEMES
from agenda.sections.customer import VERBATIMS_TITLE
from agenda.text import say

#: Verbatims shown under each theme in a brief (praise first): enough to hear it, one page.
BRIEF_QUOTES = 1

#: The card part whose lines a department's brief shows under a theme: what it measures
#: (Operations: its SLAs, each with its status) or what its people said (Employees).
_OWN_LINES = {"operations": "slas", "employees": "people"}

_TONES = {"praise": 0, "neutral": 1, "complaint": 2}


def briefed(pack: Pack) -> tuple[Section, ...]:
    """The sections a brief can be written for: those with data this month, or with something
    asked of them without it (a decision paper, an open action)."""
    acting = {r.section for r in pack.actions.rows} if pack.actions else set()
    return tuple(
        s
        for s in pack.sections
        if s.has_data or s.title in acting or any(isinstance(b, DecisionPaper) for b in s.blocks)
    )


def brief(pack: Pack, section: Section) -> Memo:
    """The brief for one section of ``pack`` (one with data)."""
    cover, slot = pack.cover, section.slot
    papers = tuple(b for b in section.blocks if isinstance(b, DecisionPaper))
    parts = [
        _results(pack, section),
        _figures(section),
        MemoPart(
            say("briefs.questions_heading"),
            (
                Note(section.cues.slot_sentence),
                Bullets(say("briefs.questions_title"), section.questions),
            ),
            lead=slot.focus,
        ),
    ]
    if papers:
        parts.append(MemoPart(say("briefs.decisions_heading", count=len(papers)), papers))
    parts.append(_actions(pack, section))
    return Memo(
        kind="brief",
        title=say("briefs.title", section=section.title),
        subtitle=say("briefs.subtitle", organisation=cover.organisation, meeting=cover.title),
        opening=(
            say(
                "briefs.for_whom",
                section=section.title,
                lead=slot.lead,
                date_label=cover.date_label,
            ),
            say("briefs.reading_order"),
        ),
        confidentiality=say(
            "briefs.confidentiality",
            organisation=cover.organisation,
            section=section.title,
            protected_guests=cover.protected_guests,
        ),
        parts=tuple(parts),
        file_stem=memo_stem(pack, f"{section.key}-brief"),
        date=pack.date,
        organisation=cover.organisation,
        period_label=cover.period_label,
        labels=pack.labels,
    )


def memo_stem(pack: Pack, kind: str) -> str:
    """The pack's own file stem with another kind: ``…-2026-11-operations-brief``."""
    return pack.file_stem.removesuffix(PACK_KIND) + kind


# --- 1. what customers say ------------------------------------------------------------------------


def _results(pack: Pack, section: Section) -> MemoPart:
    """The themes tied to the section, those whose mentions fell first, each with what the
    department does about it and what customers said (praise first)."""
    tied = [c for c in pack.themes if section.key in c.sections]
    if section.key == "customer":
        lead = say("briefs.results_all", count=len(tied)) if tied else say("briefs.results_none")
    elif tied:
        lead = say("briefs.results_tied", section=section.title, count=len(tied))
    else:
        tied = list(pack.themes[:TOP_THEMES])
        lead = (
            say("briefs.results_untied", section=section.title)
            if tied
            else say("briefs.results_none")
        )
    items: list[MemoItem] = []
    signal = _nps_finding(pack)
    if signal:
        items.append(Note(signal))
    improved = [c for c in tied if c.improved]
    rest = [c for c in tied if not c.improved]
    if improved:
        items.append(
            ThemeGroup(
                say("briefs.improved_heading"), tuple(_theme(c, section.key) for c in improved)
            )
        )
    if rest:
        items.append(
            ThemeGroup(
                say("briefs.to_improve_heading", any_improved=bool(improved)),
                tuple(_theme(c, section.key) for c in rest),
            )
        )
    return MemoPart(say("briefs.results_heading"), tuple(items), lead=lead)


def _nps_finding(pack: Pack) -> str:
    """The customer signal as the pack states it: the Customer section's headline finding."""
    customer = next((s for s in pack.sections if s.key == "customer"), None)
    blocks = customer.blocks if customer is not None else ()
    return next((b.finding for b in blocks if isinstance(b, Figures) and b.finding), "")


def _theme(card: ThemeCard, key: str) -> CardPart:
    """A theme as the brief shows it: its finding as the heading, the department's own lines
    about it (its SLAs with their status, or its people's words), and customers' words."""
    parts = {p.key: p for p in card.parts}
    own = parts.get(_OWN_LINES.get(key, ""))
    said = parts.get("said")
    quotes = sorted(said.quotes, key=lambda q: _TONES[q.tone]) if said else []
    return CardPart(
        card.finding,
        own.lines if own else (),
        tuple(quotes[:BRIEF_QUOTES]),
        said.empty if said else "",
        key="theme",
    )


# --- 2. the department's own figures --------------------------------------------------------------


def _figures(section: Section) -> MemoPart:
    """The section's figures, tables and notes as the Word pack shows them; a chart by its
    finding (its table, where it has one, follows); stories and quotes are left to the pack,
    and the verbatims are quoted theme by theme in the customer results."""
    items: list[Block] = []
    for block in section.blocks:
        if isinstance(block, Table) and block.title == VERBATIMS_TITLE:
            continue  # quoted theme by theme above, as customers' results
        match block:
            case Table() if block.word:
                items.append(block)
            case Chart() if block.word and block.finding:
                items.append(Note(block.finding))
            case Figures() | Note() | Bullets():
                items.append(block)
    if not items:
        items.append(Note(say("briefs.no_figures", section=section.title), "empty"))
    return MemoPart(
        say("briefs.figures_heading", section=section.title),
        tuple(items),
        lead=say("briefs.figures_lead"),
    )


# --- 5. the department's actions ------------------------------------------------------------------


def _actions(pack: Pack, section: Section) -> MemoPart:
    """The section's open and blocked actions (overdue ones flagged), and those closed since
    the last meeting, listed after them."""
    log = pack.actions
    rows = [r for r in log.rows if r.section == section.title] if log else []
    closed = [r for r in log.closed if r.section == section.title] if log else []
    items: list[Block] = []
    if rows:
        items.append(
            Table(
                say("briefs.actions_title"),
                ("ID", "Action", "Owner", "Due", "Status"),
                tuple((r.id, r.title, r.owner, short_date(r.due), status_word(r)) for r in rows),
            )
        )
    else:
        items.append(Note(say("briefs.no_actions", section=section.title)))
    if closed:
        items.append(
            Bullets(
                say("briefs.closed_title", first=log is not None and log.first),
                tuple(
                    say("briefs.closed_item", id=r.id, title=r.title, owner=r.owner) for r in closed
                ),
            )
        )
    now = standing(rows, closed)
    lead = say(
        "briefs.actions_lead",
        open=now.open,
        blocked=len(now.blocked),
        overdue=len(now.overdue),
        closed=now.closed,
        first=log is not None and log.first,
    )
    return MemoPart(say("briefs.actions_heading"), tuple(items), lead=lead)

"""Theme cards: each of the top customer themes with everything the pack knows about it, joined.

A theme is a number in the themes table, its service levels sit in Operations, the actions about
it on the action log and what colleagues say about it in Employees. A card puts them side by side
for each of the top ``TOP_THEMES`` themes, ends in who owns the theme (or asks the room who will),
and is laid out by each writer as one Word subsection and one slide.
"""

from __future__ import annotations

from collections.abc import Sequence

from agenda import schema
from agenda.actions import Carried, status_word
from agenda.formatting import short_date, with_unit
from agenda.keywords import CountedTheme, theme_key
from agenda.model import Block, CardLine, CardPart, Table, ThemeCard
from agenda.order import SECTIONS, THEME_QUOTES, TOP_THEMES
from agenda.rules import challenge_theme
from agenda.sections._shared import direction, storyteller
from agenda.sections.customer import THEMES_TITLE, quote
from agenda.signal import CustomerSignal, month_name
from agenda.status import sla_status
from agenda.text import say
from agenda.validate import MonthData, find_theme

#: A line of mentions over this many months with data, or more, is a trend; fewer is not.
TREND_MONTHS = 3

#: Statuses that call for the room's attention on a card (with the word, never colour alone).
_ALERTS = ("Off track", "At risk")


def theme_cards(
    month: MonthData, signal: CustomerSignal, carried: Carried
) -> tuple[list[ThemeCard], list[str], tuple[ThemeCard, ...]]:
    """A card for each of the top themes, the questions they raise for the room (who owns a
    theme nobody owns), and every theme's card, ranked (for the department briefs)."""
    every = tuple(_card(theme, month, signal, carried) for theme in signal.ranked_themes())
    cards = list(every[:TOP_THEMES])
    return cards, [c.question for c in cards if c.question], every


def with_cards(blocks: Sequence[Block], cards: Sequence[ThemeCard]) -> tuple[Block, ...]:
    """The Customer section's blocks with the cards right after the themes table (its Word
    and deck copies), where the reader has just met the themes' ranking."""
    if not cards:
        return tuple(blocks)
    at = max(
        (n + 1 for n, b in enumerate(blocks) if isinstance(b, Table) and b.title == THEMES_TITLE),
        default=len(blocks),
    )
    return (*blocks[:at], *cards, *blocks[at:])


def _card(
    theme: CountedTheme, month: MonthData, signal: CustomerSignal, carried: Carried
) -> ThemeCard:
    name = theme.name  # as typed, quoted in the sentences: never lowercased ("CSAT")
    typed = find_theme(theme.name, month.customer.themes)
    owner_name = typed.owner if typed is not None else None
    next_step = typed.next_step if typed is not None else None
    if owner_name:
        owner = CardLine(
            say(
                "cards.owner",
                name=owner_name,
                role=_role(owner_name, month.meeting),
                next_step=next_step,
            ),
        )
        question = ""
    else:
        owner = CardLine(say("cards.no_owner", name=name, next_step=next_step), alert=True)
        question = say("cards.owner_question", name=name)
    previous = signal.theme_previous(theme)
    compared = signal.theme_compared_period(theme)
    change = theme.mentions - previous if previous is not None else None
    finding = say(
        "cards.finding",
        name=theme.name,
        mentions=f"{theme.mentions:,}",
        one=theme.mentions == 1,
        change=say("cards.change", direction=direction(change), amount=f"{abs(change):,}")
        if change is not None
        else None,
        since=month_name(compared, signal.period) if compared is not None else None,
        owner=owner_name,
        not_comparable=signal.not_comparable_said(theme),
    )
    parts = (  # the voices first (customers', then colleagues'), then what we measure and do
        _said(theme, month, signal),
        _people(theme, month, signal),
        _slas(theme, month, signal),
        _actions(theme, carried),
    )
    return ThemeCard(
        title=say("cards.title", name=theme.name),
        name=theme.name,
        finding=finding,
        trend=_trend(theme, signal),
        owner=owner,
        parts=parts,
        question=question,
        improved=change < 0 if change else None,
        sections=_tied(theme, parts, carried),
    )


_KEYS = {spec.title: spec.key for spec in SECTIONS}


def _tied(theme: CountedTheme, parts: Sequence[CardPart], carried: Carried) -> tuple[str, ...]:
    """The sections a theme is tied to: Customer always; Operations by a linked SLA, Employees
    by a linked challenge or voice; any section by an action or decision about it."""
    wanted = theme_key(theme.name)
    tied = {"customer"}
    tied |= {"operations" for p in parts if p.key == "slas" and p.lines}
    tied |= {"employees" for p in parts if p.key == "people" and p.lines}
    rows = (*carried.open, *carried.closed)
    tied |= {_KEYS[r.section] for r in rows if theme_key(r.theme) == wanted}
    tied |= {_KEYS[d.section] for d in carried.decisions if theme_key(d.theme) == wanted}
    return tuple(spec.key for spec in SECTIONS if spec.key in tied)


def _role(name: str, meeting: schema.Meeting) -> str | None:
    """The owner's role when the meeting names them as an attendee with one."""
    wanted = name.strip().casefold()
    return next(
        (a.role for a in meeting.attendees if a.name.strip().casefold() == wanted and a.role),
        None,
    )


def _trend(theme: CountedTheme, signal: CustomerSignal) -> str:
    """Mentions month by month over the trend's months, from the first with data (a month
    without is said so, never estimated); under ``TREND_MONTHS`` months with data, no trend.
    A month that counted the theme the other way (typed by hand, or from comments) is shown
    marked so and is not a point of the trend."""
    wanted = theme_key(theme.name)
    points: list[tuple[str, int | None]] = []
    apart: set[str] = set()  # months that counted the theme the other way (typed or counted)
    months = signal.trend()
    if theme.previous is not None and all(p != signal.last_month for p, _ in months):
        months = [(signal.last_month, None), *months]  # no earlier folder: its `previous` counts
    for period, earlier in months:
        if period == signal.period:
            points.append((period, theme.mentions))
        elif period == signal.last_month and theme.previous is not None:
            points.append((period, theme.previous))  # its own `previous` wins, as in the table
        else:
            given = earlier.themes if earlier else {}
            found = [key for key in given if theme_key(key) == wanted]
            points.append((period, sum(given[k] for k in found) if found else None))
            if found and earlier and any(k in earlier.counted for k in found) != theme.counted:
                apart.add(period)  # counted the other way that month: not on the same line
    known = [n for n, (p, v) in enumerate(points) if v is not None and p not in apart]
    shown = [n for n, (_, v) in enumerate(points) if v is not None]
    points = points[shown[0] :] if shown else points

    def point(period: str, value: int | None) -> str:
        other = period in apart and value is not None
        return say(
            "cards.point",
            month=month_name(period, signal.period),
            mentions=_count(value),
            other_way=("typed" if theme.counted else "counted") if other else None,
        )

    said = [point(p, v) for p, v in points]
    if len(known) < TREND_MONTHS:
        listed = [point(p, v) for p, v in points if v is not None]
        return say("cards.no_trend", months=len(known), points=listed)
    return say("cards.trend", points=said)


def _count(value: int | None) -> str | None:
    return f"{value:,}" if value is not None else None


def _said(theme: CountedTheme, month: MonthData, signal: CustomerSignal) -> CardPart:
    """The stories and verbatims tagged with the theme (those picked from the survey for it
    count as tagged), as the pack shows them: masked and protected already."""
    stories = [n for n in month.customer.narratives if n.tagged(theme.name)]
    said = [v for v in signal.verbatims if v.tagged(theme.name)][:THEME_QUOTES]
    return CardPart(
        say("cards.said_heading"),
        tuple(CardLine(say("cards.story", title=n.title, who=storyteller(n))) for n in stories),
        tuple(quote(v) for v in said),
        say("cards.said_empty"),
        "said",
    )


def _slas(theme: CountedTheme, month: MonthData, signal: CustomerSignal) -> CardPart:
    """The service levels linked to the theme, each with its computed status."""
    operations = month.sections.get("operations")
    slas = operations.slas if isinstance(operations, schema.Operations) else []
    lines = []
    for sla in slas:
        linked = find_theme(sla.theme, signal.themes)
        if linked is None or theme_key(linked.name) != theme_key(theme.name):
            continue
        status = sla_status(sla)
        text = say(
            "cards.sla",
            name=sla.name,
            actual=with_unit(sla.actual, sla.unit),
            target=with_unit(sla.target, sla.unit),
        )
        lines.append(CardLine(text, status, status in _ALERTS))
    return CardPart(
        say("cards.slas_heading"), tuple(lines), empty=say("cards.slas_empty"), key="slas"
    )


def _actions(theme: CountedTheme, carried: Carried) -> CardPart:
    """The actions on the log (open, blocked, done since the last meeting) and the decisions
    needed that are about the theme, each with its status and how overdue."""
    wanted = theme_key(theme.name)
    lines = []
    for row in (*carried.open, *carried.closed):
        if theme_key(row.theme) != wanted:
            continue
        text = say(
            "cards.action", id=row.id, title=row.title, owner=row.owner, due=short_date(row.due)
        )
        if row.status == "done":
            lines.append(CardLine(text, say("cards.closed_status", first=carried.first)))
        else:
            lines.append(
                CardLine(text, status_word(row), bool(row.flag) or row.status == "blocked")
            )
    for decision in carried.decisions:
        if theme_key(decision.theme) == wanted:
            text = say("cards.decision", title=decision.title, owner=decision.owner)
            lines.append(CardLine(text, say("cards.decision_status")))
    return CardPart(
        say("cards.actions_heading"), tuple(lines), empty=say("cards.actions_empty"), key="actions"
    )


def _people(theme: CountedTheme, month: MonthData, signal: CustomerSignal) -> CardPart:
    """What employees said about the theme: the challenges linked to it (as Employees links
    them) and the front-line voices tagged with it."""
    employees = month.sections.get("employees")
    lines = []
    if isinstance(employees, schema.Employees):
        wanted = theme_key(theme.name)
        for challenge in employees.challenges:
            linked = challenge_theme(challenge, signal.themes)
            if linked is not None and theme_key(linked.name) == wanted:
                lines.append(CardLine(say("cards.challenge", text=challenge.text)))
        for voice in employees.frontline:
            linked = find_theme(voice.theme, signal.themes)
            if linked is not None and theme_key(linked.name) == wanted:
                text = say("cards.voice", quote=voice.quote, name=voice.name, role=voice.role)
                lines.append(CardLine(text))
    return CardPart(
        say("cards.people_heading"), tuple(lines), empty=say("cards.people_empty"), key="people"
    )

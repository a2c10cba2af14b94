"""Plan the deck from a Pack: which slides, in what order, with what on them and in the notes.

A pure step (no python-pptx here), so slide order, chunking of long tables and notes can be
tested without opening PowerPoint. The emitter in ``pptx_writer`` only draws what is planned.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from agenda.errors import RenderError
from agenda.model import (
    ActionLog,
    Block,
    Bullets,
    CardPart,
    Chart,
    Cover,
    Cues,
    DecisionPaper,
    Figures,
    Labels,
    Narrative,
    Note,
    Pack,
    Quote,
    Section,
    Slot,
    Summary,
    Table,
    ThemeCard,
)
from packs import text_metrics
from packs.table_layout import fit_columns, lines_needed
from packs.text_metrics import DEFAULT_FONT

Kind = Literal[
    "title",
    "agenda",
    "divider",
    "narrative",
    "quotes",
    "figures",
    "table",
    "bullets",
    "text",
    "chart",
    "lists",
    "tables",
    "summary",
    "card",
    "decision",
]

#: Slide geometry in inches (16:9) and the type sizes the layout estimates assume.
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
BODY_TOP = 1.25
BODY_BOTTOM = SLIDE_H - 0.45
TABLE_PT = 14
TABLE_SIZES = (16, 14, 12)
#: The average character the table layout counts in (0.518 em), per point of type, in inches:
#: only a unit of width; text itself is measured in its font (``packs.text_metrics``).
CHAR_IN_PER_PT = 0.0072
LINE_IN_PER_PT = 0.0175  # line height per point of type, in inches
#: How much taller a line of Chinese, Japanese or Korean is drawn (the CJK fonts' ascent and
#: descent: Noto Sans CJK's line is about 1.45 em against Carlito's 1.22)
CJK_LINE = 1.2


def line_scale(*texts: str) -> float:
    """How much taller than a Latin line the lines holding ``texts`` are drawn: ``CJK_LINE``
    when any holds an East Asian wide character, else 1."""
    return CJK_LINE if any(text_metrics.has_wide(t) for t in texts) else 1.0


CELL_PAD_IN = 0.12
MAX_QUOTES = 4
MAX_BULLETS = 6
#: Most characters of one note on a slide; a longer note continues as another.
STORY_CHARS = 1400
#: Most characters of quotes on one slide, all quotes together.
QUOTE_CHARS = 640
#: Table cells and bullet points longer than this are shortened on slides (Word keeps them).
CELL_CHARS = 280
BULLET_CHARS = 420
TITLE_CHARS = 150


#: A content slide's title: each type size tried, largest first, with the most lines it may
#: take there (the title box holds one line at 28 pt, two at 24 or 20, three at 16), and the
#: width its text has (the layouts' title, inside its insets).
TITLE_SIZES = ((28, 1), (24, 2), (20, 2), (16, 3))
TITLE_W = SLIDE_W - 2 * MARGIN - 0.2
#: A name shortened inside a title keeps at least this many characters.
NAME_MIN = 24


def title_fits(
    text: str, font: str | None = DEFAULT_FONT, sizes: Sequence[tuple[int, int]] = TITLE_SIZES
) -> bool:
    """True when ``text`` takes no more than its lines at one of ``sizes`` in the title's
    width, measured in the heading font (bold, to be safe)."""
    return any(
        text_metrics.lines_needed(text, TITLE_W, font, pt, bold=True) <= most for pt, most in sizes
    )


def keep_point(
    title: str, names: Sequence[str], font: str | None = DEFAULT_FONT, part: str = ""
) -> str:
    """``title`` (with ``part`` after it) as it fits its box with its point kept: a long name
    in it (a top theme's) is shortened at a word, with an ellipsis, as little as makes the
    title fit two lines at 24 pt, else three at 16; unchanged when it fits as it is, or holds
    no such name (it is then cut at its end, as before)."""
    if title_fits(title + part, font, TITLE_SIZES[:2]):
        return title
    found = [n for n in sorted(names, key=len, reverse=True) if n in title and len(n) > NAME_MIN]
    if not found:
        return title
    name = found[0]
    words = name.split()
    for sizes in (TITLE_SIZES[:2], TITLE_SIZES):
        for k in range(len(words) - 1, 0, -1):
            short = " ".join(words[:k]).rstrip(",;:. ") + "…"
            if len(short) < NAME_MIN:
                break
            candidate = title.replace(name, short, 1)
            if title_fits(candidate + part, font, sizes):
                return candidate
    return title


@dataclass(frozen=True)
class Divider:
    """What a section's opening slide shows."""

    slot: Slot
    intro: str
    empty: str  #: the "no data supplied" note, when the section has no file
    slot_line: str = ""  #: the slot's time, length and lead, in one line
    #: the section's opening notes with its cautions, beneath the slot line, when they fit
    notes: tuple[Note, ...] = ()
    note_pt: int = 16  #: the notes' type size
    #: the focus question as the slide shows it (shortened only as a last resort: the notes
    #: hold it whole), its type size and the height (in) of its box, as measured
    focus: str = ""
    focus_pt: int = 22
    focus_h: float = 0.0
    #: where the box of the slot line, intro and notes starts (in from the top): below what
    #: the question really takes
    top: float = 0.0


#: The divider's box under the focus question (in from the top, when the question fits the
#: layout's box), the inset from the slide's sides, and the type size of its slot line, intro
#: and notes.
DIVIDER_TOP = 4.75
DIVIDER_BOTTOM = 7.3
DIVIDER_INSET = 0.8
DIVIDER_PT = 16
DIVIDER_NOTE_SIZES = (16, 14)
#: The focus question's box: where the shipped Section Header layout puts its body (in from
#: the top, and its height), the insets of its text, the gap kept above the slot line, and
#: each type size tried, largest first, with the most lines it may take there.
FOCUS_TOP = 3.61
FOCUS_H = 1.09
FOCUS_INSETS = 0.1
FOCUS_GAP = 0.05
FOCUS_SIZES = ((22, 2), (20, 3), (18, 4), (16, 6))


def focus_height(text: str, pt: int, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of the focus question's box holding ``text`` at ``pt`` in the body font:
    its measured lines (taller for CJK), the text's insets, never less than the layout's box."""
    width = SLIDE_W - 2 * DIVIDER_INSET - 0.25  # inside the placeholder's side insets
    lines = text_metrics.lines_needed(text, width, font, pt) * line_scale(text)
    return max(FOCUS_H, lines * LINE_IN_PER_PT * pt + FOCUS_INSETS + 0.05)


def fit_divider(
    divider: Divider, labels: Labels, font: str | None = DEFAULT_FONT, *, shorten_ok: bool = True
) -> Divider | None:
    """The divider with its focus question sized to fit: the largest type size at which the
    question takes no more than its lines and leaves room below it for the slot line, intro
    and notes, which start just below what the question takes. As a last resort, at the
    smallest size, the question is shortened with an ellipsis (``shorten_ok``; the speaker
    notes hold it whole); None when it does not fit without (the notes then need a slide)."""
    question = divider.slot.focus
    below = divider_height(divider, labels, font)

    def placed(text: str, pt: int) -> Divider | None:
        height = focus_height(text, pt, font)
        top = max(DIVIDER_TOP, FOCUS_TOP + height + FOCUS_GAP)
        if top + below > DIVIDER_BOTTOM:
            return None
        return replace(divider, focus=text, focus_pt=pt, focus_h=height, top=top)

    width = SLIDE_W - 2 * DIVIDER_INSET - 0.25
    for pt, most in FOCUS_SIZES:
        lines = text_metrics.lines_needed(question, width, font, pt)
        if lines <= most and (fitted := placed(question, pt)) is not None:
            return fitted
    if not shorten_ok:
        return None
    pt, most = FOCUS_SIZES[-1]
    limit = len(question)
    while limit > 20:
        limit = int(limit * 0.9)
        text = shorten(question, limit)
        lines = text_metrics.lines_needed(text, width, font, pt)
        if lines <= most and (fitted := placed(text, pt)) is not None:
            return fitted
    # nothing fits beside a long intro: one line of the question, the rest in the notes
    text = shorten(question, 20)
    height = focus_height(text, pt, font)
    return replace(divider, focus=text, focus_pt=pt, focus_h=height, top=DIVIDER_TOP)


def divider_height(divider: Divider, labels: Labels, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of the slot line, intro and notes in the divider's box."""
    width = SLIDE_W - 2 * DIVIDER_INSET - 0.25
    extra = divider.empty or divider.intro
    lines = text_metrics.lines_needed(divider.slot_line, width, font, DIVIDER_PT, bold=True)
    lines += text_metrics.lines_needed(extra, width, font, DIVIDER_PT) if extra else 0
    height = lines * LINE_IN_PER_PT * DIVIDER_PT * 1.05 + 0.24 + (0.15 if extra else 0.0)
    if divider.notes:
        height += 0.15 + notes_height(divider.notes, labels, font, divider.note_pt, width)
    return height


@dataclass(frozen=True)
class TableSlide:
    """One slide's share of a table, the type size chosen so it fits, and row heights (in);
    with the section's short notes above it (``before``) or beneath it (``after``) when they
    fit, each with its measured height (in)."""

    table: Table
    pt: int
    heights: tuple[float, ...] = ()  #: header row first
    widths: tuple[float, ...] = ()  #: column widths (in), the same on every part of the table
    before: tuple[Note, ...] = ()
    before_h: float = 0.0
    after: tuple[Note, ...] = ()
    after_h: float = 0.0
    note_pt: int = 16  #: the notes' type size
    #: the short lists that follow the table (what customers said about the top themes),
    #: beneath it at ``lists_pt`` when they fit, with their measured height
    lists: tuple[Bullets, ...] = ()
    lists_h: float = 0.0
    lists_pt: int = 16


@dataclass(frozen=True)
class StoryPart:
    """A narrative, or the part of a long one that fits on this slide, at ``pt``."""

    narrative: Narrative
    text: str
    part: int = 1
    parts: int = 1
    pt: int = 24  #: the story's type size: the largest of ``STORY_SIZES`` that fits


#: A story's panel (in from the top of the slide), the type sizes it is set in (never below
#: the last: a longer story continues on the next slide) and its line spacing.
STORY_TOP = BODY_TOP + 0.1
STORY_BOTTOM = BODY_BOTTOM - 1.0
STORY_SIZES = (24, 20, 18, 16)
STORY_SPACING = 1.1


def story_size(text: str, font: str | None = DEFAULT_FONT) -> int | None:
    """The largest of ``STORY_SIZES`` at which ``text`` fits the story's panel, measured in
    ``font``; None when it does not fit even at the smallest."""
    width = SLIDE_W - 2 * MARGIN - 0.4  # inside the panel's margins
    height = STORY_BOTTOM - STORY_TOP - 0.3
    for pt in STORY_SIZES:
        lines = text_metrics.lines_needed(text, width, font, pt)
        if lines * LINE_IN_PER_PT * pt * STORY_SPACING * line_scale(text) <= height:
            return pt
    return None


def story_parts(text: str, font: str | None = DEFAULT_FONT) -> list[tuple[str, int]]:
    """A story as the fewest slide-sized parts that each fit at a readable size, split at
    sentence ends into parts of even length, each with its type size."""
    for count in range(1, len(text) // 200 + 2):
        limit = math.ceil(len(text) / count * 1.1) if count > 1 else len(text) + 1
        parts = split_text(text, max(limit, 200))
        sizes = [story_size(part, font) for part in parts]
        if all(sizes):
            return [
                (part, size or STORY_SIZES[-1]) for part, size in zip(parts, sizes, strict=True)
            ]
    parts = split_text(text, 200)  # no measured split fits: short parts, the smallest size
    return [(part, STORY_SIZES[-1]) for part in parts]


@dataclass(frozen=True)
class QuoteSlide:
    """The quotes that fit on one slide, in order, and a short list that follows them in the
    section (the guest invited from the front line), beneath them when it fits; below the
    section's figures when quotes follow them and fit at their own size."""

    quotes: tuple[Quote, ...]
    aside: Bullets | None = None
    figures: Figures | None = None  #: a row of figure cards above the quotes
    cards_h: float = 0.0  #: the cards' measured height (in)

    @property
    def top(self) -> float:
        """Where the quote panels start (in): below the figure cards, if any."""
        return BODY_TOP + (self.cards_h + CARDS_GAP if self.figures is not None else 0.0)


@dataclass(frozen=True)
class FigureSlide:
    """A row of figures and the notes (at most three) that follow it, shown beneath; with the
    charts that follow them side by side between the two (compact cards above) when they keep
    a readable height, each under its own finding."""

    figures: Figures
    notes: tuple[Note, ...] = ()
    charts: tuple[Chart, ...] = ()
    notes_h: float = 0.0  #: measured height (in) of the notes beneath charts
    heading_h: float = 0.0  #: measured height (in) of the tallest chart heading
    cards_h: float = 0.0  #: the compact cards' measured height (in), with charts
    caption_h: float = 0.0  #: measured height (in) of the tallest chart caption, or 0

    @property
    def chart_top(self) -> float:
        """Where the charts' headings start (in): below the compact cards."""
        return BODY_TOP + self.cards_h + CARDS_GAP

    @property
    def chart_bottom(self) -> float:
        """Where the charts (with their captions) end (in): above the notes."""
        return BODY_BOTTOM - (self.notes_h + NOTE_GAP if self.notes else 0.0)


@dataclass(frozen=True)
class ListsSlide:
    """Short lists of one group on one slide, each under its own heading, at ``pt``."""

    lists: tuple[Bullets, ...]
    pt: int = 16


@dataclass(frozen=True)
class StackSlide:
    """Small tables one under another on one slide, each under its own heading (its finding)
    but the first when the slide's title states it, each caption right beneath its table;
    below a row of figure cards, if any."""

    tables: tuple[TableSlide, ...]
    headings: tuple[str, ...]  #: one per table, "" where the slide's title states its point
    heading_h: float  #: measured height (in) of the tallest heading
    figures: Figures | None = None
    caption_hs: tuple[float, ...] = ()  #: measured height (in) of each table's caption, or 0
    cards_h: float = 0.0  #: the cards' measured height (in)


@dataclass(frozen=True)
class SummarySlide:
    """The month in brief beside the compact agenda: the summary's parts at ``pt`` on the
    left, ``height`` tall (measured), the agenda table on the right."""

    summary: Summary
    agenda: TableSlide | None  #: None: the summary alone across the body, the agenda next
    pt: int
    height: float

    @property
    def parts(self) -> tuple[Bullets, ...]:
        """The summary's headed lists (``Summary.parts``)."""
        return self.summary.parts


#: The summary slide: the agenda's width on the right, the gap beside it, the type sizes of
#: the summary tried (largest first) and of the agenda.
SUMMARY_AGENDA_W = 4.6
SUMMARY_GAP = 0.35
SUMMARY_SIZES = (18, 16, 14)
SUMMARY_AGENDA_SIZES = (14, 12)


def summary_width(beside: bool = True) -> float:
    """Width (in) of the summary's column: left of the agenda, or the body's when alone."""
    return SLIDE_W - 2 * MARGIN - (SUMMARY_AGENDA_W + SUMMARY_GAP if beside else 0.0)


def summary_height(
    summary: Summary, pt: int, font: str | None = DEFAULT_FONT, beside: bool = True
) -> float:
    """Height (in) of the summary's column at ``pt``: the customer sentence, then each part."""
    width = summary_width(beside)
    opening = text_metrics.lines_needed(summary.customer, width, font, pt, bold=True)
    parts = summary.parts
    lists = lists_height(parts, pt, font, width) if parts else 0.0
    return opening * LINE_IN_PER_PT * pt * 1.05 + 0.15 + lists


#: How long each sentence of the summary may be on its slide, tried in turn until it fits
#: (None: as written; the Word pack always has them whole).
SUMMARY_LIMITS = (None, 200, 140, 90)


def _summary_slide(pack: Pack, font: str | None) -> SummarySlide | None:
    """The summary and the compact agenda side by side, when both fit the body; else the
    summary alone across the body (the agenda then follows on its own slide), its sentences
    shortened on the slide until they fit; None when there is no summary."""
    if pack.summary is None:
        return None
    for limit in SUMMARY_LIMITS:
        summary = _shortened(pack.summary, limit)
        beside = _beside(pack, summary, font)
        if beside is not None:
            return beside
        for pt in SUMMARY_SIZES:
            height = summary_height(summary, pt, font, beside=False)
            if height <= BODY_BOTTOM - BODY_TOP:
                return SummarySlide(summary, None, pt, height)
    summary = _shortened(pack.summary, SUMMARY_LIMITS[-1])
    pt = SUMMARY_SIZES[-1]  # the parts are capped in agenda/: this is not reached in practice
    return SummarySlide(summary, None, pt, summary_height(summary, pt, font, beside=False))


def _shortened(summary: Summary, limit: int | None) -> Summary:
    """``summary`` with each sentence cut to ``limit`` characters at a word (None: whole)."""
    if limit is None:
        return summary

    def cut(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(shorten(item, limit) for item in items)

    return replace(
        summary,
        customer=shorten(summary.customer, limit + 60),
        findings=cut(summary.findings),
        asks=cut(summary.asks),
        since=cut(summary.since),
    )


def _beside(pack: Pack, summary: Summary, font: str | None) -> SummarySlide | None:
    """The summary and the compact agenda side by side, when both fit the body."""
    agenda = None
    for pt in SUMMARY_AGENDA_SIZES:
        table = pack.agenda_compact
        widths = fit_columns(
            table.columns,
            table.rows,
            SUMMARY_AGENDA_W,
            CHAR_IN_PER_PT * pt,
            CELL_PAD_IN,
            font=font,
        )
        heights = (
            row_height(table.columns, widths, pt, font=font, bold=range(len(table.columns))),
            *(row_height(r, widths, pt, font=font) for r in table.rows),
        )
        if sum(heights) <= BODY_BOTTOM - BODY_TOP:
            agenda = TableSlide(table, pt, heights, tuple(widths))
            break
    if agenda is None:
        return None
    for pt in SUMMARY_SIZES:
        height = summary_height(summary, pt, font)
        if height <= BODY_BOTTOM - BODY_TOP:
            return SummarySlide(summary, agenda, pt, height)
    return None


@dataclass(frozen=True)
class CardSlide:
    """A theme card on one slide: the trend and the owner in a band across the top, what
    customers and colleagues said in the left column, the service levels and the actions in the
    right, at ``pt``. ``parts`` are the card's as the slide shows them (entries shortened,
    the last dropped until they fit); ``more`` says how many of each part's entries the slide
    leaves to the Word pack."""

    card: ThemeCard
    parts: tuple[CardPart, ...]
    more: tuple[int, ...]
    pt: int
    band_h: float  #: measured height (in) of the band
    left_h: float  #: measured height (in) of the left column
    right_h: float  #: measured height (in) of the right column

    @property
    def left(self) -> tuple[tuple[CardPart, int], ...]:
        """The left column's parts with how many entries each leaves out: the voices."""
        return tuple(zip(self.parts, self.more, strict=True))[:CARD_LEFT_PARTS]

    @property
    def right(self) -> tuple[tuple[CardPart, int], ...]:
        """The right column's parts with how many entries each leaves out: the rest."""
        return tuple(zip(self.parts, self.more, strict=True))[CARD_LEFT_PARTS:]


#: A theme card's slide: the columns' widths and the gap between them, the band's inner margin
#: and the gap beneath it, the type sizes tried (largest first), and how long each entry may be
#: on the slide, tried in turn (None: as written; the Word pack has them whole).
CARD_LEFT_W = 5.95
#: How many of a card's parts (in the card's order) its left column holds: what customers and
#: colleagues said; the right holds what is measured and done.
CARD_LEFT_PARTS = 2
CARD_COLUMN_GAP = 0.4
CARD_BAND_PAD = 0.2
CARD_BAND_GAP = 0.25
CARD_SIZES = (16, 14, 13, 12)
#: Space after each paragraph of a card's columns (in): 4 pt, as drawn.
CARD_SPACE = 4 / 72
CARD_LIMITS = (None, 220, 160)


def card_right_width() -> float:
    """Width (in) of a theme card's right column."""
    return SLIDE_W - 2 * MARGIN - CARD_LEFT_W - CARD_COLUMN_GAP


def card_entries(part: CardPart, more: int, labels: Labels) -> tuple[str, ...]:
    """A card part's entries as a slide shows them, one paragraph each: its quotes (with
    their attribution), its lines (with their status), what it says when it has none, and
    how many more the Word pack has."""
    if not part.count and not more:
        return (part.empty,)
    lines = tuple(
        f"{line.text} · {line.status}" if line.status else line.text for line in part.lines
    )
    quotes = tuple(f"“{q.text}” ({q.attribution})" for q in part.quotes)
    return (*lines, *quotes, *((labels.more.format(count=more),) if more else ()))


def card_band_height(card: ThemeCard, pt: int, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of a theme card's band: the trend, then the owner in bold."""
    width = SLIDE_W - 2 * MARGIN - 2 * CARD_BAND_PAD
    lines = text_metrics.lines_needed(card.trend, width, font, pt) * line_scale(card.trend)
    lines += text_metrics.lines_needed(card.owner.text, width, font, pt, bold=True) * line_scale(
        card.owner.text
    )
    return lines * LINE_IN_PER_PT * pt * 1.05 + 0.08 + 2 * 0.12


def card_column_height(
    parts: Sequence[tuple[CardPart, int]],
    pt: int,
    width: float,
    labels: Labels,
    font: str | None = DEFAULT_FONT,
) -> float:
    """Height (in) of a theme card's column ``width`` wide: each part's heading over its
    entries, with the spacing the slide draws (``CARD_SPACE`` after each paragraph,
    ``LIST_GAP`` above each heading but the first)."""
    lines = 0.0
    paragraphs = 0
    for part, more in parts:
        lines += text_metrics.lines_needed(part.heading, width, font, pt, bold=True)
        for entry in card_entries(part, more, labels):
            count = text_metrics.lines_needed(entry, width - LIST_INDENT, font, pt)
            lines += count * line_scale(entry)
        paragraphs += 1 + len(card_entries(part, more, labels))
    gaps = LIST_GAP * max(len(parts) - 1, 0)
    return lines * LINE_IN_PER_PT * pt * 1.05 + CARD_SPACE * paragraphs + gaps


def _card_fits(plan: CardSlide) -> bool:
    used = plan.band_h + CARD_BAND_GAP + max(plan.left_h, plan.right_h)
    return used <= BODY_BOTTOM - BODY_TOP


def _card_plan(
    card: ThemeCard,
    parts: tuple[CardPart, ...],
    more: tuple[int, ...],
    pt: int,
    labels: Labels,
    font: str | None,
) -> CardSlide:
    pairs = tuple(zip(parts, more, strict=True))
    return CardSlide(
        card,
        parts,
        more,
        pt,
        card_band_height(card, pt, font),
        card_column_height(pairs[:CARD_LEFT_PARTS], pt, CARD_LEFT_W, labels, font),
        card_column_height(pairs[CARD_LEFT_PARTS:], pt, card_right_width(), labels, font),
    )


def _card_shortened(part: CardPart, limit: int | None) -> CardPart:
    if limit is None:
        return part
    return replace(
        part,
        quotes=tuple(replace(q, text=shorten(q.text, limit)) for q in part.quotes),
        lines=tuple(replace(line, text=shorten(line.text, limit)) for line in part.lines),
    )


def _card_dropped(part: CardPart) -> CardPart:
    """``part`` without its last entry as drawn (lines first, then quotes)."""
    if part.quotes:
        return replace(part, quotes=part.quotes[:-1])
    return replace(part, lines=part.lines[:-1])


def card_slide(card: ThemeCard, labels: Labels, font: str | None = DEFAULT_FONT) -> CardSlide:
    """A theme card planned on one slide that it never overruns: at the largest size that
    fits, its entries shortened if they must be, and at the smallest, the last entries of the
    taller column's longest part left to the Word pack (the slide says how many)."""
    zero = tuple(0 for _ in card.parts)
    whole = card
    for limit in CARD_LIMITS:
        parts = tuple(_card_shortened(p, limit) for p in whole.parts)
        if limit is not None:  # the band's owner and next step too (a long next step)
            card = replace(whole, owner=replace(whole.owner, text=shorten(whole.owner.text, limit)))
        for pt in CARD_SIZES:
            plan = _card_plan(card, parts, zero, pt, labels, font)
            if _card_fits(plan):
                return plan
    pt = CARD_SIZES[-1]
    more = list(zero)
    kept = list(parts)
    while not _card_fits(plan := _card_plan(card, tuple(kept), tuple(more), pt, labels, font)):
        left = range(min(CARD_LEFT_PARTS, len(kept)))
        column = left if plan.left_h >= plan.right_h else range(len(left), len(kept))
        n = max(column, key=lambda k: (kept[k].count, -k), default=None)
        if n is None or kept[n].count == 0:
            break  # nothing left to drop: the band alone is too tall (a 2,000-word trend?)
        kept[n] = _card_dropped(kept[n])
        more[n] += 1
    return plan


@dataclass(frozen=True)
class DecisionSlide:
    """A decision's paper on one slide: the ask under the title, the context across the
    body, then its parts (a paper with options: the options on the left, the recommendation,
    cost, risk and decide-by on the right; else one column), at ``pt``, measured; entries
    shortened (``shortened``) only when nothing else fits, the Word pack having them whole."""

    paper: DecisionPaper  #: as shown: its entries shortened when ``shortened``
    pt: int
    ask_h: float  #: measured height (in) of the ask
    context_h: float  #: measured height (in) of the context, 0 without one
    left: tuple[Bullets, ...]  #: each part as a heading over its items
    right: tuple[Bullets, ...]  #: () when the parts take one column
    parts_h: float  #: measured height (in) of the taller column
    shortened: bool = False

    @property
    def parts_top(self) -> float:
        """Where the columns of parts start (in from the top of the slide)."""
        context = self.context_h + PAPER_GAP if self.context_h else 0.0
        return BODY_TOP + self.ask_h + PAPER_GAP + context

    @property
    def height(self) -> float:
        """The body's height (in) the paper takes."""
        return self.parts_top - BODY_TOP + self.parts_h


#: A decision's slide: the type sizes tried (largest first), how long an entry may be, tried
#: in turn (None: whole), the gap between the ask, context and parts, and between columns.
PAPER_SIZES = (24, 20, 18, 16, 14)
PAPER_LIMITS = (None, 240, 160, 100)
PAPER_GAP = 0.2
PAPER_COLUMN_GAP = 0.4


def paper_column_width(columns: int) -> float:
    """Width (in) of each of ``columns`` columns of a decision's parts across the body."""
    return (SLIDE_W - 2 * MARGIN - PAPER_COLUMN_GAP * (columns - 1)) / columns


def _paper_slide(paper: DecisionPaper, font: str | None) -> DecisionSlide:
    """The decision's paper at the largest size that fits the body whole; else its entries
    shortened, step by step, until it fits (the caption then says the Word pack has them)."""
    width = SLIDE_W - 2 * MARGIN
    fallback: DecisionSlide | None = None
    for limit in PAPER_LIMITS:
        shown = replace(
            paper,
            context=_cut(paper.context, limit),
            parts=tuple(
                replace(p, items=tuple(_cut(i, limit) for i in p.items)) for p in paper.parts
            ),
        )
        lists = tuple(Bullets(p.label, p.items) for p in shown.parts)
        split = len(lists) > 1 and len(lists[0].items) > 1  # the options on the left
        left, right = (lists[:1], lists[1:]) if split else (lists, ())
        column = paper_column_width(2 if split else 1)
        room = BODY_BOTTOM - BODY_TOP - (CAPTION_ROOM if limit is not None else 0.0)
        for pt in PAPER_SIZES:
            ask_h = _text_height(shown.ask, width, font, pt, bold=True)
            said = shown.context or shown.bare
            context_h = _text_height(said, width, font, pt) if said else 0.0
            parts_h = max(
                (lists_height(side, pt, font, column) for side in (left, right) if side),
                default=0.0,
            )
            plan = DecisionSlide(
                shown, pt, ask_h, context_h, left, right, parts_h, limit is not None
            )
            fallback = plan
            if plan.height <= room:
                return plan
    assert fallback is not None
    return fallback  # the shortest entries at the smallest size: not reached in practice


def _cut(text: str, limit: int | None) -> str:
    """``text`` shortened to ``limit`` characters at a word (None: whole)."""
    return text if limit is None else shorten(text, limit)


def _text_height(
    text: str, width: float, font: str | None, pt: int, *, bold: bool = False
) -> float:
    """Height (in) of ``text`` set ``width`` wide at ``pt``."""
    lines = text_metrics.lines_needed(text, width, font, pt, bold=bold) * line_scale(text)
    return lines * LINE_IN_PER_PT * pt * 1.05 + 0.05


@dataclass(frozen=True)
class TextSlide:
    """A run of notes that fits on one slide."""

    notes: tuple[Note, ...]


#: What a slide shows: one type per way of drawing it (the agenda and tables share one).
Content = (
    Cover
    | Divider
    | StoryPart
    | QuoteSlide
    | FigureSlide
    | TableSlide
    | Bullets
    | ListsSlide
    | StackSlide
    | TextSlide
    | Chart
    | SummarySlide
    | CardSlide
    | DecisionSlide
)


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its kind, title, content and speaker notes."""

    kind: Kind
    title: str
    notes: str
    section: str | None  #: the section key, "actions", or None for the title and agenda
    content: Content
    kicker: str = ""  #: the section's name, small above the title of its content slides
    #: the slot line and the focus question beside the kicker, on the one slide of a section
    #: that needs no divider; () elsewhere
    opener: tuple[str, ...] = ()


def plan_deck(
    pack: Pack, font: str | None = DEFAULT_FONT, heading_font: str | None = ""
) -> list[SlidePlan]:
    """Lay the pack out as slides in the pack's (customer-first) order.

    ``font`` is the body font the deck is drawn in (the theme's), so tables and bullets are
    measured in it; ``None`` or a font the metrics do not know is measured wide, to be safe.
    ``heading_font`` is the titles' ("" for the body font's).
    """
    heading = font if heading_font == "" else heading_font
    # the top themes' names: a title too long for its box shortens the name inside it
    names = tuple(b.name for s in pack.sections for b in s.blocks if isinstance(b, ThemeCard))
    table = replace(pack.agenda_table, caption=pack.consent)  # the consent block beneath
    agenda = SlidePlan(
        "agenda", table.title, pack.agenda_notes, None, table_slides(table, pack.labels, font)[0][0]
    )
    slides = [SlidePlan("title", pack.cover.title, pack.title_notes, None, pack.cover)]
    brief = _summary_slide(pack, font)
    if brief is not None:  # the month in brief second, the compact agenda beside it if it fits
        notes = pack.summary_notes or pack.agenda_notes
        slides.append(SlidePlan("summary", brief.summary.title, notes, None, brief))
    if brief is None or brief.agenda is None:
        slides.append(agenda)
    for section in pack.sections:
        slides += _section_slides(section, pack.labels, font, heading, names)
    if pack.actions is not None:
        slides += _action_slides(pack.actions, pack.labels, font)
    room = room_slides(pack.room, font)
    slides += [  # continued as other long tables are: "(1 of 2)", "(cont., 2 of 2)"
        SlidePlan(
            "table", pack.room.title + _part(n, len(room), pack.labels), pack.room_notes, None, part
        )
        for n, part in enumerate(room, 1)
    ]
    return _unique_titles(slides, pack.labels)


def _unique_titles(slides: list[SlidePlan], labels: Labels) -> list[SlidePlan]:
    """Give every slide its own title (screen readers list slides by title): a title met again
    in another section takes that section's name; the later slides of one section that share
    a title are told apart ("(2 of 2 with this title)"), never numbered as parts: only a slide
    that really continues another is ("(cont., 2 of 2)", given where it is planned)."""
    sections: dict[str, set[str | None]] = {}
    for plan in slides:
        sections.setdefault(plan.title, set()).add(plan.section)
    named = [
        replace(p, title=f"{p.title} ({p.kicker})")
        if len(sections[p.title]) > 1 and p.kicker
        else p
        for p in slides
    ]
    at: dict[str, list[int]] = {}
    for n, plan in enumerate(named):
        at.setdefault(plan.title, []).append(n)
    out = list(named)
    for title, where in at.items():
        if len(where) < 2:
            continue
        for k, n in enumerate(where[1:], 2):
            again = labels.again.format(n=k, total=len(where))
            out[n] = replace(named[n], title=f"{title} {again}")
    return out


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters, marked with an ellipsis;
    where no space is near the limit (Chinese or Japanese, a URL), at the limit itself."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0]
    if len(cut) < 0.6 * len(head):  # the last space is far back: keep what fits
        cut = head
    return cut.rstrip(",;:. ") + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Split prose into parts of at most ``limit`` characters, at sentence ends where possible."""
    sentences = re.split(r"(?<=[.!?…])\s+", text.strip())
    parts: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:  # one enormous sentence: cut at words
            head = shorten(sentence, limit - 2).removesuffix("…")
            if current:
                parts.append(current)
                current = ""
            parts.append(head + " …")
            sentence = sentence[len(head) :].lstrip()
        candidate = f"{current} {sentence}".strip()
        if len(candidate) > limit and current:
            parts.append(current)
            current = sentence
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts or [""]


def _notes(cues: Cues, points: Sequence[str]) -> str:
    """A slide's speaker notes: the slot and its purpose, what to say here, what to ask."""
    return "\n".join((cues.head, *points, cues.ask))


def _section_slides(
    section: Section,
    labels: Labels,
    font: str | None,
    heading: str | None = DEFAULT_FONT,
    names: Sequence[str] = (),
) -> list[SlidePlan]:
    cues = section.cues

    def slide(
        kind: Kind, subtitle: str, content: Content, points: Sequence[str], part: str = ""
    ) -> SlidePlan:
        full = f"{subtitle}{part}" if subtitle else section.title
        title = full
        pointed = keep_point(subtitle, names, heading, part) if subtitle else subtitle
        if pointed != subtitle:  # a long theme name shortened inside it: the point stays
            title = f"{pointed}{part}"
            points = [labels.full_title.format(title=full), *points]
        elif len(full) > TITLE_CHARS and not title_fits(full, heading):
            title = f"{shorten(subtitle, TITLE_CHARS - len(part))}{part}"  # keep "(cont., 2 of 3)"
            points = [labels.full_title.format(title=full), *points]
        kicker = section.title if subtitle else ""  # a divider names its section itself
        plan = SlidePlan(kind, title, _notes(cues, points), section.key, content, kicker)
        said[id(plan)] = list(points)
        return plan

    said: dict[int, list[str]] = {}  # what each slide's notes say of its content

    blocks = [b for b in section.blocks if on_deck(b)]
    empty = ""
    lead_notes: list[Note] = []
    # Notes that open a section go on its divider, its cautions too when all of them fit
    # beneath the slot line; else those from the first caution on earn a slide.
    opening = 0
    while opening < len(blocks) and isinstance(blocks[opening], Note):
        opening += 1
    notes = tuple(n for n in blocks[:opening] if isinstance(n, Note) and n.kind != "empty")
    cautioned = any(n.kind == "caution" for n in notes)
    fitting: list[Divider] = []  # with the question whole, beside the notes at each size
    for pt in DIVIDER_NOTE_SIZES:
        d = Divider(section.slot, section.intro, "", cues.slot_line, notes, pt)
        if (fitted := fit_divider(d, labels, font, shorten_ok=False)) is not None:
            fitting.append(fitted)
    if cautioned and fitting:
        divider = fitting[0]
        del blocks[:opening]
        opening_points = [*cues.opening, *(n.text for n in notes if n.kind == "caution")]
        slides = [slide("divider", "", divider, opening_points)]
    else:
        while blocks and isinstance(first := blocks[0], Note) and first.kind != "caution":
            blocks.pop(0)
            if first.kind == "empty":
                empty = first.text
            else:
                lead_notes.append(first)
        intro = " ".join(filter(None, [section.intro, *(n.text for n in lead_notes)]))
        opening_points = [*cues.opening, *([empty] if empty else [])]
        d = Divider(section.slot, intro, empty, cues.slot_line)
        divider = fit_divider(d, labels, font) or d  # shortening always fits
        slides = [slide("divider", "", divider, opening_points)]

    # Every branch consumes at least the block at ``i``, so the loop always ends.
    lead: tuple[Note, ...] = ()  # short notes waiting to go above the table that follows
    cards: Figures | None = None  # figures waiting to go above the quotes that follow
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if not isinstance(block, Quote):
            cards = None
        cards_top = BODY_TOP + cards_height(cards, font) + CARDS_GAP if cards else BODY_TOP
        if isinstance(block, Narrative):
            story = story_parts(block.story, font)
            for n, (text, pt) in enumerate(story, 1):
                slides.append(
                    slide(
                        "narrative",
                        block.title,
                        StoryPart(block, text, n, len(story), pt),
                        [
                            *block.notes,
                            *(
                                [labels.story_parts.format(total=len(story))]
                                if len(story) > 2 and n == 1
                                else []
                            ),
                        ],
                        _part(n, len(story), labels),
                    )
                )
        elif isinstance(block, Quote):
            run = [block]
            while i < len(blocks) and isinstance(quote := blocks[i], Quote):
                run.append(quote)
                i += 1
            quote_chunks = chunk_quotes(run, labels)
            aside = None
            if i < len(blocks) and isinstance(after := blocks[i], Bullets):
                shortened = replace(
                    after, items=tuple(shorten(item, BULLET_CHARS) for item in after.items)
                )
                top = cards_top if len(quote_chunks) == 1 else BODY_TOP
                if aside_fits(quote_chunks[-1], shortened, font, top):
                    aside = shortened
                    i += 1
            for n, quotes in enumerate(quote_chunks, 1):
                last = n == len(quote_chunks)
                content = QuoteSlide(tuple(quotes), aside if last else None)
                title = cues.quotes_title + _part(n, len(quote_chunks), labels)
                points = list(cues.quotes)
                if n == 1 and cards is not None:  # the figures just planned, above the quotes
                    slides.pop()
                    content = replace(content, figures=cards, cards_h=cards_height(cards, font))
                    title = cards.finding or cards.title
                    points = [*(cards.speaker_notes or cues.figures), *points]
                slides.append(slide("quotes", title, content, points))
        elif isinstance(block, Figures):
            attached: list[Note] = []
            while i < len(blocks) and isinstance(note := blocks[i], Note) and len(attached) < 3:
                attached.append(note)
                i += 1
            if not attached and _quotes_fit_below(block, blocks[i:], labels, font):
                cards = block  # the quotes that follow go beneath these figures
            dashboard = (
                None
                if cards is not None
                else _with_charts(block, attached, blocks[i:], labels, font)
            )
            if dashboard is not None:
                i += len(dashboard.charts)
                points = [
                    *(n.text for n in attached),
                    *(block.speaker_notes or cues.figures),
                    *(p for c in dashboard.charts for p in (c.finding, *c.notes) if p),
                ]
                slides.append(slide("figures", block.finding or block.title, dashboard, points))
                continue
            stack_tables = [] if attached else _table_run(blocks[i:])
            stack = _stack(stack_tables, labels, font, block) if stack_tables else None
            if stack is not None:
                i += len(stack.tables)
                points = [*block.speaker_notes, *(t.table.caption for t in stack.tables)]
                slides.append(
                    slide("tables", block.finding or block.title, stack, [p for p in points if p])
                )
                continue
            slides.append(
                slide(
                    "figures",
                    block.finding or block.title,
                    FigureSlide(block, tuple(attached)),
                    [*(n.text for n in attached), *block.speaker_notes] or cues.figures,
                )
            )
        elif isinstance(block, Chart):
            slides.append(slide("chart", block.finding or block.title, block, block.notes))
        elif isinstance(block, Table):
            stack = None if lead else _stack([block, *_table_run(blocks[i:])], labels, font)
            if stack is not None:
                i += len(stack.tables) - 1
                captions = [t.table.caption for t in stack.tables if t.table.caption]
                slides.append(slide("tables", block.finding or block.title, stack, captions))
                continue
            before, lead = lead, ()
            before_h = notes_height(before, labels, font) if before else 0.0
            table_parts = table_slides(
                block, labels, font, lead=before_h + NOTE_GAP if before else 0
            )
            if before:
                table_parts[0] = (
                    replace(table_parts[0][0], before=before, before_h=before_h),
                    table_parts[0][1],
                )
            trailing: list[Note] = []  # notes that follow the table, beneath its last part
            j = i
            while j < len(blocks) and isinstance(note := blocks[j], Note):
                trailing += [Note(t, note.kind) for t in split_text(note.text, STORY_CHARS)]
                j += 1
            final = table_parts[-1][0]
            for pt in AFTER_SIZES if trailing and len(trailing) <= MAX_SHARED_NOTES else ():
                after_h = notes_height(trailing, labels, font, pt)
                if _used(final) + NOTE_GAP + after_h <= TABLE_ROOM:
                    shared = replace(final, after=tuple(trailing), after_h=after_h, note_pt=pt)
                    table_parts[-1] = (shared, table_parts[-1][1])
                    i = j
                    break
            final = table_parts[-1][0]
            beneath = _list_run(blocks[i:])
            if not final.after and beneath:  # beneath the table's last part, if they fit
                for pt in LISTS_SIZES:
                    lists_h = lists_height(beneath, pt, font)
                    if _used(final) + NOTE_GAP + lists_h <= TABLE_ROOM:
                        joined = replace(final, lists=beneath, lists_h=lists_h, lists_pt=pt)
                        table_parts[-1] = (joined, table_parts[-1][1])
                        i += len(beneath)
                        break
            for n, (part, total) in enumerate(table_parts, 1):
                points = [
                    *(note.text for note in part.before if note.kind == "caution"),
                    *(note.text for note in part.after),
                    *([block.caption] if block.caption else []),
                ]
                slides.append(
                    slide(
                        "table", block.finding or block.title, part, points, _part(n, total, labels)
                    )
                )
        elif isinstance(block, ThemeCard):
            card = card_slide(block, labels, font)
            slides.append(slide("card", block.finding or block.title, card, block.notes))
        elif isinstance(block, Bullets) and (
            shared_lists := _grouped_lists(block, blocks[i:], font)
        ):
            i += len(shared_lists.lists) - 1
            slides.append(slide("lists", block.group, shared_lists, []))
        elif isinstance(block, Bullets):
            bullet_chunks = chunk_bullets(
                tuple(shorten(item, BULLET_CHARS) for item in block.items), font=font
            )
            for n, items in enumerate(bullet_chunks, 1):
                slides.append(
                    slide(
                        "bullets",
                        block.title + _part(n, len(bullet_chunks), labels),
                        Bullets(block.title, tuple(items)),
                        [],
                    )
                )
        elif isinstance(block, DecisionPaper):  # one slide per decision, in its section
            plan = _paper_slide(block, font)
            shown = [labels.shortened] if plan.shortened else []
            slides.append(slide("decision", block.title, plan, [*block.notes, *shown]))
        elif isinstance(block, Note):  # a run of notes: text slides of three notes at most
            run_notes = [Note(t, block.kind) for t in split_text(block.text, STORY_CHARS)]
            while i < len(blocks) and isinstance(note := blocks[i], Note):
                run_notes += [Note(t, note.kind) for t in split_text(note.text, STORY_CHARS)]
                i += 1
            following = blocks[i] if i < len(blocks) else None
            if isinstance(following, Table):  # above the table, if it fits
                height = notes_height(run_notes, labels, font)
                if len(run_notes) <= MAX_SHARED_NOTES and _notes_fit(
                    following, labels, font, height
                ):
                    lead = tuple(run_notes)
                    continue
            note_chunks = _chunks(run_notes, 3)
            for n, chunk in enumerate(note_chunks, 1):
                slides.append(
                    slide(
                        "text",
                        cues.notes_title + _part(n, len(note_chunks), labels),
                        TextSlide(tuple(chunk)),
                        [note.text for note in chunk if note.kind == "caution"],
                    )
                )
        else:  # a kind of block added to the model that no slide is planned for yet
            raise RenderError(
                f"the deck cannot place a {type(block).__name__} block (section {section.title!r})"
            )
    return _opened(slides, section, font, said)


#: The type size of the section's name above a content slide's title (and of its opener), and
#: the gap between the two.
KICKER_PT = 12
OPENER_GAP = 0.3


def _opened(
    slides: list[SlidePlan], section: Section, font: str | None, said: dict[int, list[str]]
) -> list[SlidePlan]:
    """A divider that would show only the slot and its question (or a section of one slide,
    whose intro then goes to the notes) gives way to the section's first slide: the slot line
    and question stand beside the section's name above its title, when they fit that line.
    A divider keeps its slide for cautions, an intro before several slides, or "no data"."""
    if len(slides) < 2 or not isinstance(divider := slides[0].content, Divider):
        return slides
    cues, first = section.cues, slides[1]
    if divider.empty or divider.notes or not cues.slot_line or first.kind in UNMEASURED:
        return slides
    if divider.intro and len(slides) > 2:
        return slides
    opener = (cues.slot_line, section.slot.focus)
    if not opener_fits(section.title, opener, font):
        return slides
    points = [*said[id(slides[0])], *([divider.intro] if divider.intro else []), *said[id(first)]]
    return [replace(first, opener=opener, notes=_notes(cues, points)), *slides[2:]]


#: The kicker's text starts this far inside the title's left edge (its box's margin), and the
#: line keeps this much room spare at the right.
KICKER_INSET = 0.2
OPENER_SPARE = 0.25


def opener_fits(kicker: str, opener: Sequence[str], font: str | None = DEFAULT_FONT) -> bool:
    """True when the section's name and the slot line and question beside it fit one line
    across the title's width, from where the name's text starts, with room to spare."""
    room = SLIDE_W - 2 * MARGIN - KICKER_INSET - OPENER_SPARE
    return opener_width(kicker, opener, font) <= room


def opener_width(kicker: str, opener: Sequence[str], font: str | None = DEFAULT_FONT) -> float:
    """Width (in) of the section's name with the slot line and question beside it, on one
    line: the name bold, the slot line plain, the question italic, joined by " · "."""
    slot, *question = opener
    width = text_metrics.text_width(kicker, font, KICKER_PT, bold=True) + OPENER_GAP
    width += text_metrics.text_width(slot, font, KICKER_PT)
    return width + sum(
        text_metrics.text_width(f" · {q}", font, KICKER_PT, italic=True) for q in question
    )


def on_deck(block: Block) -> bool:
    """Whether the deck shows ``block``: not a table whose figures a chart beside it shows, nor
    a table or chart the deck shows as a shorter copy of its own (the caps on long lists)."""
    return not isinstance(block, Table | Chart) or block.deck


def _action_slides(log: ActionLog, labels: Labels, font: str | None) -> list[SlidePlan]:
    notes = _notes(log.cues, [log.summary])
    slides = []
    blocks = [b for b in log.blocks if on_deck(b)]
    i = 0
    while i < len(blocks):
        table = blocks[i]
        i += 1
        if not isinstance(table, Table):
            raise RenderError(f"the action log holds a {type(table).__name__}, not a table")
        stack = _stack([table, *_table_run(blocks[i:])], labels, font)
        if stack is not None:
            i += len(stack.tables) - 1
            slides.append(SlidePlan("tables", table.title, notes, "actions", stack, log.slot.title))
            continue
        for n, (part, total) in enumerate(table_slides(table, labels, font), 1):
            slides.append(
                SlidePlan(
                    "table",
                    f"{table.title}{_part(n, total, labels)}",
                    notes,
                    "actions",
                    part,
                    log.slot.title,
                )
            )
    return slides


#: Charts beside figures: at most this many side by side, the least height each keeps, their
#: headings' size, the room for a chart's caption and the notes' type size beneath them.
MAX_SIDE_CHARTS = 2
CHART_MIN_H = 2.75
CHART_HEADING_PT = 14
CHART_CAPTION_PT = 11
CHART_NOTE_PT = 14


#: Compact figure cards (above quotes, tables or charts): the card gap, the widest card, and
#: the type sizes of label, value and detail.
CARD_GAP = 0.25
CARD_MAX_W = 4.2
CARD_PTS = (14, 28, 11)


def card_width(count: int) -> float:
    """Width (in) of each of ``count`` figure cards in a row across the body."""
    return min((SLIDE_W - 2 * MARGIN - CARD_GAP * (count - 1)) / max(count, 1), CARD_MAX_W)


def cards_height(figures: Figures, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of a row of compact figure cards: at least ``CARDS_H``, taller when a
    card's words wrap (each measured in its panel, inside its margins)."""
    width = card_width(len(figures.items)) - 0.4
    label_pt, value_pt, detail_pt = CARD_PTS

    def lines(text: str, pt: int, bold: bool = False) -> float:
        count = text_metrics.lines_needed(text, width, font, pt, bold=bold) if text else 0
        return count * LINE_IN_PER_PT * pt

    tallest = max(
        (
            lines(f.label, label_pt)
            + lines(f.value, value_pt, bold=True)
            + lines(" · ".join(filter(None, [f.detail, f.status or ""])), detail_pt)
            for f in figures.items
        ),
        default=0.0,
    )
    return max(CARDS_H, tallest + 0.24)


def chart_width(count: int) -> float:
    """Width (in) of each of ``count`` charts side by side across the body."""
    return (SLIDE_W - 2 * MARGIN - STACK_GAP * (count - 1)) / count


def chart_caption_height(text: str, width: float, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of a chart's caption under a chart ``width`` wide, or 0 when it has none."""
    if not text:
        return 0.0
    lines = text_metrics.lines_needed(text, width, font, CHART_CAPTION_PT, italic=True)
    return lines * LINE_IN_PER_PT * CHART_CAPTION_PT * 1.05 + 0.1


def chart_heading_height(text: str, width: float, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of a chart's heading (its finding) over a chart ``width`` wide."""
    lines = text_metrics.lines_needed(text, width, font, CHART_HEADING_PT, bold=True)
    return lines * LINE_IN_PER_PT * CHART_HEADING_PT * 1.1 + 0.08


def _with_charts(
    figures: Figures,
    notes: Sequence[Note],
    following: Sequence[object],
    labels: Labels,
    font: str | None,
) -> FigureSlide | None:
    """``figures`` with the charts that follow them (and their notes) on one slide, when each
    chart keeps at least ``CHART_MIN_H``; else None (each keeps its own slide)."""
    charts: list[Chart] = []
    for block in following:
        if not isinstance(block, Chart) or len(charts) == MAX_SIDE_CHARTS:
            break
        charts.append(block)
    if not charts:
        return None
    width = chart_width(len(charts))
    heading_h = max(chart_heading_height(c.finding or c.title, width, font) for c in charts)
    notes_h = notes_height(notes, labels, font, CHART_NOTE_PT) if notes else 0.0
    captions = max(chart_caption_height(c.caption, width, font) for c in charts)
    cards_h = cards_height(figures, font)
    plan = FigureSlide(figures, tuple(notes), tuple(charts), notes_h, heading_h, cards_h, captions)
    if plan.chart_bottom - plan.chart_top - heading_h - captions < CHART_MIN_H:
        return None
    return plan


#: Small tables stacked on one slide: the type sizes tried, their headings' size, the gap
#: above a heading, and the height of a row of figure cards above them.
STACK_SIZES = (16, 14)
STACK_HEADING_PT = 16
STACK_GAP = 0.3
CARDS_H = 1.1
#: Height of the figure cards on a slide of figures.
FIGURE_H = 2.2
CARDS_GAP = 0.2


def _table_run(following: Sequence[object]) -> list[Table]:
    """The tables that follow one another from the start of ``following`` (blocks the deck
    shows: see ``on_deck``)."""
    run = []
    for block in following:
        if not isinstance(block, Table):
            break
        run.append(block)
    return run


def stack_heading_height(text: str, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of a stacked table's heading across the body."""
    lines = text_metrics.lines_needed(text, SLIDE_W - 2 * MARGIN, font, STACK_HEADING_PT, bold=True)
    return lines * LINE_IN_PER_PT * STACK_HEADING_PT * 1.1 + 0.08


def _whole(table: Table, pt: int, labels: Labels, font: str | None) -> TableSlide | None:
    """``table`` as one part at ``pt``, or None when it needs more than one slide there."""
    shortened = tuple(tuple(shorten(cell, CELL_CHARS) for cell in row) for row in table.rows)
    caption = table.caption
    if shortened != table.rows:
        caption = f"{caption} {labels.shortened}".strip()
    fitted = replace(table, rows=shortened, caption=caption)
    if len(chunk_table(fitted, pt=pt, font=font)) > 1:
        return None
    widths = table_column_widths(fitted, pt, font)
    heights = (
        row_height(table.columns, widths, pt, font=font, bold=range(len(table.columns))),
        *(row_height(r, widths, pt, font=font, bold=_bold(table)) for r in shortened),
    )
    return TableSlide(fitted, pt, heights, tuple(widths))


#: A stacked table's caption: its type size and the gap above it.
STACK_CAPTION_PT = 12
STACK_CAPTION_GAP = 0.06


def stack_caption_height(text: str, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of a stacked table's caption across the body, or 0 when it has none."""
    if not text:
        return 0.0
    width = SLIDE_W - 2 * MARGIN
    lines = text_metrics.lines_needed(text, width, font, STACK_CAPTION_PT, italic=True)
    return STACK_CAPTION_GAP + lines * LINE_IN_PER_PT * STACK_CAPTION_PT * 1.05 + 0.04


def stack_height(stack: StackSlide) -> float:
    """Height (in) the stacked tables, their headings and captions, and the cards take."""
    tables = sum(sum(t.heights) for t in stack.tables) + sum(stack.caption_hs)
    headings = sum(1 for h in stack.headings if h) * stack.heading_h
    gaps = (len(stack.tables) - 1) * STACK_GAP
    return tables + headings + gaps + (stack.cards_h + CARDS_GAP if stack.figures else 0.0)


def _stack(
    tables: Sequence[Table], labels: Labels, font: str | None, figures: Figures | None = None
) -> StackSlide | None:
    """The most of ``tables`` (two or more, or one below ``figures``) that fit one slide
    together, each whole at one size of ``STACK_SIZES``; else None."""
    least = 1 if figures is not None else 2
    for count in range(len(tables), least - 1, -1):
        chosen = tables[:count]
        # the slide's title states the first table's point, unless figures come first
        headings = tuple(
            "" if n == 0 and figures is None else t.finding or t.title for n, t in enumerate(chosen)
        )
        heading_h = max((stack_heading_height(h, font) for h in headings if h), default=0.0)
        room = BODY_BOTTOM - BODY_TOP
        for pt in STACK_SIZES:
            parts = [_whole(t, pt, labels, font) for t in chosen]
            whole = tuple(p for p in parts if p is not None)
            if len(whole) < len(parts):
                continue
            stack = StackSlide(
                whole,
                headings,
                heading_h,
                figures,
                tuple(stack_caption_height(p.table.caption, font) for p in whole),
                cards_height(figures, font) if figures is not None else 0.0,
            )
            if stack_height(stack) <= room:
                return stack
    return None


#: The "For the room" table: each column's share of the body's width (section, ask, owner,
#: agreed: the last left wide and empty, to type what was agreed in the room), and the least
#: height of a row, room for a line or two of it.
ROOM_SHARES = (0.13, 0.42, 0.17, 0.28)
ROOM_ROW_MIN = 0.6


def room_slides(table: Table, font: str | None = DEFAULT_FONT) -> list[TableSlide]:
    """The meeting's asks as slide-sized tables, each row tall enough to record what was agreed;
    none when the meeting asks nothing."""
    if not table.rows:
        return []
    widths = [share * (SLIDE_W - 2 * MARGIN) for share in ROOM_SHARES]
    room = BODY_BOTTOM - BODY_TOP - CAPTION_ROOM
    for pt in TABLE_SIZES:
        header = row_height(table.columns, widths, pt, font=font, bold=range(len(widths)))
        rows = [max(row_height(r, widths, pt, font=font), ROOM_ROW_MIN) for r in table.rows]
        if header + sum(rows) <= room or pt == TABLE_SIZES[-1]:
            break
    parts: list[TableSlide] = []
    chunks = even_chunks(rows, room - header)
    for n, chunk in enumerate(chunks, 1):
        last = n == len(chunks)
        part = replace(
            table,
            rows=tuple(table.rows[i] for i in chunk),
            caption=table.caption if last else "",
        )
        parts.append(TableSlide(part, pt, (header, *(rows[i] for i in chunk)), tuple(widths)))
    return parts


def table_slides(
    table: Table, labels: Labels, font: str | None = DEFAULT_FONT, *, lead: float = 0.0
) -> list[tuple[TableSlide, int]]:
    """A table as slide-sized parts: long cells shortened, rows chunked, heights measured;
    ``lead`` is the height (in) taken above the first part."""
    shortened = tuple(tuple(shorten(cell, CELL_CHARS) for cell in row) for row in table.rows)
    caption = table.caption
    if shortened != table.rows:
        caption = f"{caption} {labels.shortened}".strip()
    fitted = replace(table, rows=shortened, caption=caption)
    pt = table_size(fitted, font, lead=lead)
    chunks = chunk_table(fitted, pt=pt, font=font, lead=lead)
    widths = table_column_widths(fitted, pt, font)
    parts = []
    for n, rows in enumerate(chunks, 1):
        part = replace(fitted, rows=rows, caption=fitted.caption if n == len(chunks) else "")
        heights = (
            row_height(table.columns, widths, pt, font=font, bold=range(len(table.columns))),
            *(row_height(r, widths, pt, font=font, bold=_bold(table)) for r in rows),
        )
        parts.append((TableSlide(part, pt, heights, tuple(widths)), len(chunks)))
    return parts


def chunk_quotes(quotes: Sequence[Quote], labels: Labels) -> list[list[Quote]]:
    """Group quotes so each slide holds what fits; a very long quote continues alone."""
    pieces: list[Quote] = []
    for q in quotes:
        texts = split_text(q.text, QUOTE_CHARS)
        for n, text in enumerate(texts, 1):
            mark = " " + labels.quote_part.format(n=n, total=len(texts)) if len(texts) > 1 else ""
            pieces.append(replace(q, text=text, attribution=q.attribution + mark))
    chunks: list[list[Quote]] = [[]]
    used = 0
    for q in pieces:
        if chunks[-1] and (len(chunks[-1]) >= MAX_QUOTES or used + len(q.text) > QUOTE_CHARS):
            chunks.append([])
            used = 0
        chunks[-1].append(q)
        used += len(q.text)
    return chunks


#: Quote panels: the gap between them, the type sizes tried (largest first) and the least height.
QUOTE_GAP = 0.3
QUOTE_SIZES = (20, 17, 15, 13)
QUOTE_MIN_H = 1.6
#: A list placed beneath quotes: its type size, and the gap above it.
ASIDE_PT = 16
ASIDE_GAP = 0.25


def fit_size(text: str, width_in: float, height_in: float, sizes: tuple[int, ...]) -> int:
    """The largest of ``sizes`` at which ``text`` fits the box (the smallest if none does)."""
    for size in sizes:
        lines = lines_needed(text, width_in / (CHAR_IN_PER_PT * size))
        if lines * LINE_IN_PER_PT * size * 1.15 <= height_in:
            return size
    return sizes[-1]


@dataclass(frozen=True)
class QuoteLayout:
    """Where a slide's quote panels go: columns, panel size (in) and the quotes' type size."""

    cols: int
    width: float
    height: float
    size: int
    fits: bool  #: every quote fits its panel at ``size``
    top: float = BODY_TOP  #: where the first row starts (in from the top of the slide)

    def bottom(self, count: int) -> float:
        """Where the last row of ``count`` quotes ends (in from the top of the slide)."""
        rows = (count + self.cols - 1) // self.cols
        return self.top + rows * self.height + (rows - 1) * QUOTE_GAP


def quote_layout(
    quotes: Sequence[Quote], bottom: float = BODY_BOTTOM, top: float = BODY_TOP
) -> QuoteLayout:
    """Two columns of quote panels (one for a single quote) between ``top`` and ``bottom``,
    each as tall as the longest quote needs."""
    cols = 2 if len(quotes) > 1 else 1
    rows = (len(quotes) + cols - 1) // cols
    width = (SLIDE_W - 2 * MARGIN - QUOTE_GAP * (cols - 1)) / cols
    room = (bottom - top - QUOTE_GAP * (rows - 1)) / rows
    longest = max((q.text for q in quotes), key=len, default="")
    size = fit_size(longest, width - 0.4, room - 0.8, QUOTE_SIZES)
    per_line = (width - 0.4) / (CHAR_IN_PER_PT * size)
    lines = max((lines_needed(q.text, per_line) for q in quotes), default=1)
    needed = lines * LINE_IN_PER_PT * size + 0.9
    height = min(room, max(needed, QUOTE_MIN_H))
    return QuoteLayout(cols, width, height, size, needed <= room, top)


def _quotes_fit_below(
    figures: Figures, following: Sequence[object], labels: Labels, font: str | None
) -> bool:
    """True when the quotes at the start of ``following`` fit on one slide beneath a row of
    figure cards, at the size they would have alone."""
    run = []
    for block in following:
        if not isinstance(block, Quote):
            break
        run.append(block)
    chunks = chunk_quotes(run, labels) if run else []
    if len(chunks) != 1:
        return False
    below = quote_layout(chunks[0], top=BODY_TOP + cards_height(figures, font) + CARDS_GAP)
    return below.fits and below.size == quote_layout(chunks[0]).size


def aside_height(aside: Bullets, font: str | None = DEFAULT_FONT) -> float:
    """Height (in) of a short list drawn beneath quotes: its heading, then its points."""
    width = SLIDE_W - 2 * MARGIN - 0.4
    lines = text_metrics.lines_needed(aside.title, width, font, ASIDE_PT, bold=True) + sum(
        text_metrics.lines_needed(item, width, font, ASIDE_PT) for item in aside.items
    )
    return lines * LINE_IN_PER_PT * ASIDE_PT * 1.2 + 0.24 + 0.08 * len(aside.items)


def aside_fits(
    quotes: Sequence[Quote], aside: Bullets, font: str | None = DEFAULT_FONT, top: float = BODY_TOP
) -> bool:
    """True when ``aside`` fits beneath the quotes (starting at ``top``) with the quotes kept
    at their own size."""
    alone = quote_layout(quotes)
    shared = quote_layout(quotes, BODY_BOTTOM - ASIDE_GAP - aside_height(aside, font), top)
    return (
        len(aside.items) <= MAX_BULLETS
        and shared.fits
        and shared.size == alone.size
        and shared.bottom(len(quotes)) + ASIDE_GAP + aside_height(aside, font) <= BODY_BOTTOM
    )


#: Room kept for a table's caption at the foot of the body; the room left for the table itself.
CAPTION_ROOM = 0.45
TABLE_ROOM = BODY_BOTTOM - BODY_TOP - CAPTION_ROOM
#: Notes that share a table's slide: at most this many, this far from the table, and the
#: type size used for notes beneath a table (the larger when it fits).
MAX_SHARED_NOTES = 3
NOTE_GAP = 0.2
AFTER_SIZES = (16, 14)


def notes_height(
    notes: Sequence[Note],
    labels: Labels,
    font: str | None = DEFAULT_FONT,
    pt: int = 16,
    width: float = SLIDE_W - 2 * MARGIN - 0.05,
) -> float:
    """Height (in) of notes drawn ``width`` wide (the body's) at ``pt`` (a caution with its
    label)."""
    lines = sum(
        text_metrics.lines_needed(
            f"{labels.caution} {n.text}" if n.kind == "caution" else n.text, width, font, pt
        )
        * line_scale(n.text)
        for n in notes
    )
    return lines * LINE_IN_PER_PT * pt * 1.05 + 0.1 * len(notes)


def _used(part: TableSlide) -> float:
    """Height (in) a table part takes with the notes above it."""
    return sum(part.heights) + (part.before_h + NOTE_GAP if part.before else 0.0)


def _notes_fit(table: Table, labels: Labels, font: str | None, height: float) -> bool:
    """True when notes ``height`` tall fit above ``table`` without another part or a smaller
    type size."""
    alone = table_slides(table, labels, font)
    shared = table_slides(table, labels, font, lead=height + NOTE_GAP)
    return (
        len(shared) == len(alone)
        and shared[0][0].pt == alone[0][0].pt
        and sum(shared[0][0].heights) + height + NOTE_GAP <= TABLE_ROOM
    )


#: Lists sharing a slide: the type sizes tried, the indent of their points, the gap between them.
LISTS_SIZES = (18, 16)
LIST_INDENT = 0.3
LIST_GAP = 0.15


def lists_height(
    lists: Sequence[Bullets],
    pt: int,
    font: str | None = DEFAULT_FONT,
    width: float = SLIDE_W - 2 * MARGIN - 0.05,
) -> float:
    """Height (in) of lists drawn one under another ``width`` wide (the body's), each heading
    over its points."""

    lines = sum(
        text_metrics.lines_needed(b.title, width, font, pt, bold=True) * line_scale(b.title)
        + sum(
            text_metrics.lines_needed(item, width - LIST_INDENT, font, pt) * line_scale(item)
            for item in b.items
        )
        for b in lists
    )
    paragraphs = sum(1 + len(b.items) for b in lists)
    return lines * LINE_IN_PER_PT * pt * 1.05 + 0.08 * paragraphs + LIST_GAP * len(lists)


def _list_run(following: Sequence[object]) -> tuple[Bullets, ...]:
    """The list at the start of ``following`` and the lists of its group after it, shortened
    as on a slide; () when no list comes next."""
    run: list[Bullets] = []
    for block in following:
        if not isinstance(block, Bullets) or (
            run and (not run[0].group or block.group != run[0].group)
        ):
            break
        run.append(block)
    return tuple(
        replace(b, items=tuple(shorten(item, BULLET_CHARS) for item in b.items)) for b in run
    )


def _grouped_lists(
    first: Bullets, following: Sequence[object], font: str | None
) -> ListsSlide | None:
    """``first`` and the lists of its group that follow it on one slide, when two or more
    fit at a readable size; else None (each list keeps its own slides)."""
    if not first.group:
        return None
    group = [first]
    for block in following:
        if not isinstance(block, Bullets) or block.group != first.group:
            break
        group.append(block)
    if len(group) < 2:
        return None
    shortened = tuple(
        replace(b, items=tuple(shorten(item, BULLET_CHARS) for item in b.items)) for b in group
    )
    for pt in LISTS_SIZES:
        if lists_height(shortened, pt, font) <= BODY_BOTTOM - BODY_TOP:
            return ListsSlide(shortened, pt)
    return None


def _part(n: int, total: int, labels: Labels) -> str:
    """``(1 of 3)`` on a first part, ``(cont., 2 of 3)`` on the rest: unique and plain."""
    if total <= 1:
        return ""
    return " " + (labels.first_part if n == 1 else labels.next_part).format(n=n, total=total)


T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


def _bold(table: Table) -> tuple[int, ...]:
    """The body columns drawn bold: the status column."""
    return () if table.status_column is None else (table.status_column,)


def table_column_widths(
    table: Table, pt: int = TABLE_PT, font: str | None = DEFAULT_FONT
) -> list[float]:
    """Column widths in inches across the slide's usable width."""
    return fit_columns(
        table.columns,
        table.rows,
        SLIDE_W - 2 * MARGIN,
        CHAR_IN_PER_PT * pt,
        CELL_PAD_IN,
        font=font,
        bold_columns=_bold(table),
    )


def row_height(
    values: tuple[str, ...],
    widths: list[float],
    pt: int = TABLE_PT,
    *,
    font: str | None = DEFAULT_FONT,
    bold: Collection[int] = (),
) -> float:
    """Height in inches of one table row once its cells wrap (``bold``: the bold cells)."""
    lines = max(
        text_metrics.lines_needed(value, width - CELL_PAD_IN, font, pt, bold=i in bold)
        for i, (value, width) in enumerate(zip(values, widths, strict=True))
    )
    return lines * LINE_IN_PER_PT * pt * line_scale(*values) + CELL_PAD_IN


def table_size(table: Table, font: str | None = DEFAULT_FONT, *, lead: float = 0.0) -> int:
    """The largest type size (16, 14 or 12 pt) at which the table needs the fewest slides."""
    best = {pt: len(chunk_table(table, pt=pt, font=font, lead=lead)) for pt in TABLE_SIZES}
    fewest = min(best.values())
    return next(pt for pt in TABLE_SIZES if best[pt] == fewest)


def chunk_table(
    table: Table,
    *,
    pt: int = TABLE_PT,
    caption_room: float = CAPTION_ROOM,
    font: str | None = DEFAULT_FONT,
    lead: float = 0.0,
) -> list[tuple[tuple[str, ...], ...]]:
    """Split rows into slide-sized chunks so a table never runs off the slide.

    Rows are first packed greedily to learn how many slides are needed, then spread evenly
    over that many slides (10 + 2 reads worse than 6 + 6) when the even split still fits.
    """
    widths = table_column_widths(table, pt, font)
    header = row_height(table.columns, widths, pt, font=font, bold=range(len(table.columns)))
    available = BODY_BOTTOM - BODY_TOP - caption_room - header
    heights = [row_height(row, widths, pt, font=font, bold=_bold(table)) for row in table.rows]

    chunks = even_chunks(heights, available, lead=lead)
    return [tuple(table.rows[i] for i in chunk) for chunk in chunks]


def even_chunks(
    heights: Sequence[float], available: float, *, lead: float = 0.0
) -> list[list[int]]:
    """Row indexes in the fewest slide-sized chunks (``available`` inches each, ``lead`` taken
    above the first), spread as evenly as still fits: 5 + 4 rows rather than 8 + 1.

    Rows are first packed greedily by measured height to learn how many slides are needed; then
    each chunk is held to the fewest rows that still make that many slides (a row taller than
    a whole slide goes alone)."""

    def pack(limit: int | None = None) -> list[list[int]]:
        chunks: list[list[int]] = [[]]
        used = lead  # taken above the first part
        for i, height in enumerate(heights):
            full = limit is not None and len(chunks[-1]) >= limit
            if chunks[-1] and (used + height > available or full):
                chunks.append([])
                used = 0.0
            chunks[-1].append(i)
            used += height
        return chunks

    greedy = pack()  # by measured height only: a table splits when it truly does not fit
    if len(greedy) > 1:
        for limit in range(math.ceil(len(heights) / len(greedy)), len(heights)):
            even = pack(limit)
            if len(even) == len(greedy):
                return even
    return greedy


def chunk_bullets(
    items: tuple[str, ...], pt: int = 18, font: str | None = DEFAULT_FONT
) -> list[list[str]]:
    """Split bullet points into slide-sized groups, measured in ``font``."""
    width = SLIDE_W - 2 * MARGIN - 0.5
    available_lines = (BODY_BOTTOM - BODY_TOP) / (LINE_IN_PER_PT * pt * 1.25)
    chunks: list[list[str]] = [[]]
    used = 0
    for item in items:
        lines = text_metrics.lines_needed(item, width, font, pt)
        if chunks[-1] and (used + lines > available_lines or len(chunks[-1]) >= MAX_BULLETS):
            chunks.append([])
            used = 0
        chunks[-1].append(item)
        used += lines
    return chunks


#: The type sizes a slide of notes is drawn in, the largest that fits.
TEXT_SIZES = (20, 17, 15, 13)
#: Slides whose content is not measured against the body: they frame the meeting.
UNMEASURED = frozenset({"title", "agenda", "divider"})


def content_height(
    plan: SlidePlan, labels: Labels, font: str | None = DEFAULT_FONT
) -> float | None:
    """The planned height (in) of a content slide's content, from the plan's own measures;
    None for the title, the agenda and dividers. Stories and charts are drawn to fill the body."""
    content = plan.content
    if plan.kind in UNMEASURED:
        return None
    if isinstance(content, CardSlide):
        return content.band_h + CARD_BAND_GAP + max(content.left_h, content.right_h)
    if isinstance(content, SummarySlide):
        return max(content.height, sum(content.agenda.heights) if content.agenda else 0.0)
    if isinstance(content, TableSlide):
        lists = content.lists_h + NOTE_GAP if content.lists else 0.0
        return _used(content) + (content.after_h + NOTE_GAP if content.after else 0.0) + lists
    if isinstance(content, StackSlide):
        return stack_height(content)
    if isinstance(content, QuoteSlide):
        layout = quote_layout(content.quotes, top=content.top)
        height = layout.bottom(len(content.quotes)) - BODY_TOP
        if content.aside is not None:
            height += ASIDE_GAP + aside_height(content.aside, font)
        return height
    if isinstance(content, FigureSlide) and content.charts:  # the charts fill the body
        return BODY_BOTTOM - BODY_TOP
    if isinstance(content, FigureSlide):
        notes = notes_height(content.notes, labels, font) + 0.35 if content.notes else 0.0
        return FIGURE_H + notes
    if isinstance(content, ListsSlide):
        return lists_height(content.lists, content.pt, font)
    if isinstance(content, Bullets):
        width = SLIDE_W - 2 * MARGIN - 0.5
        lines = sum(text_metrics.lines_needed(item, width, font, 18) for item in content.items)
        return lines * LINE_IN_PER_PT * 18 * 1.25
    if isinstance(content, DecisionSlide):
        return content.height
    if isinstance(content, TextSlide):  # at the size the notes are drawn (the largest that fits)
        joined = " ".join(n.text for n in content.notes)
        pt = fit_size(joined, SLIDE_W - 2 * MARGIN - 0.5, BODY_BOTTOM - BODY_TOP - 0.3, TEXT_SIZES)
        return notes_height(content.notes, labels, font, pt)
    if isinstance(content, StoryPart | Chart):
        return BODY_BOTTOM - BODY_TOP
    raise RenderError(f"the deck cannot measure a {type(content).__name__} slide")

"""The format-neutral pack: what every renderer walks. Ordered, computed and phrased already.

Renderers never re-order, compute or re-phrase: each block below says what to show, and the
writer only decides how it looks in Word or PowerPoint. Fields are documented for writer authors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from agenda.errors import Problem

Status = Literal["On track", "At risk", "Off track"]
#: Every computed status, best first: the one list every table and count uses.
STATUSES: tuple[Status, ...] = get_args(Status)
#: How a quote reads: praise (scored 9–10), a complaint (0–6) or neither.
Tone = Literal["praise", "complaint", "neutral"]
#: What an agenda item asks of the room (board-paper practice): a decision, a discussion, or
#: noting (read beforehand and taken together, without discussion unless someone asks).
Purpose = Literal["decision", "discussion", "noting"]


@dataclass(frozen=True)
class Narrative:
    """A customer's story, told first: the named customer brings the numbers to life."""

    title: str
    customer: str  #: who it happened to ("Mrs Jones"), or "A customer guest" under Chatham House
    story: str
    attribution: str  #: channel and segment, e.g. "Phone · Household"
    theme: str | None = None
    notes: tuple[str, ...] = ()  #: what the facilitator does with the story (speaker notes)


@dataclass(frozen=True)
class Quote:
    """A verbatim, attributed by channel/segment and never by name."""

    text: str
    attribution: str
    tone: Tone = "neutral"


@dataclass(frozen=True)
class Figure:
    """A headline number with its context; ``status`` is set only where a target applies."""

    label: str
    value: str
    detail: str = ""
    status: Status | None = None


@dataclass(frozen=True)
class Figures:
    """A row of headline numbers shown together."""

    title: str
    items: tuple[Figure, ...]
    speaker_notes: tuple[str, ...] = ()  #: detail for the facilitator (e.g. margin of error)
    #: what the figures show this month, in one short sentence ("NPS +12, down 11 since
    #: October: more than the margin of error"); "" when there is nothing to state
    finding: str = ""


@dataclass(frozen=True)
class Table:
    """Tabular data with a header row; ``status_column`` marks a computed status column."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    status_column: int | None = None
    numeric_columns: tuple[int, ...] = ()  #: right-aligned columns
    caption: str = ""
    #: what the table shows this month, in one short sentence ("12 of 12 service levels on
    #: track"); "" when there is nothing to state
    finding: str = ""
    #: False when a chart beside it shows the same figures: a slide deck shows a figure once
    #: (the chart), the Word pack both; False too on a whole table whose deck-only copy (below)
    #: shows part of it
    deck: bool = True
    #: False on a deck-only copy of a table the Word pack shows whole (the deck's cap on a long
    #: list: the first rows, and a caption saying how many more the Word pack has)
    word: bool = True


@dataclass(frozen=True)
class Bullets:
    """A titled list of short points."""

    title: str
    items: tuple[str, ...]
    #: lists one after another with the same ``group`` may share a slide, titled with it
    #: ("What customers said about the top themes"); "" for a list that stands alone
    group: str = ""


@dataclass(frozen=True)
class Note:
    """A sentence of prose; ``kind`` says whether it informs, flags, or asks the room."""

    text: str
    kind: Literal["body", "empty", "caution"] = "body"


@dataclass(frozen=True)
class Series:
    """One named line or bar series; ``None`` is a gap (a month with no data), never a zero."""

    name: str
    values: tuple[float | None, ...]
    target: bool = False  #: a target line to measure against, drawn apart from the data


@dataclass(frozen=True)
class Chart:
    """A native, editable chart: what it plots, not how it looks."""

    title: str
    kind: Literal["trend", "share", "bars"]  #: line over time, 100% stacked bars, plain bars
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt_text: str  #: what the chart shows, in words, for screen readers and notes
    number_format: str = "General"
    caption: str = ""
    notes: tuple[str, ...] = ()  #: what the facilitator says about the chart (speaker notes)
    #: what the chart shows this month, in one short sentence ("NPS rose from −40 to −20 over
    #: three months"); "" when there is nothing to state
    finding: str = ""
    #: False on a chart the deck shows as a shorter deck-only copy (``word`` False): the
    #: Word pack draws every category, the deck its largest and one bar summing the rest
    deck: bool = True
    word: bool = True  #: False on that deck-only copy


@dataclass(frozen=True)
class CardLine:
    """One line of a theme card: what it says, and its status as a word after it (a computed
    status, an action's status and flag), or ""."""

    text: str
    status: str = ""
    #: True when the status calls for the room's attention (overdue, blocked, off track, no
    #: owner): drawn in the warning colour, the word always there too
    alert: bool = False


@dataclass(frozen=True)
class CardPart:
    """One part of a theme card under its heading ("What customers said", "Service levels"):
    its lines, its quotes (as the pack shows them elsewhere), and what it says when it has
    neither."""

    heading: str
    lines: tuple[CardLine, ...] = ()
    quotes: tuple[Quote, ...] = ()
    empty: str = ""  #: e.g. "No service level measures it."
    #: which part it is: "said", "people", "slas" or "actions" ("" for a part made elsewhere)
    key: str = ""

    @property
    def count(self) -> int:
        """How many entries the part holds: its quotes and its lines."""
        return len(self.quotes) + len(self.lines)


@dataclass(frozen=True)
class ThemeCard:
    """One of the top customer themes with everything the pack knows about it, joined: its
    mentions and trend, its owner (or that it has none), what customers and colleagues said
    about it, the service levels that measure it and what is being done about it."""

    title: str  #: the card's heading ("Theme card: Billing accuracy")
    name: str  #: the theme's name
    #: the card's point in one sentence: mentions, change and owner ("Billing accuracy: 109
    #: mentions, up 27 since October; owned by Gareth Lloyd")
    finding: str
    trend: str  #: mentions month by month, or "No trend yet: …"
    owner: CardLine  #: who owns it and the next step; ``alert`` when nobody does
    parts: tuple[CardPart, ...]
    question: str = ""  #: the question for the room the card raises ("Who owns …?"), or ""
    notes: tuple[str, ...] = ()  #: what the facilitator does with the card (speaker notes)
    #: fewer mentions than the month it is compared with (True), more (False), the same or
    #: nothing to compare with (None): mentions are what customers ask us to improve
    improved: bool | None = None
    #: the keys of the sections the theme is tied to, in the fixed order: Customer always,
    #: Operations through its SLAs' ``theme``, Employees through its challenges and frontline
    #: voices, and any section through an action or decision about the theme
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaperPart:
    """One labelled part of a decision paper ("Options", "Cost"...), with its text: one item,
    or several (the options) drawn as a list."""

    label: str
    items: tuple[str, ...]
    #: each item as the lines a page sets it in (an option: its name, then its cost and its
    #: risk, each on a line of its own); () where an item is one line
    lines: tuple[tuple[str, ...], ...] = ()
    recommended: int | None = None  #: the index of the item the recommendation names


@dataclass(frozen=True)
class DecisionPaper:
    """A decision the meeting is asked to take, as a short paper met in its own section's
    slot: what to decide, who asks and by when, then only the parts the data gives."""

    title: str  #: the heading: the decision itself ("Decide: Fund a ...")
    ask: str  #: the ask in one sentence: who asks the meeting to decide, and by when
    context: str = ""  #: why it is asked, "" when the data gives none
    #: options, recommendation, cost, risk and decide-by, each only when given (a paper with
    #: options and no recommendation says so)
    parts: tuple[PaperPart, ...] = ()
    passed: bool = False  #: its decide-by date is before the meeting
    notes: tuple[str, ...] = ()  #: what the facilitator says over it (speaker notes)
    #: a decision the data gives nothing but its title for says so in one line, "" otherwise
    bare: str = ""


Block = Narrative | Quote | Figures | Table | Bullets | Note | Chart | ThemeCard | DecisionPaper


@dataclass(frozen=True)
class Cues:
    """The facilitator's words around one slot's slides, phrased in ``agenda/`` like every
    other sentence; a writer only places them. Every slide's notes are ``head``, then what is
    said about that slide's content, then ``ask``."""

    head: str  #: the slot's line and its purpose (two lines)
    ask: str  #: "Ask the room:" and the slot's questions, one per line
    opening: tuple[str, ...] = ()  #: what to say on the slot's opening slide
    quotes: tuple[str, ...] = ()  #: what to do with a slide of quotes
    figures: tuple[str, ...] = ()  #: what to say over figures that carry no notes of their own
    quotes_title: str = ""  #: the title over the slot's quotes ("In their words")
    notes_title: str = ""  #: the title over the slot's prose ("What this month says")
    slot_line: str = ""  #: the slot in one line under a divider's focus question
    slot_sentence: str = ""  #: the slot in one sentence, closing the section in the Word pack


@dataclass(frozen=True)
class Labels:
    """Words a writer places around content, phrased in ``agenda/``. Patterns hold what only
    the layout knows: ``{n}`` and ``{total}`` (which part of how many), ``{title}``."""

    questions: str = ""  #: heading over a section's questions for the room
    appendix: str = ""  #: heading of the appendix
    shortened: str = ""  #: caption added where long entries are shortened on a slide
    first_part: str = ""  #: after a title split over slides, on its first part
    next_part: str = ""  #: after a title split over slides, on the later parts
    #: after a title that apart slides of one section share (they do not continue each other)
    again: str = ""
    quote_part: str = ""  #: after the attribution of a quote split over slides
    story_parts: str = ""  #: speaker note on a story that needs more than two slides
    full_title: str = ""  #: speaker note giving a title shortened on the slide
    timing: str = ""  #: a timing warning in the Word pack's agenda
    subject: str = ""  #: the files' subject property: ``{kind}`` (pack or deck), ``{period}``
    keywords: str = ""  #: the files' keywords property
    footer: str = ""  #: the Word pack's footer before the page number: ``{organisation}``,
    #: ``{period}``
    chair: str = ""  #: the cover's chair: ``{chair}``
    attending: str = ""  #: before the cover's list of who attends
    rows: str = ""  #: a table's description when it has no caption: ``{n}``
    caution: str = ""  #: before a caution
    theme: str = ""  #: after a story's attribution: ``{theme}``
    more: str = ""  #: after a list shortened on a slide: ``{count}`` more in the Word pack
    logo: str = ""  #: the logo's alternative text: ``{organisation}``
    contents: str = ""  #: the HTML pack's navigation: the name of its list of sections
    skip: str = ""  #: the HTML pack's first link, past the cover and contents to the pack
    #: the HTML pack's footer (a page has no page numbers): ``{organisation}``, ``{period}``
    page_footer: str = ""


@dataclass(frozen=True)
class Slot:
    """A section's place on the agenda."""

    number: int
    title: str
    start: dt.time
    end: dt.time
    minutes: int
    lead: str
    focus: str  #: the question the slot answers: drawn from this month's data where it can be
    key: str = ""  #: section key ("customer" … "finance") or "actions"
    purpose: Purpose | None = None  #: None where nothing says (the group pack)
    #: the purpose as the agenda shows it ("For decision"); "" when ``purpose`` is None
    ask: str = ""

    @property
    def times(self) -> str:
        """The slot as ``09:30–10:05``."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class Section:
    """One agenda section and everything shown in it, in reading order."""

    key: str
    title: str  #: the section's own name: Customer, Employees, Operations, ...
    slot: Slot
    blocks: tuple[Block, ...]
    questions: tuple[str, ...]  #: what the facilitator asks the room in this slot
    has_data: bool = True
    intro: str = ""  #: one line the facilitator opens the slot with (deck divider)
    cues: Cues = Cues("", "")  #: the facilitator's words around the slot's slides


@dataclass(frozen=True)
class ActionRow:
    """One action as the log shows it."""

    id: str
    title: str
    owner: str
    due: dt.date
    status: str  #: open, done, blocked
    section: str  #: the section's title
    flag: str = ""  #: e.g. "Overdue by 6 days"
    source: str = ""  #: the customer insight it came from
    carried_from: str = ""  #: e.g. "October 2026" when the latest word on it is an earlier month's
    theme: str = ""  #: the customer theme it is about, as its record names it


@dataclass(frozen=True)
class DecisionRow:
    """A decision the meeting is asked to take."""

    title: str
    section: str
    owner: str = ""
    theme: str = ""  #: the customer theme it is about, as its record names it
    decide_by: str = ""  #: e.g. "4 Dec 2026", "" when not given
    passed: bool = False  #: the decide-by date is before the meeting


#: What became of a decision taken at the last meeting, from its actions' status now.
#: "untraced": a linked action the log does not hold, so what became of it is unknown.
Result = Literal["done", "in hand", "behind", "untraced", "no action"]


@dataclass(frozen=True)
class DecisionTakenRow:
    """A decision the last meeting took, with its result: its linked actions' status in this
    month's action log."""

    title: str
    section: str  #: the section's title
    owner: str
    result: str  #: phrased: "A-106 blocked; A-107 done", or "no action recorded"
    state: Result  #: the result in a word, for counting


@dataclass(frozen=True)
class ActionLog:
    """Open actions (carried over and new) grouped by section in the fixed order, what closed
    since the last meeting, and the decisions needed."""

    slot: Slot
    rows: tuple[ActionRow, ...]  #: open and blocked actions
    closed: tuple[ActionRow, ...]  #: done since the last meeting, listed once
    decisions: tuple[DecisionRow, ...]
    summary: str
    questions: tuple[str, ...]
    blocks: tuple[Block, ...] = ()  #: the log as tables, ready to lay out
    cues: Cues = Cues("", "")  #: the facilitator's words around the log's slides
    #: the decisions the last meeting took, with their result (from its outcomes.yaml)
    taken: tuple[DecisionTakenRow, ...] = ()
    taken_at: str = ""  #: that meeting's month, e.g. "October 2026"; "" without outcomes
    #: the workspace's first month: ``closed`` were done before it, not since a last meeting
    first: bool = False


@dataclass(frozen=True)
class Cover:
    """What the cover page and the title slide say."""

    organisation: str
    title: str
    period_label: str  #: e.g. "November 2026"
    date_label: str  #: e.g. "Thursday 19 November 2026"
    location: str
    chair: str
    confidentiality: str
    attendees: tuple[str, ...] = ()
    order_line: str = ""  #: the customer-first running order, said in one sentence
    protected_guests: bool = False  #: guests attend under the Chatham House rule
    #: the lines every format shows the same way, phrased once (``agenda.facilitation``):
    subtitle: str = ""  #: "Northwind Utilities · November 2026"
    details: str = ""  #: "Thursday 19 November 2026 · Leeds · Chair: Priya Shah"
    document_title: str = ""  #: the files' title: "Leadership meeting — Northwind Utilities"


@dataclass(frozen=True)
class Summary:
    """The month in brief, for the room: what customers say first, then the few findings that
    matter, what the meeting is asked for, and what happened since the last meeting. Each part
    is phrased already; a writer lays the parts out under their headings."""

    title: str  #: e.g. "November 2026 in brief"
    customer: str  #: the first story and the customer signal, with its significance
    findings: tuple[str, ...]  #: at most three, one sentence each with its figure
    asks: tuple[str, ...]  #: what we need from the room: decisions, with owner and slot
    since: tuple[str, ...]  #: since the last meeting: actions closed, overdue
    headings: tuple[str, str, str] = ("", "", "")  #: over findings, asks and since

    @property
    def parts(self) -> tuple[Bullets, ...]:
        """The findings, asks and since-last-meeting as headed lists, empty ones left out:
        what every writer lays out under the customer sentence."""
        parts = zip(self.headings, (self.findings, self.asks, self.since), strict=True)
        return tuple(Bullets(heading, items) for heading, items in parts if items)


@dataclass(frozen=True)
class Pack:
    """The whole monthly pack, ready for any writer."""

    cover: Cover
    agenda: tuple[Slot, ...]
    sections: tuple[Section, ...]
    actions: ActionLog | None
    appendix: tuple[Block, ...]
    date: dt.date
    file_stem: str  #: e.g. "northwind-utilities-2026-11-leadership-pack"
    agenda_notes: str = ""
    title_notes: str = ""
    #: timing problems the chair should see in the agenda (also among ``warnings``)
    agenda_warnings: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())  #: located, for the terminal only
    labels: Labels = Labels()  #: words the writers place around the content
    #: the agenda as a table: slot, section, time, lead, the question it answers
    agenda_table: Table = Table("", (), ())
    notices: tuple[str, ...] = ()  #: what the build did that the user should know (no names)
    summary: Summary | None = None  #: the month in brief, before the agenda
    summary_notes: str = ""  #: speaker notes over the month in brief (and the agenda beside)
    #: the agenda as a compact table beside the summary: slot, section, time, lead, purpose
    agenda_compact: Table = Table("", (), ())
    #: the items for noting gathered in one sentence under the agenda (a consent block); ""
    #: when no slot is for noting
    consent: str = ""
    #: the deck's last slide: the meeting's asks, each with its owner and room to record what
    #: was agreed; a table with no rows when the meeting asks nothing
    room: Table = Table("", (), ())
    room_notes: str = ""  #: speaker notes over the "For the room" slide
    #: every customer theme's card, ranked by mentions (the top ones are the Customer
    #: section's cards): what the department briefs draw each department's customer results from
    themes: tuple[ThemeCard, ...] = ()


# --- around the meeting: a department's brief before it, the recap after it -----------------


@dataclass(frozen=True)
class ThemeGroup:
    """Customer themes under one heading in a brief ("What improved"): each theme a card part
    whose heading is its finding, its lines what the department measures or says about it, and
    its quotes what customers said."""

    heading: str
    themes: tuple[CardPart, ...]


#: What a memo's part holds: the pack's own blocks, and groups of themes.
MemoItem = Block | ThemeGroup


@dataclass(frozen=True)
class MemoPart:
    """One headed part of a memo: a lead sentence (bold, "" for none), then its items."""

    heading: str
    items: tuple[MemoItem, ...]
    lead: str = ""


@dataclass(frozen=True)
class Memo:
    """A short document around the meeting, composed from the Pack (and, for the recap, the
    meeting's outcomes): a department's brief before it, the recap after it. Every word is
    phrased already; a writer lays it out as Word or Markdown."""

    kind: str  #: "brief" or "recap": what the document properties call it
    title: str  #: e.g. "Operations brief"
    subtitle: str  #: e.g. "Northwind Utilities · November 2026 leadership meeting"
    opening: tuple[str, ...]  #: a few lines under the title: who it is for, what it holds
    confidentiality: str
    parts: tuple[MemoPart, ...]
    file_stem: str  #: e.g. "northwind-utilities-2026-11-operations-brief"
    date: dt.date  #: the meeting's date: the files' timestamps
    organisation: str
    period_label: str  #: e.g. "November 2026"
    labels: Labels = Labels()


@dataclass(frozen=True)
class Invitee:
    """Someone the meeting invite is sent to: a name and an address (``mailto:``)."""

    name: str
    email: str


@dataclass(frozen=True)
class Invite:
    """The meeting as a calendar invite (``agenda invite``): times from the agenda's slots, in
    the meeting's time zone; the description is phrased already, one line per agenda slot."""

    uid: str  #: the same for the same organisation and month, run after run
    summary: str  #: the meeting's title
    start: dt.datetime  #: aware, in ``timezone``: the first slot's start
    end: dt.datetime  #: aware, in ``timezone``: the last slot's end
    timezone: str  #: IANA name, e.g. "Europe/London"
    stamp: dt.datetime  #: when the invite was made (UTC)
    description: str  #: the running order, lines joined by newlines
    file_name: str  #: e.g. "northwind-utilities-2026-11-meeting.ics"
    location: str = ""
    attendees: tuple[Invitee, ...] = ()  #: attendees with an e-mail address, never a guest
    organiser: Invitee | None = None  #: the chair, when listed among them with an address

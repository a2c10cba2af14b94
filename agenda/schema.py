"""Input models, one per file of the data contract; strict, so a typo is an error, not a gap.

Key names here are the public interface (see PRODUCT.md): add optional keys freely, rename none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from agenda import figures
from agenda.errors import closest
from agenda.order import MONTH, SECTIONS, SLOT_KEYS, SectionKey

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _no_bool(value: Any) -> Any:
    """Refuse true/false where a number belongs."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {'true' if value else 'false'}")
    return value


def _pasted(value: Any, *, thousands: bool = True) -> figures.Pasted | None:
    """A quoted figure read exactly (see ``agenda.figures``), or None when it is not text."""
    if not isinstance(value, str):
        return None
    try:
        return figures.read(value, thousands=thousands)
    except figures.FigureError as exc:
        raise ValueError(str(exc)) from None


def _number(value: Any, *, thousands: bool = True) -> Any:
    """Accept pasted figures such as '1,250' exactly; refuse signs this figure cannot keep."""
    value = _no_bool(value)
    if isinstance(value, float):
        try:
            figures.check_typed(value, thousands=thousands)
        except figures.FigureError as exc:
            raise ValueError(str(exc)) from None
    pasted = _pasted(value, thousands=thousands)
    if pasted is None:
        return value
    if pasted.percent:
        raise ValueError(
            f"{value!r} has a % sign, but this figure has no unit to keep it; type {pasted.value:g}"
        )
    if pasted.currency:
        raise ValueError(
            f"{value!r} has a currency sign, but this figure is not money; type {pasted.value:g}"
        )
    return pasted.value


def _score(value: Any) -> Any:
    """A score, rate or target: as ``_number``, but never in thousands ("68,500")."""
    if isinstance(value, str):
        try:
            figures.check_score(value)
        except figures.FigureError as exc:
            raise ValueError(str(exc)) from None
    return _number(value, thousands=False)


def _money(value: Any, info: ValidationInfo) -> Any:
    """Money may carry the file's own currency sign or code (``€2,400,000`` in a EUR file)."""
    value = _no_bool(value)
    pasted = _pasted(value)
    if pasted is None or not pasted.currency:
        return _number(value)
    context = info.context or {}
    currency = context.get("currency")
    shared = figures.SHARED_SIGNS.get(pasted.currency, ())
    if currency is None:
        codes = " or ".join(shared) or pasted.currency
        raise ValueError(
            f"{value!r} is in {codes}, but the file does not say its currency; add "
            f"'currency: {shared[0] if shared else pasted.currency}' at the top of the file"
        )
    if shared and str(currency).upper() in shared:
        return pasted.value  # ¥ in a JPY or CNY file
    if pasted.currency != str(currency).upper():
        raise ValueError(
            f"{value!r} is in {' or '.join(shared) or pasted.currency}, but this file's "
            f"currency is {currency}; "
            "type the amount in the file's currency"
        )
    return pasted.value


def _whole(value: Any) -> Any:
    """Accept pasted whole numbers such as '1,250'; refuse booleans and fractions, and an
    unquoted ``2.000`` (YAML reads 2, its writer meant 2,000)."""
    value = _no_bool(value)
    if isinstance(value, float):
        typed = getattr(value, "typed", None) or repr(value)
        try:
            figures.check_typed(value)
        except figures.FigureError as exc:
            raise ValueError(str(exc)) from None
        if "." in typed or not value.is_integer():
            raise ValueError(f"expected a whole number, got {typed!r}")
        return int(value)
    if isinstance(value, str) and re.search(r"\d", value):
        number = _number(value)
        if not float(number).is_integer():
            raise ValueError(f"expected a whole number, got {value!r}")
        return int(number)
    return value


def _percent_unit(data: Any, fields: tuple[str, ...]) -> Any:
    """A figure typed with % is a percentage: the unit becomes '%' (or a clash is refused)."""
    if not isinstance(data, dict):
        return data
    marked: dict[str, float] = {}  # field → its value, for each typed with a % sign
    for name in fields:
        raw = data.get(name)
        try:
            pasted = figures.read(raw) if isinstance(raw, str) else None
        except figures.FigureError:
            continue  # the field's own check reports it, at its place
        if pasted is not None and pasted.percent:
            marked[name] = pasted.value
    unit = data.get("unit")
    if not marked and unit != "%":
        return data
    if marked and unit not in (None, "%"):
        first = next(iter(marked))
        raise ValueError(
            f"{first} {data[first]!r} has a % sign but the unit is {unit!r}; drop one of them"
        )
    out = dict(data, unit="%", **marked)
    for name in fields:  # a percentage is never in thousands: 99.949 is what it says
        raw = out.get(name)
        if isinstance(raw, float) and getattr(raw, "typed", None):
            out[name] = float(raw)
    return out


def _as_text(value: Any) -> Any:
    """Let identifiers typed as bare numbers (``id: 1.10``) count as text, exactly as typed."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return getattr(value, "typed", None) or str(value)
    return value


def _named(key: str) -> Callable[[Any], Any]:
    """Let a list item be given as plain text, short for ``{key: text}``."""

    def wrap(value: Any) -> Any:
        return {key: _as_text(value)} if isinstance(value, str | int | float) else value

    return wrap


Number = Annotated[float, BeforeValidator(_number), Field(allow_inf_nan=False)]
#: A score or target (NPS, engagement, CSAT): never typed in thousands.
ScoreNumber = Annotated[float, BeforeValidator(_score), Field(allow_inf_nan=False)]
#: An amount of money: may carry the file's own currency sign or code.
Money = Annotated[float, BeforeValidator(_money), Field(allow_inf_nan=False)]
Whole = Annotated[int, BeforeValidator(_whole)]
Count = Annotated[Whole, Field(ge=0)]
Id = Annotated[Text, BeforeValidator(_as_text)]


class Strict(BaseModel):
    """Base for every input model: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


# --- meeting.yaml ---------------------------------------------------------------------------


#: An e-mail address as a calendar can send to: one @, a dotted domain, no spaces or brackets.
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def _email(value: str) -> str:
    """An attendee's e-mail address, for the meeting invite (``agenda invite``)."""
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError(
            f"{value!r} is not an e-mail address: write it whole, as name@example.org "
            "(no name or 'mailto:' around it)"
        )
    return value


DEFAULT_TIMEZONE = "Europe/London"


def _timezone(value: str) -> str:
    """An IANA time zone name, exactly as the time zone database spells it."""
    import zoneinfo  # here: only a meeting that names its zone pays for the listing

    known = zoneinfo.available_timezones()
    if value in known:
        return value
    close = closest(value, sorted(known), fold=str.casefold)
    hint = f"did you mean '{close}'?" if close else "e.g. Europe/London, America/New_York"
    raise ValueError(f"{value!r} is not a time zone: write its IANA name ({hint})")


class Attendee(Strict):
    name: Text
    role: Text | None = None
    #: where the meeting invite (agenda invite) is sent; never shown in the pack
    email: Annotated[Text, AfterValidator(_email)] | None = None


class Guest(Strict):
    name: Text
    organisation: Text
    role: Text | None = None
    #: Other ways the data may name the guest or their organisation: nicknames, initialisms
    #: ("PVI"), former names. Protected like the name and organisation.
    aliases: list[Text] = []

    @field_validator("name", "organisation", "aliases")
    @classmethod
    def _has_letters(cls, value: Any) -> Any:
        for text in value if isinstance(value, list) else [value]:
            if not any(ch.isalpha() for ch in text):
                raise ValueError(f"{text!r} is not a name: a name has letters")
        return value

    #: Under the Chatham House rule (the default for customer guests) the guest's name and
    #: organisation never appear in any output.
    chatham_house: bool = True


def _per_slot(name: str, doc: str, value: Any) -> type[Strict]:
    """A model with one optional field per agenda slot, named by the slot keys in ``order``.

    Built at run time (``create_model``), so the type checker cannot use it as a type: the
    fields typed with one carry ``# type: ignore[valid-type]``."""
    fields: dict[str, Any] = {key: (value | None, None) for key in SLOT_KEYS}
    return create_model(name, __base__=Strict, __doc__=doc, **fields)


SectionNumbers = _per_slot(
    "SectionNumbers",
    "Minutes per agenda slot, keyed by section (plus the closing ``actions`` review).",
    Annotated[Whole, Field(ge=1, le=480)],
)
SectionLeads = _per_slot(
    "SectionLeads",
    'Who leads each agenda slot; a slot not named says "lead not named" and is warned about.',
    Text,
)
SectionPurposes = _per_slot(
    "SectionPurposes",
    "What each agenda slot asks of the room: a decision, a discussion, or noting (read "
    "beforehand, taken together as a consent block); a slot not set has it derived from the data.",
    Literal["decision", "discussion", "noting"],
)


class Meeting(Strict):
    organisation: Text
    period: Annotated[str, StringConstraints(pattern=f"^{MONTH.pattern}$")]
    date: dt.date
    title: Text | None = None
    start: Annotated[str, StringConstraints(pattern=r"^([01]?\d|2[0-3]):[0-5]\d$")] = "09:00"
    #: When the meeting must finish; the agenda warns if the slots run past it.
    end: Annotated[str, StringConstraints(pattern=r"^([01]?\d|2[0-3]):[0-5]\d$")] | None = None
    location: Text | None = None
    chair: Text | None = None
    attendees: list[Annotated[Attendee, BeforeValidator(_named("name"))]] = []
    guests: list[Guest] = []
    minutes: SectionNumbers = SectionNumbers()  # type: ignore[valid-type]  # run-time model
    leads: SectionLeads = SectionLeads()  # type: ignore[valid-type]  # run-time model
    purposes: SectionPurposes = SectionPurposes()  # type: ignore[valid-type]  # run-time model
    #: "neutral" (default): NPS as number, sample and change, no good/bad; "target": judged
    #: against customer.yaml's nps.target.
    nps_framing: Literal["neutral", "target"] = "neutral"
    #: The meeting's time zone (IANA name) for the invite's start and end.
    timezone: Annotated[Text, AfterValidator(_timezone)] = DEFAULT_TIMEZONE

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        if isinstance(value, dt.date):
            raise ValueError("period is a month: write it as YYYY-MM, e.g. 2026-11")
        return value


# --- customer.yaml --------------------------------------------------------------------------


class NpsCounts(Strict):
    promoters: Count
    passives: Count
    detractors: Count


#: The answer fields read from a survey export, each found by its column's header.
EXPORT_FIELDS = ("date", "score", "segment", "channel", "comment")


class ResponseColumns(Strict):
    """Which of the export's columns holds each field, by its header text (case and the
    spaces around it do not matter); a field not named is looked for under its own name."""

    score: Id | None = None
    date: Id | None = None
    segment: Id | None = None
    channel: Id | None = None
    comment: Id | None = None

    @model_validator(mode="after")
    def _one_column_each(self) -> ResponseColumns:
        named: dict[str, str] = {}
        for key in EXPORT_FIELDS:
            header = getattr(self, key)
            if header is None:
                continue
            folded = header.casefold()
            if folded in named:
                raise ValueError(
                    f"{named[folded]} and {key} both name the column {header!r}; "
                    "each field needs its own column"
                )
            named[folded] = key
        return self


def _date_format(value: str) -> str:
    """A strptime format that reads back the date it writes (so it holds day, month, year)."""
    sample = dt.datetime(2026, 11, 28, 9, 15, 7)
    try:
        back = dt.datetime.strptime(sample.strftime(value), value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a usable date format ({exc})") from None
    if back.date() != sample.date():
        raise ValueError(
            f"{value!r} does not hold a whole date; use %d, %m (or %b) and %Y, "
            "e.g. '%d/%m/%Y %H:%M'"
        )
    return value


def _export_file(value: Any) -> Any:
    """``responses: export.csv`` is short for ``responses: {file: export.csv}``."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return {"file": value}
    return value


class ResponsesExport(Strict):
    """A survey export in the month folder and how to read it (``agenda.responses``)."""

    file: Id  #: .csv, .tsv, .txt (UTF-8 or UTF-16, any common delimiter) or .xlsx
    sheet: Id | None = None  #: xlsx only; the first sheet when not given
    header_row: Annotated[Whole, Field(ge=1)] = 1  #: 1-based row holding the column names
    skip_rows: Annotated[Whole, Field(ge=0)] = 0  #: label rows right after the header
    columns: ResponseColumns = ResponseColumns()
    #: strptime format of the dates, for dates that are not ISO (``%m/%d/%Y %H:%M:%S``)
    date_format: Annotated[Text, AfterValidator(_date_format)] | None = None


class NpsSource(Strict):
    """Where the month's NPS comes from: a survey export in the folder, or counted answers."""

    responses: Annotated[ResponsesExport, BeforeValidator(_export_file)] | None = None
    counts: NpsCounts | None = None
    target: Annotated[ScoreNumber, Field(ge=-100, le=100)] | None = None

    @model_validator(mode="after")
    def _one_source(self) -> NpsSource:
        if (self.responses is None) == (self.counts is None):
            raise ValueError(
                "give exactly one of 'responses' (a survey export in the month folder) or 'counts'"
            )
        return self


class Tagged(Strict):
    """A story or verbatim tagged with customer themes: ``theme`` (one), ``themes`` (several),
    or both."""

    theme: Text | None = None
    #: more themes the item speaks to, beside ``theme``: each names one of this month's
    #: customer ``themes`` (in any case), as ``theme`` does
    themes: list[Text] = []

    @property
    def tags(self) -> tuple[str, ...]:
        """Every theme the item is tagged with, ``theme`` first, each once (whatever its case)."""
        seen: dict[str, str] = {}
        for name in (self.theme, *self.themes):
            if name:
                seen.setdefault(name.strip().casefold(), name)
        return tuple(seen.values())

    def tagged(self, name: str) -> bool:
        """Whether the item is tagged with the theme called ``name`` (ignoring case)."""
        wanted = name.strip().casefold()
        return any(tag.strip().casefold() == wanted for tag in self.tags)


class Narrative(Tagged):
    title: Text
    customer: Text  #: the named person who brings the data to life ("Mrs Jones")
    story: Text
    channel: Text
    segment: Text | None = None
    guest: bool = False


class Verbatim(Tagged):
    text: Text
    score: Annotated[Whole, Field(ge=0, le=10)] | None = None
    channel: Text
    segment: Text | None = None
    date: dt.date | None = None
    guest: bool = False


class SurveyVerbatim(Verbatim):
    """A verbatim picked from the survey export's comments for a top theme, never typed: its
    type is the mark the pack shows ("picked from the survey")."""


def _keywords(value: list[str]) -> list[str]:
    for word in value:
        if not any(ch.isalnum() for ch in word):
            raise ValueError(f"keyword {word!r} has no letters or digits to match")
    return value


class Theme(Strict):
    name: Text
    #: comments that raised the theme this month; leave it out to count them from the survey
    #: export's comments by ``keywords``
    mentions: Count | None = None
    previous: Count | None = None
    #: words or phrases a comment uses when it raises the theme (any case or accents, whole
    #: words): a comment that holds one mentions the theme
    keywords: Annotated[list[Text], AfterValidator(_keywords)] = []
    #: who owns the theme: the person the room holds to account for it (its theme card says
    #: so, or asks who owns it when nobody is named)
    owner: Text | None = None
    #: what the owner does next about it, in a sentence (free text)
    next_step: Text | None = None


class Complaints(Strict):
    total: Count
    previous: Count | None = None
    reasons: dict[str, Count] = {}

    @field_validator("reasons")
    @classmethod
    def _named_reasons(cls, value: dict[str, int]) -> dict[str, int]:
        for reason in value:
            if not any(ch.isalnum() for ch in reason):
                raise ValueError(f"a reason needs a name, got {reason!r}")
        return value


class Score(Strict):
    score: ScoreNumber
    previous: ScoreNumber | None = None
    scale: Annotated[ScoreNumber, Field(gt=0)] | None = None  #: top of the scale, e.g. 5 for 1–5

    @model_validator(mode="after")
    def _within_scale(self) -> Score:
        for name in ("score", "previous"):
            value = getattr(self, name)
            if self.scale is not None and value is not None and not 0 <= value <= self.scale:
                raise ValueError(f"{name} {value:g} is outside the scale 0–{self.scale:g}")
        return self


class FrontlineInvite(Strict):
    """A frontline colleague invited into the customer slot to tell what customers face."""

    name: Text
    role: Text
    topic: Text | None = None


class Customer(Strict):
    nps: NpsSource
    narratives: Annotated[list[Narrative], Field(min_length=1)]
    verbatims: list[Verbatim] = []
    themes: list[Theme] = []
    complaints: Complaints | None = None
    csat: Score | None = None
    effort: Score | None = None
    frontline_invite: FrontlineInvite | None = None
    #: Mask e-mail addresses, phone and card numbers in narratives, verbatims and survey
    #: comments (the default); set false only where customers' own contact details belong.
    mask_personal_data: bool = True


# --- employees.yaml -------------------------------------------------------------------------


class Engagement(Strict):
    score: ScoreNumber
    previous: ScoreNumber | None = None


class Challenge(Strict):
    text: Text
    theme: Text | None = None


class FrontlineVoice(Strict):
    name: Text
    role: Text
    quote: Text
    theme: Text | None = None  #: the customer theme the colleague speaks to


class CustomerObjective(Strict):
    team: Text
    objective: Text


class Employees(Strict):
    engagement: Engagement | None = None
    enps: Annotated[ScoreNumber, Field(ge=-100, le=100)] | None = None
    challenges: list[Annotated[Challenge, BeforeValidator(_named("text"))]] = []
    frontline: list[FrontlineVoice] = []
    customer_objectives: list[CustomerObjective] = []


# --- operations.yaml ------------------------------------------------------------------------


class Sla(Strict):
    name: Text
    target: Number
    actual: Number
    unit: str | None = None
    higher_is_better: bool = True
    theme: Text | None = None  #: links the SLA to a customer improvement theme

    @model_validator(mode="before")
    @classmethod
    def _percentages(cls, data: Any) -> Any:
        return _percent_unit(data, ("target", "actual"))


class Operations(Strict):
    slas: list[Sla] = []
    improvements: list[Text] = []


# --- marketing.yaml -------------------------------------------------------------------------


class Outreach(Strict):
    """A marketing programme or event aimed at customers."""

    name: Text
    audience: Text
    when: Annotated[str, BeforeValidator(_as_text)] | dt.date | None = None
    goal: Text | None = None
    expected_reaction: Text | None = None  #: how will the customers feel, react?


class Marketing(Strict):
    programmes: list[Outreach] = []
    events: list[Outreach] = []


# --- sales.yaml -----------------------------------------------------------------------------


class SalesTarget(Strict):
    account: Text
    segment: Text | None = None
    stage: Text | None = None
    value: Money | None = None
    feedback_to_use: Text | None = None  #: what other customers said that the team takes in


class Pipeline(Strict):
    value: Money
    previous: Money | None = None


class Sales(Strict):
    currency: Text | None = None
    targets: list[SalesTarget] = []
    pipeline: Pipeline | None = None


# --- finance.yaml ---------------------------------------------------------------------------


class FinanceMetric(Strict):
    name: Text
    actual: Money
    budget: Money | None = None
    previous: Money | None = None
    unit: str | None = None
    #: Unset: no on-track status (validate warns), never a guessed direction: an overspend on
    #: a cost must not read as "On track".
    higher_is_better: bool | None = None
    #: Whether the group pack may add this figure up across units. Unset: only money (no unit,
    #: or a currency unit such as "£k", "€", "EURm") is added up; days, %, rates, ratios and
    #: scores never are. ``true`` or ``false`` overrides that.
    additive: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _percentages(cls, data: Any) -> Any:
        return _percent_unit(data, ("actual", "budget", "previous"))


class Finance(Strict):
    currency: Text = "GBP"
    metrics: list[FinanceMetric] = []
    commentary: list[Text] = []

    @field_validator("commentary", mode="before")
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


# --- actions.yaml ---------------------------------------------------------------------------


class Action(Strict):
    id: Id
    title: Text
    owner: Text
    due: dt.date
    status: Literal["open", "done", "blocked"]
    section: SectionKey
    source: Text | None = None  #: the customer insight or meeting the action came from
    #: the customer theme the action is about: one of this month's customer ``themes`` (any
    #: case); the action then shows on the theme's card
    theme: Text | None = None


#: Free text that may be typed as a bare number (``cost: 180000``): kept as typed, never
#: computed (a decision's cost is prose such as "£180k over December–March").
Prose = Annotated[Text, BeforeValidator(_as_text)]


class DecisionOption(Strict):
    """One option a decision paper puts to the room: its name, and its own cost and risk."""

    name: Prose
    cost: Prose | None = None
    risk: Prose | None = None


class Decision(Strict):
    """Something the meeting must decide, marked in the data so it is not lost in discussion;
    with its options, recommendation, cost, risk and decide-by date it is a short paper."""

    title: Text
    section: SectionKey
    owner: Text | None = None
    context: Text | None = None
    theme: Text | None = None  #: the customer theme the decision is about, as for actions
    #: the options put to the room: plain text, or ``{name, cost, risk}``
    options: list[Annotated[DecisionOption, BeforeValidator(_named("name"))]] = []
    #: what the owner recommends (an option's name marks that option as recommended)
    recommendation: Prose | None = None
    cost: Prose | None = None  #: free text, e.g. "£180k over December–March"; never computed
    risk: Prose | None = None
    decide_by: dt.date | None = None  #: before the meeting's date: a warning, shown as passed


class Actions(Strict):
    actions: list[Action] = []
    decisions: list[Decision] = []


# --- outcomes.yaml (written after the meeting; read by the next month's pack) ---------------


class DecisionTaken(Strict):
    """A decision the meeting took, and the actions (by id) that carry it out."""

    title: Text
    section: SectionKey
    owner: Text | None = None
    #: ids of the actions that carry the decision out: their status in the next month's
    #: action log is the decision's result
    actions: list[Id] = []


SectionNotes = _per_slot("SectionNotes", "What the room said, per agenda slot (optional).", Text)


class Outcomes(Strict):
    """What the meeting decided, recorded after it: the next month's pack lists the decisions
    with their result."""

    decisions: list[DecisionTaken] = []
    actions: list[Action] = []  #: new or changed actions, the same fields as actions.yaml
    notes: SectionNotes = SectionNotes()  # type: ignore[valid-type]  # run-time model
    #: the next meeting's date, when the room set it: the recap says it (without it, the recap
    #: gives the same weekday of next month, as ``agenda init`` does, to be confirmed)
    next_meeting: dt.date | None = None


#: Each section file's model, keyed by file stem; customer.yaml is required, the rest optional.
#: Each model is the class named as its key capitalised (``customer`` → ``Customer``).
SECTION_MODELS: dict[str, type[Strict]] = {s.key: globals()[s.key.capitalize()] for s in SECTIONS}


# --- agenda.yaml (workspace settings) and theme.yaml (a theme folder's own look) -------------

Hex = Annotated[str, StringConstraints(pattern=r"^#?[0-9A-Fa-f]{6}$")]


class Colours(Strict):
    """Theme colours as hex RGB (``0F5E6B`` or ``#0F5E6B``)."""

    accent: Hex | None = None  #: titles, table headers, headline figures
    ink: Hex | None = None  #: body text
    muted: Hex | None = None  #: captions and attributions
    panel: Hex | None = None  #: card and band backgrounds
    warm: Hex | None = None  #: cautions and target lines


class Fonts(Strict):
    heading: Text | None = None
    body: Text | None = None
    #: the theme's own font files (.ttf, .otf), beside the theme.yaml or agenda.yaml that names
    #: them, read for their widths so text is measured in them (else a wide fallback)
    files: list[Text] = []


class ThemeSettings(Strict):
    """A look: shipped theme name or folder, colours, fonts and a logo."""

    template: Text | None = None  #: a shipped theme ("default", "harbour") or a folder path
    colours: Colours = Colours()
    fonts: Fonts = Fonts()
    logo: Text | None = None  #: an image file inside the workspace


class WorkspaceSettings(Strict):
    """``agenda.yaml`` beside the month folders (or the unit folders of a group)."""

    theme: ThemeSettings = ThemeSettings()
    group: Text | None = None  #: the group's name on its roll-up pack
    #: Display names of a group's units on its roll-up pack, keyed by unit folder name (a unit
    #: not named here appears by its meeting.yaml ``organisation``).
    units: dict[str, Text] = {}
    #: Who leads each slot of the group meeting, keyed by section (optional; unnamed slots
    #: take the units' leads).
    group_leads: SectionLeads = SectionLeads()  # type: ignore[valid-type]  # run-time model

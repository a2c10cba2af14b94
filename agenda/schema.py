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
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)

from agenda import figures
from agenda.currencies import currency_code
from agenda.errors import closest
from agenda.keywords import theme_key
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
    context = info.context or {}
    currency = context.get("currency")
    if isinstance(value, str):
        try:
            figures.read(value)
        except figures.UnknownSign as exc:  # say what this file's currency takes instead
            if currency is None:
                raise ValueError(
                    f"{exc.base}; type the number alone (a sign needs 'currency:' at the top "
                    "of the file)"
                ) from None
            code = str(currency).upper()
            forms = " or ".join(f"'{s}'" for s in figures.signs_of(code))
            raise ValueError(
                f"{exc.base}; this file's currency is {code}: type the amount alone or with {forms}"
            ) from None
        except figures.FigureError:
            pass  # said below, as for any figure
    pasted = _pasted(value)
    if pasted is None or not pasted.currency:
        return _number(value)
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


def _figure_text(**kind: bool) -> Any:
    """The text a figure field also takes, for its JSON Schema: pasted figures as
    ``agenda.figures`` reads them (``"97.5%"``, ``"£1,250"``), as a pattern."""
    pattern = figures.text_pattern(**kind)
    return Annotated[str, WithJsonSchema({"type": "string", "pattern": pattern})]


def _figure(check: Callable[..., Any], **kind: bool) -> BeforeValidator:
    """A figure's check, with the input it takes (a number, or pasted text) for its schema."""
    number = int if kind.get("whole") else float
    return BeforeValidator(check, json_schema_input_type=number | _figure_text(**kind))


Number = Annotated[float, _figure(_number), Field(allow_inf_nan=False)]
#: A measure's figure: a number, or pasted text that may end in % (the unit then becomes %,
#: see ``_percent_unit``).
Measure = Annotated[float, _figure(_number, percent=True), Field(allow_inf_nan=False)]
#: A score or target (NPS, engagement, CSAT): never typed in thousands.
ScoreNumber = Annotated[float, _figure(_score, thousands=False), Field(allow_inf_nan=False)]
#: An amount of money: may carry the file's own currency sign or code.
Money = Annotated[float, _figure(_money, money=True), Field(allow_inf_nan=False)]
#: A finance measure's figure: money, or a percentage (``_percent_unit``).
MoneyMeasure = Annotated[
    float, _figure(_money, money=True, percent=True), Field(allow_inf_nan=False)
]
Whole = Annotated[int, _figure(_whole, whole=True)]
Count = Annotated[Whole, Field(ge=0)]
Id = Annotated[Text, BeforeValidator(_as_text, json_schema_input_type=Text | float)]


def _or_text(key: str, model: Any) -> BeforeValidator:
    """A list item given as plain text (or a bare number), short for ``{key: text}``."""
    return BeforeValidator(_named(key), json_schema_input_type=Text | float | model)


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


def _zones(schema: dict[str, Any]) -> None:
    """The time zone names, for an editor to complete (read only when a schema is made)."""
    import zoneinfo

    schema["enum"] = sorted(zoneinfo.available_timezones())


#: ``HH:MM``, 24-hour.
_CLOCK = r"^([01]?\d|2[0-3]):[0-5]\d$"


class Attendee(Strict):
    """An attendee: their name alone, or with a role and an e-mail address."""

    name: Text = Field(description="The attendee's name, as the pack's cover lists it.")
    role: Text | None = Field(default=None, description="Their role, shown beside the name.")
    email: Annotated[Text, AfterValidator(_email)] | None = Field(
        default=None,
        description="Where the meeting invite (agenda invite) is sent; never shown in the "
        "pack. May not name a protected guest or their organisation.",
        json_schema_extra={"pattern": _EMAIL.pattern, "maxLength": 254},
    )


class Guest(Strict):
    """A customer guest in the meeting; under the Chatham House rule never named in output."""

    name: Text = Field(description="The guest's name (has letters).")
    organisation: Text = Field(description="The guest's organisation (has letters).")
    role: Text | None = Field(default=None, description="The guest's role.")
    aliases: list[Text] = Field(
        default=[],
        description="Other ways the data may name the guest or their organisation: nicknames, "
        'initialisms ("PVI"), former names. Protected like the name and organisation.',
    )

    @field_validator("name", "organisation", "aliases")
    @classmethod
    def _has_letters(cls, value: Any) -> Any:
        for text in value if isinstance(value, list) else [value]:
            if not any(ch.isalpha() for ch in text):
                raise ValueError(f"{text!r} is not a name: a name has letters")
        return value

    chatham_house: bool = Field(
        default=True,
        description="Under the Chatham House rule (the default for customer guests) the "
        "guest's name and organisation never appear in any output.",
    )


def _per_slot(name: str, doc: str, value: Any, what: str) -> type[Strict]:
    """A model with one optional field per agenda slot, named by the slot keys in ``order``.

    Built at run time (``create_model``), so the type checker cannot use it as a type: the
    fields typed with one carry ``# type: ignore[valid-type]``."""
    fields: dict[str, Any] = {
        key: (value | None, Field(default=None, description=f"{what} the {key} slot."))
        for key in SLOT_KEYS
    }
    return create_model(name, __base__=Strict, __doc__=doc, **fields)


SectionNumbers = _per_slot(
    "SectionNumbers",
    "Minutes per agenda slot, keyed by section (plus the closing ``actions`` review).",
    Annotated[Whole, Field(ge=1, le=480)],
    "Minutes (1 to 480) for",
)
SectionLeads = _per_slot(
    "SectionLeads",
    'Who leads each agenda slot; a slot not named says "lead not named" and is warned about.',
    Text,
    "Who leads",
)
SectionPurposes = _per_slot(
    "SectionPurposes",
    "What each agenda slot asks of the room: a decision, a discussion, or noting (read "
    "beforehand, taken together as a consent block); a slot not set has it derived from the data.",
    Literal["decision", "discussion", "noting"],
    "What the room is asked for in",
)


class Meeting(Strict):
    """meeting.yaml: the meeting's settings (required in every month folder)."""

    organisation: Text = Field(description="The organisation, on the cover and file names.")
    period: Annotated[str, StringConstraints(pattern=f"^{MONTH.pattern}$")] = Field(
        description="The month, YYYY-MM (e.g. 2026-11); must match the folder's name."
    )
    date: dt.date = Field(description="The meeting's date, e.g. 2026-11-19.")
    title: Text | None = Field(
        default=None, description="The pack's title; unset, it is made from the month."
    )
    start: Annotated[str, StringConstraints(pattern=_CLOCK)] = Field(
        default="09:00", description='When the first slot starts, "HH:MM" (default 09:00).'
    )
    end: Annotated[str, StringConstraints(pattern=_CLOCK)] | None = Field(
        default=None,
        description='When the meeting must finish, "HH:MM"; the agenda warns if the slots '
        "run past it.",
    )
    location: Text | None = Field(default=None, description="Where the meeting is held.")
    chair: Text | None = Field(default=None, description="Who chairs the meeting.")
    attendees: list[Annotated[Attendee, _or_text("name", Attendee)]] = Field(
        default=[], description="Who attends: each a name, or {name, role, email}."
    )
    guests: list[Guest] = Field(
        default=[],
        description="Customer guests: {name, organisation, role, chatham_house, aliases}.",
    )
    minutes: SectionNumbers = Field(  # type: ignore[valid-type]  # run-time model
        default=SectionNumbers(),
        description="Minutes per slot, keyed by section or actions; unset: customer 30, "
        "employees and operations 15, the others 10.",
    )
    leads: SectionLeads = Field(  # type: ignore[valid-type]  # run-time model
        default=SectionLeads(),
        description="Who leads each slot, keyed like minutes.",
    )
    purposes: SectionPurposes = Field(  # type: ignore[valid-type]  # run-time model
        default=SectionPurposes(),
        description="decision, discussion or noting per slot, keyed like minutes; unset: "
        "derived from the data.",
    )
    nps_framing: Literal["neutral", "target"] = Field(
        default="neutral",
        description='"neutral" (default): NPS as number, sample and change, no good/bad; '
        '"target": judged against customer.yaml\'s nps.target.',
    )
    timezone: Annotated[Text, AfterValidator(_timezone)] = Field(
        default=DEFAULT_TIMEZONE,
        description="The meeting's time zone, an IANA name (default Europe/London), for the "
        "invite's start and end.",
        json_schema_extra=_zones,
    )

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        if isinstance(value, dt.date):
            raise ValueError("period is a month: write it as YYYY-MM, e.g. 2026-11")
        return value


# --- customer.yaml --------------------------------------------------------------------------


class NpsCounts(Strict):
    """The month's NPS answers, counted."""

    promoters: Count = Field(description="Answers of 9 or 10.")
    passives: Count = Field(description="Answers of 7 or 8.")
    detractors: Count = Field(description="Answers of 0 to 6.")


#: The answer fields read from a survey export, each found by its column's header.
EXPORT_FIELDS = ("date", "score", "segment", "channel", "comment")


class ResponseColumns(Strict):
    """Which of the export's columns holds each field, by its header text (case and the
    spaces around it do not matter); a field not named is looked for under its own name."""

    score: Id | None = Field(default=None, description="The header of the score column (0-10).")
    date: Id | None = Field(default=None, description="The header of the answer's date column.")
    segment: Id | None = Field(default=None, description="The header of the segment column.")
    channel: Id | None = Field(default=None, description="The header of the channel column.")
    comment: Id | None = Field(default=None, description="The header of the comment column.")

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

    file: Id = Field(
        description="The export's file name in the month folder: .csv, .tsv, .txt (UTF-8 or "
        "UTF-16, any common delimiter) or .xlsx."
    )
    sheet: Id | None = Field(default=None, description="xlsx only; the first sheet when not given.")
    header_row: Annotated[Whole, Field(ge=1)] = Field(
        default=1, description="The 1-based row holding the column names."
    )
    skip_rows: Annotated[Whole, Field(ge=0)] = Field(
        default=0, description="Label rows right after the header, to skip."
    )
    columns: ResponseColumns = Field(
        default=ResponseColumns(),
        description="The header of each field's column, when not its name.",
    )
    date_format: Annotated[Text, AfterValidator(_date_format)] | None = Field(
        default=None,
        description="strptime format of dates that are not ISO, e.g. %m/%d/%Y %H:%M:%S.",
    )
    delimiter: Literal["comma", "semicolon", "tab", "bar"] | None = Field(
        default=None,
        description="Text exports only: the cells' delimiter, when the one found from the "
        "header and first rows is not it.",
    )


def _one_source_schema(schema: dict[str, Any]) -> None:
    """Exactly one of ``responses`` and ``counts``, as ``_one_source`` checks."""
    schema["oneOf"] = [{"required": ["responses"]}, {"required": ["counts"]}]


class NpsSource(Strict):
    """Where the month's NPS comes from: a survey export in the folder, or counted answers."""

    model_config = ConfigDict(json_schema_extra=_one_source_schema)

    responses: (
        Annotated[
            ResponsesExport,
            BeforeValidator(_export_file, json_schema_input_type=Text | float | ResponsesExport),
        ]
        | None
    ) = Field(
        default=None,
        description="The survey export: its file name, or {file, sheet, header_row, "
        "skip_rows, columns, date_format, delimiter}.",
    )
    counts: NpsCounts | None = Field(
        default=None, description="The answers counted: {promoters, passives, detractors}."
    )
    target: Annotated[ScoreNumber, Field(ge=-100, le=100)] | None = Field(
        default=None, description="The NPS target, -100 to 100."
    )

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

    theme: Text | None = Field(default=None, description="The customer theme it speaks to.")
    themes: list[Text] = Field(
        default=[],
        description="More themes it speaks to, beside theme: each names one of this month's "
        "customer themes (in any case).",
    )

    @property
    def tags(self) -> tuple[str, ...]:
        """Every theme the item is tagged with, ``theme`` first, each once (whatever its case)."""
        seen: dict[str, str] = {}
        for name in (self.theme, *self.themes):
            if name:
                seen.setdefault(theme_key(name), name)
        return tuple(seen.values())

    def tagged(self, name: str) -> bool:
        """Whether the item is tagged with the theme called ``name`` (ignoring case)."""
        wanted = theme_key(name)
        return any(theme_key(tag) == wanted for tag in self.tags)


class Narrative(Tagged):
    """A customer's story, told before any number."""

    title: Text = Field(description="The story's title.")
    customer: Text = Field(
        description='The named person who brings the data to life ("Mrs Jones").'
    )
    story: Text = Field(description="The story itself.")
    channel: Text = Field(description="How the customer reached us (Phone, Web...).")
    segment: Text | None = Field(default=None, description="The customer's segment.")
    guest: bool = Field(default=False, description="Whether it is told by a guest in the meeting.")


class Verbatim(Tagged):
    """A customer's own words."""

    text: Text = Field(description="What the customer said.")
    score: Annotated[Whole, Field(ge=0, le=10)] | None = Field(
        default=None, description="Their score, 0 to 10."
    )
    channel: Text = Field(description="How the customer reached us.")
    segment: Text | None = Field(default=None, description="The customer's segment.")
    date: dt.date | None = Field(default=None, description="When they said it.")
    guest: bool = Field(default=False, description="Whether a guest in the meeting said it.")


class SurveyVerbatim(Verbatim):
    """A verbatim picked from the survey export's comments for a top theme, never typed: its
    type is the mark the pack shows ("picked from the survey")."""


def _keywords(value: list[str]) -> list[str]:
    for word in value:
        if not any(ch.isalnum() for ch in word):
            raise ValueError(f"keyword {word!r} has no letters or digits to match")
    return value


class Theme(Strict):
    """An improvement theme customers raise."""

    name: Text = Field(description="The theme's name.")
    mentions: Count | None = Field(
        default=None,
        description="Comments that raised the theme this month; leave it out to count them "
        "from the survey export's comments by keywords.",
    )
    previous: Count | None = Field(default=None, description="Last month's mentions.")
    keywords: Annotated[list[Text], AfterValidator(_keywords)] = Field(
        default=[],
        description="Words or phrases a comment uses when it raises the theme (any case or "
        "accents, whole words).",
    )
    owner: Text | None = Field(
        default=None, description="Who the room holds to account for the theme (its card says so)."
    )
    next_step: Text | None = Field(
        default=None, description="What the owner does next about it, in a sentence."
    )


class Complaints(Strict):
    """The month's complaints."""

    total: Count = Field(description="Complaints this month.")
    previous: Count | None = Field(default=None, description="Complaints last month.")
    reasons: dict[str, Count] = Field(
        default={},
        description="Complaints by reason; they may add up to less than total, never more.",
    )

    @field_validator("reasons")
    @classmethod
    def _named_reasons(cls, value: dict[str, int]) -> dict[str, int]:
        for reason in value:
            if not any(ch.isalnum() for ch in reason):
                raise ValueError(f"a reason needs a name, got {reason!r}")
        return value


class Score(Strict):
    """A score (CSAT, effort) with last month's and its scale."""

    score: ScoreNumber = Field(description="This month's score.")
    previous: ScoreNumber | None = Field(default=None, description="Last month's score.")
    scale: Annotated[ScoreNumber, Field(gt=0)] | None = Field(
        default=None, description="The top of the scale, e.g. 5 for 1-5."
    )

    @model_validator(mode="after")
    def _within_scale(self) -> Score:
        for name in ("score", "previous"):
            value = getattr(self, name)
            if self.scale is not None and value is not None and not 0 <= value <= self.scale:
                raise ValueError(f"{name} {value:g} is outside the scale 0–{self.scale:g}")
        return self


class FrontlineInvite(Strict):
    """A frontline colleague invited into the customer slot to tell what customers face."""

    name: Text = Field(description="The colleague's name.")
    role: Text = Field(description="Their role.")
    topic: Text | None = Field(default=None, description="What they will speak about.")


class Customer(Strict):
    """customer.yaml: the customer's voice (required in every month folder)."""

    nps: NpsSource = Field(description="Where NPS comes from: responses or counts, and target.")
    narratives: Annotated[list[Narrative], Field(min_length=1)] = Field(
        description="Customers' stories, at least one; the pack opens with them."
    )
    verbatims: list[Verbatim] = Field(default=[], description="Customers' own words.")
    themes: list[Theme] = Field(default=[], description="Improvement themes, ranked by mentions.")
    complaints: Complaints | None = Field(default=None, description="{total, previous, reasons}.")
    csat: Score | None = Field(
        default=None, description="Customer satisfaction {score, previous, scale}."
    )
    effort: Score | None = Field(
        default=None, description="Customer effort {score, previous, scale}."
    )
    frontline_invite: FrontlineInvite | None = Field(
        default=None, description="A frontline colleague invited into the customer slot."
    )
    mask_personal_data: bool = Field(
        default=True,
        description="Mask e-mail addresses, phone and card numbers in stories, verbatims and "
        "survey comments (the default); false only where customers' contact details belong.",
    )


# --- employees.yaml -------------------------------------------------------------------------


class Engagement(Strict):
    """Employee engagement."""

    score: ScoreNumber = Field(description="This month's engagement score.")
    previous: ScoreNumber | None = Field(default=None, description="Last month's.")


class Challenge(Strict):
    """A challenge employees face."""

    text: Text = Field(description="The challenge.")
    theme: Text | None = Field(
        default=None, description="The customer theme it matches (one of this month's, any case)."
    )


class FrontlineVoice(Strict):
    """A front-line colleague's words."""

    name: Text = Field(description="The colleague's name.")
    role: Text = Field(description="Their role.")
    quote: Text = Field(description="What they said.")
    theme: Text | None = Field(
        default=None, description="The customer theme the colleague speaks to."
    )


class CustomerObjective(Strict):
    """A team's objective for customers."""

    team: Text = Field(description="The team.")
    objective: Text = Field(description="Its objective for customers.")


class Employees(Strict):
    """employees.yaml: engagement, challenges and the front line's voice."""

    engagement: Engagement | None = Field(default=None, description="{score, previous}.")
    enps: Annotated[ScoreNumber, Field(ge=-100, le=100)] | None = Field(
        default=None, description="Employee NPS, -100 to 100."
    )
    challenges: list[Annotated[Challenge, _or_text("text", Challenge)]] = Field(
        default=[], description="Challenges: each text, or {text, theme}."
    )
    frontline: list[FrontlineVoice] = Field(
        default=[], description="Front-line voices: {name, role, quote, theme}."
    )
    customer_objectives: list[CustomerObjective] = Field(
        default=[], description="Teams' objectives for customers: {team, objective}."
    )


# --- operations.yaml ------------------------------------------------------------------------


class Sla(Strict):
    """A service level: its status is computed from target and actual, never typed."""

    name: Text = Field(description="The service level's name.")
    target: Measure = Field(description='The target, a number (or "97.5%": the unit is %).')
    actual: Measure = Field(description="This month's actual, as the target.")
    unit: str | None = Field(default=None, description="The unit, e.g. %, days.")
    higher_is_better: bool = Field(default=True, description="Which way is better (default true).")
    theme: Text | None = Field(
        default=None, description="Links the SLA to a customer improvement theme."
    )

    @model_validator(mode="before")
    @classmethod
    def _percentages(cls, data: Any) -> Any:
        return _percent_unit(data, ("target", "actual"))


class Operations(Strict):
    """operations.yaml: service levels and improvements."""

    slas: list[Sla] = Field(
        default=[], description="{name, target, actual, unit, higher_is_better, theme}."
    )
    improvements: list[Text] = Field(default=[], description="Improvements made, each a line.")


# --- marketing.yaml -------------------------------------------------------------------------


class Outreach(Strict):
    """A marketing programme or event aimed at customers."""

    name: Text = Field(description="Its name.")
    audience: Text = Field(description="Who it is for.")
    when: (
        Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str | float)]
        | dt.date
        | None
    ) = Field(
        default=None,
        description='When it runs: a date or text ("September to November 2026"); init '
        "stops carrying it once ended.",
    )
    goal: Text | None = Field(default=None, description="What it is for.")
    expected_reaction: Text | None = Field(
        default=None,
        description="How will the customers feel and react? Without it the pack asks.",
    )


class Marketing(Strict):
    """marketing.yaml: programmes and events."""

    programmes: list[Outreach] = Field(
        default=[], description="{name, audience, when, goal, expected_reaction}."
    )
    events: list[Outreach] = Field(default=[], description="As programmes.")


# --- sales.yaml -----------------------------------------------------------------------------


class SalesTarget(Strict):
    """An account the team is going after."""

    account: Text = Field(description="The account.")
    segment: Text | None = Field(default=None, description="Its segment.")
    stage: Text | None = Field(default=None, description="Its stage in the pipeline.")
    value: Money | None = Field(default=None, description="Its value, in the file's currency.")
    feedback_to_use: Text | None = Field(
        default=None,
        description="What other customers said that the team takes in; without it the pack asks.",
    )


class Pipeline(Strict):
    """The sales pipeline's value."""

    value: Money = Field(description="This month's value, in the file's currency.")
    previous: Money | None = Field(default=None, description="Last month's.")


class Sales(Strict):
    """sales.yaml: targets and the pipeline."""

    currency: Text | None = Field(
        default=None, description="ISO code (GBP, EUR...); needed to type a currency sign on money."
    )
    targets: list[SalesTarget] = Field(
        default=[], description="{account, segment, stage, value, feedback_to_use}."
    )
    pipeline: Pipeline | None = Field(default=None, description="{value, previous}.")

    @field_validator("currency")
    @classmethod
    def _iso_code(cls, value: str | None) -> str | None:
        return currency_code(value) if value is not None else None


# --- finance.yaml ---------------------------------------------------------------------------


class FinanceMetric(Strict):
    """A finance measure."""

    name: Text = Field(description="The measure's name.")
    actual: MoneyMeasure = Field(
        description="This month's figure: money in the file's currency, or \"4.5%\"."
    )
    budget: MoneyMeasure | None = Field(default=None, description="The budget, as actual.")
    previous: MoneyMeasure | None = Field(default=None, description="Last month's, as actual.")
    unit: str | None = Field(default=None, description="Its unit (£k, %, days...); none: money.")
    higher_is_better: bool | None = Field(
        default=None,
        description="Which way is better. Unset: no on-track status (validate warns), never "
        'a guessed direction: an overspend must not read "On track".',
    )
    additive: bool | None = Field(
        default=None,
        description="Whether the group pack may add it up across units. Unset: only money "
        "is; days, %, rates, ratios and scores never are.",
    )

    @model_validator(mode="before")
    @classmethod
    def _percentages(cls, data: Any) -> Any:
        return _percent_unit(data, ("actual", "budget", "previous"))


class Finance(Strict):
    """finance.yaml: measures and commentary."""

    currency: Text = Field(default="GBP", description="ISO code of the file's money (default GBP).")
    metrics: list[FinanceMetric] = Field(
        default=[],
        description="{name, actual, budget, previous, unit, higher_is_better, additive}.",
    )
    commentary: list[Text] = Field(default=[], description="Text, or a list of paragraphs.")

    @field_validator("currency")
    @classmethod
    def _iso_code(cls, value: str) -> str:
        return currency_code(value)

    @field_validator("commentary", mode="before", json_schema_input_type=Text | list[Text])
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


# --- actions.yaml ---------------------------------------------------------------------------


class Action(Strict):
    """An action on the log, matched by id across months (the latest record wins)."""

    id: Id = Field(description="The action's id, kept across months (e.g. A-103).")
    title: Text = Field(description="What is to be done.")
    owner: Text = Field(description="Who does it.")
    due: dt.date = Field(description="When it is due.")
    status: Literal["open", "done", "blocked"] = Field(description="open, done or blocked.")
    section: SectionKey = Field(description="The section it belongs to.")
    source: Text | None = Field(
        default=None, description="The customer insight or meeting the action came from."
    )
    theme: Text | None = Field(
        default=None,
        description="The customer theme it is about (one of this month's, any case); it then "
        "shows on the theme's card.",
    )


#: Free text that may be typed as a bare number (``cost: 180000``): kept as typed, never
#: computed (a decision's cost is prose such as "£180k over December–March").
Prose = Annotated[Text, BeforeValidator(_as_text, json_schema_input_type=Text | float)]


class DecisionOption(Strict):
    """One option a decision paper puts to the room: its name, and its own cost and risk."""

    name: Prose = Field(description="The option.")
    cost: Prose | None = Field(default=None, description="Its cost, free text.")
    risk: Prose | None = Field(default=None, description="Its risk, free text.")


class Decision(Strict):
    """Something the meeting must decide, marked in the data so it is not lost in discussion;
    with its options, recommendation, cost, risk and decide-by date it is a short paper."""

    title: Text = Field(description="What the meeting must decide.")
    section: SectionKey = Field(description="The section whose slot takes it.")
    owner: Text | None = Field(default=None, description="Who asks the meeting to decide.")
    context: Text | None = Field(default=None, description="Why it comes to the room.")
    theme: Text | None = Field(
        default=None, description="The customer theme the decision is about, as for actions."
    )
    options: list[Annotated[DecisionOption, _or_text("name", DecisionOption)]] = Field(
        default=[], description="The options put to the room: plain text, or {name, cost, risk}."
    )
    recommendation: Prose | None = Field(
        default=None,
        description="What the owner recommends (an option's name marks it recommended).",
    )
    cost: Prose | None = Field(
        default=None, description='Free text, e.g. "£180k over December-March"; never computed.'
    )
    risk: Prose | None = Field(default=None, description="Free text.")
    decide_by: dt.date | None = Field(
        default=None, description="Decide by this date; before the meeting's: a warning."
    )


class Actions(Strict):
    """actions.yaml: the action log and the decisions asked of the room."""

    actions: list[Action] = Field(
        default=[], description="{id, title, owner, due, status, section, source, theme}."
    )
    decisions: list[Decision] = Field(default=[], description="Decisions the meeting must take.")


# --- outcomes.yaml (written after the meeting; read by the next month's pack) ---------------


class DecisionTaken(Strict):
    """A decision the meeting took, and the actions (by id) that carry it out."""

    title: Text = Field(description="What was decided.")
    section: SectionKey = Field(description="The section it belongs to.")
    owner: Text | None = Field(default=None, description="Who owns it.")
    actions: list[Id] = Field(
        default=[],
        description="Ids of the actions that carry it out: their status in the next month's "
        "log is its result.",
    )


SectionNotes = _per_slot(
    "SectionNotes", "What the room said, per agenda slot (optional).", Text, "What was said in"
)


class Outcomes(Strict):
    """What the meeting decided, recorded after it: the next month's pack lists the decisions
    with their result."""

    decisions: list[DecisionTaken] = Field(
        default=[], description="Decisions taken: {title, section, owner, actions}."
    )
    actions: list[Action] = Field(
        default=[], description="New or changed actions, the same fields as actions.yaml."
    )
    notes: SectionNotes = Field(  # type: ignore[valid-type]  # run-time model
        default=SectionNotes(),
        description="What the room said, per slot.",
    )
    next_meeting: dt.date | None = Field(
        default=None,
        description="The next meeting's date, when the room set it; without it the recap "
        "gives the same weekday of next month, to be confirmed.",
    )


#: Each section file's model, keyed by file stem; customer.yaml is required, the rest optional.
#: Each model is the class named as its key capitalised (``customer`` → ``Customer``).
SECTION_MODELS: dict[str, type[Strict]] = {s.key: globals()[s.key.capitalize()] for s in SECTIONS}

#: Every file a month folder may hold, by stem, with its model: the one list the loader,
#: ``validate --todo`` and ``agenda schema`` read, so a file added here is read, checked and
#: given a JSON Schema.
MONTH_FILES: dict[str, type[Strict]] = {
    "meeting": Meeting,
    **SECTION_MODELS,
    "actions": Actions,
    "outcomes": Outcomes,
}


# --- agenda.yaml (workspace settings) and theme.yaml (a theme folder's own look) -------------

Hex = Annotated[str, StringConstraints(pattern=r"^#?[0-9A-Fa-f]{6}$")]


class Colours(Strict):
    """Theme colours as hex RGB (``0F5E6B`` or ``#0F5E6B``)."""

    accent: Hex | None = Field(default=None, description="Titles, table headers, headline figures.")
    ink: Hex | None = Field(default=None, description="Body text.")
    muted: Hex | None = Field(default=None, description="Captions and attributions.")
    panel: Hex | None = Field(default=None, description="Card and band backgrounds.")
    warm: Hex | None = Field(default=None, description="Cautions and target lines.")


class Fonts(Strict):
    """The theme's fonts."""

    heading: Text | None = Field(default=None, description="The headings' font.")
    body: Text | None = Field(default=None, description="The body text's font.")
    files: list[Text] = Field(
        default=[],
        description="The theme's own font files (.ttf, .otf), beside the file that names "
        "them, read for their widths (else a wide fallback).",
    )


class ThemeSettings(Strict):
    """A look: shipped theme name or folder, colours, fonts and a logo (theme.yaml)."""

    template: Text | None = Field(
        default=None, description='A shipped theme ("default", "harbour") or a folder path.'
    )
    colours: Colours = Field(default=Colours(), description="{accent, ink, muted, panel, warm}.")
    fonts: Fonts = Field(default=Fonts(), description="{heading, body, files}.")
    logo: Text | None = Field(
        default=None, description="A PNG, JPEG or GIF inside the workspace: title slide and cover."
    )


class WorkspaceSettings(Strict):
    """``agenda.yaml`` beside the month folders (or the unit folders of a group)."""

    theme: ThemeSettings = Field(
        default=ThemeSettings(),
        description="The workspace's look: {template, colours, fonts, logo}.",
    )
    group: Text | None = Field(default=None, description="The group's name on its roll-up pack.")
    units: dict[str, Text] = Field(
        default={},
        description="Display names of a group's units on its roll-up pack, keyed by unit "
        "folder name (a unit not named appears by its organisation).",
    )
    group_leads: SectionLeads = Field(  # type: ignore[valid-type]  # run-time model
        default=SectionLeads(),
        description="Who leads each slot of the group meeting, keyed by section (unnamed "
        "slots take the units' leads).",
    )


#: The workspace's settings and a theme folder's own look, by stem.
SETTINGS_FILES: dict[str, type[Strict]] = {"agenda": WorkspaceSettings, "theme": ThemeSettings}

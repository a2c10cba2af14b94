"""The one pipeline: load → validate → compose → write every format, atomically."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from agenda import schema
from agenda.compose import compose
from agenda.errors import DataError, Problem, UsageProblem, did_you_mean
from agenda.formatting import plural
from agenda.history import LastMeeting, MonthSignal, earlier_guests, earlier_months, last_outcomes
from agenda.look import load_look
from agenda.model import Pack
from agenda.order import SECTION_KEYS, SLOT_KEYS
from agenda.privacy import mask_month
from agenda.protect import Redactor, protect, scrub_last, write_report
from agenda.validate import MonthData, load_month

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded:
    """A month read, validated and made safe to show: guests scrubbed, personal data masked."""

    month: MonthData
    history: list[MonthSignal]
    warnings: list[Problem]
    notices: list[str]
    redactor: Redactor  #: what was replaced, for the redaction report: never for the pack
    guests: tuple[schema.Guest, ...] = ()  #: this and earlier meetings' guests
    last: LastMeeting | None = None  #: what the last meeting decided, when recorded


def _attempt(read: Callable[[], T], problems: list[Problem]) -> T | None:
    """Run one reader, collecting its data problems so that all are reported at once."""
    try:
        return read()
    except DataError as exc:
        problems.extend(exc.problems)
        return None


def load(month_dir: Path, *, mask: bool = True) -> Loaded:
    """Read and validate a month and its history, then protect what it must not show;
    ``mask`` False keeps personal data as typed (``agenda init`` writes the month's own text
    back into the organisation's next month: masking there would lose contact details)."""
    problems: list[Problem] = []
    month = _attempt(lambda: load_month(month_dir), problems)
    counted = [(t.name, t.keywords) for t in month.themes if t.counted] if month else []
    earlier = _attempt(lambda: earlier_months(month_dir, counted=counted), problems)
    guests = _attempt(lambda: earlier_guests(month_dir), problems)
    last = _attempt(lambda: last_outcomes(month_dir), problems)
    if problems or month is None or earlier is None or guests is None:
        raise DataError(problems)
    history, warnings = earlier
    # e-mail addresses go whole first: "zoe.osullivan@pvi.ie" must not become half a name
    masked = 0
    if mask:
        done = mask_month(month, history, last)
        month, history, last, masked = done.month, done.history, done.last, done.count
    month, history, redactor = protect(month, history, guests)
    last = scrub_last(redactor, last)
    # an earlier file's problem may quote its text: scrub it before the terminal shows it
    warnings = [replace(w, message=redactor.quietly(w.message)) for w in warnings]
    notices = []
    if masked:
        what = plural(masked, "item", "items")
        notices.append(
            f"Personal data: {what} (e-mail addresses, phone, card or bank account numbers) "
            "masked in customers' words."
        )
    if redactor.active:
        notices.append(
            f"Chatham House: {plural(redactor.count, 'mention')} of protected guests replaced "
            "in free text."
        )
    if redactor.ambiguous:
        notices.append(
            f"Chatham House: {plural(len(redactor.ambiguous), 'replacement')} may not mean the "
            "guest: a name part someone else named in the data also carries (their full name "
            "was kept), a short form of the organisation, a name that is also an ordinary word "
            "or stands beside another name. Check them with --redaction-report FILE, or refuse "
            "them with --strict."
        )
    guests_all = (*month.meeting.guests, *guests)
    return Loaded(month, history, warnings, notices, redactor, guests_all, last)


def prepare(
    month_dir: Path,
    *,
    nps_framing: str | None = None,
    strict: bool = False,
    redaction_report: Path | None = None,
) -> Pack:
    """Read, validate and compose a month folder into a Pack (raises AgendaError on bad input).

    ``nps_framing`` overrides meeting.yaml's ``nps_framing`` ("neutral" or "target"); with
    ``strict`` every warning, and every ambiguous Chatham House replacement, is an error.
    ``redaction_report`` is where to write what the Chatham House rule replaced.
    """
    return prepare_month(
        month_dir, nps_framing=nps_framing, strict=strict, redaction_report=redaction_report
    )[0]


def prepare_month(
    month_dir: Path,
    *,
    nps_framing: str | None = None,
    strict: bool = False,
    redaction_report: Path | None = None,
) -> tuple[Pack, MonthData]:
    """``prepare``, and the month as the pack was composed from it: protected guests scrubbed,
    personal data masked (for what is made beside the pack, such as the meeting invite)."""
    loaded = load(month_dir)
    if redaction_report is not None:
        write_report(loaded.redactor, redaction_report)
    return _compose(loaded, nps_framing=nps_framing, strict=strict), loaded.month


def _compose(loaded: Loaded, *, nps_framing: str | None = None, strict: bool = False) -> Pack:
    """Compose a loaded month into its Pack (``prepare`` without the reading)."""
    pack = compose(
        loaded.month, loaded.history, loaded.warnings, nps_framing=nps_framing, last=loaded.last
    )
    if strict and (pack.warnings or loaded.redactor.ambiguous):
        raise DataError([*pack.warnings, *_ambiguous(loaded.redactor)])
    return replace(pack, notices=tuple(loaded.notices))


def _ambiguous(redactor: Redactor) -> list[Problem]:
    """--strict: a name part shared with someone else, replaced here, may have meant them."""
    return [
        r.problem(
            "a protected guest's name part was replaced here, but it may not mean the guest "
            "(someone else named in the data carries it, or it is also an ordinary word): "
            "write the full name, or rephrase (--strict)"
        )
        for r in redactor.ambiguous
    ]


@dataclass(frozen=True)
class Built:
    """What a build wrote."""

    pack: Pack
    paths: tuple[Path, ...]


def build(
    month_dir: Path,
    out_dir: Path,
    *,
    nps_framing: str | None = None,
    template: Path | None = None,
    formats: Sequence[str] | None = None,
    pdf: bool = False,
    notes_pdf: bool = False,
    strict: bool = False,
    redaction_report: Path | None = None,
) -> Built:
    """Compose the month and write each of ``formats`` (``packs.formats``; None: the Word pack
    and the deck) and the PDFs asked for into ``out_dir``.

    ``notes_pdf`` also writes the deck's notes pages, each slide above its speaker notes."""
    from packs import write_all
    from packs.formats import chosen, helper_modules
    from packs.parallel import Helper

    chosen(formats, pdf=pdf, notes_pdf=notes_pdf)  # a wrong --format stops before any work
    # A helper process imports python-pptx while this one validates and composes, then draws
    # the deck while this one writes the other formats (Linux, two cores or more; see
    # packs.parallel). Without a format that is drawn there, there is no helper.
    preload = helper_modules(formats)
    helper = Helper.start(*preload) if preload else None
    try:
        pack = prepare(
            month_dir, nps_framing=nps_framing, strict=strict, redaction_report=redaction_report
        )
        look = load_look(month_dir, template, check=False)  # the writers check what they open
        return Built(
            pack,
            write_all(
                pack,
                out_dir,
                look,
                formats=formats,
                pdf=pdf,
                notes_pdf=notes_pdf,
                helper=helper,
            ),
        )
    finally:
        if helper is not None:
            helper.stop()


# --- around the meeting: department briefs before it, the recap after it ---------------------


@dataclass(frozen=True)
class Around:
    """What ``brief`` or ``recap`` wrote, and what it has to say at the terminal."""

    pack: Pack
    paths: tuple[Path, ...]
    #: sections left without a brief, each with why (no data this month)
    skipped: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()


def briefs(
    month_dir: Path,
    out_dir: Path,
    *,
    sections: Sequence[str] | None = None,
    template: Path | None = None,
    nps_framing: str | None = None,
) -> Around:
    """Write the brief of each of ``sections`` (keys), or of every section with data when
    None. A section named that has no data is refused, naming its missing file; with every
    section, those without data are skipped and reported. All files land, or none does."""
    from agenda.briefs import brief, briefed
    from packs import write_memos

    for key in sections or ():
        if key not in SECTION_KEYS:
            raise UsageProblem(
                f"--section {key}: no such section; {did_you_mean(key, list(SECTION_KEYS))}"
            )
    pack = prepare(month_dir, nps_framing=nps_framing)
    ready = {s.key: s for s in briefed(pack)}
    if sections is not None:
        empty = [key for key in sections if key not in ready]
        if empty:
            folder = month_dir.resolve()
            raise DataError(
                [
                    Problem(
                        folder / f"{key}.yaml",
                        f"no {key} data this month, so no {key} brief was written (nothing "
                        "was written); fill in the file, or leave that section out",
                    )
                    for key in empty
                ]
            )
        chosen = [ready[key] for key in sections]
    else:
        chosen = list(ready.values())
    skipped = tuple(s.title for s in pack.sections if s.key not in ready)
    memos = [brief(pack, section) for section in chosen]
    look = load_look(month_dir, template, check=False)
    paths = write_memos(memos, out_dir, look) if memos else ()
    return Around(pack, paths, skipped if sections is None else (), pack.notices)


def recap(month_dir: Path, out_dir: Path, *, template: Path | None = None) -> Around:
    """Write the recap of the month's meeting from its outcomes.yaml, as a Word document and
    a Markdown e-mail body; refused, at the file, when the month records no outcomes."""
    from agenda.recap import next_meeting
    from agenda.recap import recap as compose_recap
    from agenda.validate import check_month_folder
    from packs import write_memos

    check_month_folder(month_dir)
    folder = month_dir.resolve()
    if not any((folder / f"outcomes.{ext}").is_file() for ext in ("yaml", "yml")):
        raise DataError(
            [
                Problem(
                    folder / "outcomes.yaml",
                    "no outcomes.yaml in this month: the recap is written from what the meeting "
                    "decided; record its decisions, new or changed actions and notes there "
                    "(agenda init leaves a commented template), then run agenda recap again",
                )
            ]
        )
    loaded = load(month_dir)
    outcomes = loaded.month.outcomes
    noted = any(getattr(outcomes.notes, key) for key in SLOT_KEYS) if outcomes else False
    if outcomes is None or not (outcomes.decisions or outcomes.actions or noted):
        raise DataError(
            [
                Problem(
                    folder / "outcomes.yaml",
                    "records nothing yet: add the decisions the meeting took, its new or "
                    "changed actions, or its notes per section, then run agenda recap again",
                )
            ]
        )
    pack = _compose(loaded)
    period = loaded.month.meeting.period
    memo = compose_recap(pack, outcomes, period)
    look = load_look(month_dir, template, check=False)
    paths = write_memos([memo], out_dir, look, markdown=True)
    notices = list(pack.notices)
    when, confirmed = next_meeting(period, pack.date, outcomes)
    if not confirmed:
        notices.append(
            f"Next meeting: {when:%d %b %Y} is assumed (the same weekday of next month, as "
            "agenda init sets it); set next_meeting: in outcomes.yaml to state it."
        )
    return Around(pack, paths, (), tuple(notices))

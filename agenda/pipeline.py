"""The one pipeline: load → validate → compose → write every format, atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from agenda import schema
from agenda.compose import compose
from agenda.errors import DataError, Problem
from agenda.formatting import plural
from agenda.history import LastMeeting, MonthSignal, earlier_guests, earlier_months, last_outcomes
from agenda.look import load_look
from agenda.model import Pack
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


def load(month_dir: Path) -> Loaded:
    """Read and validate a month and its history, then protect what it must not show."""
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
    month, masked = mask_month(month)
    month, history, redactor = protect(month, history, guests)
    last = scrub_last(redactor, last)
    # an earlier file's problem may quote its text: scrub it before the terminal shows it
    warnings = [replace(w, message=redactor.quietly(w.message)) for w in warnings]
    notices = []
    if masked:
        what = plural(masked, "item", "items")
        notices.append(
            f"Personal data: {what} (e-mail addresses, phone or card numbers) masked in "
            "customers' words."
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
    pack = compose(
        loaded.month, loaded.history, loaded.warnings, nps_framing=nps_framing, last=loaded.last
    )
    if strict and (pack.warnings or loaded.redactor.ambiguous):
        raise DataError([*pack.warnings, *_ambiguous(loaded.redactor)])
    return replace(pack, notices=tuple(loaded.notices)), loaded.month


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
    pdf: bool = False,
    notes_pdf: bool = False,
    strict: bool = False,
    redaction_report: Path | None = None,
) -> Built:
    """Compose the month and write the Word pack and the deck (and PDFs) into ``out_dir``.

    ``notes_pdf`` also writes the deck's notes pages, each slide above its speaker notes."""
    from packs import write_all
    from packs.parallel import Helper

    # A helper process imports python-pptx while this one validates and composes, then draws
    # the deck while this one writes the Word pack (Linux, two cores or more; see packs.parallel).
    helper = Helper.start("packs.pptx_writer")
    try:
        pack = prepare(
            month_dir, nps_framing=nps_framing, strict=strict, redaction_report=redaction_report
        )
        look = load_look(month_dir, template, check=False)  # the writers check what they open
        return Built(
            pack, write_all(pack, out_dir, look, pdf=pdf, notes_pdf=notes_pdf, helper=helper)
        )
    finally:
        if helper is not None:
            helper.stop()

"""The one pipeline: load → validate → compose → write every format, atomically."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from agenda.compose import compose
from agenda.formatting import plural
from agenda.history import MonthSignal, earlier_guests, earlier_months
from agenda.look import load_look
from agenda.model import Pack
from agenda.privacy import mask_month
from agenda.protect import protect
from agenda.validate import MonthData, load_month


@dataclass(frozen=True)
class Loaded:
    """A month read, validated and made safe to show: guests scrubbed, personal data masked."""

    month: MonthData
    history: list[MonthSignal]
    warnings: list[str]
    notices: list[str]


def load(month_dir: Path) -> Loaded:
    """Read and validate a month and its history, then protect what it must not show."""
    month = load_month(month_dir)
    history, warnings = earlier_months(month_dir)
    guests, guest_warnings = earlier_guests(month_dir)
    month, history, redactor = protect(month, history, guests)
    month, masked = mask_month(month)
    notices = []
    if masked:
        what = plural(masked, "item", "items")
        notices.append(
            f"Personal data: {what} (e-mail addresses, phone or card numbers) masked in "
            "customers' words."
        )
    if redactor.patterns:
        notices.append(
            f"Chatham House: {plural(redactor.count, 'mention')} of protected guests replaced "
            "in free text."
        )
    if redactor.shared_parts:
        notices.append(
            f"Chatham House: {plural(redactor.shared_parts, 'name part')} of protected guests "
            "also belong to someone else named in the data, so they were replaced only as part "
            "of the full name; check the free text by hand."
        )
    return Loaded(month, history, [*warnings, *guest_warnings], notices)


def prepare(month_dir: Path, *, nps_framing: str | None = None) -> Pack:
    """Read, validate and compose a month folder into a Pack (raises AgendaError on bad input).

    ``nps_framing`` overrides meeting.yaml's ``nps_framing`` ("neutral" or "target").
    """
    loaded = load(month_dir)
    pack = compose(loaded.month, loaded.history, loaded.warnings, nps_framing=nps_framing)
    return replace(pack, notices=tuple(loaded.notices))


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
) -> Built:
    """Compose the month and write the Word pack and the deck (and PDFs) into ``out_dir``."""
    from packs import write_all
    from packs.parallel import Helper

    # A helper process imports python-pptx while this one validates and composes, then draws
    # the deck while this one writes the Word pack (Linux, two cores or more; see packs.parallel).
    helper = Helper.start("packs.pptx_writer")
    try:
        pack = prepare(month_dir, nps_framing=nps_framing)
        look = load_look(month_dir, template, check=False)  # the writers check what they open
        return Built(pack, write_all(pack, out_dir, look, pdf=pdf, helper=helper))
    finally:
        if helper is not None:
            helper.stop()

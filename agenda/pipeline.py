"""The one pipeline: load → validate → compose → write every format, atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agenda.compose import compose
from agenda.history import earlier_months
from agenda.model import Pack
from agenda.validate import load_month


def prepare(month_dir: Path, *, nps_framing: str | None = None) -> Pack:
    """Read, validate and compose a month folder into a Pack (raises AgendaError on bad input).

    ``nps_framing`` overrides meeting.yaml's ``nps_framing`` ("neutral" or "target").
    """
    month = load_month(month_dir)
    history, warnings = earlier_months(month_dir)
    return compose(month, history, warnings, nps_framing=nps_framing)


@dataclass(frozen=True)
class Built:
    """What a build wrote."""

    pack: Pack
    paths: tuple[Path, ...]


def build(month_dir: Path, out_dir: Path, *, nps_framing: str | None = None) -> Built:
    """Compose the month and write the Word pack and the deck into ``out_dir``."""
    from packs import write_all

    pack = prepare(month_dir, nps_framing=nps_framing)
    return Built(pack, write_all(pack, out_dir))

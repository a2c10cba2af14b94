"""The output formats a build can write, declared in one table (as Sphinx declares its builders).

Each row says what ``--format`` calls the format, the file suffix it writes, the callable that
writes it, and what it needs: whether it is written unless ``--format`` says otherwise, which
module a helper process imports ahead to draw it while the main process writes the others, and
whether LibreOffice can make a PDF of it (``--pdf``) or print its notes pages (``--notes-pdf``).
``packs.write_all`` walks this table, and the command line takes its ``--format`` names from it:
adding a format is adding a row (and its writer), with no special case anywhere else.

This module imports nothing heavy (the writers load their libraries when they run), so the
command line can read the table at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agenda.errors import UsageProblem

if TYPE_CHECKING:
    from agenda.model import Pack
    from packs.theme import Look

#: Writes the whole file for a pack at a path (a temporary file beside the target), in a look.
Writer = Callable[["Pack", Path, "Look"], None]


@dataclass(frozen=True)
class Format:
    """One output format: a row of the table below."""

    name: str  #: what ``--format`` calls it, and the suffix of its PDF copy (``…-docx.pdf``)
    suffix: str  #: the file's suffix after the pack's file stem, e.g. ".docx"
    write: Writer  #: writes the file, reproducibly (the same input gives the same bytes)
    #: written when ``--format`` is not given
    default: bool = True
    #: the module a helper process imports ahead and then draws this format with, while the
    #: main process writes the others (see ``packs.parallel``); "" to write it in-process
    helper: str = ""
    #: LibreOffice can make a PDF copy of it (``--pdf``)
    pdf: bool = False
    #: LibreOffice can print its notes pages, each slide above its speaker notes (``--notes-pdf``)
    notes: bool = False


def _docx(pack: Pack, path: Path, look: Look) -> None:
    from packs.docx_writer import write_docx
    from packs.reproducible import make_reproducible

    write_docx(pack, path, look)
    make_reproducible(path, pack.date)


def _pptx(pack: Pack, path: Path, look: Look) -> None:
    from packs.pptx_writer import write_pptx
    from packs.reproducible import make_reproducible

    write_pptx(pack, path, look)
    make_reproducible(path, pack.date)


def _html(pack: Pack, path: Path, look: Look) -> None:
    from packs.html_writer import write_html

    write_html(pack, path, look)


#: Every format, by name, in the order a build writes them (and lists the files it wrote).
FORMATS: dict[str, Format] = {
    "docx": Format("docx", ".docx", _docx, pdf=True),
    "pptx": Format("pptx", ".pptx", _pptx, helper="packs.pptx_writer", pdf=True, notes=True),
    "html": Format("html", ".html", _html, default=False),
}


def default_formats() -> tuple[str, ...]:
    """The formats a build writes when ``--format`` is not given."""
    return tuple(name for name, fmt in FORMATS.items() if fmt.default)


def chosen(
    names: Iterable[str] | None, *, pdf: bool = False, notes_pdf: bool = False
) -> tuple[Format, ...]:
    """The formats named (the defaults for None), in the table's order; refuse an unknown
    name, an empty list, or a PDF option that none of them can give."""
    wanted = default_formats() if names is None else tuple(names)
    unknown = [name for name in wanted if name not in FORMATS]
    if unknown or not wanted:
        raise UsageProblem(
            f"--format {','.join(wanted)}: "
            + (f"unknown format {', '.join(map(repr, unknown))}; " if unknown else "no format; ")
            + f"choose among {', '.join(FORMATS)}, separated by commas (default "
            f"{','.join(default_formats())})"
        )
    picked = tuple(fmt for name, fmt in FORMATS.items() if name in wanted)
    if pdf and not any(fmt.pdf for fmt in picked):
        able = ", ".join(name for name, fmt in FORMATS.items() if fmt.pdf)
        raise UsageProblem(
            f"--pdf: none of the formats asked for ({','.join(wanted)}) is made into a PDF; "
            f"add one of {able} to --format, or leave out --pdf"
        )
    if notes_pdf and not any(fmt.notes for fmt in picked):
        able = ", ".join(name for name, fmt in FORMATS.items() if fmt.notes)
        raise UsageProblem(
            f"--notes-pdf prints the deck's notes pages: add {able} to --format, or leave out "
            "--notes-pdf"
        )
    return picked


def helper_modules(names: Iterable[str] | None) -> tuple[str, ...]:
    """What a helper process should import ahead for these formats (none: no helper)."""
    wanted = default_formats() if names is None else tuple(names)
    return tuple(FORMATS[n].helper for n in FORMATS if n in wanted and FORMATS[n].helper)


def write_format(name: str, pack: Pack, path: Path, look: Look) -> None:
    """Write one format by name (what the helper process is sent: the table is looked up
    there, so it writes with the same writer as the main process would)."""
    FORMATS[name].write(pack, path, look)

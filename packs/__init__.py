"""Writers that lay a composed Pack out as files; they never read YAML or compute figures.

The formats a build writes are declared in ``packs.formats`` (one row each: name, suffix,
writer, and what it needs); ``write_all`` walks that table. Importing this package loads no
writer, so the command line can read the table at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # writing needs these; reading the formats table does not
    from agenda.model import Memo, Pack
    from packs.parallel import Helper
    from packs.theme import Look


def write_all(
    pack: Pack,
    out_dir: Path,
    look: Look,
    *,
    formats: Iterable[str] | None = None,
    pdf: bool = False,
    notes_pdf: bool = False,
    helper: Helper | None = None,
) -> tuple[Path, ...]:
    """Write each of ``formats`` (names in ``packs.formats.FORMATS``; the default ones when
    None) for ``pack`` into ``out_dir``; all files land, or none do.

    With ``pdf``, a PDF of each format LibreOffice can convert lands with them
    (``…-docx.pdf``); with ``notes_pdf``, the deck's notes pages (each slide above its speaker
    notes) as ``…-notes.pdf``, for the facilitator to print. With a ``helper`` process, the
    first format that names a helper module is drawn there while the others are written here.
    """
    from packs.formats import chosen
    from packs.output import atomic_outputs

    picked = chosen(formats, pdf=pdf, notes_pdf=notes_pdf)
    stem = out_dir / pack.file_stem
    files = [Path(f"{stem}{fmt.suffix}") for fmt in picked]
    pdfs = [fmt for fmt in picked if fmt.pdf] if pdf else []
    notes = next((fmt for fmt in picked if fmt.notes), None) if notes_pdf else None
    if pdfs or notes is not None:
        from packs.pdf import check_notes, find_office

        office = find_office()  # fail before any work if LibreOffice is missing
        if notes is not None:
            check_notes(office)  # or too old to export notes pages
    targets = [
        *files,
        *(Path(f"{stem}-{fmt.name}.pdf") for fmt in pdfs),
        *([Path(f"{stem}-notes.pdf")] if notes is not None else []),
    ]
    with atomic_outputs(targets) as temporary:
        written = dict(zip((fmt.name for fmt in picked), temporary, strict=False))
        away = next((fmt for fmt in picked if fmt.helper), None) if helper else None
        if helper is not None and away is not None:
            helper.run("packs.formats:write_format", away.name, pack, written[away.name], look)
        try:
            for fmt in picked:
                if fmt is not away:
                    fmt.write(pack, written[fmt.name], look)
        finally:
            if helper is not None and away is not None:
                helper.wait()  # re-raises the helper's error; always before temp files go
        if pdfs or notes is not None:
            from packs.pdf import to_pdf

            made = iter(temporary[len(files) :])
            for fmt in pdfs:
                to_pdf(written[fmt.name], next(made))
            if notes is not None:
                to_pdf(written[notes.name], next(made), notes=True)
    return tuple(targets)


def write_memos(
    memos: Sequence[Memo], out_dir: Path, look: Look, *, markdown: bool = False
) -> tuple[Path, ...]:
    """Write each memo (a department's brief, the recap) as Word, and as Markdown too with
    ``markdown``, into ``out_dir``; all files land, or none do."""
    from packs.markdown_writer import write_markdown
    from packs.memo_writer import write_memo_docx
    from packs.output import atomic_outputs
    from packs.reproducible import make_reproducible

    exts = ("docx", "md") if markdown else ("docx",)
    targets = [out_dir / f"{memo.file_stem}.{ext}" for memo in memos for ext in exts]
    with atomic_outputs(targets) as temporary:
        files = iter(temporary)
        for memo in memos:
            docx = next(files)
            write_memo_docx(memo, docx, look)
            make_reproducible(docx, memo.date)
            if markdown:
                write_markdown(memo, next(files))
    return tuple(targets)

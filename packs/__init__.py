"""Writers that lay a composed Pack out as files; they never read YAML or compute figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from agenda.model import Memo, Pack
from packs.theme import Look

if TYPE_CHECKING:  # writing needs these; reading a theme (agenda.look) does not
    from packs.parallel import Helper

Writer = Callable[[Pack, Path, Look], None]


def _docx(pack: Pack, path: Path, look: Look) -> None:
    from packs.docx_writer import write_docx

    write_docx(pack, path, look)


def _pptx(pack: Pack, path: Path, look: Look) -> None:
    from packs.pptx_writer import write_pptx

    write_pptx(pack, path, look)


#: Output formats by file extension; every build writes all of them.
WRITERS: dict[str, Writer] = {"docx": _docx, "pptx": _pptx}


def write_deck_file(pack: Pack, path: Path, look: Look) -> None:
    """Write and canonicalise the deck (run in the helper process when there is one)."""
    from packs.reproducible import make_reproducible

    WRITERS["pptx"](pack, path, look)
    make_reproducible(path, pack.date)


def write_all(
    pack: Pack,
    out_dir: Path,
    look: Look,
    *,
    pdf: bool = False,
    notes_pdf: bool = False,
    helper: Helper | None = None,
) -> tuple[Path, ...]:
    """Write every format for ``pack`` into ``out_dir``; all files land, or none do.

    With ``pdf``, a PDF of each file is made through LibreOffice and lands with them; with
    ``notes_pdf``, the deck's notes pages (each slide above its speaker notes) as
    ``…-notes.pdf``, for the facilitator to print.
    """
    from packs.output import atomic_outputs
    from packs.reproducible import make_reproducible

    targets = [out_dir / f"{pack.file_stem}.{ext}" for ext in WRITERS]
    if pdf or notes_pdf:
        from packs.pdf import check_notes, find_office

        office = find_office()  # fail before any work if LibreOffice is missing
        if notes_pdf:
            check_notes(office)  # or too old to export notes pages
    if pdf:
        targets += [out_dir / f"{pack.file_stem}-{ext}.pdf" for ext in WRITERS]
    if notes_pdf:
        targets.append(out_dir / f"{pack.file_stem}-notes.pdf")
    with atomic_outputs(targets) as temporary:
        if helper is not None:
            helper.run("packs:write_deck_file", pack, temporary[1], look)
            try:
                WRITERS["docx"](pack, temporary[0], look)
                make_reproducible(temporary[0], pack.date)
            finally:
                helper.wait()  # re-raises the deck's error; always before temp files go
        else:
            for writer, tmp in zip(WRITERS.values(), temporary, strict=False):
                writer(pack, tmp, look)
                make_reproducible(tmp, pack.date)
        if pdf:
            from packs.pdf import to_pdf

            made = temporary[len(WRITERS) : 2 * len(WRITERS)]
            for source, tmp in zip(temporary[: len(WRITERS)], made, strict=True):
                to_pdf(source, tmp)
        if notes_pdf:
            from packs.pdf import to_pdf

            to_pdf(temporary[list(WRITERS).index("pptx")], temporary[-1], notes=True)
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

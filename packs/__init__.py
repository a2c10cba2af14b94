"""Writers that lay a composed Pack out as files; they never read YAML or compute figures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agenda.model import Pack
from packs.output import atomic_outputs
from packs.reproducible import make_reproducible

Writer = Callable[[Pack, Path], None]


def _docx(pack: Pack, path: Path) -> None:
    from packs.docx_writer import write_docx

    write_docx(pack, path)


def _pptx(pack: Pack, path: Path) -> None:
    from packs.pptx_writer import write_pptx

    write_pptx(pack, path)


#: Output formats by file extension; every build writes all of them.
WRITERS: dict[str, Writer] = {"docx": _docx, "pptx": _pptx}


def write_all(pack: Pack, out_dir: Path) -> tuple[Path, ...]:
    """Write every format for ``pack`` into ``out_dir``; all files land, or none do."""
    targets = {ext: out_dir / f"{pack.file_stem}.{ext}" for ext in WRITERS}
    with atomic_outputs(list(targets.values())) as temporary:
        for writer, tmp in zip(WRITERS.values(), temporary, strict=True):
            writer(pack, tmp)
            make_reproducible(tmp, pack.date)
    return tuple(targets.values())

"""Read a theme's own font files for their advance widths, so its text is measured, not guessed.

Why: the deck is planned before anything is drawn, in the widths of the fonts it is set in. The
shipped table (``packs/font_metrics.json``) knows the Office fonts through their metric-compatible
open fonts; a company font it does not know is measured with a wide fallback, which is safe but
leaves room unused. A theme that names its font files (``fonts.files`` in theme.yaml or
agenda.yaml) is measured in their real widths instead.

fontTools reads the files; it is imported only when a theme names font files, so other builds
pay nothing for it. ``scripts/make_font_metrics.py`` measures the shipped fonts with the same
``measure``, so the table and a theme's own fonts are measured one way.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

#: The characters measured: Latin-1, Latin Extended-A, basic Greek and Cyrillic, general
#: punctuation, currency signs, and the arrows and maths signs the packs' wording uses.
RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x391, 0x3C9),
    (0x400, 0x45F),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2116, 0x2116),
    (0x2122, 0x2122),
    (0x2190, 0x2199),
    (0x2212, 0x2212),
    (0x2248, 0x2248),
    (0x2260, 0x2265),
)
#: Suffixes of the font files read (TrueType and OpenType, single fonts).
FONT_SUFFIXES = (".ttf", ".otf")
#: Largest font file read.
MAX_FONT_BYTES = 32 * 2**20


class FontFileProblem(Exception):
    """A font file that cannot be measured, said in words for the user."""


def measure(path: Path) -> dict[str, Any]:
    """One face's widths in 1/1000 em (rounded up, so text is never under-measured), as
    ``default`` (its widest capital, for characters it lacks) and runs of code points."""
    from fontTools.ttLib import TTFont

    with path.open("rb") as handle, TTFont(handle, lazy=True) as font:
        return _widths(font)


def _widths(font: Any) -> dict[str, Any]:
    """``measure`` of an open fontTools ``TTFont``."""
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]

    def width(cp: int) -> int:
        return math.ceil(hmtx[cmap[cp]][0] * 1000 / upm - 1e-9)

    runs: list[list[int]] = []
    for first, last in RANGES:
        for cp in range(first, last + 1):
            if cp not in cmap:
                continue
            if runs and runs[-1][0] + len(runs[-1]) - 1 == cp:
                runs[-1].append(width(cp))
            else:
                runs.append([cp, width(cp)])
    capitals = [width(cp) for cp in range(ord("A"), ord("Z") + 1) if cp in cmap]
    default = max(capitals or [w for run in runs for w in run[1:]] or [1000])
    return {"default": default, "runs": runs}


def read_face(path: Path) -> tuple[str, str, dict[str, Any]]:
    """A font file's family name, style (regular, bold, italic, bold-italic) and widths;
    ``FontFileProblem`` when it is not a font that can be measured."""
    if path.suffix.lower() not in FONT_SUFFIXES:
        raise FontFileProblem("should be a TrueType or OpenType font file (.ttf or .otf)")
    if path.stat().st_size > MAX_FONT_BYTES:
        raise FontFileProblem(f"is larger than {MAX_FONT_BYTES // 2**20} MB")
    from fontTools.ttLib import TTFont

    try:
        # our own handle, closed even when fontTools gives up on the file half-way
        with path.open("rb") as handle, TTFont(handle, lazy=True) as font:
            family = font["name"].getBestFamilyName()
            selection = font["OS/2"].fsSelection if "OS/2" in font else 0
            mac = font["head"].macStyle
            widths = _widths(font)
    except Exception as exc:  # fontTools raises many kinds on a file that is not a font
        raise FontFileProblem(
            f"cannot be read as a font ({type(exc).__name__}); export it again as .ttf or .otf"
        ) from None
    if not family or not widths["runs"]:
        raise FontFileProblem("names no font family or has no Latin characters to measure")
    bold = bool(selection & 0x20 or mac & 0x01)
    italic = bool(selection & 0x01 or mac & 0x02)
    style = {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
        (bold, italic), "bold-italic"
    )
    return family, style, widths

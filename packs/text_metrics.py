"""How wide text is in a given font, and how many lines it takes in a box: measured, not guessed.

Why: the deck is planned before anything is drawn (column widths, rows per slide, where bullets
wrap), so the planner must know how wide text will be. One average character width for every
font under-measures capitals, bold headers and wide fonts, and counted a URL as one short line;
text then ran out of its cells. The widths here are the fonts' own advance widths, read once from
``font_metrics.json`` (written by ``scripts/make_font_metrics.py`` from the open fonts that are
metric-compatible with the Office fonts: Carlito for Calibri, Caladea for Cambria, Liberation
for Arial, Times New Roman and Courier New).

Pure standard library, so the planner stays free of any Office or font library.
"""

from __future__ import annotations

import functools
import json
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: The table of widths shipped in this package.
DATA_FILE = "font_metrics.json"
#: The body font of the shipped templates (their theme's minor and major font).
DEFAULT_FONT = "Calibri"
#: The one average character width the planner used to assume (0.0072 in per point, in em).
#: Kept only to read old "characters per line" figures as widths; nothing is measured with it.
AVERAGE_EM = 0.0072 * 72
#: Points per inch.
POINTS = 72.0
#: Characters a renderer may break a long word after, besides anywhere when it must.
_BREAK_AFTER = frozenset("-/‐–—_?&=\\")


@dataclass(frozen=True)
class Face:
    """One font in one style: advance widths in em by code point, and one for the rest."""

    widths: dict[int, float]
    default: float  #: for characters not in the table (other scripts, symbols)


@functools.cache
def _table() -> dict[str, Any]:
    """The shipped widths (JSON, as the script wrote them), read once per process."""
    text = resources.files("packs").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


#: A theme's own fonts, measured from its font files: family -> style -> stored face.
_THEIRS: dict[str, dict[str, Any]] = {}


@dataclass(frozen=True)
class MeasuredFace:
    """One style of a theme's own font, in the stored form of the shipped table."""

    family: str
    style: str  #: regular, bold, italic or bold-italic
    entry: dict[str, Any]  #: ``{"default": d, "runs": [[first, w, w, ...], ...]}``


def register(faces: tuple[MeasuredFace, ...]) -> None:
    """Measure text in ``faces`` (the theme's own fonts, read from its font files) from now
    on, beside the shipped table, in place of any theme's registered before: each writer
    registers its own look's, so builds in one process never measure in another's fonts."""
    _THEIRS.clear()
    for measured in faces:
        _THEIRS.setdefault(measured.family, {})[measured.style] = measured.entry
    known_fonts.cache_clear()
    face.cache_clear()
    text_em.cache_clear()


def _faces() -> dict[str, dict[str, Any]]:
    """Open font name -> style -> stored face: the shipped table, then a theme's own fonts."""
    fonts: dict[str, dict[str, Any]] = _table()["fonts"]
    return {**fonts, **_THEIRS} if _THEIRS else fonts


def _decode(entry: dict[str, Any]) -> Face:
    """A face from its stored form: ``{"default": d, "runs": [[first, w, w, ...], ...]}``."""
    widths: dict[int, float] = {}
    for first, *run in entry["runs"]:
        for offset, width in enumerate(run):
            widths[first + offset] = width / 1000
    return Face(widths, entry["default"] / 1000)


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
        (bold, italic), "bold-italic"
    )


@functools.cache
def known_fonts() -> dict[str, str]:
    """Every font name the table answers for (Office and open names), casefolded, to the open
    font whose widths it uses."""
    names = {name.casefold(): name for name in _faces()}
    aliases: dict[str, str] = _table()["aliases"]
    names.update({office.casefold(): family for office, family in aliases.items()})
    return names


@functools.cache
def face(font: str | None, bold: bool = False, italic: bool = False) -> Face:
    """The widths of ``font`` in the given style; a font not in the table gets the fallback.

    A style the table lacks falls back to bold (for bold italic) or regular: italic faces are
    never wider than their upright ones in these families, bold ones are.
    """
    family = known_fonts().get((font or "").strip().casefold())
    if family is None:
        return _fallback(_style(bold, italic))
    styles = _faces()[family]
    if family in _THEIRS and _style(bold, italic) not in styles:
        # a theme's font without this style's file: its bold may be wider than anything known
        return _fallback(_style(bold, italic))
    for style in (_style(bold, italic), _style(bold, False), "regular"):
        if style in styles:
            return _decode(styles[style])
    return _fallback(_style(bold, italic))


@functools.cache
def _fallback(style: str) -> Face:
    """For a font the table does not know: each character as wide as in the widest known
    proportional font (DejaVu Sans, what LibreOffice draws a missing font with, is among them),
    so an unknown font is over-measured rather than run out of its box. Monospaced fonts are
    left out: they would make every "i" as wide as an "m"."""
    faces = []
    shipped: dict[str, dict[str, Any]] = _table()["fonts"]  # a theme's own fonts never widen it
    for styles in shipped.values():
        found = styles.get(style) or styles.get("regular")
        if found is None:
            continue
        one = _decode(found)
        if len({one.widths.get(cp) for cp in range(0x20, 0x7F)}) > 1:  # proportional
            faces.append(one)
    if not faces:  # an empty table: a documented, generous guess (0.6 em, 0.9 em)
        return Face({}, 0.9)
    widths: dict[int, float] = {}
    for one in faces:
        for cp, width in one.widths.items():
            widths[cp] = max(width, widths.get(cp, 0.0))
    return Face(widths, max(one.default for one in faces))


def has_wide(text: str) -> bool:
    """True when ``text`` holds an East Asian wide or full-width character (set in a CJK
    font, whose lines are taller)."""
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


def char_em(ch: str, look: Face) -> float:
    """One character's advance in em: East Asian wide and full-width characters take a full
    em (whatever font draws them); combining marks and invisible format characters none."""
    width = look.widths.get(ord(ch))
    if width is not None:
        return width
    if ch == "\t":
        return 4 * look.widths.get(0x20, 0.25)
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0.0
    return look.default


@functools.lru_cache(maxsize=1 << 16)
def text_em(text: str, font: str | None, bold: bool = False, italic: bool = False) -> float:
    """The width of one line of ``text`` in em (the widest line if it holds line breaks)."""
    look = face(font, bold, italic)
    return max(sum(char_em(ch, look) for ch in line) for line in text.split("\n"))


def text_width(
    text: str, font: str | None, pt: float, *, bold: bool = False, italic: bool = False
) -> float:
    """How wide ``text`` is, in inches, set on one line in ``font`` at ``pt`` points.

    ``font`` is the Office name ("Calibri") or the open font's ("Carlito"); ``None`` or a font
    the table does not know is measured with the wide fallback.
    """
    return text_em(text, font, bold, italic) * pt / POINTS


def lines_needed(
    text: str,
    width_in: float,
    font: str | None,
    pt: float,
    *,
    bold: bool = False,
    italic: bool = False,
) -> int:
    """How many lines ``text`` takes in a box ``width_in`` inches wide (margins taken off).

    Wraps word by word as PowerPoint and LibreOffice do: a word that does not fit goes to the
    next line, and a word longer than a whole line (a URL, an id) is broken across lines, after
    a hyphen or slash where one falls on the line, else at the last character that fits. Each
    ``\\n`` starts a new paragraph; an empty one still takes a line.
    """
    room = width_in * POINTS / pt  # the line's width in em
    space = text_em(" ", font, bold, italic)
    total = 0
    for paragraph in text.split("\n"):
        count, line = 1, 0.0
        for word in paragraph.split():
            need = text_em(word, font, bold, italic)
            if line and line + space + need <= room:
                line += space + need
                continue
            if line:  # the word starts the next line
                count += 1
            if need <= room:
                line = need
                continue
            extra, line = _broken(word, room, face(font, bold, italic))
            count += extra
        total += count
    return max(total, 1)


def _broken(word: str, room: float, look: Face) -> tuple[int, float]:
    """A word longer than a line, set from the start of a line: how many more lines it runs on
    to, and how much of its last line it fills."""
    extra, line, last_break = 0, 0.0, -1
    widths = [char_em(ch, look) for ch in word]
    start = 0
    i = 0
    while i < len(word):
        if line + widths[i] > room and i > start:  # break: after the last hyphen, else here
            cut = last_break + 1 if last_break >= start else i
            extra += 1
            start, line, last_break = cut, 0.0, -1
            i = cut
            continue
        line += widths[i]
        if word[i] in _BREAK_AFTER:
            last_break = i
        i += 1
    return extra, line


def longest_word_em(text: str, font: str | None, bold: bool = False) -> float:
    """The widest single word of ``text`` in em: the least a column must give it unbroken."""
    return max((text_em(word, font, bold) for word in text.split()), default=0.0)


def theme_font(theme_xml: bytes, role: str = "minor") -> str | None:
    """The Latin typeface a DrawingML theme gives its ``minor`` (body) or ``major`` (heading)
    font, or None if it names none: text without a font of its own is drawn in it."""
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    try:
        root = ET.fromstring(theme_xml)
    except ET.ParseError:
        return None
    latin = root.find(f".//{ns}{role}Font/{ns}latin")
    name = latin.get("typeface", "") if latin is not None else ""
    return name or None

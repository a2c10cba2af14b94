"""Column widths and row heights for tables, measured from their text (no renderer needed).

Widths are worked out in "characters": one character is the average advance the layout used to
assume (``AVERAGE_EM``, 0.518 em), so callers keep giving ``char_width`` in their own units
(inches, EMU) as the scale. What a text asks for is no longer its length but its real width in
the font it is set in (``packs.text_metrics``), expressed in those characters: "WWW" asks for
more room than "iii", a bold header more than the same word in a cell.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from packs import text_metrics
from packs.text_metrics import AVERAGE_EM, DEFAULT_FONT

#: Longest text a column asks room for, in characters; longer text wraps.
MAX_NATURAL = 60
#: A column whose longest cell is at most this long is never wrapped if room allows.
SHORT = 24
#: East Asian wide characters: a line may break before or after each one, so none of them
#: joins a neighbour into one long "word" (a Chinese sentence has no spaces).
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
_UNBROKEN = re.compile(f"[{_WIDE}]|[^\\s{_WIDE}]+")


def words(text: str) -> list[str]:
    """The runs of ``text`` a line cannot break inside: words between spaces, and each East
    Asian wide character on its own."""
    return _UNBROKEN.findall(text)


def measure(text: str, font: str | None = DEFAULT_FONT, bold: bool = False) -> float:
    """The width of ``text`` on one line, in average characters (see the module's note)."""
    return text_metrics.text_em(text, font, bold) / AVERAGE_EM


def _wishes(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    font: str | None,
    bold_columns: Collection[int],
) -> tuple[list[float], list[float]]:
    """Each column's least width (its longest word) and its wish (header or typical cell)."""
    least, wishes = [], []
    for i, name in enumerate(columns):
        bold = i in bold_columns
        lengths = sorted(measure(row[i], font, bold) for row in rows) or [0.0]
        typical = lengths[min(len(lengths) - 1, int(len(lengths) * 0.8))]
        longest = lengths[-1]
        runs = [measure(w, font, bold) for row in rows for w in words(row[i])]
        runs += [measure(w, font, True) + 1 for w in words(name)]  # headers are bold
        floor = max(runs, default=1.0) + 1.0
        # Short columns (codes, dates, statuses, figures) ask to stay on one line.
        wish = longest * 1.15 + 1 if longest <= SHORT else typical
        wish = max(wish, measure(name, font, True) + 2, floor, 3.0)
        least.append(min(floor, MAX_NATURAL))
        wishes.append(min(wish, MAX_NATURAL))
    return least, wishes


def column_weights(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    capacity: float = 140,
    *,
    font: str | None = DEFAULT_FONT,
    bold_columns: Collection[int] = (),
) -> tuple[float, ...]:
    """Share ``capacity`` characters of width among columns, so prose wraps and codes do not.

    Every column first gets its longest word (no word is broken mid-way while room allows; a
    word longer than ``MAX_NATURAL`` characters, a URL say, is broken); the room left goes to
    columns in proportion to how much more they want, none beyond its wish. (Short columns are
    not served first: a name wrapped beside three lines of prose costs no height, while prose
    squeezed to give it room makes every row taller.) Spare room, if any, is spread in
    proportion at the end; too little (many columns of long words) shrinks every column alike,
    so the table never grows past ``capacity``.
    """
    least, wishes = _wishes(columns, rows, font, bold_columns)
    widths = list(least)
    remaining = capacity - sum(widths)
    hungry = [i for i in range(len(widths)) if wishes[i] > widths[i]]
    while remaining > 1e-6 and hungry:
        deficit = sum(wishes[i] - widths[i] for i in hungry)
        grant = min(1.0, remaining / deficit)
        for i in hungry:
            widths[i] += (wishes[i] - widths[i]) * grant
        remaining = capacity - sum(widths)
        hungry = [i for i in hungry if wishes[i] - widths[i] > 1e-6]
    total = sum(widths)
    if total > 0 and abs(total - capacity) > 1e-9:
        widths = [w * capacity / total for w in widths]
    return tuple(widths)


def fit_columns(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    usable: float,
    char_width: float,
    padding: float,
    *,
    font: str | None = DEFAULT_FONT,
    bold_columns: Collection[int] = (),
) -> list[float]:
    """Column widths (in the units of ``usable``) that fill it, padding included.

    ``char_width`` is the width of one average character (0.518 em of the type size) in those
    units; ``font`` is what the cells are set in, ``bold_columns`` the body columns set bold.
    """
    capacity = max(usable - padding * len(columns), 0.0) / char_width
    weights = column_weights(columns, rows, capacity, font=font, bold_columns=bold_columns)
    return [w * char_width + padding for w in weights]


def lines_needed(
    text: str, chars_per_line: float, font: str | None = DEFAULT_FONT, *, bold: bool = False
) -> int:
    """Wrapped lines for ``text`` in a box ``chars_per_line`` average characters wide.

    Measured with ``font``'s real widths (``text_metrics.lines_needed``): words wrap where they
    would, and a word longer than a line is broken across lines rather than counted as one.
    """
    # A box of n average characters is n * AVERAGE_EM em wide: at 72 pt an em is one inch.
    return text_metrics.lines_needed(
        text, chars_per_line * AVERAGE_EM, font, text_metrics.POINTS, bold=bold
    )

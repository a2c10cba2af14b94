"""Column widths and row heights for tables, estimated from their text (no renderer needed)."""

from __future__ import annotations

#: Longest text a column asks room for, in characters; longer text wraps.
MAX_NATURAL = 60
#: A column whose longest cell is at most this long is never wrapped if room allows.
SHORT = 24


def _wishes(
    columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]
) -> tuple[list[float], list[float]]:
    """Each column's least width (its longest word) and its wish (header or typical cell)."""
    least, wishes = [], []
    for i, name in enumerate(columns):
        lengths = sorted(len(row[i]) for row in rows) or [0]
        typical = lengths[min(len(lengths) - 1, int(len(lengths) * 0.8))]
        longest = lengths[-1]
        words = [len(w) for row in rows for w in row[i].split()]
        words += [round(len(w) * 1.1 + 1) for w in name.split()]
        floor = max(words, default=1) + 1.0
        # Short columns (codes, dates, statuses, figures) ask to stay on one line.
        wish = longest * 1.15 + 1 if longest <= SHORT else typical
        wish = max(wish, len(name) * 1.1 + 2, floor, 3.0)  # headers are bold
        least.append(min(floor, MAX_NATURAL))
        wishes.append(min(wish, MAX_NATURAL))
    return least, wishes


def column_weights(
    columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], capacity: float = 140
) -> tuple[float, ...]:
    """Share ``capacity`` characters of width among columns, so prose wraps and codes do not.

    Every column first gets its longest word (no word is ever broken mid-way); the room left
    goes to columns in proportion to how much more they want, none beyond its wish. Spare room,
    if any, is spread in proportion at the end.
    """
    least, wishes = _wishes(columns, rows)
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
    if total < capacity:
        widths = [w * capacity / total for w in widths]
    return tuple(widths)


def fit_columns(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    usable: float,
    char_width: float,
    padding: float,
) -> list[float]:
    """Column widths (in the units of ``usable``) that fill it, padding included."""
    capacity = (usable - padding * len(columns)) / char_width
    weights = column_weights(columns, rows, capacity)
    return [w * char_width + padding for w in weights]


def lines_needed(text: str, chars_per_line: float) -> int:
    """Estimate wrapped lines for ``text`` in a box holding ``chars_per_line`` characters."""
    if chars_per_line <= 1:
        return max(1, len(text))
    total = 0
    for paragraph in text.split("\n") or [""]:
        words = paragraph.split()
        line, count = 0.0, 1
        for word in words:
            need = len(word) + (1 if line else 0)
            if line + need > chars_per_line and line:
                count += 1
                line = len(word)
            else:
                line += need
        total += count
    return total

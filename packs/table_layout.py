"""Column widths and row heights for tables, estimated from their text (no renderer needed)."""

from __future__ import annotations

#: Longest text a column asks room for, in characters; longer text wraps.
MAX_NATURAL = 60
#: A column whose longest cell is at most this long is never wrapped if room allows.
SHORT = 24


def natural_widths(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[float]:
    """Each column's wish, in characters: its header, or its typical (80th percentile) cell."""
    wishes = []
    for i, name in enumerate(columns):
        lengths = sorted(len(row[i]) for row in rows) or [0]
        typical = lengths[min(len(lengths) - 1, int(len(lengths) * 0.8))]
        longest = lengths[-1]
        longest_word = max((len(w) for row in rows for w in row[i].split()), default=0)
        # Short columns (codes, dates, statuses, figures) stay on one line.
        wish = longest * 1.15 + 1 if longest <= SHORT else max(typical, longest_word + 1)
        wishes.append(float(min(max(len(name) + 1, wish, 3), MAX_NATURAL)))
    return wishes


def column_weights(
    columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], capacity: float = 140
) -> tuple[float, ...]:
    """Share ``capacity`` characters of width among columns, squeezing only the wordy ones.

    Water-filling: short columns (numbers, codes, statuses) get all they ask for; whatever is
    left is shared equally among the columns that want more, so prose wraps and codes do not.
    """
    wishes = natural_widths(columns, rows)
    widths = [0.0] * len(wishes)
    remaining = capacity
    pending = sorted(range(len(wishes)), key=lambda i: wishes[i])
    while pending:
        share = remaining / len(pending)
        i = pending[0]
        if wishes[i] <= share:
            widths[i] = wishes[i]
            remaining -= wishes[i]
            pending.pop(0)
        else:
            for j in pending:
                widths[j] = share
            pending = []
    total = sum(widths)
    if total < capacity:  # room to spare: spread it in proportion
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

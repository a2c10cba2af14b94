"""Column widths and row heights for tables, estimated from their text (no renderer needed)."""

from __future__ import annotations

import math


def column_weights(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> tuple[float, ...]:
    """Weight each column by its typical text length, so prose columns get the room."""
    weights = []
    for i, name in enumerate(columns):
        lengths = sorted(len(row[i]) for row in rows) or [0]
        typical = lengths[min(len(lengths) - 1, int(len(lengths) * 0.8))]
        weights.append(min(max(len(name) * 0.8, typical, 4), 70))
    return tuple(weights)


def lines_needed(text: str, chars_per_line: float) -> int:
    """Estimate wrapped lines for ``text`` in a box holding ``chars_per_line`` characters."""
    if chars_per_line <= 0:
        return 1
    total = 0
    for paragraph in text.split("\n") or [""]:
        total += max(1, math.ceil(len(paragraph) / chars_per_line))
    return total

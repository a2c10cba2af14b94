"""How numbers, units, months and dates read in the pack (British conventions)."""

from __future__ import annotations

import datetime as dt

_CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def number(value: float, places: int | None = None) -> str:
    """Format with thousands separators and no needless trailing zeros: 1,240 · 99.1 · 4.25
    · 99.999 (as many decimals as the figure has, up to six, so a target and an actual that
    differ never print alike)."""
    if places is not None:
        return f"{value:,.{places}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def with_unit(value: float, unit: str | None, currency: str | None = None) -> str:
    """Attach a unit: ``84%``, ``95 s``, ``£1,240k``, ``−£12.50``; a bare value takes the
    currency if given. Money keeps its pence (£90.20) and its sign before the symbol."""
    money_ = (not unit and currency) or (unit and unit[0] in "£€$")
    sign = "−" if value < 0 and money_ else ""
    size = abs(value) if money_ else value
    text = number(size)
    pence = money_ and (not unit or len(unit) == 1)  # £90.20, but £12.5k
    if pence and not float(size).is_integer() and round(size, 2) == size:
        text = number(size, 2)
    if unit is None or unit == "":
        if currency:
            symbol = _CURRENCY_SYMBOLS.get(currency.upper())
            return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"
        return text
    if unit == "%":
        return f"{text}%"
    if unit[0] in "£€$":
        return f"{sign}{unit[0]}{text}{unit[1:]}"
    return f"{text} {unit}"


def money(value: float, currency: str | None) -> str:
    """Compact money for headline reading: £6.38m, £186k, £9,500."""
    sign = "−" if value < 0 else ""
    size = abs(value)
    if size >= 1_000_000:
        text = f"{size / 1_000_000:.2f}".rstrip("0").rstrip(".") + "m"
    elif size >= 10_000:
        text = f"{size / 1_000:.0f}k"
    else:
        text = number(size)
    symbol = _CURRENCY_SYMBOLS.get((currency or "").upper())
    if symbol:
        return f"{sign}{symbol}{text}"
    return f"{sign}{text} {currency}" if currency else f"{sign}{text}"


def month_label(period: str) -> str:
    """``2026-11`` → ``November 2026``."""
    year, month = (int(p) for p in period.split("-"))
    return dt.date(year, month, 1).strftime("%B %Y")


def default_title(period: str) -> str:
    """A pack's title when ``meeting.yaml`` gives none: ``Leadership meeting — November 2026``."""
    return f"Leadership meeting — {month_label(period)}"


def day_label(day: dt.date) -> str:
    """``2026-11-19`` → ``Thursday 19 November 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """``2026-11-19`` → ``19 Nov 2026``."""
    return f"{day.day} {day:%b %Y}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day`` / ``3 days``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def in_sentence(name: str) -> str:
    """A title-cased name inside a sentence: "Waiting times in ED" → "waiting times in ED";
    acronyms and proper names ("ED waits", "Galway clinic") keep their capitals."""
    first, _, rest = name.partition(" ")
    if len(first) > 1 and first[1:].islower() and first[0].isupper():
        first = first.lower()
    return f"{first} {rest}" if rest else first

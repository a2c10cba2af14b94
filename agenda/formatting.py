"""How numbers, units, months and dates read in the pack (British conventions)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

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
    currency if given. Money keeps its pence (£90.20) and its sign before the symbol; a
    currency without minor units (yen) never gains them."""
    money_ = (not unit and currency) or (unit and unit[0] in "£€$")
    sign = "−" if value < 0 and money_ else ""
    size = abs(value) if money_ else value
    text = number(size)
    pence = money_ and (not unit or len(unit) == 1)  # £90.20, but £12.5k
    if pence and (currency or "").upper() not in _NO_MINOR_UNITS:
        text = _pence(size)
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


def difference(a: float, b: float) -> float:
    """``a - b`` as the figures were written, not as binary floats subtract them: 90.20 less
    84.00 is 6.2, never 6.200000000000003 (which would print as £6.2, not £6.20)."""
    return float(Decimal(repr(a)) - Decimal(repr(b)))


def points(gap: float) -> str:
    """A gap between two percentages, in percentage points as a table cell shows it: ``1 pt``,
    ``1.5 pts``, ``0.5 pts`` (singular only for exactly one; sign it as the column does). A
    finding says the same in words ("1 point", "1.5 points"), from the templates."""
    size = abs(gap)
    return f"{number(size)} {'pt' if size == 1 else 'pts'}"


#: Currencies with no minor unit (ISO 4217): an amount in them is never shown with decimals
#: it does not have.
_NO_MINOR_UNITS = frozenset({"JPY", "KRW", "ISK"})
#: Compact money's tiers, smallest first: thousands, millions, billions (a thousand million).
_TIERS = ((Decimal(1_000), "k"), (Decimal(1_000_000), "m"), (Decimal(1_000_000_000), "bn"))
#: Below this, money is exact: £9,500, £90.20.
_COMPACT_FROM = 10_000
#: Significant figures of compact money: £6.38m, £21.3m, £186k, £12.5k.
_FIGURES = 3


def money(value: float, currency: str | None, beside: float | None = None) -> str:
    """Compact money for headline reading: £6.38m, £186k, £12.5k, £2.5bn, exact below £10k
    (£9,500, £90.20).

    At most three significant figures, rounded half up (12,550 is £12.6k); a figure whose
    rounding reaches 1,000 moves to the next tier (999,950 is £1m, never £1000k); billions are
    the last tier, shown to the whole billion beyond 999 (£21,300bn). ``beside`` is a figure it
    stands against (an actual's budget): when the two differ but would read alike, more figures
    are shown until they do not (999,950 beside 1,000,000 is £999.95k), never a false equal."""
    size = Decimal(repr(abs(value)))
    figures = _FIGURES
    text = _compact(size, figures, currency)
    if beside is not None and value != beside:
        other = Decimal(repr(abs(beside)))
        same_sign = (value < 0) == (beside < 0)
        while same_sign and text == _compact(other, figures, currency) and figures < 17:
            figures += 1
            text = _compact(size, figures, currency)
    sign = "−" if value < 0 else ""
    symbol = _CURRENCY_SYMBOLS.get((currency or "").upper())
    if symbol:
        return f"{sign}{symbol}{text}"
    return f"{sign}{text} {currency}" if currency else f"{sign}{text}"


def _compact(size: Decimal, figures: int, currency: str | None) -> str:
    """A positive amount in its tier, to ``figures`` significant figures (no sign, symbol or
    needless trailing zeros), or exact below the first tier."""
    if size < _COMPACT_FROM:
        if (currency or "").upper() in _NO_MINOR_UNITS or not currency:
            return number(float(size))
        return _pence(float(size))
    for i, (scale, suffix) in enumerate(_TIERS):
        last = i == len(_TIERS) - 1
        scaled = size / scale
        if scaled >= 1000 and not last:
            continue
        shown = _round(scaled, figures)
        if shown >= 1000 and not last:
            continue  # 999.95k rounds to 1000k: the next tier says 1m
        return _plain(shown) + suffix
    raise AssertionError("unreachable: the last tier takes every amount")


def _round(value: Decimal, figures: int) -> Decimal:
    """``value`` to ``figures`` significant figures, half up, never coarser than whole units."""
    place = min(value.adjusted() - (figures - 1), 0)
    return value.quantize(Decimal(1).scaleb(place), rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> str:
    """A decimal with thousands separators and no trailing zeros: 1,230 · 21.3 · 1."""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _pence(size: float) -> str:
    """An amount in a currency with pence: whole (£84), to the penny (£90.20), or, finer than
    a penny, as written (£0.125)."""
    if not float(size).is_integer() and round(size, 2) == size:
        return number(size, 2)
    return number(size)


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

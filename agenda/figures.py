"""Read figures as people paste them from reports: exactly, or refused with what to type.

Accepted in quoted text: a plain number (``97.5``), thousands with commas (``1,250``,
``2,400,000.50``), a ``%`` sign where the figure is a percentage, and a currency sign or code
(``€``, ``£``, ``$``, ``EUR``…) where the figure is money in the file's currency. Refused,
because they read two ways: a decimal comma (``1,5``, ``97,5%``), dots between thousands
(``1.250,50``, ``2.480``), and anything else that is not a number. A figure is never read as
a plausible wrong number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Currency signs and the ISO codes they stand for.
SIGNS = {"£": "GBP", "€": "EUR", "$": "USD"}
#: Currency signs written after the number, as their countries write them ("1 250 000 zł",
#: "12 500 Kč", "45 000 Ft", "3 200 lei"), and the ISO codes they stand for.
AFTER_SIGNS = {"zł": "PLN", "Kč": "CZK", "Ft": "HUF", "lei": "RON"}
#: Signs more than one currency writes: read as the file's currency when it is one of them
#: ("kr", and Danish "kr.", written after the number as the Nordic countries write it).
SHARED_SIGNS = {"¥": ("JPY", "CNY"), "kr": ("DKK", "ISK", "NOK", "SEK")}
#: ISO codes of the currencies packs are written in (a three-letter word that is not one, such
#: as "KPI", is not taken for money).
CODES = frozenset(
    [
        "GBP",
        "EUR",
        "USD",
        "CHF",
        "DKK",
        "SEK",
        "NOK",
        "ISK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "TRY",
        "CAD",
        "AUD",
        "NZD",
        "JPY",
        "CNY",
        "HKD",
        "SGD",
        "INR",
        "ZAR",
        "BRL",
        "MXN",
        "AED",
        "SAR",
        "ILS",
        "KRW",
    ]
)
_CODE = "|".join(sorted(CODES))
#: Shared signs written after the number only.
_AFTER_SHARED = frozenset({"kr"})
_AFTER = r"zł|Kč|Ft|lei|kr\.?"
_MONEY = re.compile(
    rf"^(?:(?P<pre>[£€$¥]|{_CODE})\s*)?(?P<num>[^£€$¥]*?)\s*"
    rf"(?:(?P<post>[£€$¥]|{_CODE}|(?<![^\d\s]){_AFTER}))?$"
)
#: A number with a sign beside it that ``read`` does not know ("1 250 000 ₴", "Lt 40", "zł 5").
_BESIDE = re.compile(
    r"^(?P<pre>[^\d\s+-][^\d\s]{0,3})?\s*(?P<num>[-+]?\d[\d\s,.]*?)\s*(?P<post>[^\d\s]{1,4})?$"
)
#: Scales written after a figure ("12.5 k"): never taken for a sign, as "12.5" is not the figure.
_SCALES = frozenset(
    [
        "k",
        "m",
        "mn",
        "bn",
        "mm",
        "mln",
        "mld",
        "mio",
        "mrd",
        "md",
        "tys",
        "thousand",
        "million",
        "billion",
        "mil",
    ]
)
_PLAIN = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")
_DOT_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_ONE_DOT_THREE = re.compile(r"^[-+]?[1-9]\d{0,2}\.\d{3}$")  # "2.480": 2.48 or 2,480?
_MINUS = str.maketrans({"−": "-", "–": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})
#: Spaces are only ever thousands groups: "12 000" but never "2100 2000" (two cells pasted).
_SPACED = re.compile(r"^[-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?$")


@dataclass(frozen=True)
class Pasted:
    """A figure read from text: its value, and the signs that were typed with it."""

    value: float
    percent: bool = False
    #: ISO code of a currency sign or code typed with it ("¥", a sign two currencies share,
    #: stays the sign: see ``SHARED_SIGNS``)
    currency: str | None = None


class FigureError(ValueError):
    """A pasted figure that cannot be read exactly; the message says what to type."""


class UnknownSign(FigureError):
    """A number typed beside a sign or code ``read`` does not know ("1 250 000 ₴", "zł 40"):
    the message names it; a money field says instead what its file's currency takes."""

    def __init__(self, text: str, sign: str, number: str, before: bool):
        self.sign, self.number = sign, number
        if before and (sign in AFTER_SIGNS or sign.rstrip(".") in SHARED_SIGNS):
            self.base = f"{text!r} is not a number as typed: {sign} is written after the number"
        else:
            where = "before" if before else "after"
            self.base = (
                f"{text!r} is not a number: {sign!r} {where} it is not a currency sign or code "
                "this tool reads"
            )
        super().__init__(f"{self.base}; type the number alone")


def _looks_like_a_sign(word: str) -> bool:
    """A currency sign ("₴", "zł", "Lt", "kn") or code ("UAH") rather than a word ("days") or a
    scale ("12.5 k": "12.5" is not the figure, so it is never suggested)."""
    letters = word.rstrip(".")
    if any(unicodedata.category(ch) == "Sc" for ch in word):
        return True
    if letters.lower() in _SCALES or not letters.isalpha() or len(letters) > 3:
        return False
    return len(letters) <= 2 or not (letters.isascii() and letters.islower())


def signs_of(code: str) -> list[str]:
    """How an amount in ``code`` may be typed: its signs and the code ("€", "EUR")."""
    before = [s for s, c in SIGNS.items() if c == code]
    before += [s for s, shared in SHARED_SIGNS.items() if code in shared and s not in _AFTER_SHARED]
    after = [s for s, c in AFTER_SIGNS.items() if c == code]
    after += [s for s, shared in SHARED_SIGNS.items() if code in shared and s in _AFTER_SHARED]
    return [*before, *after, code]


def read(text: str, *, thousands: bool = True) -> Pasted | None:
    """Read a pasted figure; None when ``text`` holds no digits at all (not a figure).

    ``thousands=False`` says the figure is never in thousands (a score, or a percentage), so
    "4.125" can only be four and an eighth."""
    if not re.search(r"\d", text):
        return None
    raw = text.strip()
    body = raw.translate(_MINUS)
    percent = body.endswith("%")
    body = re.sub(r"^([-+])\s*([£€$¥])", r"\2\1", body.removesuffix("%").strip())  # -€5 = €-5
    match = _MONEY.match(body)
    currency = None
    if match and (match["pre"] or match["post"]):
        signs = {
            SIGNS.get(s, AFTER_SIGNS.get(s, s.rstrip(".")))
            for s in (match["pre"], match["post"])
            if s
        }
        if len(signs) > 1:
            raise FigureError(f"{text!r} names two currencies ({', '.join(sorted(signs))})")
        currency = signs.pop()
        body = match["num"]
    body = body.strip()
    if re.search(r"[^\d\s,.+-]", body):
        beside = _BESIDE.match(body)
        if beside and bool(beside["pre"]) != bool(beside["post"]):
            sign = beside["pre"] or beside["post"]
            if _looks_like_a_sign(sign):
                raise UnknownSign(text, sign, beside["num"].strip(), before=bool(beside["pre"]))
        raise FigureError(f"{text!r} is not a number; type digits, e.g. 1250.5")
    if " " in body:
        if not _SPACED.match(body):
            raise FigureError(
                f"{text!r} has spaces inside that are not thousands groups (two figures "
                "pasted together?); type one number"
            )
        body = body.replace(" ", "")
    if _ONE_DOT_THREE.match(body) and thousands and not percent:
        raise FigureError(
            f"{text!r} reads two ways: {body.replace('.', '')} with a thousands dot, or "
            f"{float(body):g} with a decimal point; type {body.replace('.', '')} for the "
            f"first, or {body}0 (a fourth decimal) for the second"
        )
    if _PLAIN.match(body):
        value = float(body)
    elif _THOUSANDS.match(body):
        value = float(body.replace(",", ""))
    elif _DECIMAL_COMMA.match(body) and not _THOUSANDS.match(body):
        point = body.replace(",", ".")
        raise FigureError(
            f"{text!r} has a decimal comma, which reads two ways; type {point} (a point for "
            "decimals) or, if the comma separates thousands, the number without it"
        )
    elif _DOT_THOUSANDS.match(body):
        whole = body.replace(".", "").replace(",", ".")
        raise FigureError(
            f"{text!r} uses dots between thousands, which reads two ways; type {whole} "
            "(no thousands dots, a point for decimals)"
        )
    else:
        raise FigureError(f"{text!r} is not a number; type digits, e.g. 1250.5")
    if percent and currency:
        raise FigureError(f"{text!r} is both money and a percentage; type one of them")
    if percent and "," in body:
        raise FigureError(
            f"{text!r} reads two ways: a percentage with thousands, or a decimal comma; "
            f"type {value:g}% only if you mean it, without the comma"
        )
    return Pasted(value, percent, currency)


def check_score(text: str) -> None:
    """Scores, percentages and targets are never in thousands: "68,500" reads two ways."""
    if re.fullmatch(r"\s*[-+−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*%?\s*", text):
        raise FigureError(
            f"{text!r} reads two ways for a score: {text.strip().replace(',', '.')} with a "
            "decimal comma, or a figure in thousands; type it with a decimal point"
        )


def check_typed(value: float, *, thousands: bool = True) -> None:
    """An unquoted YAML number typed as ``1.200`` reads 1.2 in YAML but 1,200 to many: refuse
    it as its quoted form would be (YAML keeps what was typed in ``typed``)."""
    typed = getattr(value, "typed", None)
    if typed and _ONE_DOT_THREE.match(typed.strip()):
        read(typed, thousands=thousands)  # raises FigureError with what to type


#: Names that say a figure with no unit is not money: hours, days, scores, headcount…
_NOT_MONEY = re.compile(
    # compounds end in the word ("Klanttevredenheidsindex", "Kundenzufriedenheitsindex")
    r"(?:\w*(?:index|indeks)\b)|"
    # Greek: days, hours, score, index
    r"\b(?:ημέρες|ημερών|ώρες|βαθμολογία|δείκτης)\b|"
    r"\b(days|weeks?|hours?|score|index|nps|percent|percentage|points|pts|times|"
    r"jours?|semaines?|heures?|tage?n?|wochen|stunden|días?|dias?|semanas?|horas?|giorni|"
    r"dagen|weken|uren|dni|dzień|tygodni\w*|godzin\w*|punkt\w*|wynik|indeks|indice|índice|"
    r"dage|dagar)\b",
    re.IGNORECASE,
)


#: Names that count people: not money either, unless the name also says money ("Staff costs").
_PEOPLE = re.compile(
    r"\b(headcount|fte|employees|staff|people|colaboradores|empleados|mitarbeiter\w*|"
    r"pracownik\w*|ansatte|anställda|personnel|effectifs?)\b",
    re.IGNORECASE,
)
#: Words that say a measure of people is money ("Staff costs", "Cost per FTE").
_MONEY_WORDS = re.compile(
    r"\b(costs?|spend\w*|payroll|payments?|salar\w*|wages?|revenue|income|budget|prices?|fees?|"
    r"credits?|debts?|cash|margin|profit|sales|bonus\w*|kosten|coûts?|costes?|custos?|koszty?)\b",
    re.IGNORECASE,
)


def not_money(name: str) -> bool:
    """True when a measure's name says a figure with no unit is not money: a time, a score or a
    share ("Volunteer hours", "Cash days in hand"), or a count of people ("Headcount") unless it
    also says money ("Staff costs", "Cost per FTE"). Shown as a plain number and never added
    up, in every pack alike."""
    if _NOT_MONEY.search(name):  # days, hours, scores: never money ("Cash days in hand")
        return True
    return _PEOPLE.search(name) is not None and _MONEY_WORDS.search(name) is None


# --- the same grammar as a JSON Schema pattern (agenda schema) --------------------------------

#: The minus signs and spaces ``read`` takes for "-" and " " (see ``_MINUS``).
_SIGN_RX = r"[-+\u2212\u2013]"
_GROUP_SPACE_RX = r"[ \u00a0\u202f\u2009]"


def text_pattern(
    *, money: bool = False, percent: bool = False, thousands: bool = True, whole: bool = False
) -> str:
    """An ECMA-262 (and Python) regular expression matching the text the loader reads as a
    figure of this kind, for the JSON Schema of a field that takes pasted figures.

    ``money``: a currency sign or code may stand before or after it (one currency, the same
    one on both sides; the loader then checks it is the file's). ``percent``: it may end in %
    (without thousands commas, and three decimals are then a fraction). ``thousands=False``: a
    score, never in thousands, so no thousands commas and three decimals are a fraction.
    ``whole``: a whole number (decimals, when typed, all zero).
    """
    frac = r"(?:\.0+)?" if whole else r"(?:\.\d+)?"
    plain = rf"\d+{frac}"
    spaced = rf"\d{{1,3}}(?:{_GROUP_SPACE_RX}\d{{3}})+{frac}"
    commas = rf"\d{{1,3}}(?:,\d{{3}})+{frac}"
    # "2.480" reads two ways where a figure may be in thousands: refused (``_ONE_DOT_THREE``)
    guard = r"(?![1-9]\d{0,2}\.\d{3}(?!\d))" if thousands else ""
    number = f"{guard}(?:{commas}|{spaced}|{plain})" if thousands else f"(?:{spaced}|{plain})"
    forms = [f"{_SIGN_RX}?{number}"]
    if percent:  # a percentage: never with thousands commas, its three decimals a fraction
        forms.append(rf"{_SIGN_RX}?(?:{spaced}|{plain})\s*%")
    if money:
        currencies: dict[str, list[str]] = {code: [code] for code in sorted(CODES)}
        for sign, code in SIGNS.items():
            currencies[code].insert(0, re.escape(sign))
        for sign in SHARED_SIGNS:
            if sign not in _AFTER_SHARED:  # written after the number only: below
                currencies[sign] = [re.escape(sign)]
        for names in currencies.values():
            either = f"(?:{'|'.join(names)})"
            signs = [n for n in names if len(n) <= 2]  # a sign may have the minus before it
            forms.append(rf"{either}\s*{_SIGN_RX}?{number}(?:\s*{either})?")
            forms.append(rf"{_SIGN_RX}?{number}\s*{either}")
            if signs:
                forms.append(rf"{_SIGN_RX}\s*(?:{'|'.join(signs)}){number}(?:\s*{either})?")
        for sign, code in AFTER_SIGNS.items():  # after the number only, its code may lead
            forms.append(rf"(?:{code}\s*)?{_SIGN_RX}?{number}\s*{sign}")
        forms.append(rf"{_SIGN_RX}?{number}\s*kr\.?")  # a shared sign: never beside a code
    return rf"^\s*(?:{'|'.join(forms)})\s*$"

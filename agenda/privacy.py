"""Mask personal data in what customers wrote: e-mail addresses, bank accounts, card numbers
and phone numbers.

A small, tested set of patterns rather than a dependency: the packs quote a few dozen short
verbatims a month, and what matters is predictable, documented behaviour.

Caught: e-mail addresses; IBANs (two letters, two check digits, then 11 to 30 letters and
digits, in groups of four or not: ``PT50 0002 0123 1234 5678 9015 4``), whole, as a bank
account; card-like numbers of 13–19 digits (with spaces or dashes) that pass the Luhn check;
phone numbers, by one general rule rather than a list of countries: a run of 9 to 15 digits
written the ways people type them, in groups separated by spaces, one dot, hyphen or dash,
with brackets round a group (``(0)20 7946 0000``, ``(202) 555-0143``) or a slash after an
area code (``0171/1234567``) and an optional ``+`` or ``00`` country code (``06 12 34 56
78``, ``612-34-56-78``, ``93.812.34.56``, ``912345678``, ``1-800-555-0199``, ``0113–496–0000``,
``0034 612 345 678``, ``+44 (0)20 7946 0000``).

Left alone, though they are runs of digits: dates (``2026-11-05``, ``05.11.2026``,
``19/11/2026``, also beside a time), times, amounts (beside a currency sign, word or ISO 4217
code in capitals, before or after: ``125 400 300 zł``, ``₩123 456 789``, ``312 450 120 PLN``;
with decimals, or written in thousands: ``€2,380,500.75``, ``1 234 567``, ``120 000 000``),
readings with a unit (``123456789 kWh``), percentages, lists of years, a run of one- and
two-digit figures (scores, NPS: ``32 35 41 38 40``), digits inside a reference joined by
hyphens or slashes to letters or numbers on both sides (``URG-2026-11-000004417-LX``,
``FAT/2026/LX/0000998877/B``) or starting with a year and a month (``URG-2026-11-000004417``),
digits joined by a hyphen to letters (``ORD-123456789``, ``INV-2026-0004417``; not to a phone
word, ``Tel-``, nor when they start with a trunk 0: ``ref-07700900461`` is masked) and digits
after a reference word (``order``, ``ref``, ``invoice``, ``ticket``, ``case``, ``reading``;
not "number" or "no.": "my number 0612345678" is masked): ids, not phone numbers. Not
caught: numbers written in words, phone numbers of fewer than nine digits, postal addresses,
names (Chatham House guests are handled separately), account or policy numbers that are not
IBANs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pydantic import BaseModel

from agenda import schema
from agenda.currencies import ISO_4217
from agenda.history import LastMeeting, MonthSignal
from agenda.validate import MonthData

#: An e-mail address; apostrophes are allowed in its local part ("sian.o'neill@pvi.ie").
EMAIL = re.compile(r"(?<![\w.+'’-])[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+(?!\w)")
#: An IBAN: country letters, check digits, then the account in groups of four (the last group
#: shorter) or all together; 15 to 34 characters in all (checked in ``Masker``).
IBAN = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?(?!\w)"
)
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
#: Between two groups of a phone number's digits: a run of spaces, or one dot, hyphen or
#: dash, or a bracket closed or opened ("(0)20", "(0113) 496").
_SPACE = r"[ \u00a0\u202f]"
_DASH = r"[\-\u2010-\u2014]"
_GAP = rf"(?:{_SPACE}+|[.]|{_DASH}|\)(?:{_SPACE}|[.]|{_DASH})?|{_SPACE}?\()"
#: What may be a phone number: digits in groups, perhaps a + or a bracket first, or an area
#: code and a slash ("0171/1234567", as German and Austrian customers write it). It stands
#: apart: not glued to a word, nor to a number before it by a hyphen, slash, dot, comma or
#: colon (the day of "19/11/2026", the minutes of "14:30"); ``_phone`` decides.
PHONE = re.compile(
    rf"(?<![\w+#@])(?<!\d[/.,:])(?<!\d{_DASH})(?:\+|\(\+?)?(?:0\d{{1,4}}/)?\d(?:{_GAP}?\d)*\)?"
)
_DIGITS_MIN, _DIGITS_MAX = 9, 15
#: A date inside a run of digits: ISO (2026-11-05, 2026-11), or day, month and a year of this
#: or the last century with one separator (05.11.2026, 5-11-2026, 19/11/2026).
_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d\d[.\-](?:0?[1-9]|1[0-2])(?:[.\-](?:0?[1-9]|[12]\d|3[01]))?"
    r"|(?:0?[1-9]|[12]\d|3[01])([.\-/])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d)(?!\d)"
)
#: Currency signs and words written before or after an amount, in any case ("125 400 300
#: zł", "₩123 456 789", "Fr. 1 250 000"); with them, any ISO 4217 code in capitals (in
#: small letters too many are words: "all", "top", "sos").
_SIGNS = r"[€£$¥₹₩₽₺₴₪₫฿]|R\$|(?<![^\W\d_])(?:zł|kč|ft|kr\.?|lei|руб\.?|fr\.|chf)"
_CODES = "|".join(sorted(ISO_4217))
#: Codes that are also words typed in capitals before a number ("SOS 612345678", "CALL ALL
#: 612345678"): not taken for a currency there, lest a phone number leak.
_WORD_CODES = {"ALL", "BAM", "BOB", "CUP", "GEL", "MAD", "MOP", "PEN", "SOS", "TOP", "TRY"}
_CODES_BEFORE = "|".join(sorted(ISO_4217 - _WORD_CODES))
#: Just before an amount: a currency sign or code.
_MONEY_BEFORE = re.compile(
    rf"(?:(?i:{_SIGNS})|(?<![^\W\d_])(?:{_CODES_BEFORE}))[ \u00a0\u202f]*\(?$"
)
#: Just after an amount, a share or a reading: a currency sign, word or code, a percent,
#: decimals, a multiplier, a unit ("123456789 kWh").
_MONEY_AFTER = re.compile(
    rf"^(?:[ \u00a0\u202f]*(?:(?i:{_SIGNS}|[%‰]|(?:euros?|pounds?|dollars?|reais|k|m|bn|mn"
    rf"|kwh|mwh|kw|kg|km|m3|m³|units?)(?!\w))|(?:{_CODES})(?!\w))|[.,]\d)"
)
#: Just before an id's digits: letters joined to it by a hyphen ("ORD-123456789",
#: "INV-2026-0004417"), unless they say phone ("Tel-612345678").
_ID_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})-$")
_PHONE_WORDS = frozenset({"tel", "tlf", "tlm", "phone", "mob", "mobile", "cell", "fax", "gsm"})
#: Just before a reference's digits: a word that says what follows is one ("order
#: 123456789", "ref 2026 1105 4417", "invoice no. 4417"). Not "number" nor "no." alone:
#: people write "my number 0612345678".
_REFERENCE_BEFORE = re.compile(
    r"(?i:\b(?:orders?|ref|refs|reference|invoices?|tickets?|cases?|readings?)"
    r"(?:\s*(?:no\.?|nr\.?|n[º°]|number|#))?\s*[:#]?\s*)$"
)

MASKS = {
    "email": "[e-mail removed]",
    "iban": "[bank account removed]",
    "phone": "[phone number removed]",
    "card": "[card number removed]",
}


def _in_reference(start: int, end: int, text: str) -> bool:
    """True when the digits are glued by a hyphen or slash to a letter or digit on both sides:
    a part of a reference such as FAT/2026/LX/0000998877/B, not a phone number."""
    before = text[start - 2 : start] if start >= 2 else ""
    after = text[end : end + 2]
    return (
        len(before) == 2
        and before[1] in "-/"
        and before[0].isalnum()
        and len(after) == 2
        and after[0] in "-/"
        and after[1].isalnum()
    )


def _is_phone(number: str, text: str, start: int, end: int) -> bool:
    """Whether ``number`` (``text[start:end]``) is a phone number rather than a date, an
    amount, a list of figures or years, or part of a reference."""
    digits = re.sub(r"\D", "", number)
    if not _DIGITS_MIN <= len(digits) <= _DIGITS_MAX:
        return False
    if number.count("(") != number.count(")") or _in_reference(start, end, text):
        return False
    if _DATE.search(number) or re.match(r"\s?:\d", text[end : end + 2]):
        return False  # a date, or a figure before a time ("912 14:30" reads as a time)
    before = max(0, start - 24)
    if _MONEY_BEFORE.search(text, before, start) or _MONEY_AFTER.match(text[end : end + 12]):
        return False
    if _REFERENCE_BEFORE.search(text, before, start):
        return False  # "order 123456789", "ref 2026 1105 4417": a reference
    glued = _ID_BEFORE.search(text, before, start)
    if glued and glued.group(1).lower() not in _PHONE_WORDS and not re.match(r"0[1-9]", number):
        return False  # "ORD-123456789": an id; "ref-07700900461" keeps its trunk 0: a phone
    groups = re.findall(r"\d+", number)
    international = number.startswith(("+", "(+", "00"))
    if len(groups) > 1 and not international:
        if all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
            return False  # years: "2024 2025 2026"
        if all(len(g) <= 2 for g in groups) and groups[0][0] != "0":
            return False  # figures, not a number: "9 10 10 8", "NPS 32 35 41 38 40"
        if sum(len(g) == 1 for g in groups) > 1:
            return False  # "3 4 5 6 7 8 9 10": phone numbers have one short group at most
        seps = {" " if sep.isspace() else sep for sep in re.findall(r"[^\d]+", number)}
        thousands = len(seps) == 1 and all(len(g) == 3 for g in groups[1:])
        if thousands and (len(groups[0]) < 3 or groups[-1] == "000"):
            return False  # an amount in thousands: "1 234 567 890", "120 000 000"
    return True


def _split(number: str, text: str, start: int) -> list[tuple[int, int]]:
    """A run too long for one phone number may be two joined by a hyphen ("07700 900461-07700
    900462"): both halves must be phone numbers, else it is neither."""
    for gap in re.finditer(rf"(?<=\d){_DASH}(?=\d)", number):
        left, right = number[: gap.start()], number[gap.end() :]
        a, b = start + gap.start(), start + gap.end()
        if _is_phone(left, text, start, a) and _is_phone(right, text, b, start + len(number)):
            return [(start, a), (b, start + len(number))]
    return []


def _phones(text: str) -> list[tuple[int, int]]:
    """Where the phone numbers in ``text`` are, left to right."""
    found: list[tuple[int, int]] = []
    pos = 0
    while (m := PHONE.search(text, pos)) is not None:
        start, end = m.span()
        number = m.group(0)
        if number.endswith(")") and number.count(")") > number.count("("):
            number, end = number[:-1], end - 1  # "(call 912345678)": the sentence's bracket
        if number.startswith("(") and (
            number.count("(") > number.count(")") or number.find(")") == len(number) - 1
        ):  # "(912345678, evenings)", "(93.812.34.56)": the sentence's brackets
            inner = number[1:-1] if number.endswith(")") else number[1:]
            number, start, end = inner, start + 1, start + 1 + len(inner)
        if _is_phone(number, text, start, end):
            found.append((start, end))
            pos = end
            continue
        date = _DATE.match(number)
        if date is not None:  # "2026-11-05 912345678": the date, then perhaps a number
            pos = start + date.end()
            continue
        split = _split(number, text, start)
        found += split
        pos = max(end, pos + 1)
    return found


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


@dataclass
class Masker:
    """Mask personal data in strings, counting what it masked."""

    count: int = 0

    def text(self, value: str) -> str:
        """Mask e-mail addresses, bank accounts, card numbers and phone numbers in one
        string."""
        value, n = EMAIL.subn(MASKS["email"], value)
        self.count += n

        def iban(match: re.Match[str]) -> str:
            account = re.sub(r"\s", "", match.group(0))
            if 15 <= len(account) <= 34 and sum(ch.isdigit() for ch in account) >= 10:
                self.count += 1
                return MASKS["iban"]
            return match.group(0)

        value = IBAN.sub(iban, value)

        def card(match: re.Match[str]) -> str:
            digits = re.sub(r"\D", "", match.group(0))
            if 13 <= len(digits) <= 19 and _luhn(digits):
                self.count += 1
                return MASKS["card"]
            return match.group(0)

        value = CARD.sub(card, value)
        # again over what was masked: a number joined to a masked one ("…461-07700 900462",
        # "…461/07700 900462") is seen anew
        while found := _phones(value):
            for start, end in reversed(found):
                value = value[:start] + MASKS["phone"] + value[end:]
            self.count += len(found)
        return value

    def optional(self, value: str | None) -> str | None:
        return self.text(value) if value else value


@dataclass(frozen=True)
class Masked:
    """A month, its history and its last meeting's outcomes with personal data masked."""

    month: MonthData
    history: list[MonthSignal]
    last: LastMeeting | None
    count: int  #: how many items were masked


def mask_month(
    month: MonthData, history: Iterable[MonthSignal] = (), last: LastMeeting | None = None
) -> Masked:
    """Mask personal data in the customer's words, unless customer.yaml opts out: stories,
    verbatims typed and picked from the survey, and every action and decision the pack, the
    briefs and the recap show (actions.yaml, earlier months' action logs, outcomes.yaml): an
    action's title may quote the customer ("Call Sra. Fernández back on 612 34 56 78")."""
    history = list(history)
    customer = month.customer
    if not customer.mask_personal_data:
        return Masked(month, history, last, 0)
    masker = Masker()
    narratives = [
        n.model_copy(update={"title": masker.text(n.title), "story": masker.text(n.story)})
        for n in customer.narratives
    ]
    verbatims = [v.model_copy(update={"text": masker.text(v.text)}) for v in customer.verbatims]
    customer = customer.model_copy(update={"narratives": narratives, "verbatims": verbatims})
    # only the survey comments the pack quotes: the rest are counted, never shown
    picked = [
        (v.model_copy(update={"text": masker.text(v.text)}), line) for v, line in month.picked
    ]
    sections = {**month.sections, "customer": customer}
    outcomes = _mask_outcomes(month.outcomes, masker) if month.outcomes else None
    actions = _mask_actions(month.actions, masker) if month.actions else None
    month = replace(
        month,
        customer=customer,
        sections=sections,
        picked=picked,
        outcomes=outcomes,
        actions=actions,
    )
    # earlier months' records: the log carries them, and compares them with this month's
    history = [
        replace(s, actions=tuple(_mask_action(a, masker) for a in s.actions))
        if s.actions is not None
        else s
        for s in history
    ]
    if last is not None:
        last = replace(last, outcomes=_mask_outcomes(last.outcomes, masker))
    return Masked(month, history, last, masker.count)


def _mask_action(action: schema.Action, masker: Masker) -> schema.Action:
    return action.model_copy(
        update={"title": masker.text(action.title), "source": masker.optional(action.source)}
    )


def _mask_actions(log: schema.Actions, masker: Masker) -> schema.Actions:
    """actions.yaml: each action's title and source, each decision's title, context, options,
    recommendation and risk (its cost is an amount, left as typed)."""
    decisions = [
        d.model_copy(
            update={
                "title": masker.text(d.title),
                "context": masker.optional(d.context),
                "recommendation": masker.optional(d.recommendation),
                "risk": masker.optional(d.risk),
                "options": [
                    o.model_copy(
                        update={"name": masker.text(o.name), "risk": masker.optional(o.risk)}
                    )
                    for o in d.options
                ],
            }
        )
        for d in log.decisions
    ]
    return log.model_copy(
        update={"actions": [_mask_action(a, masker) for a in log.actions], "decisions": decisions}
    )


def _mask_outcomes(outcomes: schema.Outcomes, masker: Masker) -> schema.Outcomes:
    """What the room recorded may quote a customer (the recap sends it on): its decisions,
    actions and notes are masked like customers' words."""
    typed: BaseModel = outcomes.notes  # a model built at run time (schema._per_slot)
    notes = typed.model_copy(
        update={key: masker.text(text) for key, text in typed.model_dump().items() if text}
    )
    return outcomes.model_copy(
        update={
            "decisions": [
                d.model_copy(update={"title": masker.text(d.title)}) for d in outcomes.decisions
            ],
            "actions": [_mask_action(a, masker) for a in outcomes.actions],
            "notes": notes,
        }
    )

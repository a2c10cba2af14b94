"""Mask personal data in what customers wrote: e-mail addresses, phone numbers, card numbers.

A small, tested set of patterns rather than a dependency: the packs quote a few dozen short
verbatims a month, and what matters is predictable, documented behaviour.

Caught: e-mail addresses; UK numbers (07… mobiles, 01…/02…/03… landlines, 08… service numbers,
with spaces, dots, dashes or brackets, or written +44 / 0044); international numbers written
with a + and 8–15 digits; nine digits grouped 3-3-3, as Portuguese and Spanish numbers are
written without their prefix (912 345 678); North American (202) 555-0143; card-like numbers
of 13–19 digits (with spaces or dashes) that pass the Luhn check. Not caught: numbers written
in words, other phone numbers without a leading 0 or +, postal addresses, names (Chatham House
guests are handled separately), account or policy numbers, and digits inside a reference
joined by hyphens or slashes to letters or numbers (URG-2026-11-000004417-LX), which are
ids, not phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pydantic import BaseModel

from agenda import schema
from agenda.validate import MonthData

#: An e-mail address; apostrophes are allowed in its local part ("sian.o'neill@pvi.ie").
EMAIL = re.compile(r"(?<![\w.+'’-])[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+(?!\w)")
#: A phone number stands apart: not glued by a hyphen to a number before it (URG-2026-11-…),
#: nor glued by hyphens or slashes on both sides (FAT/2026/LX/0000998877/B): such digits are
#: part of an id (see ``_in_reference``). Numbers listed one after another ("07700 900461/
#: 07700 900462", "…461-07700 900462") are each masked: the masking runs again over what it
#: masked; a number with a word after it ("07700 900461/evenings") is masked.
PHONE = re.compile(
    r"(?<![\w+])(?<!\d-)(?:"
    r"(?:\+|00)44\s?\(?0?\)?[\s.-]?\d(?:[\s.-]?\d){8,9}"  # +44 7700 900461, 0044 (0)20 ...
    r"|\(?0\d{2,4}\)?(?:[\s.-]?\d){6,8}"  # 07700 900461, (0113) 496 0000, 020-7946-0000
    r"|\+\d{1,3}(?:[\s.-]?\d){7,13}"  # +33 1 23 45 67 89, +1-202-555-0143
    r"|[2-9]\d{2}[\s.-]\d{3}[\s.-]\d{3}"  # 912 345 678, 612-345-678 (pt, es numbers)
    r"|\(\d{3}\)\s?\d{3}[\s.-]\d{4}"  # (202) 555-0143
    r")(?![\w])"
)
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")

MASKS = {
    "email": "[e-mail removed]",
    "phone": "[phone number removed]",
    "card": "[card number removed]",
}


def _in_reference(match: re.Match[str], text: str) -> bool:
    """True when the digits are glued by a hyphen or slash to a letter or digit on both sides:
    a part of a reference such as FAT/2026/LX/0000998877/B, not a phone number."""
    start, end = match.span()
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
        """Mask e-mail addresses, card numbers and phone numbers in one string."""
        value, n = EMAIL.subn(MASKS["email"], value)
        self.count += n

        def card(match: re.Match[str]) -> str:
            digits = re.sub(r"\D", "", match.group(0))
            if 13 <= len(digits) <= 19 and _luhn(digits):
                self.count += 1
                return MASKS["card"]
            return match.group(0)

        value = CARD.sub(card, value)
        masked = 1
        while masked:  # again over what was masked: a number joined to a masked one is seen anew
            masked = 0

            def phone(match: re.Match[str], text: str = value) -> str:
                nonlocal masked
                if _in_reference(match, text):
                    return match.group(0)  # an id's digits, unchanged
                masked += 1
                return MASKS["phone"]

            value = PHONE.sub(phone, value)
            self.count += masked
        return value


def mask_month(month: MonthData) -> tuple[MonthData, int]:
    """Mask personal data in the customer's words, unless customer.yaml opts out."""
    customer = month.customer
    if not customer.mask_personal_data:
        return month, 0
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
    month = replace(month, customer=customer, sections=sections, picked=picked, outcomes=outcomes)
    return month, masker.count


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
            "actions": [
                a.model_copy(
                    update={
                        "title": masker.text(a.title),
                        "source": masker.text(a.source) if a.source else a.source,
                    }
                )
                for a in outcomes.actions
            ],
            "notes": notes,
        }
    )

"""Chatham House: a protected guest's name and organisation never reach any output.

Guests marked ``chatham_house`` (the default) in this month's or an earlier month's meeting.yaml
are protected. Before anything is composed, every string of the month's data is scrubbed: the
full name, the organisation, and the first name or surname alone (with a title such as "Mrs")
become "a customer guest" / "a customer organisation". A name part that another named person in
the data also carries (an attendee called Mark, a customer called Jones) is replaced only within
the full name, so that person is not scrubbed by mistake; the build says when that happens.
The build reports how many replacements it made, never what it replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from agenda import schema
from agenda.history import MonthSignal
from agenda.validate import MonthData

PERSON = "a customer guest"
ORGANISATION = "a customer organisation"
_TITLES = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord)\.?\s+)?"
#: Words that make a name an organisation's but say nothing about which one.
_GENERIC = {
    "ltd",
    "limited",
    "plc",
    "llp",
    "inc",
    "co",
    "company",
    "group",
    "holdings",
    "housing",
    "homes",
    "association",
    "trust",
    "council",
    "partnership",
    "services",
    "foundation",
    "society",
    "the",
    "and",
    "&",
    "of",
}


@dataclass
class Redactor:
    """Replace protected names in text, counting what it replaced."""

    patterns: list[tuple[re.Pattern[str], str]]
    count: int = 0
    shared_parts: int = 0  #: name parts left alone because someone else shares them
    protected: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def for_guests(
        cls, guests: Iterable[schema.Guest], host: str, others: Iterable[str]
    ) -> Redactor:
        """Build the patterns for every protected guest; ``others`` are people not protected."""
        other_parts = {part.lower() for name in others for part in _parts(name)}
        terms: list[tuple[str, str, bool]] = []  # (term, replacement, allow title prefix)
        shared = 0
        protected = []
        for guest in guests:
            if not guest.chatham_house:
                continue
            protected += [guest.name, guest.organisation]
            terms.append((guest.name, PERSON, True))
            if guest.organisation.strip().lower() != host.strip().lower():
                for short in _organisation_forms(guest.organisation):
                    terms.append((short, ORGANISATION, False))
            for part in _parts(guest.name):
                if part.lower() in other_parts:
                    shared += 1
                else:
                    terms.append((part, PERSON, True))
        terms.sort(key=lambda t: -len(t[0]))  # full names before their parts
        patterns = [
            (
                re.compile(
                    (_TITLES if titled else "") + r"(?<!\w)" + re.escape(term) + r"(?!\w)",
                    re.IGNORECASE,
                ),
                replacement,
            )
            for term, replacement, titled in dict.fromkeys(terms)
        ]
        return cls(patterns, shared_parts=shared, protected=tuple(protected))

    def text(self, value: str) -> str:
        """Scrub one string (a replacement opening a sentence gets a capital letter)."""
        for pattern, replacement in self.patterns:

            def swap(match: re.Match[str], replacement: str = replacement) -> str:
                before = match.string[: match.start()].rstrip(" \t\"“'‘(")
                opens = not before or before[-1] in ".!?\n"
                return replacement[0].upper() + replacement[1:] if opens else replacement

            value, n = pattern.subn(swap, value)
            self.count += n
        return value

    def scrub(self, value: Any) -> Any:
        """Scrub every string inside plain data (dicts, lists, tuples)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.scrub(k): self.scrub(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.scrub(v) for v in value)
        return value

    def model(self, model: BaseModel | None) -> Any:
        """Scrub every string field of a validated model, re-validating the result."""
        if model is None or not self.patterns:
            return model
        return type(model).model_validate(self.scrub(model.model_dump()))


def _organisation_forms(name: str) -> list[str]:
    """An organisation's name and the shorter forms people write: "Pennine Vale Housing" is
    also "Pennine Vale"; "Calder Homes" is also "Calder" (generic last words dropped)."""
    words = name.split()
    forms = [name]
    for end in range(len(words) - 1, 1, -1):  # prefixes of two words or more
        forms.append(" ".join(words[:end]))
    core = list(words)
    while core and core[-1].lower().strip(".,") in _GENERIC:
        core.pop()
    if core and core != words and len(" ".join(core)) >= 4:
        forms.append(" ".join(core))
    return list(dict.fromkeys(forms))


def _parts(name: str) -> list[str]:
    """A name's parts worth protecting alone: words of three letters or more."""
    return [p for p in re.findall(r"[^\W\d_][\w'’-]*", name) if len(p) >= 3]


def people_named(month: MonthData) -> list[str]:
    """Everyone named in the month who is not a protected guest: they must stay readable."""
    meeting = month.meeting
    names = [a.name for a in meeting.attendees]
    names += [n for n in (meeting.chair,) if n]
    names += [v for v in meeting.leads.model_dump().values() if v]
    names += [g.name for g in meeting.guests if not g.chatham_house]
    names += [n.customer for n in month.customer.narratives if not n.guest]
    if month.customer.frontline_invite:
        names.append(month.customer.frontline_invite.name)
    employees = month.sections.get("employees")
    if isinstance(employees, schema.Employees):
        names += [f.name for f in employees.frontline]
    if month.actions:
        names += [a.owner for a in month.actions.actions]
    return names


def protect(
    month: MonthData, history: list[MonthSignal], earlier_guests: Iterable[schema.Guest]
) -> tuple[MonthData, list[MonthSignal], Redactor]:
    """Return the month and its history with every protected name scrubbed from free text."""
    guests = [*month.meeting.guests, *earlier_guests]
    redactor = Redactor.for_guests(guests, month.meeting.organisation, people_named(month))
    if not redactor.patterns:
        return month, history, redactor
    meeting = month.meeting
    kept_guests = meeting.guests
    scrubbed_meeting = redactor.model(meeting.model_copy(update={"guests": []}))
    scrubbed_meeting = scrubbed_meeting.model_copy(
        update={"guests": kept_guests, "organisation": meeting.organisation}
    )
    sections = {key: redactor.model(value) for key, value in month.sections.items()}
    answers = month.answers
    if answers is not None:
        answers.comments = [replace(c, text=redactor.text(c.text)) for c in answers.comments]
    scrubbed = replace(
        month,
        meeting=scrubbed_meeting,
        customer=sections["customer"],
        sections=sections,
        actions=redactor.model(month.actions),
    )
    history = [
        replace(
            signal,
            themes=redactor.scrub(signal.themes),
            reasons=redactor.scrub(signal.reasons),
            actions=tuple(redactor.model(a) for a in signal.actions)
            if signal.actions is not None
            else None,
        )
        for signal in history
    ]
    return scrubbed, history, redactor

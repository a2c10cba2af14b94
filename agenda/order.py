"""The customer-first running order: the only place the sections and their order are written.

Everything else derives from ``SECTIONS``: the section files a month may hold, the keys of
``meeting.yaml``'s ``minutes`` and ``leads``, the agenda's numbering, and which module of
``agenda.sections`` builds each section (the module named by the key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

#: A section's key: its data file's stem and its key under ``minutes`` and ``leads``.
SectionKey = Literal["customer", "employees", "operations", "marketing", "sales", "finance"]


@dataclass(frozen=True)
class SectionSpec:
    """One agenda slot: its key in the data, its title and its default length. Its wording (the
    question it answers, the questions asked in it) is in ``templates/words/agenda.j2``."""

    key: str  #: file stem and key in ``meeting.yaml`` ``minutes`` / ``leads``
    title: str  #: the section's own name, used in headings and slide titles
    default_minutes: int  #: slot length when ``meeting.yaml`` gives none

    @property
    def focus(self) -> str:
        """The question the section answers for the room (``agenda.focus_<key>``)."""
        from agenda.text import say  # not at import: the loader imports this module

        return say(f"agenda.focus_{self.key}")

    @property
    def questions(self) -> tuple[str, ...]:
        """Standing questions the facilitator asks in this slot (``agenda.questions_<key>``)."""
        from agenda.text import say_lines

        return say_lines(f"agenda.questions_{self.key}")


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("customer", "Customer", 30),
    SectionSpec("employees", "Employees", 15),
    SectionSpec("operations", "Operations", 15),
    SectionSpec("marketing", "Marketing", 10),
    SectionSpec("sales", "Sales", 10),
    SectionSpec("finance", "Finance", 10),
)

SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
if get_args(SectionKey) != SECTION_KEYS:  # the type above and the order must agree
    raise AssertionError(f"SectionKey {get_args(SectionKey)} differs from SECTIONS {SECTION_KEYS}")


def slot_minutes(minutes: object, spec: SectionSpec) -> int:
    """A slot's length: meeting.yaml's ``minutes`` for it, else the section's default.

    ``minutes`` is ``schema.SectionNumbers``, a model built at run time with one optional whole
    number per slot key (so no static type names its fields; this module imports no pydantic).
    """
    value = getattr(minutes, spec.key)
    return value if isinstance(value, int) else spec.default_minutes


def order_line() -> str:
    """The running order in one sentence, for the cover (``pack.order_line``)."""
    from agenda.text import say

    titles = [s.title for s in SECTIONS[:-1]]
    return say("pack.order_line", titles=titles, last=SECTIONS[-1].title)


#: The closing slot that reviews the action log; it always comes after Finance.
ACTIONS_SLOT = SectionSpec("actions", "Actions", 10)

#: Every agenda slot's key, in running order: the sections, then the closing action review.
SLOT_KEYS: tuple[str, ...] = (*SECTION_KEYS, ACTIONS_SLOT.key)

#: How many of the month's customer themes lead the discussion (the "top two themes").
TOP_THEMES = 2

#: Quotes the pack gives for each of the top themes ("What customers said about …"). When
#: fewer verbatims than this were typed for a top theme, the most recent survey comments that
#: use its keywords make up the rest. Three: one quote is an anecdote, and the Word pack shows
#: three under each top theme; with two top themes that adds at most six to the verbatims,
#: which a slide shows six of (DECK_VERBATIMS), so typed ones are never crowded out.
THEME_QUOTES = 3

#: The most of a long list one slide shows; the Word pack keeps them all, and the slide says how
#: many more it has. Improvement themes (rows of the themes table), verbatims (rows of the
#: verbatims table) and complaint reasons (bars of the complaints chart, the last an "Other" bar
#: summing the rest).
DECK_THEMES = 5
DECK_VERBATIMS = 6
DECK_REASONS = 8

#: A month folder's name and a ``period``: ``YYYY-MM`` with a real month.
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def is_month(name: str) -> bool:
    """Whether ``name`` names a month (``2026-11``), as month folders and periods must."""
    return MONTH.fullmatch(name) is not None

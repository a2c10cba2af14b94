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
    """One agenda section: its key in the data, its title, its default slot and its question."""

    key: str  #: file stem and key in ``meeting.yaml`` ``minutes`` / ``leads``
    title: str  #: the section's own name, used in headings and slide titles
    default_minutes: int  #: slot length when ``meeting.yaml`` gives none
    focus: str  #: the question the section answers for the room
    questions: tuple[str, ...] = ()  #: standing questions the facilitator asks in this slot


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "customer",
        "Customer",
        30,
        "How do our customers feel about what we deliver, and what are they asking us to fix?",
        (
            "What in these stories surprised us, and who in this room owns the fix?",
            "Which of the top two themes do we commit to moving by next month?",
        ),
    ),
    SectionSpec(
        "employees",
        "Employees",
        15,
        "How engaged are our people, and what stops them serving customers well?",
        (
            "Which of these challenges do customers feel too?",
            "What would our frontline colleagues fix first if they could?",
        ),
    ),
    SectionSpec(
        "operations",
        "Operations",
        15,
        "Are we measuring what matters to customers, or only what is easy to count?",
        # "If every service level is green…" is asked by agenda.rules, only when they all are.
        ("Which measure would show the customer's experience more honestly?",),
    ),
    SectionSpec(
        "marketing",
        "Marketing",
        10,
        "Which customers are we reaching out to, and how will they feel and react?",
        (
            "How will the customers we target feel and react?",
            "How will we know whether they did?",
        ),
    ),
    SectionSpec(
        "sales",
        "Sales",
        10,
        "Which customers are we targeting, and what feedback from others do we take to them?",
        ("What have similar customers told us that this sales team should take in?",),
    ),
    SectionSpec(
        "finance",
        "Finance",
        10,
        "What do the results say, now that we know how customers feel?",
        ("Where do the numbers show the cost of the customer issues we heard today?",),
    ),
)

SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
if get_args(SectionKey) != SECTION_KEYS:  # the type above and the order must agree
    raise AssertionError(f"SectionKey {get_args(SectionKey)} differs from SECTIONS {SECTION_KEYS}")


def slot_minutes(minutes, spec: SectionSpec) -> int:
    """A slot's length: meeting.yaml's ``minutes`` for it, else the section's default."""
    return getattr(minutes, spec.key) or spec.default_minutes


#: The running order in one sentence, for the cover.
ORDER_LINE = (
    "In this pack the customer comes first: "
    + ", ".join(s.title for s in SECTIONS[:-1])
    + f", then {SECTIONS[-1].title}."
)

#: The closing slot that reviews the action log; it always comes after Finance.
ACTIONS_SLOT = SectionSpec(
    "actions",
    "Actions",
    10,
    "What did we agree, who owns it, and what is overdue?",
    (
        "What is overdue, and what would unblock it?",
        "Which action answers a customer theme we heard today?",
    ),
)

#: Every agenda slot's key, in running order: the sections, then the closing action review.
SLOT_KEYS: tuple[str, ...] = (*SECTION_KEYS, ACTIONS_SLOT.key)

#: How many of the month's customer themes lead the discussion (the "top two themes").
TOP_THEMES = 2

#: A month folder's name and a ``period``: ``YYYY-MM`` with a real month.
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def is_month(name: str) -> bool:
    """Whether ``name`` names a month (``2026-11``), as month folders and periods must."""
    return MONTH.fullmatch(name) is not None

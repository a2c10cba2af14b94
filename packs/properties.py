"""Document properties shared by every format: fixed, from the pack, and nothing personal."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from agenda.model import Pack


class CoreProperties(Protocol):
    """What python-docx's ``CoreProperties`` and python-pptx's ``CorePropertiesPart`` share."""

    title: str
    subject: str
    author: str
    last_modified_by: str
    language: str
    comments: str
    keywords: str
    created: dt.datetime
    modified: dt.datetime
    revision: int


def set_core_properties(props: CoreProperties, pack: Pack, kind: str) -> None:
    """Fill a python-docx/python-pptx CoreProperties the same way for every format.

    Timestamps come from the meeting date (not the clock) so rebuilding a month gives the same
    metadata; the author is the organisation, never a person typed into the data.
    """
    fill_properties(
        props,
        title=pack.cover.document_title,
        organisation=pack.cover.organisation,
        subject=pack.labels.subject.format(kind=kind, period=pack.cover.period_label),
        keywords=pack.labels.keywords,
        day=pack.date,
    )


def fill_properties(
    props: CoreProperties,
    *,
    title: str,
    organisation: str,
    subject: str,
    keywords: str,
    day: dt.date,
) -> None:
    """The properties every file gets (a pack, a deck, a brief, a recap): timestamps from the
    meeting's date, the organisation as author."""
    stamp = dt.datetime.combine(day, dt.time(0, 0))
    props.title = _fit(title)
    props.subject = subject
    props.author = _fit(organisation)
    props.last_modified_by = "customer-first packs"
    props.language = "en-GB"
    props.comments = ""
    props.keywords = keywords
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def _fit(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

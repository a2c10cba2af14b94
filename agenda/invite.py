"""The meeting as a calendar invite: composed from the same Pack the build writes.

Start and end are the agenda's own slots (the first slot's start, the last slot's end), never
worked out again; the description is the running order, phrased in ``templates/words/
invite.j2``. Everything in it comes from the month after the pipeline's protection: a protected
guest is never named, and no guest is listed at all (the invite goes beyond the room, to
whoever sees the attendees' calendars). Attendees with an ``email`` are invited; the chair
organises the meeting when listed among them with an address.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from agenda.compose import file_stem, slug
from agenda.model import Invite, Invitee, Pack
from agenda.names import fold
from agenda.pipeline import prepare_month
from agenda.text import say
from agenda.validate import MonthData

#: The namespace of every invite's UID (uuid5): fixed, so a month's UID never changes.
NAMESPACE = uuid.UUID("6f0b7c2e-3d4a-5b8e-9c1f-2a7d4e6b8c90")
#: After the UID's @: a name of the tool, in a reserved top-level domain that no one owns.
UID_DOMAIN = "customer-first-packs.invalid"


def invite_uid(organisation: str, period: str) -> str:
    """The same meeting (organisation and month) has the same UID, run after run, so a calendar
    updates the event it has rather than adding a second one."""
    return f"{uuid.uuid5(NAMESPACE, f'{slug(organisation)}/{period}')}@{UID_DOMAIN}"


def prepare_invite(
    month_dir: Path, *, strict: bool = False, now: dt.datetime | None = None
) -> tuple[Invite, Pack]:
    """Read, check and compose the month, then its invite (raises AgendaError on bad input)."""
    pack, month = prepare_month(month_dir, strict=strict)
    return compose_invite(pack, month, now=now), pack


def compose_invite(pack: Pack, month: MonthData, *, now: dt.datetime | None = None) -> Invite:
    """The invite for a composed pack and the (protected) month it was composed from."""
    meeting = month.meeting
    zone = ZoneInfo(meeting.timezone)
    first, last = pack.agenda[0], pack.agenda[-1]
    start = dt.datetime.combine(pack.date, first.start, tzinfo=zone)
    end = dt.datetime.combine(pack.date, last.end, tzinfo=zone)
    if end <= start:  # the slots run past midnight (the build warns about it)
        end += dt.timedelta(days=1)
    lines = [
        say(
            "invite.opening",
            title=pack.cover.title,
            date=pack.cover.date_label,
            times=f"{first.start:%H:%M}–{last.end:%H:%M}",
            timezone=meeting.timezone,
        ),
        "",
        say("invite.order_heading"),
        *(
            say("invite.slot", times=s.times, title=s.title, lead=s.lead, purpose=s.ask)
            for s in pack.agenda
        ),
    ]
    invited = tuple(Invitee(a.name, a.email) for a in meeting.attendees if a.email)
    chair = fold(meeting.chair or "").strip()
    organiser = next((i for i in invited if chair and fold(i.name).strip() == chair), None)
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return Invite(
        uid=invite_uid(meeting.organisation, meeting.period),
        summary=pack.cover.title,
        start=start,
        end=end,
        timezone=meeting.timezone,
        stamp=stamp.replace(microsecond=0),
        description="\n".join(lines),
        file_name=f"{file_stem(meeting.organisation, meeting.period, 'meeting')}.ics",
        location=pack.cover.location,
        attendees=invited,
        organiser=organiser,
    )

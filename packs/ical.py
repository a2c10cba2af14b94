"""The meeting invite as an iCalendar file (RFC 5545), laid out by the icalendar library.

The library escapes text, folds long lines, encodes parameter values (RFC 6868) and writes the
VTIMEZONE of the meeting's zone from the time zone database; it is imported here, only when an
invite is written. Everything said is in the Invite already: this module only lays it out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agenda.model import Invite, Invitee

#: Who made the file (PRODID): the tool, never a person.
PRODID = "-//customer-first-packs//agenda//EN"
#: The time zone's rules are written for a year either side of the meeting: enough for any
#: calendar to place it, and a few dozen lines rather than decades of transitions.
ZONE_YEARS = dt.timedelta(days=366)


def ics_bytes(invite: Invite) -> bytes:
    """The invite as iCalendar bytes (CRLF line ends, lines folded at 75 octets)."""
    from icalendar import Calendar, Event, vCalAddress, vText

    def address(who: Invitee, **params: str) -> vCalAddress:
        found = vCalAddress(f"mailto:{who.email}")
        found.params["CN"] = vText(who.name)
        for key, value in params.items():
            found.params[key] = value
        return found

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", invite.uid)
    event.add("dtstamp", invite.stamp)
    event.add("dtstart", invite.start)
    event.add("dtend", invite.end)
    event.add("summary", invite.summary)
    if invite.location:
        event.add("location", invite.location)
    event.add("description", invite.description)
    if invite.organiser is not None:
        event.add("organizer", address(invite.organiser), encode=False)
    for who in invite.attendees:
        event.add("attendee", address(who, ROLE="REQ-PARTICIPANT"), encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=invite.start.date() - ZONE_YEARS, last_date=invite.end.date() + ZONE_YEARS
    )
    return calendar.to_ical()


def write_ics(invite: Invite, path: Path) -> None:
    """Write the invite to ``path`` (the caller makes it land atomically)."""
    path.write_bytes(ics_bytes(invite))

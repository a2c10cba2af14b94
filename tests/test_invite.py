"""`agenda invite`: the meeting as an iCalendar file, read back with the icalendar library.

Every test parses what was written (never our own model), and checks the bytes for what must
never be in them: a guest's name, protected or not.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import CUSTOMER, MEETING, SAMPLE, SAMPLE_MONTH, write_month
from icalendar import Calendar

from agenda.pipeline import prepare

SAMPLE_ICS = "northwind-utilities-2026-11-meeting.ics"


def invite(run_cli, month: Path, out: Path) -> tuple[Calendar, bytes]:
    result = run_cli("invite", month, "--out", out)
    assert result.exit_code == 0, result.output
    (made,) = out.glob("*.ics")
    data = made.read_bytes()
    return Calendar.from_ical(data), data


def event_of(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def unfolded(data: bytes) -> str:
    """The file's text with folded lines joined (RFC 5545 3.1) and text escapes undone."""
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return text.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")


def minimal(tmp_path: Path, extra: str = "", *, name: str = "2026-11", meeting: str = MEETING):
    meeting = meeting.replace("period: 2026-11", f"period: {name}")
    return write_month(
        tmp_path / "ws", {"meeting.yaml": meeting + extra, "customer.yaml": CUSTOMER}, name
    )


# --- times and zone -------------------------------------------------------------------------


def test_the_sample_runs_from_its_start_to_the_last_slots_end_in_london(tmp_path, run_cli):
    calendar, data = invite(run_cli, SAMPLE_MONTH, tmp_path / "out")
    assert (tmp_path / "out" / SAMPLE_ICS).is_file()
    event = event_of(calendar)
    slots = prepare(SAMPLE_MONTH).agenda
    london = ZoneInfo("Europe/London")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == dt.datetime(2026, 11, 19, 9, 30, tzinfo=london)
    assert end == dt.datetime.combine(dt.date(2026, 11, 19), slots[-1].end, tzinfo=london)
    # the agenda's own end (its slots add up to 11:30), not meeting.yaml's end: 11:45
    assert f"{end:%H:%M}" == "11:30"
    assert event["DTSTART"].params["TZID"] == event["DTEND"].params["TZID"] == "Europe/London"
    assert b"DTSTART;TZID=Europe/London:20261119T093000\r\n" in data
    assert b"DTEND;TZID=Europe/London:20261119T113000\r\n" in data
    # the zone is defined in the file itself, as RFC 5545 asks for every TZID used
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    own = zone.to_tz(lookup_tzid=False)  # built from the VTIMEZONE alone
    assert dt.datetime(2026, 11, 19, 9, 30, tzinfo=own).utcoffset() == dt.timedelta(0)
    assert event["SUMMARY"] == "Leadership meeting — November 2026"
    assert event["LOCATION"] == "Training room, Bradford contact centre"
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    stamp = event.decoded("dtstamp")
    assert stamp.utcoffset() == dt.timedelta(0)
    assert b"DTSTAMP:" in data and data.count(b"DTSTAMP:") == 1


def test_the_file_is_rfc_5545_text(tmp_path, run_cli):
    """CRLF line ends, no line longer than 75 octets (long ones folded), text escaped."""
    _, data = invite(run_cli, SAMPLE_MONTH, tmp_path / "out")
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the description is long: folded"
    assert b"LOCATION:Training room\\, Bradford contact centre\r\n" in data


def test_another_time_zone(tmp_path, run_cli):
    month = minimal(tmp_path, "timezone: Asia/Tokyo\n")
    calendar, data = invite(run_cli, month, tmp_path / "out")
    event = event_of(calendar)
    start = event.decoded("dtstart")
    assert (start.hour, start.minute) == (9, 0)
    assert start.utcoffset() == dt.timedelta(hours=9)
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert b"DTSTART;TZID=Asia/Tokyo:20261119T090000\r\n" in data
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Tokyo"
    assert b"Europe/London" not in data
    # no `end` in meeting.yaml: the invite ends with the last slot (default minutes: 100 in all)
    end = event.decoded("dtend")
    assert end - start == dt.timedelta(minutes=sum(s.minutes for s in prepare(month).agenda))


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        ("2026-10-25", 0),  # the morning after the clocks go back (01:00 UTC that day)
        ("2026-10-24", 1),  # the day before: still summer time
        ("2026-03-29", 1),  # the clocks went forward at 01:00 UTC
    ],
)
def test_the_wall_clock_holds_across_a_daylight_saving_change(tmp_path, run_cli, day, offset):
    period = day[:7]
    meeting = MEETING.replace("date: 2026-11-19", f"date: {day}")
    month = minimal(tmp_path, name=period, meeting=meeting)
    calendar, data = invite(run_cli, month, tmp_path / "out")
    start = event_of(calendar).decoded("dtstart")
    assert (start.date().isoformat(), start.hour, start.minute) == (day, 9, 0)
    assert start.utcoffset() == dt.timedelta(hours=offset)
    assert f"DTSTART;TZID=Europe/London:{day.replace('-', '')}T090000".encode() in data
    # the VTIMEZONE in the file says the same, read on its own
    own = calendar.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    wall = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), tzinfo=own)
    assert wall.utcoffset() == dt.timedelta(hours=offset)


def test_a_meeting_that_runs_past_midnight_ends_the_next_day(tmp_path, run_cli):
    month = minimal(tmp_path, meeting=MEETING.replace('start: "09:00"', 'start: "23:00"'))
    event = event_of(invite(run_cli, month, tmp_path / "out")[0])
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert end.date() == start.date() + dt.timedelta(days=1) and end > start


# --- the same meeting, the same UID ---------------------------------------------------------


def test_the_uid_is_stable_for_a_month_and_differs_between_months(tmp_path, run_cli):
    workspace = tmp_path / "northwind"
    shutil.copytree(SAMPLE, workspace)
    first = event_of(invite(run_cli, workspace / "2026-11", tmp_path / "a")[0])
    again = event_of(invite(run_cli, workspace / "2026-11", tmp_path / "b")[0])
    october = event_of(invite(run_cli, workspace / "2026-10", tmp_path / "c")[0])
    assert str(first["UID"]) == str(again["UID"])
    assert str(first["UID"]) != str(october["UID"])
    for uid in (first["UID"], october["UID"]):
        local, at, domain = str(uid).partition("@")
        assert at and "." in domain and len(local) == 36  # a UUID, then a domain-like name


# --- what it says ----------------------------------------------------------------------------


def test_the_description_lists_the_running_order_with_leads_and_purposes(tmp_path, run_cli):
    event = event_of(invite(run_cli, SAMPLE_MONTH, tmp_path / "out")[0])
    description = str(event["DESCRIPTION"])
    lines = description.splitlines()
    slots = prepare(SAMPLE_MONTH).agenda
    assert [s.title for s in slots][:2] == ["Customer", "Employees"]
    found = []
    for slot in slots:
        line = f"{slot.times} {slot.title}: led by {slot.lead}; for {slot.ask.lower()}"
        assert line in lines, (line, lines)
        found.append(lines.index(line))
    assert found == sorted(found)  # in running order, customer first
    assert "09:30–10:15 Customer: led by Priya Shah; for discussion" in lines
    assert "11:00–11:05 Sales: led by Daniel Whitaker; for noting" in lines
    assert lines[0].startswith("Leadership meeting — November 2026: Thursday 19 November 2026")


def test_a_slot_with_no_lead_says_so(tmp_path, run_cli):
    month = minimal(tmp_path)  # no leads: at all
    lines = str(event_of(invite(run_cli, month, tmp_path / "out")[0])["DESCRIPTION"]).splitlines()
    customer = next(line for line in lines if " Customer:" in line)
    assert customer.startswith("09:00–09:30 Customer: lead not named; for ")


def test_attendees_with_an_email_are_invited_and_no_one_else(tmp_path, run_cli):
    calendar, data = invite(run_cli, SAMPLE_MONTH, tmp_path / "out")
    event = event_of(calendar)
    invited = {str(a): str(a.params["CN"]) for a in event["ATTENDEE"]}
    assert invited == {
        "mailto:helen.marsden@northwind.example": "Helen Marsden",
        "mailto:priya.shah@northwind.example": "Priya Shah",
        "mailto:tom.okafor@northwind.example": "Tom Okafor",
        "mailto:gareth.lloyd@northwind.example": "Gareth Lloyd",
        "mailto:fiona.campbell@northwind.example": "Fiona Campbell",
        "mailto:daniel.whitaker@northwind.example": "Daniel Whitaker",
        "mailto:rachel.adeyemi@northwind.example": "Rachel Adeyemi",
    }
    assert b"Mark Bennett" not in data  # an attendee with no address is not invited
    # the chair, listed with an address, organises (RFC 5545: a meeting with attendees has one)
    assert str(event["ORGANIZER"]) == "mailto:helen.marsden@northwind.example"
    assert event["ORGANIZER"].params["CN"] == "Helen Marsden"


def test_no_attendee_has_an_address_so_none_is_invited(tmp_path, run_cli):
    month = minimal(tmp_path, "attendees: [Ann Lee, {name: Ben Ode, role: CFO}]\n")
    calendar, data = invite(run_cli, month, tmp_path / "out")
    event = event_of(calendar)
    assert "ATTENDEE" not in event and "ORGANIZER" not in event
    assert b"Ann Lee" not in data


def test_a_name_with_quotes_and_commas_survives_the_round_trip(tmp_path, run_cli):
    month = minimal(
        tmp_path,
        'attendees:\n  - {name: "Seán \\"Jo\\" O\'Neil, Jr", email: sean.oneil@acme.example}\n',
    )
    (attendee,) = [event_of(invite(run_cli, month, tmp_path / "out")[0])["ATTENDEE"]]
    assert attendee.params["CN"] == 'Seán "Jo" O\'Neil, Jr'
    assert str(attendee) == "mailto:sean.oneil@acme.example"


GUESTS = """\
title: Leadership meeting with Janet Pryce
location: Pennine Vale Housing offices, Leeds
attendees:
  - {name: Ann Lee, email: ann.lee@acme.example}
guests:
  - {name: Janet Pryce, organisation: Pennine Vale Housing, chatham_house: true}
  - {name: Tariq Hussain, organisation: Calder Homes, chatham_house: false}
leads: {customer: Ann Lee}
"""


def test_no_guest_is_ever_named_in_the_invite(tmp_path, run_cli):
    """A protected guest, named in the title and location, reads as the pipeline redacts it;
    a guest who may be named is not listed either: the invite goes beyond the room."""
    month = minimal(tmp_path, GUESTS)
    calendar, data = invite(run_cli, month, tmp_path / "out")
    text = unfolded(data)
    for word in ("Janet", "Pryce", "Pennine", "Vale Housing", "Tariq", "Hussain", "Calder"):
        assert word.encode() not in data and word not in text, word
    event = event_of(calendar)
    assert "a customer guest" in str(event["SUMMARY"])
    assert "a customer organisation" in str(event["LOCATION"]).lower()
    assert [str(a) for a in [event["ATTENDEE"]]] == ["mailto:ann.lee@acme.example"]


# --- bad input: located, non-zero, nothing written --------------------------------------------


@pytest.mark.parametrize(
    ("extra", "where", "said"),
    [
        ("timezone: Europe/Londn\n", ":6:11: error: timezone:", "did you mean 'Europe/London'?"),
        ("timezone: london\n", ":6:11: error: timezone:", "is not a time zone"),
        ("timezone: GMT+1\n", ":6:11: error: timezone:", "is not a time zone"),
        (
            "attendees:\n  - {name: Ann Lee, email: ann.lee.acme.example}\n",
            ":7:28: error: attendees[0].email:",
            "is not an e-mail address",
        ),
        (
            "attendees:\n  - {name: Ann Lee, email: Ann Lee <ann@acme.example>}\n",
            ":7:28: error: attendees[0].email:",
            "is not an e-mail address",
        ),
        (
            "attendees:\n  - name: Ann Lee\n    email: mailto:ann@acme.example\n",
            ":8:12: error: attendees[0].email:",
            "is not an e-mail address",
        ),
    ],
)
def test_a_bad_timezone_or_email_is_a_located_error(tmp_path, run_cli, extra, where, said):
    month = minimal(tmp_path, extra)
    out = tmp_path / "out"
    result = run_cli("invite", month, "--out", out)
    assert result.exit_code == 65, result.output
    assert f"meeting.yaml{where}" in result.stderr and said in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    # validate and build say the same: the keys are part of the data contract
    assert run_cli("validate", month).exit_code == 65


def test_an_address_that_names_a_protected_guest_is_refused(tmp_path, run_cli):
    month = minimal(
        tmp_path,
        "attendees:\n"
        "  - {name: Joanna Pryce, email: joanna.pryce@acme.example}\n"  # her own name: kept
        "  - {name: Ann Lee, email: janet.pryce@pvh.example}\n"
        "guests:\n  - {name: Janet Pryce, organisation: Pennine Vale Housing}\n",
    )
    out = tmp_path / "out"
    result = run_cli("invite", month, "--out", out)
    assert result.exit_code == 65
    assert "meeting.yaml:8:28: error: the e-mail address of 'Ann Lee' names a protected guest" in (
        result.stderr
    )
    assert "Joanna" not in result.stderr
    assert "janet.pryce@pvh.example" not in result.stderr
    assert not out.exists()


def test_an_attendee_who_shares_a_guests_surname_keeps_her_own_address(tmp_path, run_cli):
    month = minimal(
        tmp_path,
        "attendees:\n  - {name: Joanna Pryce, email: joanna.pryce@acme.example}\n"
        "guests:\n  - {name: Janet Pryce, organisation: Pennine Vale Housing}\n",
    )
    calendar, data = invite(run_cli, month, tmp_path / "out")
    attendee = event_of(calendar)["ATTENDEE"]
    assert str(attendee) == "mailto:joanna.pryce@acme.example"
    assert attendee.params["CN"] == "Joanna Pryce"
    assert b"Janet" not in data


@pytest.mark.parametrize(
    "address", ["info@pennine-vale-housing.example", "janet@acme.example", "jpryce@acme.example"]
)
def test_an_address_with_the_guests_organisation_or_name_is_refused(tmp_path, run_cli, address):
    month = minimal(
        tmp_path,
        f"attendees:\n  - {{name: Ann Lee, email: {address}}}\n"
        "guests:\n  - {name: Janet Pryce, organisation: Pennine Vale Housing}\n",
    )
    result = run_cli("invite", month, "--out", tmp_path / "out")
    assert result.exit_code == 65 and "names a protected guest" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path, run_cli):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    result = run_cli("invite", SAMPLE_MONTH, "--out", blocker)
    assert result.exit_code == 73 and "it is a file, not a folder" in result.stderr

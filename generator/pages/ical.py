"""A brief's agenda as an iCalendar file (RFC 5545) that calendar programs import.

Written by hand rather than through a library: the format needed is small
(all-day events only) and this keeps the site build free of another runtime
dependency; the tests read the output back with the ``icalendar`` package.

Every dated agenda item becomes an all-day ``VEVENT``; a range ends on the
day *after* its last day (``DTEND`` is exclusive). UIDs are built from the
brief and item ids, so a calendar that imports the file again updates the
same events, and ``DTSTAMP`` is the time the brief was last changed (or its
first day when it is not tracked), never the time of the build, so the same
brief gives the same bytes.
"""

from __future__ import annotations

import datetime as dt

from generator.model.brief import AgendaItem, Brief, plain
from generator.pages.wording import date_hedge, sentence_start, when_text

PRODID = "-//Event briefs//Brief generator//EN"
_STATUS = {"held": "CONFIRMED", "reported": "CONFIRMED", "scheduled": "TENTATIVE", "announced": "TENTATIVE"}


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a character."""
    pieces: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            pieces.append(current)
            current = char
            limit = 74  # continuation lines start with a space
        else:
            current += char
    pieces.append(current)
    return "\r\n ".join(pieces)


def _day(day: dt.date) -> str:
    return f"{day:%Y%m%d}"


def _event(brief: Brief, item: AgendaItem, stamp: str) -> list[str]:
    assert item.when is not None
    last = item.when.end or item.when.date
    hedge = date_hedge(item.when)
    details = [plain(item.summary), f"Date: {when_text(item.when)}."]
    if item.when.note:
        details.append(f"How the date was worked out: {item.when.note}")
    details.append(f"Status: {item.status}. From the brief \u201c{brief.title}\u201d.")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.id}.{brief.id}@event-briefs",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(item.when.date)}",
        f"DTEND;VALUE=DATE:{_day(last + dt.timedelta(days=1))}",
        f"SUMMARY:{escape_text((sentence_start(hedge) + ': ' if hedge else '') + item.title)}",
        f"DESCRIPTION:{escape_text(chr(10).join(details))}",
        f"STATUS:{_STATUS[item.status]}",
        "TRANSP:TRANSPARENT",
        f"CATEGORIES:{escape_text(item.kind)}",
    ]
    if item.place:
        lines.append(f"LOCATION:{escape_text(item.place)}")
    lines.append("END:VEVENT")
    return lines


def agenda_ics(brief: Brief, updated: dt.datetime | None = None) -> str:
    """The brief's dated agenda as iCalendar text (CRLF line ends, folded lines)."""
    moment = updated.astimezone(dt.UTC) if updated else dt.datetime.combine(brief.when.date, dt.time(), dt.UTC)
    stamp = f"{moment:%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(brief.title)}",
    ]
    for item in brief.agenda:
        if item.when is not None:
            lines.extend(_event(brief, item, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)

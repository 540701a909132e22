"""The agenda as iCalendar: read back with the real `icalendar` parser."""

from __future__ import annotations

import datetime as dt

import icalendar
from reader_data import brief, brief_data

from generator.model.brief import Brief
from generator.pages.ical import agenda_ics, escape_text, fold_line


def _events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_every_dated_agenda_item_is_an_all_day_event() -> None:
    paris = brief()
    events = _events(agenda_ics(paris))
    dated = [a for a in paris.agenda if a.when]
    assert len(events) == len(dated)
    for item in dated:
        event = events[f"{item.id}.{paris.id}@event-briefs"]
        assert item.when is not None
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date  # all-day, not datetimes
        assert start == item.when.date
        assert end == (item.when.end or item.when.date) + dt.timedelta(days=1)  # DTEND is exclusive
        assert item.title in str(event["SUMMARY"])


def test_ranges_and_text_survive_the_round_trip() -> None:
    events = _events(agenda_ics(brief()))
    london = events["london-talks.paris-talks-2025@event-briefs"]
    assert london.decoded("DTSTART") == dt.date(2025, 4, 21)
    assert london.decoded("DTEND") == dt.date(2025, 4, 22)  # known only as a bound: the first possible day
    assert str(london["SUMMARY"]).startswith("On or after: ")
    assert str(london["STATUS"]) == "TENTATIVE" and str(london["LOCATION"]) == "London"
    assert "How the date was worked out" in str(london["DESCRIPTION"])
    elysee = events["elysee-talks.paris-talks-2025@event-briefs"]
    assert str(elysee["LOCATION"]) == "Élysée Palace, Paris"


def test_stamp_is_derived_not_the_build_time() -> None:
    paris = brief()
    assert agenda_ics(paris) == agenda_ics(paris)
    stamp = _events(agenda_ics(paris))["elysee-talks.paris-talks-2025@event-briefs"].decoded("DTSTAMP")
    assert stamp == dt.datetime(2025, 4, 16, tzinfo=dt.UTC)
    updated = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    text = agenda_ics(paris, updated)
    assert "DTSTAMP:20260102T010405Z\r\n" in text


def test_lines_are_folded_and_special_characters_escaped() -> None:
    data = brief_data()
    data["agenda"][0]["title"] = "Commas, semicolons; back\\slashes and a very long title " + "é" * 80
    text = agenda_ics(Brief.model_validate(data))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    event = _events(text)[f"{data['agenda'][0]['id']}.{data['id']}@event-briefs"]
    assert str(event["SUMMARY"]).endswith("Commas, semicolons; back\\slashes and a very long title " + "é" * 80)
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert fold_line("x" * 80) == "x" * 75 + "\r\n " + "x" * 5

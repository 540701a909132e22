"""Wording shared by every page, the PDF and the calendar: dates, figures and counts, said one way.

Each helper has its home here so that a date or a count reads the same wherever it appears.
"""

from __future__ import annotations

import datetime as dt

from generator.model.brief import Count, When


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def date_hedge(when: When) -> str:
    """How sure a date is, in words: 'on or after' and 'by' for a bound, 'about' for an approximate date."""
    if when.bound is not None:
        return {"on-or-after": "on or after", "by": "by"}[when.bound]
    return "about" if when.approximate else ""


def when_text(when: When | None) -> str:
    """A date or range as a reader says it, marking inferred and approximate ones."""
    if when is None:
        return "date not given"
    if when.end and when.end != when.date:
        if when.date.year == when.end.year and when.date.month == when.end.month:
            text = f"{when.date.day}\u2013{when.end.day} {when.end:%b %Y}"
        else:
            text = f"{_day(when.date)} \u2013 {_day(when.end)}"
    else:
        text = _day(when.date)
    hedge = date_hedge(when)
    if hedge:
        text = f"{hedge} {text}"
    if when.basis == "inferred":
        text += " (inferred)"
    return text


MEASURE_WORDS = {
    "killed": "killed",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
    "evacuated": "evacuated",
    "arrested": "arrested",
    "affected": "affected",
    "damaged": "damaged or destroyed",
    "cost": "cost",
}
"""How pages name each measure of an impact report (generator.model.brief.MEASURES)."""


def figure_number(count: Count) -> str:
    """The number of a figure with thousands separated and its unit: '270,000', '50,000 buildings'."""
    number = f"{count.value:,}" if count.value is not None else ""
    return f"{number} {count.unit}" if count.unit else number


def count_text(count: Count | None) -> str:
    """A figure honestly: 'at least 35', 'about 20', 'not stated', or the source's words."""
    if count is None:
        return "not stated"
    if count.qualifier == "unspecified":
        return f"not counted (\u201c{count.as_stated}\u201d)"
    prefix = {"exact": "", "at-least": "at least ", "about": "about ", "at-most": "at most "}[count.qualifier]
    return f"{prefix}{figure_number(count)}"


def date_key(when: When | None) -> tuple[int, dt.date, dt.date]:
    """Sort key: dated entries by date, undated last."""
    if when is None:
        return (1, dt.date.max, dt.date.max)
    return (0, when.date, when.end or when.date)


def day_text(day: dt.date) -> str:
    """A single day as a reader says it: '30 Nov 2026'."""
    return f"{day.day} {day:%b %Y}"


def counted(number: int, one: str, many: str) -> str:
    """'1 entry', '3 entries': a count with the noun that agrees with it."""
    return f"{number} {one if number == 1 else many}"


def sentence_start(text: str) -> str:
    """Text as the start of a sentence: its first letter upper-case ('added 2 sources' -> 'Added 2 sources')."""
    return text[:1].upper() + text[1:]


def percent(share: float) -> str:
    """A share (0 to 1) as readers read it: '56 %'."""
    return f"{round(share * 100)} %"

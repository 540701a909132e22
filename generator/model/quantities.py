"""Numbers and dates as a reader reads them, in any usual form.

The support check compares what a sentence states with what its quotes state. It
must read "900,000" as one number (not 900 and 000), "1.26 crore" and "nine lakh"
as 12.6 million and 900,000, and "28th July", "July 28", "28.07.2025" and
"2025-07-28" as one day. This module turns text into such mentions, each with
its place in the text, so the rules can say which words lack support.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
NUMBER_WORDS: dict[str, float] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "half": 0.5,
    "dozen": 12,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "twice": 2,
    "thrice": 3,
}
"""Numbers written as words ('one' is left out: it is far more often a pronoun than a figure)."""
SCALES: dict[str, float] = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "dozen": 12,
}
"""Words that multiply the number before them, in English and in the Indian numbering system."""

_MONTH_NAME = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{g}>(?:19|20)\d\d)\b)?"
_DAY_MONTH = re.compile(
    r"\b(?P<d>[0-3]?\d)" + _ORDINAL + r"(?:\s+of)?\s+" + _MONTH_NAME.format(g="m") + r"(?![a-z])" + _YEAR.format(g="y")
)
_MONTH_DAY = re.compile(
    r"\b" + _MONTH_NAME.format(g="m") + r"\s+(?P<d>[0-3]?\d)" + _ORDINAL + r"\b(?!,\d)" + _YEAR.format(g="y")
)
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_NUMERIC_DATE = re.compile(r"\b(?P<a>[0-3]?\d)[./](?P<b>[0-3]?\d)[./](?P<y>(?:19|20)\d\d)\b")
_MONTH_ALONE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|january|february|march|april|june|july|august|september|october|november|"
    r"december)\b"
)
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b", re.IGNORECASE)
_YEAR_ALONE = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d|,\d)")
_RANGE_AFTER_MONTH = re.compile(
    r"\b"
    + _MONTH_NAME.format(g="m")
    + r"\s+(?P<a>[0-3]?\d)"
    + _ORDINAL
    + r"\s*(?:to|-|\u2013|\u2014|and|until|through|till)\s*(?P<b>[0-3]?\d)\b"
)
_RANGE_BEFORE_MONTH = re.compile(
    r"\b(?P<a>[0-3]?\d)" + _ORDINAL + r"\s*(?:to|-|\u2013|\u2014|and|until|till)\s*"
    r"(?P<b>[0-3]?\d)" + _ORDINAL + r"\s+" + _MONTH_NAME.format(g="m") + r"(?![a-z])"
)
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\u202f\d{3})+|\d+)(?P<f>\.\d+)?(?![\d,]\d)"
    r"(?:\s*(?P<s>hundred|thousand|million|mn|billion|bn|trillion|lakhs?|lac|crores?)\b)?",
    re.IGNORECASE,
)
_IDIOM = re.compile(
    r"(?:second|half)[\s-]+(?:hand|handed|guess|guessed|hearted|way)\b|second(?:ary|ly)?\b(?=\s+(?:to|time|thought))",
    re.IGNORECASE,
)
"""'at second hand', 'halfway': number words that count nothing."""
_WORD_NUMBER = re.compile(
    r"\b(?P<w>" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"(?:[\s-]+(?P<s>hundred|thousand|million|billion|lakhs?|crores?)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Day:
    """A day as a text gives it: month and day always, the year when the text gives one."""

    month: int
    day: int
    year: int | None = None

    def weekday(self) -> int | None:
        if self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day).weekday()
        except ValueError:
            return None


@dataclass(frozen=True)
class Mention:
    """A number or a date in a text, where it stands, and what it means."""

    start: int
    end: int
    text: str
    kind: str
    """'number', 'year', 'day' (a day of a month, possibly of a year), 'month' or 'weekday'."""
    value: float | None = None
    days: tuple[Day, ...] = ()
    """For a 'day': every day the text can mean (a numeric date like 04/08/2025 can be read two ways)."""
    month: int | None = None
    weekday: int | None = None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBREVIATIONS[name]


def _day(month: int, day: int, year: int | None) -> Day | None:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February without a year is a day
    except ValueError:
        return None
    return Day(month, day, year)


def _taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


@lru_cache(maxsize=1 << 15)
def mentions(text: str) -> tuple[Mention, ...]:
    """Every date and number in a text, longest readings first: '28 July 2025' is one day, not 28 and 2025."""
    found: list[Mention] = []
    spans: list[tuple[int, int]] = []

    def add(mention: Mention) -> None:
        found.append(mention)
        spans.append((mention.start, mention.end))

    for pattern in (_ISO_DATE, _NUMERIC_DATE):
        for m in pattern.finditer(text):
            year = int(m.group("y"))
            if pattern is _ISO_DATE:
                readings = [_day(int(m.group("m")), int(m.group("d")), year)]
            else:
                a, b = int(m.group("a")), int(m.group("b"))
                readings = [_day(b, a, year), _day(a, b, year)]  # day.month first, as most of the world writes it
            days = tuple(dict.fromkeys(d for d in readings if d is not None))
            if days:
                add(Mention(m.start(), m.end(), m.group(), "day", days=days))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            if _taken(spans, m.start(), m.end()):
                continue
            name = m.group("m")
            if name.lower() == "may" and name[0] != "M":
                continue
            stated_year = int(m.group("y")) if m.group("y") else None
            day = _day(_month(name), int(m.group("d")), stated_year)
            if day is not None:
                add(Mention(m.start(), m.end(), m.group(), "day", days=(day,)))
    for m in _MONTH_ALONE.finditer(text):
        if not _taken(spans, m.start(), m.end()) and m.group() != "may":
            add(Mention(m.start(), m.end(), m.group(), "month", month=_month(m.group())))
    for m in _WEEKDAY.finditer(text):
        if not _taken(spans, m.start(), m.end()):
            add(
                Mention(m.start(), m.end(), m.group(), "weekday", weekday=WEEKDAYS.index(m.group().lower().rstrip("s")))
            )
    for m in _YEAR_ALONE.finditer(text):
        if not _taken(spans, m.start(), m.end()):
            add(Mention(m.start(), m.end(), m.group(), "year", value=float(m.group())))
    for m in _NUMBER.finditer(text):
        if _taken(spans, m.start(), m.end()):
            continue
        value = float(re.sub(r"[,\u202f]", "", m.group("n")) + (m.group("f") or ""))
        if m.group("s"):
            value *= SCALES[m.group("s").lower()]
        add(Mention(m.start(), m.end(), m.group(), "number", value=_whole(value)))
    for m in _WORD_NUMBER.finditer(text):
        if _taken(spans, m.start(), m.end()) or _IDIOM.match(text, m.start()):
            continue
        value = NUMBER_WORDS[m.group("w").lower()]
        if m.group("s"):
            value *= SCALES[m.group("s").lower()]
        add(Mention(m.start(), m.end(), m.group(), "number", value=_whole(value)))
    return tuple(sorted(found, key=lambda x: x.start))


def _whole(value: float) -> float:
    """A value rounded so that 1.26 crore and 12.6 million compare equal."""
    return round(value, 6)


@dataclass(frozen=True)
class Stated:
    """Every number and date a set of texts states: what a sentence's figures and dates are checked against."""

    numbers: frozenset[float]
    days: frozenset[tuple[int, int]]
    """(month, day) of every day stated."""
    full_days: frozenset[Day]
    months: frozenset[int]
    years: frozenset[int]
    weekdays: frozenset[int]

    @staticmethod
    def of(texts: tuple[str, ...]) -> Stated:
        numbers: set[float] = set()
        days: set[Day] = set()
        months: set[int] = set()
        years: set[int] = set()
        weekdays: set[int] = set()
        for text in texts:
            for m in mentions(text):
                if m.kind == "number" and m.value is not None:
                    numbers.add(m.value)
                elif m.kind == "year" and m.value is not None:
                    years.add(int(m.value))
                    numbers.add(m.value)
                elif m.kind == "month" and m.month:
                    months.add(m.month)
                elif m.kind == "weekday" and m.weekday is not None:
                    weekdays.add(m.weekday)
                for day in m.days:
                    days.add(day)
                    months.add(day.month)
                    numbers.add(float(day.day))
                    if day.year:
                        years.add(day.year)
            for pattern in (_RANGE_AFTER_MONTH, _RANGE_BEFORE_MONTH):  # '16 to 18 April' states both ends
                for match in pattern.finditer(text):
                    for end in ("a", "b"):
                        ranged = _day(_month(match.group("m")), int(match.group(end)), None)
                        if ranged is not None:
                            days.add(ranged)
                            months.add(ranged.month)
        for day in days:
            weekday = day.weekday()
            if weekday is not None:
                weekdays.add(weekday)
        return Stated(
            frozenset(numbers),
            frozenset((d.month, d.day) for d in days),
            frozenset(days),
            frozenset(months),
            frozenset(years),
            frozenset(weekdays),
        )


EMPTY = Stated(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())

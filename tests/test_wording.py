"""Wording: dates, figures and counts said one way everywhere."""

from __future__ import annotations

import pytest

from generator.model.brief import Count, When
from generator.pages.wording import count_text, counted, date_key, when_text


def when(**values: object) -> When:
    return When.model_validate(values)


@pytest.mark.parametrize(
    ("values", "text"),
    [
        ({"date": "2025-04-17", "basis": "stated"}, "Thu 17 Apr 2025"),
        ({"date": "2025-04-13", "basis": "inferred", "note": "'on Sunday'"}, "Sun 13 Apr 2025 (inferred)"),
        ({"date": "2025-04-13", "basis": "stated", "approximate": True}, "about Sun 13 Apr 2025"),
        ({"date": "2025-04-16", "end": "2025-04-18", "basis": "stated"}, "16\u201318 Apr 2025"),
        ({"date": "2025-04-30", "end": "2025-05-02", "basis": "stated"}, "Wed 30 Apr 2025 \u2013 Fri 2 May 2025"),
        ({"date": "2024-12-30", "end": "2025-01-02", "basis": "stated"}, "Mon 30 Dec 2024 \u2013 Thu 2 Jan 2025"),
        ({"date": "2025-04-17", "end": "2025-04-17", "basis": "stated"}, "Thu 17 Apr 2025"),
        (
            {"date": "2025-04-17", "end": "2025-04-20", "basis": "inferred", "approximate": True, "note": "n"},
            "about 17\u201320 Apr 2025 (inferred)",
        ),
        (
            {"date": "2025-04-17", "basis": "inferred", "bound": "on-or-after", "note": "n"},
            "on or after Thu 17 Apr 2025 (inferred)",
        ),
        ({"date": "2025-04-17", "basis": "stated", "bound": "by", "approximate": True}, "by Thu 17 Apr 2025"),
    ],
)
def test_when_text(values: dict[str, object], text: str) -> None:
    assert when_text(when(**values)) == text


def test_when_text_without_a_date() -> None:
    assert when_text(None) == "date not given"


def test_undated_entries_sort_last() -> None:
    dated = [when(date="2025-04-18", basis="stated"), None, when(date="2025-04-11", basis="stated")]
    ordered = sorted(dated, key=date_key)
    assert [w.date.day if w else None for w in ordered] == [11, 18, None]


@pytest.mark.parametrize(
    ("values", "text"),
    [
        ({"value": 35, "qualifier": "at-least", "as_stated": "at least 35"}, "at least 35"),
        ({"value": 117, "qualifier": "exact", "as_stated": "117"}, "117"),
        ({"value": 20, "qualifier": "about", "as_stated": "some 20"}, "about 20"),
        ({"qualifier": "unspecified", "as_stated": "dozens"}, "not counted (\u201cdozens\u201d)"),
    ],
)
def test_count_text_keeps_the_qualifier(values: dict[str, object], text: str) -> None:
    assert count_text(Count.model_validate(values)) == text


def test_count_text_not_stated() -> None:
    assert count_text(None) == "not stated"


@pytest.mark.parametrize(("number", "text"), [(0, "0 entries"), (1, "1 entry"), (2, "2 entries")])
def test_counted_agrees_in_number(number: int, text: str) -> None:
    assert counted(number, "entry", "entries") == text


def test_a_bound_has_no_end() -> None:
    with pytest.raises(ValueError, match="bound-with-end|known only as a bound has no 'end'"):
        when(date="2025-04-17", end="2025-04-18", basis="stated", bound="by")

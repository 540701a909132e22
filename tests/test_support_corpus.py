"""The support check measured on its labelled corpus: false alarms and misses no worse than recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.review.support_corpus import MISS_KINDS, load_corpus, measure, report

CORPUS = Path(__file__).resolve().parent / "support_corpus"
RECORDED = json.loads((CORPUS / "recorded.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rates():  # type: ignore[no-untyped-def]
    return measure(load_corpus(CORPUS))


def test_the_corpus_is_large_and_a_third_false(rates) -> None:  # type: ignore[no-untyped-def]
    total = rates.true_total + rates.false_total
    assert total >= 300
    assert rates.false_total >= total / 3


def test_no_more_false_alarms_than_recorded_and_at_most_one_in_a_hundred(rates) -> None:  # type: ignore[no-untyped-def]
    assert len(rates.false_alarms) <= RECORDED["false_alarms"], report(rates)
    assert rates.false_alarm_rate <= 0.01, report(rates)


def test_no_changed_figure_date_name_or_place_is_missed(rates) -> None:  # type: ignore[no-untyped-def]
    assert rates.misses_of(MISS_KINDS) == [], report(rates)
    assert len(rates.misses) <= RECORDED["misses"], report(rates)


def test_every_example_of_the_issues_is_in_the_corpus() -> None:
    origins = {s.origin for s, _, _ in load_corpus(CORPUS).sentences}
    for needed in (
        "issue 24: thousands separator",
        "issue 24: lakh",
        "issue 24: crore",
        "issue 24: inferred note, date changed",
        "issue 24: inferred note, figure changed",
        "issue 24: inferred unit conversion",
        "issue 24: label number",
        "issue 24: sides sharing a word",
        "issue 24: invented speaker",
        "issue 24: the outlet's claim given to officials",
        "issue 24: outlet mid-sentence",
        "issue 24: title beside a name",
        "issue 24: the country's",
        "issue 24: the brief's own sources counted",
        "issue 24: file number as source reference",
        "issue 19: the source's own outlet",
        "issue 19: 28th July",
        "issue 19: Aug 4",
        "issue 19: 28.07.2025",
        "issue 19: weekday that matches",
        "issue 19: the two leaders",
    ):
        assert needed in origins, needed


def test_the_report_names_each_rule_and_each_mistake(rates) -> None:  # type: ignore[no-untyped-def]
    text = report(rates)
    assert "false alarms:" in text and "misses:" in text
    for rule in rates.false_by_rule:
        assert rule in text

"""A brief a reader gets in two minutes: key points first, a summary in paragraphs under its limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from brief_variants import BASE, FILE, FIXTURES, errors_of, variant
from render_text import pages_of_text

from generator.model.archive import Archive
from generator.model.brevity import KEY_POINTS_MAX, KEY_POINTS_WORDS, QUOTE_REUSE_MAX, SUMMARY_WORDS, brevity_warnings
from generator.model.load import load_bytes
from generator.model.validate import validate_document

CITE = '    cite: [{source: report, quote: "Talks were held in Geneva on Monday, March 3, 2025, between the two delegations"}]\n'


@pytest.fixture(scope="module")
def archive() -> Archive:
    return Archive(FIXTURES / "sources")


def _key_points(*sentences: str) -> str:
    points = "".join(f"  - says: {s}\n{CITE}" for s in sentences)
    return variant("title: Geneva talks\n", f"title: Geneva talks\nkey_points:\n{points}")


def test_key_points_come_first_on_the_overview_and_the_summary_keeps_its_paragraphs(tmp_path: Path) -> None:
    text = _key_points("Talks were held in Geneva on 3 March 2025.")
    text = variant(
        "  - says: A shelling attack hit the town of Exampleville.\n",
        "  - says: A shelling attack hit the town of Exampleville.\n    new_paragraph: true\n",
        text,
    )
    overview = pages_of_text(tmp_path, text)["geneva-talks/index.md"]
    key_points = overview.index("## Key points { #key-points }")
    summary = overview.index("## Summary { #summary }")
    assert key_points < overview.index("- Talks were held in Geneva on 3 March 2025") < summary
    body = overview[summary : overview.index("## Timeline")]
    first, second = (p for p in body.split("\n\n")[1:3])
    assert first.startswith("Two delegations held talks in Geneva") and "Exampleville" not in first
    assert second.startswith("A shelling attack hit the town of Exampleville")


def test_a_brief_without_key_points_has_no_key_points_section_and_is_warned(tmp_path: Path, archive: Archive) -> None:
    overview = pages_of_text(tmp_path, BASE)["geneva-talks/index.md"]
    assert "Key points" not in overview and "{ #summary }" not in overview
    brief = validate_document(load_bytes(BASE.encode(), FILE), archive)
    warnings = brevity_warnings(brief, load_bytes(BASE.encode(), FILE))
    assert [w.code for w in warnings] == ["no-key-points"]


def test_more_than_five_key_points_are_refused(archive: Archive) -> None:
    text = _key_points(*["Talks were held in Geneva."] * (KEY_POINTS_MAX + 1))
    [error] = errors_of(text, archive)
    assert error.code == "key-points-too-many"
    assert f"{KEY_POINTS_MAX + 1} key points, at most {KEY_POINTS_MAX}" in error.message


def test_key_points_longer_than_the_limit_are_refused(archive: Archive) -> None:
    long = "Talks were held in Geneva " + "and in Geneva " * 25 + "."
    text = _key_points(long, long)
    [error] = errors_of(text, archive)
    assert error.code == "key-points-too-long"
    assert f"at most {KEY_POINTS_WORDS}" in error.message and error.line == 6


def test_a_summary_over_the_limit_is_refused_with_its_word_count(archive: Archive) -> None:
    long = "Two delegations held talks in Geneva " + "in Geneva " * SUMMARY_WORDS
    text = variant(
        "  - says: Two delegations held talks in Geneva on 3 March 2025.\n", f"  - says: {long}on 3 March 2025.\n"
    )
    [error] = errors_of(text, archive)
    assert error.code == "summary-too-long"
    words = (
        len(long.split())
        + len(["on", "3", "March", "2025."])
        + len(["A", "shelling", "attack", "hit", "the", "town", "of", "Exampleville."])
    )
    assert f"summary: {words} words, at most {SUMMARY_WORDS}" in error.message


def test_a_paragraph_break_outside_the_summary_is_refused(archive: Archive) -> None:
    text = variant(
        "      - says: The two delegations held talks.\n",
        "      - says: The two delegations held talks.\n        new_paragraph: true\n",
    )
    [error] = errors_of(text, archive)
    assert error.code == "paragraph-outside-summary"
    assert "agenda[0].summary[0].new_paragraph: only the summary has paragraphs" in error.message


def test_a_quote_cited_by_more_than_a_few_sentences_is_a_warning(archive: Archive) -> None:
    text = _key_points(*["Talks were held in Geneva."] * QUOTE_REUSE_MAX)
    document = load_bytes(text.encode(), FILE)
    brief = validate_document(document, archive)
    [warning] = [w for w in brevity_warnings(brief, document) if w.code == "quote-reused"]
    assert f"is cited by {QUOTE_REUSE_MAX + 2} sentences" in warning.message  # the key points, the summary, the agenda
    assert "first at line 6" in warning.message

"""The archive: tolerant quote matching (whitespace and quote marks only), spans, paragraphs, anchors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.model.archive import Archive, SourceText, normalize_quote, quote_anchor

TEXT = (
    "Talks were held in Geneva on Monday.\n"
    "\n"
    "The minister said \u201cprogress was real   but slow\u201d and left.\n"
    "   Officials\u2019 figures: at least 4 killed.\n"
    "The minister said it again.\n"
)


@pytest.fixture(scope="module")
def source() -> SourceText:
    return SourceText(TEXT)


@pytest.mark.parametrize(
    "quote",
    [
        "said \u201cprogress was real   but slow\u201d",  # exactly as the source has it
        'said "progress was real but slow"',  # straight quotes, single spaces
        "said \u201cprogress was\nreal but slow\u201d",  # a line break inside
        "  said 'progress was real but slow'  ".replace("'", '"'),  # surrounding spaces
        "Officials' figures",  # straight apostrophe for a curly one
        "left. Officials\u2019 figures",  # across a paragraph break
    ],
)
def test_tolerated_differences_still_match(source: SourceText, quote: str) -> None:
    assert source.find(quote), quote


@pytest.mark.parametrize(
    "quote",
    [
        'said "progress was real and slow"',  # a changed word
        'said "progress is real but slow"',
        "said progress was real but slow",  # quote marks dropped
        "Talks were held in Geneva on Tuesday",
        "talks were held in Geneva",  # case differs
        "Talks were held in Geneva, on Monday",  # punctuation added
        "Officials figures",  # apostrophe dropped
    ],
)
def test_any_other_difference_fails(source: SourceText, quote: str) -> None:
    assert source.find(quote) == []


def test_spans_map_back_to_the_original_text(source: SourceText) -> None:
    [span] = source.find('said "progress was real but slow"')
    assert TEXT[span.start : span.end] == "said \u201cprogress was real   but slow\u201d"
    [span] = source.find("  left.\n\n   Officials' ")
    assert TEXT[span.start : span.end] == "left.\n   Officials\u2019"


def test_every_occurrence_is_found_in_order(source: SourceText) -> None:
    spans = source.find("The minister said")
    assert [TEXT[s.start : s.end] for s in spans] == ["The minister said"] * 2
    assert spans[0].start < spans[1].start
    assert [source.paragraph_at(s.start).number for s in spans] == [2, 4]


def test_paragraphs_are_non_blank_lines(source: SourceText) -> None:
    numbers = [p.number for p in source.paragraphs]
    assert numbers == [1, 2, 3, 4]
    texts = [TEXT[p.start : p.end] for p in source.paragraphs]
    assert texts[0] == "Talks were held in Geneva on Monday."
    assert texts[2] == "   Officials\u2019 figures: at least 4 killed."
    assert [p.anchor for p in source.paragraphs] == ["p1", "p2", "p3", "p4"]


def test_paragraph_at_an_offset(source: SourceText) -> None:
    assert source.paragraph_at(TEXT.index("Geneva")).number == 1
    assert source.paragraph_at(TEXT.index("progress")).number == 2
    assert source.paragraph_at(TEXT.index("killed")).number == 3


def test_whitespace_only_quote_matches_nothing(source: SourceText) -> None:
    assert source.find("   \n ") == []


def test_normalize_quote() -> None:
    assert normalize_quote("  \u201ca\u201d\t\u2018b\u2019\n c  ") == "\"a\" 'b' c"


def test_quote_anchor_is_stable_and_tolerant() -> None:
    anchor = quote_anchor("report", 'said "progress was real but slow"')
    assert anchor.startswith("q-") and len(anchor) == 12
    assert anchor == quote_anchor("report", "said \u201cprogress was\n real  but slow\u201d")
    # Known value: the anchor must not change between runs or releases (links to it are shared).
    assert anchor == "q-" + hashlib.sha1(b'report\0said "progress was real but slow"').hexdigest()[:10]


def test_quote_anchor_depends_on_source_and_words() -> None:
    base = quote_anchor("report", "killed five people")
    assert quote_anchor("blog", "killed five people") != base
    assert quote_anchor("report", "killed six people") != base


def test_archive_reads_files_and_refuses_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha text.\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / "outside.txt").write_text("secret\n", encoding="utf-8")
    archive = Archive(folder)
    text = archive.get("a.txt")
    assert text is not None and text.text == "Alpha text.\n"
    assert archive.get("a.txt") is text, "each file is read once"
    assert archive.get("missing.txt") is None
    assert archive.get("latin1.txt") is None
    assert archive.get("../outside.txt") is None
    assert archive.available() == ["a.txt", "latin1.txt"]

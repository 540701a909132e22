"""Coverage: what each source says that the brief does not use, shown to editors, reviewers and readers."""

from __future__ import annotations

from pathlib import Path

import pytest
from brief_variants import BASE, FIXTURES, errors_of, variant
from conftest import MINIMAL_FILE, make_project, run_brief
from render_text import pages_of_text, render_files

from generator.model.archive import Archive, SourceText
from generator.pages.coverage import brief_coverage, coverage_report, source_coverage, split_sentences

TEXT = SourceText(
    "The U.S. delegation met Dr. Sharma in Geneva on Monday. Talks ran late, and no deal was reached.\n"
    "Menu | Home\n"
    "The atmosphere was tense. Experts remain divided.\n"
    "The atmosphere was tense.\n"
)


def test_sentences_are_cut_at_full_stops_that_end_sentences_not_at_abbreviations() -> None:
    found = [TEXT.text[s:e] for s, e, _ in split_sentences(TEXT)]
    assert found == [
        "The U.S. delegation met Dr. Sharma in Geneva on Monday.",
        "Talks ran late, and no deal was reached.",
        "Menu | Home",
        "The atmosphere was tense.",
        "Experts remain divided.",
        "The atmosphere was tense.",
    ]
    assert [n for _, _, n in split_sentences(TEXT)] == [1, 1, 2, 3, 3, 4]


def test_each_sentence_is_used_partly_used_left_out_or_unused_and_a_repeat_counts_once() -> None:
    coverage = source_coverage(
        "s",
        TEXT,
        ["The U.S. delegation met Dr. Sharma in Geneva on Monday", "Talks ran late"],
        [("Menu | Home", "off-topic")],
    )
    states = {s.text: s.state for s in coverage.sentences}
    assert states == {
        "The U.S. delegation met Dr. Sharma in Geneva on Monday.": "used",
        "Talks ran late, and no deal was reached.": "partly",
        "Menu | Home": "left-out",
        "The atmosphere was tense.": "unused",
        "Experts remain divided.": "unused",
    }
    assert coverage.total == 5 and coverage.share == pytest.approx(2 / 5)
    partly = next(s for s in coverage.sentences if s.state == "partly")
    assert partly.unquoted == ", and no deal was reached."
    repeated = next(s for s in coverage.sentences if s.text == "The atmosphere was tense.")
    assert repeated.repeats == 2
    assert len(coverage.spans("unused")) == 3  # both occurrences of the repeat are marked in the text


def test_the_report_lists_unused_and_partly_used_sentences_by_paragraph() -> None:
    [inputs], _ = render_files([MINIMAL_FILE])
    report = coverage_report(inputs.brief, brief_coverage(inputs.brief, inputs.texts))
    assert (
        "  report (the news report): 3 of 3 sentences used (100 %); 0 partly, 0 left out on purpose, 0 unused" in report
    )
    assert "  blog (the blog post): 1 of 2 sentences used (50 %); 1 partly, 0 left out on purpose, 1 unused" in report
    assert "    unused \u00b61: Jane Doe led the delegation to Geneva." in report
    assert "    partly \u00b62: not quoted: Officials said the shelling of Exampleville" in report


def test_brief_coverage_prints_each_source_and_its_unused_sentences(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", briefs={"geneva.yaml": BASE}, sources=FIXTURES / "sources")
    result = run_brief(project.root, "coverage")
    assert result.returncode == 0, result.stderr
    assert "geneva-talks: Geneva talks" in result.stdout
    assert "unused \u00b61: Jane Doe led the delegation to Geneva." in result.stdout
    summary = run_brief(project.root, "coverage", "--summary")
    assert (
        "blog (the blog post): 1 of 2 sentences used (50 %)" in summary.stdout and "unused \u00b6" not in summary.stdout
    )


def test_the_sources_page_shows_coverage_and_quiets_unused_sentences(tmp_path: Path) -> None:
    text = variant(
        "    label: Blog post\n",
        "    label: Blog post\n    left_out:\n      - {quote: Jane Doe led the delegation, reason: background}\n",
    )
    sources = pages_of_text(tmp_path, text)["geneva-talks/sources.md"]
    assert "| 50 % (1 of 2) |" in sources
    assert (
        "- **Used by the brief:** 1 of 2 sentences (50 %), 1 of them in part; 0 not used; 1 left out on purpose "
        "(background)" in sources
    )
    assert (
        '<span class="unused left-out" title="Left out on purpose: background">Jane Doe led the delegation to Geneva.'
        "</span>"
    ) in sources
    pages = pages_of_text(tmp_path / "plain", BASE)
    assert (
        '<span class="unused" title="Not used by the brief">Jane Doe led the delegation to Geneva.</span>'
        in pages["geneva-talks/sources.md"]
    )


def test_words_left_out_must_occur_in_their_source() -> None:
    text = variant(
        "    label: Blog post\n",
        "    label: Blog post\n    left_out:\n      - {quote: Jane Doe led the talks, reason: background}\n",
    )
    [error] = errors_of(text, Archive(FIXTURES / "sources"))
    assert (
        error.code == "misquote"
        and "sources[1].left_out[0].quote: this quote does not occur in source 'blog'" in error.message
    )

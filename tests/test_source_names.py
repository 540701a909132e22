"""Sources named as readers know them: '{src-id}' in running text becomes 'the news report in ...', linked."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from brief_variants import FIXTURES, errors_of, variant
from render_text import pages_of_text

from generator.model.archive import Archive
from generator.model.load import load_bytes
from generator.model.source_names import base_name, resolve, source_names
from generator.model.validate import validate_document
from generator.pages.structured_data import brief_json


def _source(
    id: str,
    kind: str,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    day: dt.date | None = None,
) -> SimpleNamespace:
    published = SimpleNamespace(date=day) if day else None
    return SimpleNamespace(id=id, kind=kind, outlet=outlet, url=url, author=author, published=published)


@pytest.mark.parametrize(
    ("source", "name"),
    [
        (_source("a", "news-report", outlet="The Irrawaddy"), "the news report in The Irrawaddy"),
        (_source("a", "blog-post", outlet="Ukraine Today"), "the blog post on Ukraine Today"),
        (_source("a", "official-statement", outlet="UNICEF"), "the statement from UNICEF"),
        (_source("a", "forum-post", url="https://www.example.org/thread/1"), "the forum post on example.org"),
        (_source("a", "forum-post", author="JeremyVickers"), "the forum post by JeremyVickers"),
        (_source("a", "preview"), "the preview"),
    ],
)
def test_a_source_is_named_by_its_kind_then_outlet_site_or_author(source: SimpleNamespace, name: str) -> None:
    assert base_name(source) == name


def test_names_two_sources_share_are_told_apart_by_date_then_by_order() -> None:
    dated = [
        _source("a", "news-report", outlet="Bernama", day=dt.date(2025, 7, 28)),
        _source("b", "news-report", outlet="Bernama", day=dt.date(2025, 7, 29)),
    ]
    assert source_names(dated) == {
        "a": "the news report in Bernama of 28 Jul 2025",
        "b": "the news report in Bernama of 29 Jul 2025",
    }
    undated = [_source("a", "preview"), _source("b", "preview"), _source("c", "news-report")]
    assert source_names(undated) == {"a": "the first preview", "b": "the second preview", "c": "the news report"}


def test_a_name_starting_a_sentence_is_capitalised_and_its_place_kept() -> None:
    names = {"src-1": "the preview", "src-2": "the news report in The Star"}
    text, mentions = resolve("{src-1} says so. Later, {src-2} agrees: {src-1} was early.", names)
    assert text == "The preview says so. Later, the news report in The Star agrees: the preview was early."
    assert [text[m.start : m.end] for m in mentions] == ["The preview", "the news report in The Star", "the preview"]
    assert [m.source for m in mentions] == ["src-1", "src-2", "src-1"]


@pytest.fixture
def numbered(tmp_path: Path) -> Archive:
    """The fixture archive with the wire report filed under a number, as real archives are (002_...)."""
    folder = tmp_path / "sources"
    shutil.copytree(FIXTURES / "sources", folder)
    (folder / "report.txt").rename(folder / "002_report.txt")
    return Archive(folder)


NUMBERED = variant("    file: report.txt\n", "    file: 002_report.txt\n")


def _saying(sentence: str) -> str:
    """The numbered fixture brief with the discrepancy's first sentence replaced."""
    return variant("  - says: One source says at least four were killed.\n", f"  - says: {sentence}\n", NUMBERED)


@pytest.mark.parametrize(
    ("sentence", "code", "message"),
    [
        # a source called by its number: the check says what to write, and what readers then see
        (
            "According to 002, at least four were killed.",
            "source-by-number",
            "'002' calls a source by its number, which readers cannot place; write {report} and readers see 'the news report'",
        ),
        (
            '"{reprt} says at least four were killed."',
            "unknown-source-named",
            "{reprt} names no source; did you mean {report}?",
        ),
        (
            '"{blog} says at least four were killed."',
            "named-source-not-cited",
            "names {blog} (the blog post) but cites nothing from it",
        ),
    ],
)
def test_a_source_named_wrongly_in_running_text_is_refused(
    numbered: Archive, sentence: str, code: str, message: str
) -> None:
    [error] = errors_of(_saying(sentence), numbered)
    assert error.code == code and message in error.message


def test_the_page_links_the_name_to_the_source_card_and_the_json_keeps_the_id(
    numbered: Archive, tmp_path: Path
) -> None:
    text = _saying('"{report} says at least four were killed."')
    brief = validate_document(load_bytes(text.encode(), "briefs/minimal.yaml"), numbered)
    claim = brief.discrepancies[0].explanation[0]
    assert claim.says == "The news report says at least four were killed."
    page = pages_of_text(tmp_path / "site", text, numbered.folder)["geneva-talks/disagreements.md"]
    assert '[The news report](sources.md#report "Wire report"){ .source-name } says at least four' in page
    assert "{report}" not in page and "002" not in page
    assert [(m.source, claim.says[m.start : m.end]) for m in claim.mentions] == [("report", "The news report")]
    data = json.loads(brief_json(brief))  # the JSON keeps the brief as written, and reads back into the same brief
    assert data["discrepancies"][0]["explanation"][0]["says"] == "{report} says at least four were killed."
    assert type(brief).model_validate(data) == brief


def test_a_place_that_names_its_source_shows_the_name_and_the_json_keeps_the_id(
    numbered: Archive, tmp_path: Path
) -> None:
    text = variant("    place: Geneva\n", "    place: Geneva ({report})\n", NUMBERED)
    brief = validate_document(load_bytes(text.encode(), "briefs/minimal.yaml"), numbered)
    assert brief.agenda[0].place == "Geneva (the news report)"
    page = pages_of_text(tmp_path / "site", text, numbered.folder)["geneva-talks/index.md"]
    assert "Geneva (the news report)" in page and "{report}" not in page
    data = json.loads(brief_json(brief))
    assert data["agenda"][0]["place"] == "Geneva ({report})"
    assert type(brief).model_validate(data) == brief

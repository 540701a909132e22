"""Rendering: date and figure wording, citation numbering and links, grouping, quote fragments."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import FIXTURES, MINIMAL, MINIMAL_FILE, REPO
from render_text import pages_of_text, render_files

from generator.model.archive import SourceText, quote_anchor
from generator.model.brief import all_citations
from generator.pages.brief_pages import paragraph_fragments, participants_by_side
from generator.pages.page import BriefInput

CITE_MARKER = re.compile(r"\[\\\[(\d+)\\\]\]\((sources\.md#(q-[0-9a-f]{10}))")
CITATION_LIST = re.compile(r"^(\d+)\\\. \[[^\]]*\]\(sources\.md#(q-[0-9a-f]{10})\)", re.MULTILINE)


_render = render_files


@pytest.fixture(scope="module")
def minimal() -> tuple[list[BriefInput], dict[str, str]]:
    return _render([MINIMAL_FILE])


@pytest.fixture(scope="module")
def paris() -> tuple[list[BriefInput], dict[str, str]]:
    return _render([REPO / "briefs" / "paris-talks-2025.yaml"])


def test_impact_table_keeps_at_least(minimal: tuple[list[BriefInput], dict[str, str]]) -> None:
    _, pages = minimal
    overview = pages["geneva-talks/index.md"]
    assert "| Wire report | at least 4 | 12 | people |" in overview
    assert "| Blog post | 5 | not stated | not stated |" in overview


def _markers(content: str) -> list[tuple[int, str]]:
    body = content.split("## Citations { #citations }")[0]
    return [(int(number), anchor) for number, _, anchor in CITE_MARKER.findall(body)]


@pytest.mark.parametrize("page", ["index.md", "people.md"])
def test_citations_are_numbered_in_reading_order(
    minimal: tuple[list[BriefInput], dict[str, str]], paris: tuple[list[BriefInput], dict[str, str]], page: str
) -> None:
    for (item, *_), pages in (minimal, paris):
        content = pages[f"{item.brief.id}/{page}"]
        markers = _markers(content)
        assert markers, "the page has citations"
        first_seen: list[int] = []
        numbers: dict[str, int] = {}
        for number, anchor in markers:
            assert numbers.setdefault(anchor, number) == number, "one number per quoted passage"
            if number not in first_seen:
                first_seen.append(number)
        assert first_seen == list(range(1, len(first_seen) + 1)), "new numbers appear in order 1, 2, 3, ..."
        listed = {int(n): a for n, a in CITATION_LIST.findall(content)}
        assert listed == {n: a for a, n in numbers.items()}, "the citations list matches the markers"


def test_minimal_brief_citation_numbers(minimal: tuple[list[BriefInput], dict[str, str]]) -> None:
    (item,), pages = minimal
    markers = _markers(pages["geneva-talks/index.md"])
    brief = item.brief
    # Summary first (a number after each sentence), then the agenda item, then the impact event and its reports.
    assert markers[0] == (1, quote_anchor("report", brief.summary[0].cite[0].quote))
    assert markers[1] == (2, quote_anchor("report", brief.summary[1].cite[0].quote))
    # The agenda item's first sentence quotes the summary's first passage: one number for both.
    assert markers[2] == (1, quote_anchor("report", brief.agenda[0].summary[0].cite[0].quote))
    assert markers[3] == (3, quote_anchor("report", brief.agenda[0].summary[1].cite[0].quote))
    assert markers[4] == (2, quote_anchor("report", brief.impact_events[0].summary[0].cite[0].quote))
    assert markers[6] == (5, quote_anchor("blog", "killed five people"))
    # The position quotes the agenda item's passage, typed with curly quotes instead of straight ones:
    # the same passage, so the same number.
    assert markers[-2:] == [
        (6, quote_anchor("report", brief.open_questions[0].why_it_matters[0].cite[0].quote)),
        (3, quote_anchor("report", 'Jane Doe, said "progress was real but slow"')),
    ]
    assert (
        brief.open_questions[0].positions[0].position[0].cite[0].quote
        == "Jane Doe, said \u201cprogress was real but slow\u201d"
    )
    # The discrepancy is set out on the disagreements page, numbered there in its own reading order:
    # after each sentence of its explanation, then again on the side-by-side cards of its citations.
    assert (
        _markers(pages["geneva-talks/disagreements.md"])
        == [(1, quote_anchor("report", "killed at least 4 people")), (2, quote_anchor("blog", "killed five people"))]
        * 2
    )


def test_every_paris_citation_links_to_an_anchor_on_its_sources_page(
    paris: tuple[list[BriefInput], dict[str, str]],
) -> None:
    (item,), pages = paris
    brief = item.brief
    sources_page = pages[f"{brief.id}/sources.md"]
    anchors_on_sources_page = set(re.findall(r'<span class="q-anchor" id="(q-[0-9a-f]{10})"></span>', sources_page))
    expected = {quote_anchor(c.source, c.quote) for c in all_citations(brief)}
    assert expected <= anchors_on_sources_page
    linked: set[str] = set()
    for page in ("index.md", "people.md", "disagreements.md"):
        content = pages[f"{brief.id}/{page}"]
        targets = re.findall(r"\]\((sources\.md#[^ )]*)", content)
        assert targets
        for target in targets:
            anchor = target.split("#", 1)[1]
            if anchor.startswith("q-"):
                assert anchor in anchors_on_sources_page, target
                linked.add(anchor)
            else:
                assert re.search(rf"\{{ #{re.escape(anchor)} \}}", sources_page), target
    assert linked == expected, "every citation of the brief is rendered as a link"


def test_paris_citations_cover_every_section(paris: tuple[list[BriefInput], dict[str, str]]) -> None:
    (item,), pages = paris
    overview = pages[f"{item.brief.id}/index.md"]
    for section in ("agenda", "impact", "questions"):
        part = overview.split(f"{{ #{section} }}")[1].split("\n## ")[0]
        assert CITE_MARKER.search(part), section
    # Discrepancies are set out beside their citations on their own page, each one cited.
    disagreements = pages[f"{item.brief.id}/disagreements.md"]
    assert item.brief.discrepancies
    for discrepancy in item.brief.discrepancies:
        part = disagreements.split(f"{{ #{discrepancy.id} }}")[1].split("\n## ")[0]
        assert CITE_MARKER.search(part), discrepancy.id


def test_participants_grouped_by_side(paris: tuple[list[BriefInput], dict[str, str]]) -> None:
    (item,), pages = paris
    brief = item.brief
    groups = participants_by_side(brief)
    side_order = [s.id for s in brief.sides]
    assert [g[0] for g in groups] == [s for s in side_order if any(p.side == s for p in brief.participants)]
    for side_id, _, members in groups:
        assert members and all(p.side == side_id for p in members)
    assert sum(len(members) for *_, members in groups) == len(brief.participants)
    people = pages[f"{brief.id}/people.md"]
    headings = re.findall(r"^(##+) .* \{ #([a-z0-9-]+) \}$", people, re.MULTILINE)
    current_side = None
    for level, anchor in headings:
        if level == "##":
            current_side = anchor
        elif anchor != "citations":
            assert brief.participant(anchor).side == current_side, anchor


def test_people_page_lists_variants_and_presence(minimal: tuple[list[BriefInput], dict[str, str]]) -> None:
    _, pages = minimal
    people = pages["geneva-talks/people.md"]
    assert "*Also spelled:* J\\. Doe" in people
    assert "*Appears in:* [Talks in Geneva](index.md#geneva-meeting) (Mon 3 Mar 2025)" in people


def test_paragraph_fragments_for_overlapping_quotes() -> None:
    text = SourceText("abcdefghij")
    quotes = {"q-a": [(0, 6)], "q-b": [(3, 9)], "q-c": [(1, 2), (7, 8)]}
    fragments = paragraph_fragments(text, 0, 10, quotes)
    assert [(f.text, f.anchors, f.starts) for f in fragments] == [
        ("a", ("q-a",), ("q-a",)),
        ("b", ("q-a", "q-c"), ("q-c",)),
        ("c", ("q-a",), ()),
        ("def", ("q-a", "q-b"), ("q-b",)),
        ("g", ("q-b",), ()),
        ("h", ("q-b", "q-c"), ()),  # the second occurrence of q-c is highlighted but gets no anchor
        ("i", ("q-b",), ()),
        ("j", (), ()),
    ]
    assert "".join(f.text for f in fragments) == text.text


def test_fragments_of_a_quote_spanning_paragraphs() -> None:
    text = SourceText("first line\nsecond line\n")
    [span] = text.find("line second")
    first, second = text.paragraphs
    quotes = {"q-x": [(span.start, span.end)]}
    one = paragraph_fragments(text, first.start, first.end, quotes)
    two = paragraph_fragments(text, second.start, second.end, quotes)
    assert [(f.text, f.starts) for f in one] == [("first ", ()), ("line", ("q-x",))]
    assert [(f.text, f.anchors, f.starts) for f in two] == [("second", ("q-x",), ()), (" line", (), ())]


def test_sources_page_marks_overlapping_quotes_once(minimal: tuple[list[BriefInput], dict[str, str]]) -> None:
    _, pages = minimal
    sources = pages["geneva-talks/sources.md"]
    ids = re.findall(r' id="([^"]+)"', sources)
    assert len(ids) == len(set(ids)), "no element id twice"
    for quote in (
        "The foreign minister, Jane Doe, said",
        'Jane Doe, said "progress was real but slow"',
        "The foreign minister, Jane Doe, said \u201cprogress was real but slow\u201d",
    ):
        assert ids.count(quote_anchor("report", quote)) == 1


def test_index_lists_briefs_newest_first(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    shutil.copytree(FIXTURES / "sources", folder / "sources")
    base = MINIMAL
    (folder / "old.yaml").write_text(base, encoding="utf-8")
    later = base.replace("id: geneva-talks", "id: later-talks").replace("title: Geneva talks", "title: Later talks")
    later = later.replace(
        "when: {date: 2025-03-03, basis: stated}\ntags",
        'when: {date: 2025-03-10, basis: inferred, note: "A later round, dated for this test."}\ntags',
    )
    # Its people are present only if a source written after the start of the talks says so.
    later = later.replace(
        "      date: 2025-03-03\n      basis: inferred", "      date: 2025-03-10\n      basis: inferred"
    )
    (folder / "new.yaml").write_text(later, encoding="utf-8")
    _, pages = _render([folder / "old.yaml", folder / "new.yaml"])
    brief_files = [
        "agenda.ics",
        "annotations.jsonld",
        "brief.json",
        "disagreements.md",
        "index.md",
        "people.md",
        "sources.md",
        *(f"archive/{s.name}" for s in sorted((folder / "sources").glob("*.txt"))),
    ]
    assert sorted(pages) == sorted(
        [
            *(f"{brief}/{name}" for brief in ("geneva-talks", "later-talks") for name in brief_files),
            "index.md",
            "people/index.md",
            "people/jane-doe.md",
            "tags.md",
            "tags/diplomacy.md",
        ]
    )
    index = pages["index.md"]
    assert "2 briefs, newest first" in index
    assert index.index("## Later talks") < index.index("## Geneva talks")
    assert "[diplomacy](tags/diplomacy.md) (2)" in index
    assert "[diplomacy](tags/diplomacy.md) (2 briefs)" in pages["tags.md"]
    tagged = pages["tags/diplomacy.md"]
    assert tagged.index("later-talks/index.md") < tagged.index("geneva-talks/index.md")


def test_hostile_brief_text_stays_text(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "hostile.txt").write_text(
        'He wrote <script>alert("x")</script> and [a](javascript:alert(1)) in the post.\n', encoding="utf-8"
    )
    brief = (
        "format: 2\n"
        "id: hostile\n"
        "title: '<script>alert(1)</script> **Talks**'\n"
        "summary: [{says: '<img src=x onerror=alert(1)> {: onclick=alert(1) }',\n"
        "           cite: [{source: post, quote: '[a](javascript:alert(1))'}]}]\n"
        "place: '# Paris'\n"
        "when: {date: 2025-04-17, basis: inferred, note: Dated for this test.}\n"
        "citations: [{source: post, quote: '<script>alert(\"x\")</script>'}]\n"
        "sources: [{id: post, file: hostile.txt, label: '<b>Post</b>', kind: forum-post}]\n"
        "sides: [{id: us, name: '[Side](javascript:alert(1))'}]\n"
        "participants:\n"
        "  - id: someone\n"
        "    name: '<svg onload=alert(1)>'\n"
        "    role: [{says: 'Role not given\" onmouseover=\"alert(1)', absence: true}]\n"
        "    side: us\n"
        "    presence: unknown\n"
        "    citations: [{source: post, quote: '[a](javascript:alert(1))'}]\n"
    )
    (folder / "hostile.yaml").write_text(brief, encoding="utf-8")
    _, pages = _render([folder / "hostile.yaml"])
    # The data exports hold the text as data: JSON strings and iCalendar text values, never markup.
    assert json.loads(pages["hostile/brief.json"])["title"] == "<script>alert(1)</script> **Talks**"
    assert pages["hostile/agenda.ics"].startswith("BEGIN:VCALENDAR")
    annotations = json.loads(pages["hostile/annotations.jsonld"])["first"]["items"]
    assert annotations[0]["body"]["value"] == "<img src=x onerror=alert(1)> {: onclick=alert(1) }"
    assert pages["hostile/archive/hostile.txt"] == (folder / "sources" / "hostile.txt").read_text(encoding="utf-8")
    markdown_pages = {path: content for path, content in pages.items() if path.endswith(".md")}
    assert len(markdown_pages) == len(pages) - 4
    for path, content in markdown_pages.items():
        front, body = content.split("---\n", 2)[1:] if content.startswith("---\n") else ("", content)
        assert isinstance(yaml.load(front, yaml.CSafeLoader) or {}, dict), path  # as MkDocs reads it
        elements = _elements(markdown.markdown(body, extensions=["toc", "attr_list", "tables", "admonition"]))
        for tag, attributes in elements:
            assert tag not in ("script", "img", "svg", "iframe", "b"), (path, tag)
            for name, value in attributes:
                assert not name.startswith("on"), (path, tag, name)
                assert not (value or "").lower().startswith("javascript"), (path, tag, name)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown.markdown(pages["hostile/index.md"].split("---\n", 2)[2])


def _elements(html_text: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(html_text)
    return found


def test_front_matter_reads_back_with_characters_beyond_the_bmp(tmp_path: Path) -> None:
    """MkDocs ignores front matter its YAML loader refuses and prints it as Markdown instead."""
    folder = tmp_path / "briefs"
    shutil.copytree(FIXTURES / "sources", folder / "sources")
    title = "Geneva talks \U0001f1fa\U0001f1e6 \U000240fe \u00e9"
    text = MINIMAL
    text = text.replace("title: Geneva talks", f'title: "{title}"').replace(
        "  - says: Two delegations", "  - says: \U0001f54a Two delegations"
    )
    (folder / "emoji.yaml").write_text(text, encoding="utf-8")
    _, pages = _render([folder / "emoji.yaml"])
    front = {
        path: yaml.load(content.split("---\n", 2)[1], yaml.CSafeLoader)
        for path, content in pages.items()
        if path.startswith("geneva-talks/") and path.endswith(".md")
    }
    assert len(front) == 4
    assert front["geneva-talks/index.md"]["title"] == " ".join(title.split())
    assert front["geneva-talks/index.md"]["description"].startswith("\U0001f54a Two delegations")
    assert front["geneva-talks/people.md"]["title"] == "People: " + " ".join(title.split())


def test_each_position_on_an_open_question_is_its_own_item(paris: tuple[list[BriefInput], dict[str, str]]) -> None:
    (item,), pages = paris
    overview = pages[f"{item.brief.id}/index.md"]
    questions = overview.split("{ #questions }")[1].split("\n## ")[0]
    items = [line for line in questions.splitlines() if line.startswith("- **")]
    assert len(items) == sum(len(q.positions) for q in item.brief.open_questions)
    assert not any(" - **" in line for line in questions.splitlines()), "two positions ran together"


_render_text = pages_of_text


def test_places_without_other_names_are_not_listed_as_other_spellings(tmp_path: Path) -> None:
    pages = _render_text(
        tmp_path,
        (MINIMAL_FILE)
        .read_text(encoding="utf-8")
        .replace(
            "tags: [diplomacy]\n",
            "tags: [diplomacy]\nplaces: [{name: Geneva}, {name: Exampleville, variants: [Example Town]}]\n",
        ),
    )
    overview = pages["geneva-talks/index.md"]
    assert "Places also written: Exampleville (Example Town)\n" in overview
    assert "Geneva ()" not in overview


def test_a_source_address_is_shown_on_the_sources_page(tmp_path: Path) -> None:
    pages = _render_text(
        tmp_path,
        (MINIMAL_FILE)
        .read_text(encoding="utf-8")
        .replace("    label: Wire report\n", "    label: Wire report\n    url: https://example.org/news/a_b*c\n"),
    )
    sources = pages["geneva-talks/sources.md"]
    assert (
        '- **Address:** <a class="source-url" href="https://example&#46;org/news/a&#95;b&#42;c">'
        "https://example&#46;org/news/a&#95;b&#42;c</a>"
    ) in sources  # Markdown cannot read a_b*c as emphasis
    assert "- **Address:** none given" in sources  # the blog post gives none


def test_a_disaster_without_a_war_word(tmp_path: Path) -> None:
    text = MINIMAL.replace("    cause: shelling\n", "")
    pages = _render_text(tmp_path, text)
    overview = pages["geneva-talks/index.md"]
    impact = re.sub(r"<sup.*?</sup>", "", overview.split("{ #impact }")[1].split("\n## ")[0])  # our words, not quotes
    for word in ("blamed", "weapon", "attack", "casualt", "attributed to"):
        assert word not in impact.lower(), word
    none = text[: text.index("impact_events:")] + text[text.index("open_questions:") :].replace(
        "entries: [exampleville-shelling]", "entries: []"
    )
    pages = _render_text(tmp_path, none)
    assert "{ #impact }" not in pages["geneva-talks/index.md"] and "Impact" not in pages["geneva-talks/index.md"]


def test_counts_agree_with_their_nouns_on_every_page(minimal: tuple[list[BriefInput], dict[str, str]]) -> None:
    """The fixture has one tag and brief, and few sources and people: every count a page prints goes through
    wording.counted, so none reads '1 sources'."""
    _, pages = minimal
    text = "\n".join(pages.values())
    assert "1 tag across all briefs" in text
    singular_with_plural = re.compile(
        r"\b1 (sources|participants|documents|tags|briefs|entries|places|corrections|earlier changes)\b"
    )
    assert [m.group() for m in singular_with_plural.finditer(text)] == []

"""Citations per sentence: the site, the PDF and the JSON show each claim's own citations right after it,
and the kind of support it has."""

from __future__ import annotations

import html
import json
import re

from conftest import FIXTURES, MINIMAL, BuiltSite
from pypdf import PdfReader

from generator.model.archive import Archive
from generator.model.load import load_bytes
from generator.model.validate import validate_document
from generator.pages.claims import CitationNotes, render_claims
from generator.pages.page import BriefInput

BRIEF = "briefs/geneva-talks/"


def fixture_brief():  # type: ignore[no-untyped-def]
    text = MINIMAL
    archive = Archive(FIXTURES / "sources")
    brief = validate_document(load_bytes(text.encode(), "minimal.yaml"), archive)
    texts = {s.id: archive.get(s.file) for s in brief.sources}
    return BriefInput(brief, texts)  # type: ignore[arg-type]


def test_each_sentence_is_followed_by_its_own_markers() -> None:
    item = fixture_brief()
    cite = CitationNotes(item.brief, item.texts, "sources.md")
    markdown = render_claims(item.brief, cite, item.brief.summary)
    first, second = item.brief.summary
    assert re.fullmatch(
        r"Two delegations held talks in Geneva on 3 March 2025\\\.<sup class=\"cite\">\[\\\[1\\\]\]"
        r"\(sources\.md#q-[0-9a-f]{10} \"[^\"]+\"\)</sup> A shelling attack hit the town of "
        r"Exampleville\\\.<sup class=\"cite\">\[\\\[2\\\]\]\(sources\.md#q-[0-9a-f]{10} \"[^\"]+\"\)</sup>",
        str(markdown),
    ), markdown
    assert [n["quote"] for n in cite.notes] == [first.cite[0].quote, second.cite[0].quote]


def test_the_built_page_puts_each_citation_after_its_sentence(minimal_site: BuiltSite) -> None:
    page = (minimal_site.site / BRIEF / "index.html").read_text(encoding="utf-8")
    sentence = re.search(
        r"Two delegations held talks in Geneva on 3 March 2025\.<sup class=\"cite\">(.*?)</sup>"
        r" A shelling attack hit the town of Exampleville\.<sup class=\"cite\">(.*?)</sup>",
        page,
    )
    assert sentence, "each sentence is followed directly by its own citation"
    assert "Talks were held in Geneva" in sentence.group(1) and "Exampleville" not in sentence.group(1)
    assert "A shelling attack on the town of Exampleville" in sentence.group(2)
    assert 'class="support-legend"' in page


def test_the_pdf_puts_each_footnote_call_after_its_sentence(minimal_site: BuiltSite) -> None:
    reader = PdfReader(str(minimal_site.site / BRIEF / "geneva-talks.pdf"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    body = text[text.index("All briefs") :]  # past the cover, whose summary carries no calls
    assert re.search(r"on 3 March 2025\.1 A shelling attack hit the town of Exampleville\.\s*2\b", body), body[:600]
    assert "Exampleville.," not in body, "a sentence's first call has no comma before it"
    assert re.search(r"1\. Wire report, paragraph \d+: .Talks were held in Geneva", text)


def test_the_json_keeps_each_sentence_with_its_citations(minimal_site: BuiltSite) -> None:
    data = json.loads((minimal_site.site / BRIEF / "brief.json").read_text(encoding="utf-8"))
    assert [claim["says"] for claim in data["summary"]] == [
        "Two delegations held talks in Geneva on 3 March 2025.",
        "A shelling attack hit the town of Exampleville.",
    ]
    assert data["summary"][1]["cite"] == [
        {"source": "report", "quote": "A shelling attack on the town of Exampleville", "note": None}
    ]


def test_support_badges_say_what_kind_of_support_a_sentence_has() -> None:
    item = fixture_brief()
    brief = item.brief.model_copy(
        update={"sources": [item.brief.sources[0].model_copy(update={"written": "before"}), *item.brief.sources[1:]]}
    )
    cite = CitationNotes(brief, item.texts, "sources.md")
    marked = str(render_claims(brief, cite, brief.summary))
    assert marked.count("support-before") == 2, "both sentences rest only on a source written before the event"
    background = str(render_claims(brief, cite, brief.impact_events[0].summary, brief.impact_events[0]))
    assert "support-before" not in background, "an undated entry is not marked as a plan"
    inferred = brief.summary[0].model_copy(update={"inferred": "Worked out from 'Monday'."})
    badge = re.search(
        r'<span class="support support-inferred" title="([^"<>]*)">inferred</span>',
        str(render_claims(brief, cite, [inferred])),
    )
    assert badge and html.unescape(badge.group(1)) == "Worked out from 'Monday'."

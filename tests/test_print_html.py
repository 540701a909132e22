"""Built web pages -> print HTML: footnotes, links, ids and web-only parts."""

from __future__ import annotations

import re

from conftest import BuiltSite

from generator.pipeline import assemble, check
from generator.publish.pdf import _web_pages as web_pages
from generator.publish.print_html import WebPage, adapt_page, footnotes_for, print_document, short_title
from generator.publish.provenance import Provenance

PAGE = """<html><body><article class="md-content__inner md-typeset">
<h1 id="people-x">People: X<a class="headerlink" href="#people-x">&para;</a></h1>
<p><a class="pdf-download" href="../x.pdf">Download PDF</a></p>
<p>See <a href="../#agenda">the agenda</a>, <a href="#bob">Bob</a>, the <a href="../../">index</a> and
<a href="https://example.org/">a site</a>. Fact.<sup class="cite"><a href="../sources/#q-1" title="T1">[1]</a><a href="../sources/#q-unknown" title="Label: &#8220;words&#8221;">[2]</a></sup> After.</p>
<img src="../chart.svg">
<svg viewBox="0 0 10 10"><defs><linearGradient id="g"></linearGradient></defs><rect fill="url(#g)" width="5" height="5"/><use href="#g"/></svg>
<h2 id="bob">Bob</h2><p>Bob's text.</p>
<h2 id="citations">Citations</h2><p>1. a list the footnotes replace</p>
</article></body></html>"""


def adapt(chapters: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    from generator.publish.print_html import Footnote

    page = WebPage("people", "briefs/x/people/", PAGE)
    notes = {"q-1": Footnote("Source one", 4, "the quoted words", "a note")}
    brief = type("B", (), {"title": "X"})()
    return adapt_page(
        page,
        brief,
        notes,  # type: ignore[arg-type]
        chapters
        if chapters is not None
        else {"briefs/x/": "overview", "briefs/x/people/": "people", "briefs/x/sources/": "sources"},
    )


def test_citations_become_footnotes_with_source_paragraph_and_quote() -> None:
    chapter, _ = adapt()
    assert (
        '<span class="footnote call-first"><a href="#sources--q-1">Source one, paragraph 4</a>: '
        "<q>the quoted words</q> (a note)</span>"
    ) in chapter.body
    assert '<span class="footnote">Label: \u201cwords\u201d</span> After.' in chapter.body  # unknown: its title
    assert "<sup" not in chapter.body


def test_links_point_inside_the_document_or_become_text() -> None:
    chapter, assets = adapt()
    assert '<a href="#overview--agenda">the agenda</a>' in chapter.body
    assert '<a href="#people--bob">Bob</a>' in chapter.body
    assert "the index and" in chapter.body and "index</a>" not in chapter.body  # not in the PDF: plain text
    assert '<a href="https://example.org/">a site</a>' in chapter.body
    assert '<img src="briefs/x/chart.svg">' in chapter.body and assets == ["briefs/x/chart.svg"]
    assert 'id="people--bob"' in chapter.body


def test_inline_svg_keeps_its_own_ids() -> None:
    chapter, _ = adapt()
    assert '<linearGradient id="g"></linearGradient>' in chapter.body
    assert '<use href="#g"></use>' in chapter.body and 'fill="url(#g)"' in chapter.body


def test_links_in_inline_svg_point_at_their_chapter_and_text_uses_the_print_fonts() -> None:
    from generator.publish.print_html import Footnote

    drawing = (
        '<html><body><article><h1 id="x">X</h1><h2 id="geneva-meeting">Meeting</h2>'
        '<svg xmlns="http://www.w3.org/2000/svg" font-family="Roboto, sans-serif"><defs><marker id="m"/></defs>'
        '<a class="tl-mark" href="#geneva-meeting"><text>Meeting</text></a><a href="#m"><text>m</text></a>'
        '<a href="people/#bob"><text font-family="monospace">Bob</text></a>'
        '<a href="../../tags/"><text font-family="Georgia, serif">tags</text></a></svg></article></body></html>'
    )
    notes: dict[str, Footnote] = {}
    brief = type("B", (), {"title": "X"})()
    chapter, _ = adapt_page(
        WebPage("overview", "briefs/x/", drawing),
        brief,
        notes,  # type: ignore[arg-type]
        {"briefs/x/": "overview", "briefs/x/people/": "people"},
    )
    assert '<a class="tl-mark" href="#overview--geneva-meeting"><text>Meeting</text></a>' in chapter.body
    assert 'id="overview--geneva-meeting"' in chapter.body
    assert '<a href="#m"><text>m</text></a>' in chapter.body  # a reference inside the drawing stays
    assert '<a href="#people--bob"><text font-family="DejaVu Sans Mono">Bob</text></a>' in chapter.body
    assert '<text font-family="DejaVu Serif">tags</text>' in chapter.body and "tags/" not in chapter.body
    assert '<svg xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans">' in chapter.body


def test_web_only_parts_are_dropped() -> None:
    chapter, _ = adapt()
    assert "headerlink" not in chapter.body and "\u00b6" not in chapter.body
    assert "Download PDF" not in chapter.body and "<p></p>" not in chapter.body
    assert "Citations" not in chapter.body and "a list the footnotes replace" not in chapter.body
    assert "Bob's text." in chapter.body


def test_contents_entries_name_chapters_and_sections() -> None:
    chapter, _ = adapt()
    assert [(e.level, e.target, e.text) for e in chapter.toc] == [(1, "#people", "People"), (2, "#people--bob", "Bob")]
    assert short_title("Sources: X", "X", "sources") == "Sources"
    assert short_title("X", "X", "overview") == "Overview"


def test_the_document_holds_every_page_of_the_brief_once(minimal_site: BuiltSite) -> None:
    checked = check(minimal_site.project)
    item = assemble(minimal_site.project, checked)[0]
    pages = web_pages(item, minimal_site.site, directory_urls=True)
    assert [(page.key, page.url, page.appendix) for page in pages] == [
        ("overview", "briefs/geneva-talks/", False),
        ("people", "briefs/geneva-talks/people/", False),
        ("disagreements", "briefs/geneva-talks/disagreements/", False),
        ("sources", "briefs/geneva-talks/sources/", True),
    ]
    document = print_document(item.brief, item.texts, pages, Provenance("a" * 40, 1744977600))
    html = document.html
    assert html.count('<section class="chapter') == len(pages)
    assert "Content as of 18 April 2025, 12:00 UTC, commit aaaaaaaaaaaa." in html
    assert '<meta name="dcterms.created" content="2025-04-18T12:00:00Z">' in html
    assert len(re.findall(r'class="footnote[ "]', html)) >= len(footnotes_for(item.brief, item.texts))
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target
    assert '<a class="tl-mark tl-agenda" href="#overview--geneva-meeting"' in html  # the timeline's mark
    assert "brief.json" not in html and "agenda.ics" not in html  # web-only downloads
    # Words for screens only are not printed; the paper's own words are.
    assert "hover" not in html and "a number links to" not in html and "each mark links to its entry" not in html
    assert "a number refers to the footnote that quotes the passage" in html and "its note says how" in html


def test_every_link_of_the_paris_document_lands_inside_it(paris_site: BuiltSite) -> None:
    """Timeline marks, weak-source badges and links between chapters all point at an element."""
    checked = check(paris_site.project)
    item = assemble(paris_site.project, checked)[0]
    pages = web_pages(item, paris_site.site, directory_urls=True)
    html = print_document(item.brief, item.texts, pages, Provenance(None, None)).html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    targets = re.findall(r'href="#([^"]+)"', html)
    assert [t for t in targets if t not in ids] == []
    assert any(t.startswith("disagreements--source-") for t in targets)  # "single weak source" badges
    assert sum(t.startswith("overview--") for t in re.findall(r'class="tl-mark[^"]*" href="#([^"]+)"', html)) >= 5

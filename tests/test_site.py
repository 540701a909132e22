"""Integration: the real Paris brief built with the real MkDocs (strict), checked page by page."""

from __future__ import annotations

import html
import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO, BuiltSite
from site_search import pagefind_fragments

from generator.model.archive import quote_anchor
from generator.model.brief import Brief, Claim, all_citations
from generator.model.validate import check_files

pytestmark = pytest.mark.site


class ParsedPage(HTMLParser):
    """Ids, links, loaded resources and visible text of one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, set[str]]] = []  # (href, classes of the enclosing <sup>, if any)
        self.resources: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._skip = 0
        self._sup: list[set[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "sup":
            self._sup.append(set(values.get("class", "").split()))
        if tag == "a" and "href" in values:
            self.links.append((values["href"], self._sup[-1] if self._sup else set()))
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.resources.append((tag, values["src"]))
        if tag == "link" and values.get("href"):
            self.resources.append((tag, values["href"]))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "sup" and self._sup:
            self._sup.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    @property
    def visible_text(self) -> str:
        return " ".join("".join(self.text).split())  # a link inside a sentence ("the blog post's") joins as written


@cache
def parsed(path: Path) -> ParsedPage:
    page = ParsedPage()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def brief() -> Brief:
    checked, errors = check_files([REPO / "briefs" / "paris-talks-2025.yaml"])
    assert errors == []
    return checked[0].brief


@pytest.fixture(scope="module")
def brief_pages(paris_site: BuiltSite, brief: Brief) -> dict[str, Path]:
    folder = paris_site.site / "briefs" / brief.id
    return {
        "overview": folder / "index.html",
        "people": folder / "people" / "index.html",
        "disagreements": folder / "disagreements" / "index.html",
        "sources": folder / "sources" / "index.html",
        "all": paris_site.site / "briefs" / "index.html",
    }


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_site_is_built_in_strict_mode(paris_site: BuiltSite, brief_pages: dict[str, Path]) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true$", config, re.MULTILINE)
    assert re.search(r"^    anchors: warn$", config, re.MULTILINE), (
        "broken anchors are warnings, so strict mode fails on them"
    )
    for page in brief_pages.values():
        assert page.is_file(), page
    assert (paris_site.site / "index.html").is_file()


def _normalize(text: str) -> str:
    return " ".join(html.unescape(text).split())


def test_every_fact_of_the_yaml_is_on_the_pages(brief: Brief, brief_pages: dict[str, Path]) -> None:
    overview = parsed(brief_pages["overview"]).visible_text
    people = parsed(brief_pages["people"]).visible_text
    disagreements = parsed(brief_pages["disagreements"]).visible_text
    sources = parsed(brief_pages["sources"]).visible_text

    def said(prose: list[Claim] | None) -> list[str]:  # each sentence of a piece of prose
        return [claim.says for claim in prose or ()]

    expected_on = [
        *[(people, p.name) for p in brief.participants],
        *[(people, variant) for p in brief.participants for variant in p.variants],
        *[(people, s) for p in brief.participants for s in said(p.role)],
        *[(people, s) for p in brief.participants for s in said(p.presence_note)],
        *[(overview, s) for s in said(brief.summary)],
        *[(overview, item.title) for item in brief.agenda],
        *[(overview, s) for item in brief.agenda for s in said(item.summary)],
        *[(overview, event.title) for event in brief.impact_events],
        *[(overview, event.place) for event in brief.impact_events],
        *[(overview, s) for event in brief.impact_events for s in said(event.summary)],
        *[(overview, q.question) for q in brief.open_questions],
        *[(overview, s) for q in brief.open_questions for s in said(q.why_it_matters)],
        *[(overview, s) for q in brief.open_questions for position in q.positions for s in said(position.position)],
        *[(overview, d.title) for d in brief.discrepancies],
        *[(disagreements, d.title) for d in brief.discrepancies],
        *[(disagreements, s) for d in brief.discrepancies for s in said(d.explanation)],
        *[(disagreements, s.label) for s in brief.sources],
        *[(disagreements, note) for s in brief.sources for note in said(s.reliability)],
        *[(sources, s.label) for s in brief.sources],
        *[(sources, note) for s in brief.sources for note in said(s.reliability)],
    ]
    missing = [wanted for page, wanted in expected_on if _normalize(wanted) not in page]
    assert missing == []
    assert brief.participants and brief.agenda and brief.impact_events and brief.open_questions
    assert brief.discrepancies


def test_impact_figures_keep_their_qualifiers(brief: Brief, brief_pages: dict[str, Path]) -> None:
    overview = parsed(brief_pages["overview"]).visible_text
    at_least = [
        r.killed for e in brief.impact_events for r in e.reports if r.killed and r.killed.qualifier == "at-least"
    ]
    assert at_least, "the Paris brief has 'at least' figures (Sumy)"
    for count in at_least:
        assert f"at least {count.value}" in overview


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The built file and fragment a relative link points at, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    page_url = "/" + str(page.relative_to(site).parent).replace("\\", "/").strip(".") + "/"
    path = posixpath.normpath(posixpath.join(page_url, unquote(parts.path))) if parts.path else page_url
    file = site / path.lstrip("/")
    if file.is_dir() or parts.path.endswith("/"):
        file = file / "index.html"
    return file, unquote(parts.fragment)


def test_every_citation_link_lands_on_an_element(
    paris_site: BuiltSite, brief: Brief, brief_pages: dict[str, Path]
) -> None:
    site = paris_site.site
    cited = 0
    expected_anchors = {quote_anchor(c.source, c.quote) for c in all_citations(brief)}
    landed: set[str] = set()
    for name in ("overview", "people", "disagreements"):
        page = brief_pages[name]
        for href, sup_classes in parsed(page).links:
            if "cite" not in sup_classes:
                continue
            cited += 1
            target = _target(site, page, href)
            assert target is not None, href
            file, fragment = target
            assert file == brief_pages["sources"], href
            assert fragment in parsed(file).ids, href
            landed.add(fragment)
    assert cited >= len(all_citations(brief)) // 2
    assert landed == expected_anchors


def test_every_internal_link_of_the_site_resolves(paris_site: BuiltSite) -> None:
    site = paris_site.site
    broken = []
    for page in built_pages(site):
        if page.name == "404.html":
            continue
        for href, _ in parsed(page).links:
            target = _target(site, page, href)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append((str(page.relative_to(site)), href))
                continue
            if fragment and file.suffix == ".html" and fragment not in parsed(file).ids:
                broken.append((str(page.relative_to(site)), href))
    assert broken == []


def test_nothing_is_fetched_from_the_internet(paris_site: BuiltSite) -> None:
    remote = []
    pages = built_pages(paris_site.site)
    assert len(pages) >= 6
    for page in pages:
        for tag, address in parsed(page).resources:
            if urlsplit(address).scheme or address.startswith("//"):
                remote.append((str(page.relative_to(paris_site.site)), tag, address))
    assert remote == []
    for css in paris_site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_search_index_holds_every_participant_under_their_page(paris_site: BuiltSite, brief: Brief) -> None:
    """The hosted site's search (Pagefind) has each brief page, with every participant's name and
    recorded spellings; Material's single index, which grows with the site, is not published."""
    assert not (paris_site.site / "search" / "search_index.json").exists()
    pages = {fragment["url"]: fragment for fragment in pagefind_fragments(paris_site.site)}
    people = pages[f"/briefs/{brief.id}/people/"]
    assert people["meta"]["title"] == f"People: {brief.title}"
    anchors = {anchor["id"] for anchor in people["anchors"]}
    for person in brief.participants:
        assert person.name in people["content"], person.name
        assert person.id in anchors, person.id
        for variant in person.variants:
            assert variant in people["content"], variant
    for page in ("", "people/", "disagreements/", "sources/"):
        assert f"/briefs/{brief.id}/{page}" in pages, page


def test_no_unrendered_markdown_syntax_on_hand_written_pages(paris_site: BuiltSite) -> None:
    # Syntax of extensions mkdocs.yml does not enable (pymdownx.keys, snippets, ...) would show raw.
    for page in ("index.html", "about/index.html", "editing/index.html"):
        text = parsed(paris_site.site / page).visible_text
        for raw in ("++", "--8<--", "{: ", "!!! "):
            assert raw not in text, (page, raw)

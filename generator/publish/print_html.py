"""Print stage: a brief's built web pages -> one print HTML document.

The PDF is made from the very HTML MkDocs rendered for the site (each page's
``<article>``), so it shows the same facts, sections and order as the web
pages, including whatever later issues add to them. This module only adapts
that HTML to paper: citation links become numbered footnotes carrying the
source and the quoted words, links between the brief's pages become links
inside the document, ids are made unique per chapter, and web-only parts
(permalinks, the per-page citation list, download links) are dropped.
Pure functions: HTML text in, HTML text out.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urljoin, urlsplit

import jinja2
import tinyhtml5
from markupsafe import Markup

from generator.model.archive import SourceText, quote_anchor
from generator.model.brief import Brief, all_citations, plain
from generator.pages.wording import when_text
from generator.publish.provenance import Provenance

TEMPLATES = Path(__file__).parent / "templates"
SITE = "http://site.invalid/"
SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/1999/xlink": "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DROPPED_CLASSES = {
    "headerlink",
    "pdf-download",
    "md-content__button",
    "md-source-file",
    "web-only",
    "timeline-vertical",
    "chart-data",
}  # the last two: the charts in words, for screens only
DROPPED_TAGS = {"script", "form", "input", "button", "iframe", "object", "embed", "noscript", "template"}
PRINT_FONTS = {"sans-serif": "DejaVu Sans", "serif": "DejaVu Serif", "monospace": "DejaVu Sans Mono"}
"""Generic font families to the embedded DejaVu fonts of the print stylesheet (see ``pdf.FONTS``)."""


@dataclass(frozen=True)
class WebPage:
    """One built page of a brief: its key in the document, site URL and built HTML."""

    key: str
    url: str
    html: str
    appendix: bool = False


@dataclass(frozen=True)
class Footnote:
    """What a citation's footnote says: the source, paragraph, quoted words and note."""

    label: str
    paragraph: int
    quote: str
    note: str | None = None


@dataclass(frozen=True)
class TocEntry:
    level: int
    target: str
    text: str


@dataclass
class Chapter:
    """One web page adapted for print."""

    key: str
    title: str
    appendix: bool
    body: str
    toc: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class PrintDocument:
    """The print HTML of one brief, and the site files it refers to (images)."""

    html: str
    assets: tuple[str, ...]


def footnotes_for(brief: Brief, texts: Mapping[str, SourceText]) -> dict[str, Footnote]:
    """Every citation of the brief by its quote anchor, as its footnote says it."""
    notes: dict[str, Footnote] = {}
    for citation in all_citations(brief):
        anchor = quote_anchor(citation.source, citation.quote)
        if anchor in notes:
            continue
        text = texts[citation.source]
        spans = text.find(citation.quote)
        paragraph = text.paragraph_at(spans[0].start).number
        notes[anchor] = Footnote(brief.source(citation.source).label, paragraph, citation.quote, citation.note)
    return notes


# --- parsing and serialising ---------------------------------------------------------------


def article_of(page_html: str) -> ET.Element:
    """The ``<article>`` MkDocs rendered the page's content into."""
    root = tinyhtml5.parse(page_html, namespace_html_elements=False)
    for element in root.iter("article"):
        return cast(ET.Element, element)  # tinyhtml5 ships no types
    raise ValueError("no <article> in the built page")


def _name(name: str) -> str:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return NAMESPACES.get(namespace, "") + local
    return name


def serialize(element: ET.Element, inner: bool = False) -> str:
    """HTML text of an element (tinyhtml5 tree), foreign SVG elements unprefixed."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        tag = _name(node.tag)
        attributes = "".join(f' {_name(k)}="{html.escape(v, quote=True)}"' for k, v in node.attrib.items())
        parts.append(f"<{tag}{attributes}>")
        if tag in VOID:
            return
        if node.text:
            parts.append(node.text if tag in ("style",) else html.escape(node.text, quote=False))
        for child in node:
            walk(child)
            if child.tail:
                parts.append(html.escape(child.tail, quote=False))
        parts.append(f"</{tag}>")

    if inner:
        if element.text:
            parts.append(html.escape(element.text, quote=False))
        for child in element:
            walk(child)
            if child.tail:
                parts.append(html.escape(child.tail, quote=False))
    else:
        walk(element)
    return "".join(parts)


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _remove(parent: ET.Element, child: ET.Element) -> None:
    """Remove an element, keeping the text that followed it."""
    if child.tail:
        index = list(parent).index(child)
        if index > 0:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _unwrap(parent: ET.Element, child: ET.Element) -> None:
    """Replace an element by its content."""
    index = list(parent).index(child)
    children = list(child)
    if child.text:
        if index > 0:
            parent[index - 1].tail = (parent[index - 1].tail or "") + child.text
        else:
            parent.text = (parent.text or "") + child.text
    for offset, grandchild in enumerate(children):
        parent.insert(index + offset, grandchild)
    if child.tail:
        if children:
            children[-1].tail = (children[-1].tail or "") + child.tail
        elif index > 0:
            parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


# --- adapting a page for print -----------------------------------------------------------------


def _drop_web_only(article: ET.Element) -> None:
    """Permalinks, download links, scripts and the per-page citation list (footnotes replace it)."""
    parents = _parents(article)
    for element in list(article.iter()):
        classes = set(element.get("class", "").split())
        if element in parents and (classes & DROPPED_CLASSES or _name(element.tag) in DROPPED_TAGS):
            _remove(parents[element], element)
    children = list(article)
    for index, child in enumerate(children):
        if child.tag == "h2" and child.get("id") == "citations":
            for later in children[index:]:
                if later is not child and later.tag in ("h1", "h2"):
                    break
                _remove(article, later)
            break
    for element in list(article.iter()):
        if element.tag == "p" and element in parents and not _text(element) and not len(element):
            _remove(parents[element], element)


def _footnote(anchor_href: str, note: Footnote) -> ET.Element:
    span = ET.Element("span", {"class": "footnote"})
    link = ET.SubElement(span, "a", {"href": anchor_href})
    link.text = f"{note.label}, paragraph {note.paragraph}"
    quote = ET.SubElement(span, "q")
    quote.text = note.quote
    link.tail = ": "
    if note.note:
        quote.tail = f" ({note.note})"
    return span


def _citations_to_footnotes(article: ET.Element, notes: dict[str, Footnote]) -> None:
    """Each citation link (``sup.cite a``) becomes a footnote in its place."""
    parents = _parents(article)
    for sup in [e for e in article.iter("sup") if "cite" in e.get("class", "").split()]:
        parent = parents[sup]
        index = list(parent).index(sup)
        footnotes = []
        for link in sup.iter("a"):
            href = link.get("href", "")
            note = notes.get(urlsplit(href).fragment)
            if note is None:  # not a quote we know: say what the link's title says
                span = ET.Element("span", {"class": "footnote"})
                span.text = link.get("title") or _text(link)
            else:
                span = _footnote(href, note)
            footnotes.append(span)
        for offset, span in enumerate(footnotes):
            if offset == 0:  # the first call of a group: no comma before it, whatever precedes it
                span.set("class", "footnote call-first")
            parent.insert(index + 1 + offset, span)
        if footnotes:
            footnotes[-1].tail = sup.tail
            sup.tail = None
        parent.remove(sup)


def _site_path(url: str) -> str | None:
    """A URL resolved against the site, as a path from the site root, or None if elsewhere."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != SITE:
        return None
    return unquote(parts.path.lstrip("/"))


def _link_attribute(element: ET.Element) -> str | None:
    """The key of a hyperlink's address: ``href``, or ``xlink:href`` in older SVG."""
    return next((k for k in element.attrib if _name(k) in ("href", "xlink:href")), None)


def _retarget_link(
    element: ET.Element, key: str, page: WebPage, chapters: dict[str, str], parents: dict[ET.Element, ET.Element]
) -> None:
    """Point one link at its chapter in the document, or make it text if the PDF lacks the page."""
    absolute = urljoin(SITE + page.url, element.get(key, ""))
    path = _site_path(absolute)
    fragment = urlsplit(absolute).fragment
    if path is None and urlsplit(absolute).scheme in ("http", "https", "mailto"):
        return  # an outside link stays a link
    target = chapters.get(path or "")
    if target is not None:
        element.set(key, f"#{target}--{fragment}" if fragment else f"#{target}")
    elif element in parents:
        _unwrap(parents[element], element)  # a page the PDF does not hold


def _retarget(article: ET.Element, page: WebPage, chapters: dict[str, str]) -> list[str]:
    """Point links at the document, ids per chapter; return the site files used as images.

    Inline SVG keeps its own ids and ``#`` references (gradients, markers), which
    only make sense inside the drawing; its ``<a>`` links to the page's entries
    (the timeline's marks) are retargeted like any other link.
    """
    parents = _parents(article)
    assets: list[str] = []
    drawing_ids = {element.get("id") for element in article.iter() if element.tag.startswith(SVG) and element.get("id")}
    for element in article.iter():
        if element.get("id") and not element.tag.startswith(SVG):
            element.set("id", f"{page.key}--{element.get('id')}")
        element.attrib.pop("title", None)
    for element in list(article.iter()):
        tag = _name(element.tag)
        key = _link_attribute(element) if tag == "a" else None
        if key is not None and element.get(key, "").removeprefix("#") not in drawing_ids:
            _retarget_link(element, key, page, chapters, parents)
        for attribute in ("src", "href", "xlink:href", "data"):
            key = next((k for k in element.attrib if _name(k) == attribute), None)
            if key is None or tag == "a" or element.get(key, "").startswith("#"):
                continue
            path = _site_path(urljoin(SITE + page.url, element.get(key, "")))
            if path is None:
                continue  # data: stays; anything remote is refused by the PDF stage's fetcher
            element.set(key, path)
            assets.append(path)
    return assets


def _toc(article: ET.Element, key: str, short_title: str) -> list[TocEntry]:
    entries = []
    for element in article.iter():
        if element.tag == "h1":
            element.set("data-short", short_title)
            entries.append(TocEntry(1, f"#{key}", short_title))
        elif element.tag == "h2" and element.get("id"):
            entries.append(TocEntry(2, f"#{element.get('id')}", _text(element)))
    return entries


def short_title(heading: str, brief_title: str, key: str) -> str:
    """The chapter name for the contents and running heads: 'People', not 'People: <brief title>'."""
    if heading == brief_title or not heading:
        return "Overview" if key == "overview" else key.replace("-", " ").capitalize()
    for separator in (": ", " \u2014 ", " - "):
        if heading.endswith(separator + brief_title):
            return heading[: -len(separator + brief_title)]
    return heading


def _print_fonts(article: ET.Element) -> None:
    """Inline SVG draws its text in the print fonts, never in whatever the system calls sans-serif."""
    for element in article.iter():
        if element.tag.startswith(SVG) and element.get("font-family"):
            families = [family.strip().strip("'\"").lower() for family in element.get("font-family", "").split(",")]
            generic = next((family for family in reversed(families) if family in PRINT_FONTS), "sans-serif")
            element.set("font-family", PRINT_FONTS[generic])


def adapt_page(
    page: WebPage, brief: Brief, notes: dict[str, Footnote], chapters: dict[str, str]
) -> tuple[Chapter, list[str]]:
    """One built page's article, ready for print."""
    article = article_of(page.html)
    _drop_web_only(article)
    _print_fonts(article)
    _citations_to_footnotes(article, notes)
    heading = next(iter(article.iter("h1")), None)
    title = short_title(_text(heading) if heading is not None else "", brief.title, page.key)
    assets = _retarget(article, page, chapters)
    toc = _toc(article, page.key, ("Appendix: " if page.appendix else "") + title)
    return Chapter(page.key, title, page.appendix, serialize(article, inner=True), toc), assets


# --- the document ---------------------------------------------------------------------------------


COVER_SUMMARY_CHARS = 1000
"""How much of the summary the cover prints, so that the cover stays one page: whole sentences, in order,
at least the first; the whole summary opens the overview chapter."""


def cover_summary(brief: Brief, limit: int = COVER_SUMMARY_CHARS) -> str:
    """The leading sentences of the key points (or, without them, of the summary) that fit on the cover,
    with an ellipsis if any are left out."""
    sentences: list[str] = []
    length = 0
    for claim in brief.key_points or brief.summary:
        says = " ".join(claim.says.split())
        if sentences and length + 1 + len(says) > limit:
            return " ".join(sentences) + " \u2026"
        sentences.append(says)
        length += len(says) + (1 if length else 0)
    return " ".join(sentences)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plain"] = plain
    return env


def print_document(
    brief: Brief, texts: Mapping[str, SourceText], pages: Sequence[WebPage], made: Provenance
) -> PrintDocument:
    """The whole print HTML of a brief: cover, contents, then each web page as a chapter."""
    notes = footnotes_for(brief, texts)
    chapters_by_url = {page.url: page.key for page in pages}
    chapters: list[Chapter] = []
    assets: list[str] = []
    for page in pages:
        chapter, used = adapt_page(page, brief, notes, chapters_by_url)
        chapters.append(chapter)
        assets.extend(used)
    moment = made.moment
    text = (
        environment()
        .get_template("brief.html.j2")
        .render(
            brief=brief,
            summary=cover_summary(brief),
            when=when_text(brief.when),
            made=made,
            created=moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None,
            toc=[entry for chapter in chapters for entry in chapter.toc],
            chapters=[(chapter, Markup(chapter.body)) for chapter in chapters],
        )
    )
    return PrintDocument(text, tuple(dict.fromkeys(assets)))


__all__ = ["Footnote", "PrintDocument", "WebPage", "adapt_page", "footnotes_for", "print_document", "short_title"]

"""A brief's sentences as Markdown: each with its numbered citations (like footnotes) and its support badges."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model.archive import SourceText, quote_anchor
from generator.model.brief import (
    Brief,
    Citation,
    Claim,
)
from generator.pages.markup import inert, inert_attribute, md_link
from generator.pages.sourcing import sole_weak_source


def paragraph_number(texts: Mapping[str, SourceText], citation: Citation) -> int:
    """The number of the source paragraph a citation's quote begins in."""
    text = texts[citation.source]
    return text.paragraph_at(text.find(citation.quote)[0].start).number


Paragraphs = dict[tuple[str, str], int]
"""Paragraph numbers of a brief's quotes, by (source id, quote)."""


@dataclass
class CitationNotes:
    """Numbers the citations of one page in reading order, like footnotes."""

    brief: Brief
    texts: Mapping[str, SourceText]
    sources_page: str
    notes: list[dict[str, object]] = field(default_factory=list)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    _markers: dict[tuple[str, str], Markup] = field(default_factory=dict)

    def target(self, citation: Citation) -> str:
        return f"{self.sources_page}#{quote_anchor(citation.source, citation.quote)}"

    def paragraph(self, citation: Citation) -> int:
        return paragraph_number(self.texts, citation)

    def __call__(self, citations: Sequence[Citation]) -> Markup:
        markers: list[str] = []
        for citation in citations:
            key = (citation.source, quote_anchor(citation.source, citation.quote))  # one passage, however typed
            marker = self._markers.get(key)
            if marker is None:  # first use of this passage on the page: number it and add its note
                number = self._numbers[key] = len(self.notes) + 1
                source = self.brief.source(citation.source)
                target = self.target(citation)
                paragraph = self.paragraph(citation)
                self.notes.append(
                    {
                        "number": number,
                        "source": source,
                        "paragraph": paragraph,
                        "quote": citation.quote,
                        "note": citation.note,
                        "link": md_link(f"{source.label}, paragraph {paragraph}", target),
                    }
                )
                marker = self._markers[key] = md_link(
                    f"[{number}]", target, f"{source.label}: \u201c{citation.quote}\u201d"
                )
            markers.append(marker)
        return Markup('<sup class="cite">') + Markup("").join(markers) + Markup("</sup>")


_UNDATED = dt.date.min


def support_badges(
    brief: Brief, claim: Claim, about: dt.date | None = None, summary_page: str = "disagreements.md"
) -> Markup:
    """What kind of support a sentence has, when it is less than a report written after the event.

    Sentences about the event (``about``: the day of what they describe, the brief's first day
    by default) that cite only sources written before it, sentences resting on one weak source,
    and sentences with an inferred date or figure each get a badge; a sentence backed by a
    report written during or after the event needs none. Background from before the event, or
    undated (``_UNDATED``), is not marked as a plan.
    """
    about = brief.when.date if about is None else about
    badges: list[Markup] = []
    if claim.inferred:
        badges.append(
            Markup('<span class="support support-inferred" title="{}">inferred</span>').format(
                inert_attribute(claim.inferred)
            )
        )
    sources = [brief.source(c.source) for c in claim.cite]
    if sources and all(s.written == "before" for s in sources) and about >= brief.when.date:
        badges.append(
            Markup(
                '<span class="support support-before" title="Rests only on sources written before '
                'the event: a plan or expectation, not a report of what happened">before the event</span>'
            )
        )
    weak = weak_marker(brief, claim.cite, summary_page)
    return Markup("").join(Markup(" ") + b for b in badges) + weak


def render_says(brief: Brief, claim: Claim, sources_page: str) -> Markup:
    """A sentence as inert Markdown, each source it names linked to that source's card."""
    parts: list[Markup] = []
    last = 0
    for mention in claim.mentions:
        parts.append(_inert_run(claim.says[last : mention.start]))
        parts.append(
            md_link(
                claim.says[mention.start : mention.end],
                f"{sources_page}#{mention.source}",
                brief.source(mention.source).label,
            )
            + Markup("{ .source-name }")
        )
        last = mention.end
    parts.append(_inert_run(claim.says[last:]))
    return Markup("").join(parts).strip()


def _inert_run(text: str) -> Markup:
    """Part of a sentence as inert Markdown, keeping one space where the part starts or ends with one."""
    core = inert(text)
    return (
        (Markup(" ") if text[:1].isspace() else Markup(""))
        + core
        + (Markup(" ") if text[-1:].isspace() and core else Markup(""))
    )


def paragraphs(prose: Sequence[Claim]) -> list[list[Claim]]:
    """A summary's sentences in its paragraphs: a new one wherever a sentence says ``new_paragraph``."""
    found: list[list[Claim]] = []
    for claim in prose:
        if claim.new_paragraph or not found:
            found.append([])
        found[-1].append(claim)
    return found


def render_claims(
    brief: Brief,
    cite: CitationNotes,
    prose: Sequence[Claim],
    entry: object = None,
    summary_page: str = "disagreements.md",
) -> Markup:
    """Prose as its sentences, each followed by its own citation markers and support badges.

    ``entry`` is the dated entry the prose describes (an agenda item or impact event), if any.
    """
    when = getattr(entry, "when", None)
    about = None if entry is None else (when.date if when is not None else _UNDATED)
    parts: list[Markup] = []
    for claim in prose:
        text = render_says(brief, claim, cite.sources_page)
        if claim.cite:
            text += cite(claim.cite)
        parts.append(text + support_badges(brief, claim, about, summary_page))
    return Markup(" ").join(parts)


def weak_marker(brief: Brief, citations: Sequence[Citation], summary_page: str = "disagreements.md") -> Markup:
    """A badge on a fact that rests on one weak source alone (empty otherwise)."""
    source = sole_weak_source(brief, citations)
    if source is None:
        return Markup("")
    title = f"Rests only on {source.label}, which the curators judge a weak source; see what it contributes"
    link = md_link("single weak source", f"{summary_page}#source-{source.id}", title)
    return Markup(" ") + link + Markup("{ .badge .badge-weak }")

"""What each source contributes to a brief, and which facts rest on one source alone.

A *fact* is an entry that states something about the event: the brief's
summary, a participant, an agenda item, an impact event, one source's
impact report, an open question and each position on it. Discrepancies are
statements about the sources, not facts, and are not counted.

A fact *rests on a source alone* when every one of its citations is from that
source. A source is *weak* when the curators set ``weak: true`` on it (see
:class:`generator.model.brief.Source`); a fact resting on a weak source alone is
marked wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.model.brief import Brief, Citation, Source, all_citations


@dataclass(frozen=True)
class Fact:
    """One fact of a brief, where it is shown, and the sources it cites."""

    kind: str
    label: str
    target: str
    """Page and anchor relative to the brief's folder, e.g. ``index.md#elysee-talks``."""
    sources: frozenset[str]


@dataclass(frozen=True)
class SourceSummary:
    """What one source contributes: the facts citing it and those resting on it alone."""

    source: Source
    facts: int
    alone: tuple[Fact, ...]
    quotes: int


def _ids(citations: Sequence[Citation]) -> frozenset[str]:
    return frozenset(c.source for c in citations)


def facts(brief: Brief) -> Iterator[Fact]:
    """Every fact of the brief, in the order the brief gives them."""
    yield Fact("summary", "the brief's summary", "index.md", _ids(brief.cited()))
    for person in brief.participants:
        yield Fact("participant", person.name, f"people.md#{person.id}", _ids(person.cited()))
    for item in brief.agenda:
        yield Fact("agenda item", item.title, f"index.md#{item.id}", _ids(item.cited()))
    for event in brief.impact_events:
        yield Fact("impact event", event.title, f"index.md#{event.id}", _ids(event.cited()))
        for report in event.reports:
            label = f"{event.title}: figures from {brief.source(report.source).label}"
            yield Fact("impact report", label, f"index.md#{event.id}", _ids(report.citations))
    for question in brief.open_questions:
        yield Fact("open question", question.question, f"index.md#{question.id}", _ids(question.cited()))
        for position in question.positions:
            label = f"{brief.side(position.side).name} on \u201c{question.question}\u201d"
            yield Fact("position", label, f"index.md#{question.id}", _ids(position.cited()))


def sole_source(brief: Brief, citations: Sequence[Citation]) -> Source | None:
    """The one source all these citations come from, or None when there are several."""
    ids = _ids(citations)
    return brief.source(next(iter(ids))) if len(ids) == 1 else None


def sole_weak_source(brief: Brief, citations: Sequence[Citation]) -> Source | None:
    """The weak source these citations rest on alone, if they do."""
    source = sole_source(brief, citations)
    return source if source is not None and source.weak else None


def source_summaries(brief: Brief) -> list[SourceSummary]:
    """Per source, in the brief's order: facts citing it, facts resting on it alone, quotes used."""
    every = list(facts(brief))
    quotes: dict[str, set[str]] = {s.id: set() for s in brief.sources}
    for citation in all_citations(brief):
        quotes[citation.source].add(citation.quote)
    summaries = []
    for source in brief.sources:
        citing = [f for f in every if source.id in f.sources]
        alone = tuple(f for f in citing if f.sources == {source.id})
        summaries.append(SourceSummary(source, len(citing), alone, len(quotes[source.id])))
    return summaries

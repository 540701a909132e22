"""One brief's files: its overview, people, disagreements and sources pages, its JSON, iCalendar and Web
Annotations, and the archived source texts its citations point into. Pure: a brief in, pages out."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from generator.model.archive import SourceText, quote_anchor
from generator.model.brief import (
    AgendaItem,
    Brief,
    Participant,
    all_citations,
    plain,
)
from generator.model.spellings import Spellings
from generator.pages.claims import CitationNotes, Paragraphs, paragraph_number, render_claims, weak_marker
from generator.pages.coverage import Sentence, brief_coverage
from generator.pages.ical import agenda_ics
from generator.pages.impact_chart import event_measures, figure_headings, figure_rows, impact_chart_svg
from generator.pages.markup import inert, md_link
from generator.pages.page import BriefInput, Page
from generator.pages.search_words import OVERVIEW_NAME_WEIGHT, PLACE_WEIGHT, spelling_groups, with_other_spellings
from generator.pages.sourcing import source_summaries
from generator.pages.structured_data import brief_json, event_jsonld
from generator.pages.template_env import anchor_id
from generator.pages.timeline import timeline_marks, timeline_rows, timeline_svg
from generator.pages.web_annotations import FILE as WEB_ANNOTATIONS
from generator.pages.web_annotations import annotations_jsonld, archive_path
from generator.pages.wording import date_key

MARKDOWN_PAGES = ("index.md", "people.md", "disagreements.md", "sources.md")
"""A brief's Markdown pages, in the site's order: overview, people, disagreements, sources."""


def render_brief(
    item: BriefInput, env: jinja2.Environment, slugs: dict[tuple[str, str], str] | None = None
) -> list[Page]:
    """The files of one brief: overview, people, disagreements and sources pages, JSON, iCalendar, its
    citations as Web Annotations and the archived source texts they point into."""
    brief = item.brief
    prefix = f"{brief.id}/"
    updated = item.history.last_updated if item.history else None
    overview, people, disagreements, sources = MARKDOWN_PAGES
    return [
        Page(prefix + overview, render_overview(item, env)),
        Page(prefix + people, render_people(item, env, slugs or {})),
        Page(prefix + disagreements, render_disagreements(item, env)),
        Page(prefix + sources, render_sources(item, env)),
        Page(prefix + "brief.json", brief_json(brief)),
        Page(prefix + "agenda.ics", agenda_ics(brief, updated)),
        Page(prefix + WEB_ANNOTATIONS, annotations_jsonld(brief, item.texts)),
        *(
            Page(prefix + archive_path(source.file), item.texts[source.id].text)
            for source in brief.sources
            if source.id in item.texts
        ),
    ]


def site_brief_pages(
    item: BriefInput, env: jinja2.Environment, slugs: dict[tuple[str, str], str]
) -> tuple[list[Page], Paragraphs]:
    """One brief's pages, each carrying its own brief's names only (changing one brief rewrites no
    other's), and the paragraph numbers of its quotes."""
    own = Spellings(spelling_groups(item.brief))
    # The overview is the page of the brief's places (they have none of their own), and the
    # next stop, after a person's own page, for a person's name.
    overview = [
        (Spellings(spelling_groups(item.brief, people=False)), PLACE_WEIGHT),
        (Spellings(spelling_groups(item.brief, places=False)), OVERVIEW_NAME_WEIGHT),
    ]
    pages = []
    for page in render_brief(item, env, slugs):
        if page.path.endswith("/index.md"):
            pages.append(with_other_spellings(page, overview))
        elif page.path.endswith(".md"):
            pages.append(with_other_spellings(page, [(own, None)]))
        else:
            pages.append(page)
    return pages, {(c.source, c.quote): paragraph_number(item.texts, c) for c in all_citations(item.brief)}


def _common(item: BriefInput) -> dict[str, object]:
    brief = item.brief
    cite = CitationNotes(brief, item.texts, "sources.md")
    return {
        "brief": brief,
        "draft": item.draft,
        "cite": cite,
        "claims": lambda prose, entry=None: render_claims(brief, cite, prose, entry),
        "also": lambda citations: Markup('<span class="also-cited">also cited:</span> ') + cite(citations),
        "person": lambda pid: _person_link(brief, pid, "people.md"),
        "side_name": lambda sid: brief.side(sid).name,
        "weak": lambda citations: weak_marker(brief, citations),
    }


def _person_link(brief: Brief, participant_id: str, page: str) -> Markup:
    person = brief.participant(participant_id)
    return md_link(person.name, f"{page}#{person.id}", plain(person.role))


def render_overview(item: BriefInput, env: jinja2.Environment) -> str:
    """The brief's main page: summary, timeline, impact, questions, discrepancies."""
    brief = item.brief
    context = _common(item)
    context["person"] = lambda pid: _person_link(brief, pid, "people.md")
    agenda = sorted(brief.agenda, key=lambda a: date_key(a.when))
    _, undated = timeline_marks(brief)
    return env.get_template("brief.md.j2").render(
        **context,
        agenda=agenda,
        entry_link=lambda eid: _entry_link(brief, eid),
        report_source=lambda sid: brief.source(sid),
        timeline=Markup(timeline_svg(brief)),
        timeline_rows=timeline_rows(brief),
        undated=undated,
        impact_chart=Markup(impact_chart_svg(brief)),
        figure_rows=figure_rows(brief),
        figure_headings=figure_headings(brief),
        measures=event_measures,
        jsonld=Markup(json.dumps(event_jsonld(brief))),
        history=item.history,
    )


def render_disagreements(item: BriefInput, env: jinja2.Environment) -> str:
    """Each discrepancy and plain error beside its citations, and what each source contributes."""
    brief = item.brief
    context = _common(item)
    order = {"disagreement": 0, "inconsistency": 1, "error": 2, "repetition": 3}
    return env.get_template("disagreements.md.j2").render(
        **context,
        discrepancies=sorted(brief.discrepancies, key=lambda d: order[d.kind]),
        summaries=source_summaries(brief),
        entry_link=lambda eid: _entry_link(brief, eid, "index.md"),
        fact_link=lambda fact: md_link(fact.label, fact.target),
        report_source=brief.source,
        kinds={kind: sum(1 for d in brief.discrepancies if d.kind == kind) for kind in order},
    )


def _entry_link(brief: Brief, entry_id: str, overview: str = "") -> Markup:
    """A link to any entry of the brief, on whichever page shows it (``overview`` is the path to index.md)."""
    for person in brief.participants:
        if person.id == entry_id:
            return md_link(person.name, f"people.md#{person.id}")
    for source in brief.sources:
        if source.id == entry_id:
            return md_link(source.label, f"sources.md#{source.id}")
    for entry in brief.discrepancies:
        if entry.id == entry_id:
            return md_link(entry.title, f"disagreements.md#{entry.id}")
    for items in (brief.agenda, brief.impact_events, brief.open_questions):
        for item in items:
            if item.id == entry_id:
                label = getattr(item, "title", None) or getattr(item, "question", entry_id)
                return md_link(label, f"{overview}#{item.id}")
    for side in brief.sides:
        if side.id == entry_id:
            return md_link(side.name, f"people.md#{side.id}")
    return inert(entry_id)


def participants_by_side(brief: Brief) -> list[tuple[str, str, list[Participant]]]:
    """Participants grouped by side, sides in the order the brief lists them."""
    groups = []
    for side in brief.sides:
        members = [p for p in brief.participants if p.side == side.id]
        if members:
            groups.append((side.id, side.name, members))
    return groups


def involvement(brief: Brief, participant_id: str) -> list[AgendaItem]:
    """The agenda items a participant takes part in, in date order."""
    return sorted((a for a in brief.agenda if participant_id in a.participants), key=lambda a: date_key(a.when))


def render_people(item: BriefInput, env: jinja2.Environment, slugs: dict[tuple[str, str], str] | None = None) -> str:
    brief = item.brief
    context = _common(item)
    context["person"] = lambda pid: _person_link(brief, pid, "")
    slugs = slugs or {}
    return env.get_template("people.md.j2").render(
        **context,
        groups=participants_by_side(brief),
        involvement=lambda pid: involvement(brief, pid),
        positions=lambda pid: [(q, p) for q in brief.open_questions for p in q.positions if pid in p.participants],
        person_page=lambda pid: (
            Markup(f"../people/{anchor_id(slugs[(brief.id, pid)])}.md") if (brief.id, pid) in slugs else None
        ),
    )


@dataclass(frozen=True)
class Fragment:
    """A run of a source paragraph, with the quotes that cover it and those that start at it."""

    text: str
    anchors: tuple[str, ...]
    starts: tuple[str, ...]
    unused: str = ""
    """'unused' for a run of a sentence the brief does not use, 'left-out' for one left out on purpose."""
    reason: str = ""
    """Why an editor left it out (for 'left-out')."""


def paragraph_fragments(
    text: SourceText, start: int, end: int, quotes: dict[str, list[tuple[int, int]]], unused: Sequence[Sentence] = ()
) -> list[Fragment]:
    """Split a paragraph at quote boundaries; each run knows which quotes cover it.

    A quote's first occurrence gets its anchor at the run where it starts, so a
    citation link lands on the start of the passage even when quotes overlap. ``unused``
    sentences (from :mod:`generator.pages.coverage`) are cut out too, to be shown in a quieter style.
    """
    quiet = [(s.start, s.end, s.state, s.reason or "") for s in unused if s.start < end and s.end > start]
    cuts = {start, end, *(max(s, start) for s, _, _, _ in quiet), *(min(e, end) for _, e, _, _ in quiet)}
    covering: list[tuple[int, int, str]] = []
    for anchor, spans in quotes.items():
        for s, e in spans:
            lo, hi = max(s, start), min(e, end)
            if lo < hi:
                cuts.update((lo, hi))
                covering.append((lo, hi, anchor))
    points = sorted(cuts)
    fragments: list[Fragment] = []
    for lo, hi in itertools.pairwise(points):
        anchors = tuple(sorted({a for s, e, a in covering if s <= lo and hi <= e}))
        starts = tuple(a for a in anchors if quotes[a][0][0] == lo)
        state, reason = next(((st, r) for s, e, st, r in quiet if s <= lo and hi <= e), ("", ""))
        fragments.append(Fragment(text.text[lo:hi], anchors, starts, state, reason))
    return fragments


def render_sources(item: BriefInput, env: jinja2.Environment) -> str:
    """The source archive page: metadata, reliability notes and the verbatim text."""
    brief = item.brief
    by_source: dict[str, dict[str, list[tuple[int, int]]]] = {s.id: {} for s in brief.sources}
    uses: dict[str, int] = {s.id: 0 for s in brief.sources}
    for citation in all_citations(brief):
        anchor = quote_anchor(citation.source, citation.quote)
        spans = item.texts[citation.source].find(citation.quote)
        by_source[citation.source].setdefault(anchor, [(s.start, s.end) for s in spans])
        uses[citation.source] += 1
    documents = []
    for source, coverage in zip(brief.sources, brief_coverage(brief, item.texts)):
        text = item.texts[source.id]
        quotes = by_source[source.id]
        quiet = [s for s in coverage.occurrences if s.state in ("unused", "left-out")]
        paragraphs = [(p, paragraph_fragments(text, p.start, p.end, quotes, quiet)) for p in text.paragraphs]
        documents.append(
            {
                "source": source,
                "paragraphs": paragraphs,
                "uses": uses[source.id],
                "quoted": len(quotes),
                "coverage": coverage,
            }
        )
    cite = CitationNotes(brief, item.texts, "sources.md")
    return env.get_template("sources.md.j2").render(
        brief=brief,
        draft=item.draft,
        documents=documents,
        cite=cite,
        claims=lambda prose: render_claims(brief, cite, prose),
    )

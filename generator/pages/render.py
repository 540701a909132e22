"""Render stage: validated briefs to Markdown pages, as pure functions.

Templates hold the layout; this module decides what goes in them: citation
numbers, date wording, groupings and links. Every value a template prints is
made inert by the environment's ``finalize`` unless Python built it as
:class:`~markupsafe.Markup` on purpose.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.model.archive import SourceText, quote_anchor
from generator.model.brief import (
    AgendaItem,
    Brief,
    Citation,
    Claim,
    Participant,
    all_citations,
    is_proper_name,
    plain,
)
from generator.model.spellings import TRANSLITERATED_LANGUAGES, Spellings, accent_free, page_words
from generator.pages.coverage import Sentence, brief_coverage
from generator.pages.history import History
from generator.pages.ical import agenda_ics
from generator.pages.impact_chart import event_measures, figure_headings, figure_rows, figure_words, impact_chart_svg
from generator.pages.markup import inert, inert_attribute, inert_html, md_link
from generator.pages.pagination import paginate
from generator.pages.people import Person, people_across, person_slugs
from generator.pages.sourcing import sole_weak_source, source_summaries
from generator.pages.structured_data import brief_json, event_jsonld
from generator.pages.timeline import timeline_marks, timeline_rows, timeline_svg
from generator.pages.web_annotations import FILE as WEB_ANNOTATIONS
from generator.pages.web_annotations import annotations_jsonld, archive_path
from generator.pages.wording import count_text, counted, date_key, day_text, percent, sentence_start, when_text
from generator.system.workers import ordered_map

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, by its path under the generated folder."""

    path: str
    content: str


@dataclass(frozen=True)
class BriefInput:
    """What rendering a brief needs: the brief and the texts of its sources."""

    brief: Brief
    texts: dict[str, SourceText]
    history: History | None = None
    """The brief's update log from git; None when nobody asked git (e.g. in unit tests)."""
    draft: bool = False
    """The brief still holds placeholder text: its pages carry a draft banner."""


def environment() -> jinja2.Environment:
    """The Jinja environment: autoescaping through :func:`inert`, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=inert,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when_text
    env.filters["counted"] = counted
    env.filters["day"] = day_text
    env.filters["count"] = count_text
    env.filters["html"] = inert_html
    env.filters["attr"] = inert_attribute
    env.filters["id"] = anchor_id
    env.filters["meta"] = meta_value
    env.filters["plain"] = plain
    env.filters["paragraphs"] = paragraphs
    env.filters["sentence_start"] = sentence_start
    env.filters["percent"] = percent
    env.filters["figure"] = figure_words
    env.globals["screen_or_paper"] = screen_or_paper
    return env


def screen_or_paper(screen: str, paper: str) -> Markup:
    """Words that differ between the site and the PDF ('hover for how' cannot be done on paper): both are
    in the page; the site's stylesheet hides the paper's, and the print stage drops the screen's."""
    return Markup('<span class="web-only">{}</span><span class="print-only" data-pagefind-ignore>{}</span>').format(
        screen, paper
    )


def anchor_id(value: str) -> Markup:
    """An id or anchor we built from validated slugs, printed as is."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise ValueError(f"not a safe anchor id: {value!r}")
    return Markup(value)


def meta_value(value: str) -> Markup:
    """A front-matter value: a double-quoted YAML string, in ASCII, of HTML-escaped text.

    MkDocs themes print front matter unescaped into attributes, so the text is
    escaped here and quoted so it can never add keys of its own. Characters
    beyond the BMP are written as YAML's ``\\UXXXXXXXX`` escape: JSON's
    surrogate pairs are invalid YAML, and MkDocs would then ignore the whole
    front matter and print it into the page as Markdown.
    """
    text = " ".join(str(value).split())
    quoted = json.dumps(html.escape(text, quote=True), ensure_ascii=False)
    return Markup("".join(_yaml_escape(char) for char in quoted))


def _yaml_escape(char: str) -> str:
    """A character as it may stand in a double-quoted YAML scalar written in ASCII."""
    if char.isascii():
        return char
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


# --- citations ----------------------------------------------------------------------------


def paragraph_number(texts: dict[str, SourceText], citation: Citation) -> int:
    """The number of the source paragraph a citation's quote begins in."""
    text = texts[citation.source]
    return text.paragraph_at(text.find(citation.quote)[0].start).number


Paragraphs = dict[tuple[str, str], int]
"""Paragraph numbers of a brief's quotes, by (source id, quote)."""


@dataclass
class CitationNotes:
    """Numbers the citations of one page in reading order, like footnotes."""

    brief: Brief
    texts: dict[str, SourceText]
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


# --- pages --------------------------------------------------------------------------------


def render_site(inputs: Sequence[BriefInput], env: jinja2.Environment | None = None) -> list[Page]:
    """Every generated page of the site: the brief index, then each brief's pages."""
    return list(iter_site(inputs, env))


def iter_site(inputs: Sequence[BriefInput], env: jinja2.Environment | None = None) -> Iterator[Page]:
    """The pages of :func:`render_site` one brief at a time, so a thousand briefs' pages
    need not be held in memory at once."""
    env = env or environment()
    ordered = sorted(inputs, key=lambda i: (i.brief.when.date, i.brief.id), reverse=True)
    briefs = [i.brief for i in ordered]
    people = people_across(briefs)
    slugs = person_slugs(people)
    everyone = Spellings(group for brief in briefs for group in spelling_groups(brief))
    for page in (*render_index(briefs, env), *render_tags(briefs, env)):
        yield with_other_spellings(page, [(everyone, None)])
    # Each brief's pages depend on no other brief's: they are rendered on every core. Each brief's
    # paragraph numbers come back with them, for the people pages (which then need no source text).
    paragraphs: dict[str, Paragraphs] = {}
    for item, (pages, numbers) in zip(ordered, ordered_map(lambda item: _brief_pages(item, env, slugs), ordered)):
        paragraphs[item.brief.id] = numbers
        yield from pages
    # A person's own pages carry only that person's other spellings (and accent-free words), so that
    # "Zelenskiy" leads to Zelensky's page before the pages of everyone who mentions him.
    for page, person in render_people_pages(people, paragraphs, env):
        own_names = (
            [(Spellings([([person.name, *person.variants], person.language in TRANSLITERATED_LANGUAGES)]), NAME_WEIGHT)]
            if person
            else [(everyone, None)]
        )
        yield with_other_spellings(page, own_names)


def _brief_pages(
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


def spelling_groups(brief: Brief, *, people: bool = True, places: bool = True) -> Iterator[tuple[list[str], bool]]:
    """The spellings of each named person and place of a brief (its name and recorded variants), and
    whether its language has transliteration rules (see generator.model.spellings).

    Groups and descriptions ("Macron's advisers", "Unnamed European diplomats") are left out: only
    names whose every word is capitalised (after a title such as "Dr.") are spelt otherwise.
    """
    for named in (*(brief.participants if people else ()), *(brief.places if places else ())):
        spellings = [named.name, *named.variants]
        if is_proper_name(named.name):
            yield spellings, named.language in TRANSLITERATED_LANGUAGES


_MARKUP = re.compile(r"<[^>]*>|\]\([^)]*\)|\{[^}]*\}|\\")

NAME_WEIGHT = 7
"""Search weight (Pagefind's; a title's is 7) of a person's other spellings on that person's own page."""
PLACE_WEIGHT = 7
"""Search weight of a place's other names on the overview of its brief, the place's page."""
OVERVIEW_NAME_WEIGHT = 3
"""Search weight of people's other spellings on a brief's overview: after their own pages, before the rest."""


def with_other_spellings(page: Page, named: Sequence[tuple[Spellings, float | None]]) -> Page:
    """The page with hidden lines under its title holding the spellings a reader may type but the page
    does not show (other transliterations and other names of its people and places, every accented word
    without its accents), so that search finds the page by them. Each set of names carries its weight
    for the hosted site's search (Pagefind); the highest wins where they overlap."""
    words = page_words(_MARKUP.sub(" ", page.content))
    weights: dict[str, float | None] = {}
    for spellings, weight in named:
        for word in spellings.name_spellings(words, shown=weight is not None):
            if word not in weights or (weight or 0) > (weights[word] or 0):
                weights[word] = weight
    for word in accent_free(words):
        weights.setdefault(word, None)
    if not weights:
        return page
    lines = page.content.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return page
    hidden = []
    for weight in sorted({w for w in weights.values()}, key=lambda w: -(w or 0)):
        ranked = Markup(' data-pagefind-weight="{}"').format(weight) if weight is not None else Markup("")
        spelt = " ".join(sorted(word for word, w in weights.items() if w == weight))
        hidden.append(
            str(Markup('<p class="search-variants"{} hidden>Also written: {}</p>').format(ranked, inert_html(spelt)))
        )
    lines[title + 1 : title + 1] = ["", *hidden]
    return replace(page, content="\n".join(lines))


def tag_groups(briefs: Sequence[Brief]) -> dict[str, list[Brief]]:
    """Briefs by tag, tags in alphabetical order, briefs in the given order."""
    tags: dict[str, list[Brief]] = {}
    for brief in briefs:
        for tag in brief.tags:
            tags.setdefault(tag, []).append(brief)
    return dict(sorted(tags.items()))


def render_tags(briefs: Sequence[Brief], env: jinja2.Environment) -> list[Page]:
    """The tag index across all briefs, and each tag's briefs, newest first, a page at a time."""
    tags = tag_groups(briefs)
    pages = [Page("tags.md", env.get_template("tags.md.j2").render(tags=tags))]
    template = env.get_template("tag.md.j2")
    for tag, tagged in tags.items():
        pages += [
            Page(pager.path, template.render(tag=tag, pager=pager, **NEWER_OLDER))
            for pager in paginate(tagged, f"tags/{anchor_id(tag)}.md")
        ]
    return pages


def render_index(briefs: Sequence[Brief], env: jinja2.Environment) -> list[Page]:
    """The list of all briefs, newest first, a page at a time (with every tag and its count)."""
    template = env.get_template("index.md.j2")
    tags = tag_groups(briefs)
    return [
        Page(pager.path, template.render(pager=pager, tags=tags, **NEWER_OLDER))
        for pager in paginate(briefs, "index.md")
    ]


NEWER_OLDER = {"newer": "Newer", "older": "Older"}
"""How the pager names the pages before and after, in lists of briefs (newest first)."""


def render_brief(
    item: BriefInput, env: jinja2.Environment, slugs: dict[tuple[str, str], str] | None = None
) -> list[Page]:
    """The files of one brief: overview, people, disagreements and sources pages, JSON, iCalendar, its
    citations as Web Annotations and the archived source texts they point into."""
    brief = item.brief
    prefix = f"{brief.id}/"
    updated = item.history.last_updated if item.history else None
    return [
        Page(prefix + "index.md", render_overview(item, env)),
        Page(prefix + "people.md", render_people(item, env, slugs or {})),
        Page(prefix + "disagreements.md", render_disagreements(item, env)),
        Page(prefix + "sources.md", render_sources(item, env)),
        Page(prefix + "brief.json", brief_json(brief)),
        Page(prefix + "agenda.ics", agenda_ics(brief, updated)),
        Page(prefix + WEB_ANNOTATIONS, annotations_jsonld(brief, item.texts)),
        *(
            Page(prefix + archive_path(source.file), item.texts[source.id].text)
            for source in brief.sources
            if source.id in item.texts
        ),
    ]


def weak_marker(brief: Brief, citations: Sequence[Citation], summary_page: str = "disagreements.md") -> Markup:
    """A badge on a fact that rests on one weak source alone (empty otherwise)."""
    source = sole_weak_source(brief, citations)
    if source is None:
        return Markup("")
    title = f"Rests only on {source.label}, which the curators judge a weak source; see what it contributes"
    link = md_link("single weak source", f"{summary_page}#source-{source.id}", title)
    return Markup(" ") + link + Markup("{ .badge .badge-weak }")


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


def render_people_pages(
    people: Sequence[Person], paragraphs: dict[str, Paragraphs], env: jinja2.Environment
) -> list[tuple[Page, Person | None]]:
    """The people index and each person's pages across all briefs, each with the person it is about
    (None for the index). ``paragraphs`` holds each brief's paragraph numbers of its quotes."""
    index = env.get_template("people_index.md.j2")
    pages: list[tuple[Page, Person | None]] = [
        (Page(pager.path, index.render(pager=pager, newer="Previous", older="Next")), None)
        for pager in paginate(people, "people/index.md")
    ]
    template = env.get_template("person.md.j2")

    def quote_link(brief: Brief, citation: Citation) -> Markup:
        label = (
            f"{brief.source(citation.source).label}, paragraph {paragraphs[brief.id][citation.source, citation.quote]}"
        )
        return md_link(label, f"../{brief.id}/sources.md#{quote_anchor(citation.source, citation.quote)}")

    def person_pages(person: Person) -> list[Page]:
        return [
            Page(pager.path, template.render(person=person, pager=pager, quote_link=quote_link, **NEWER_OLDER))
            for pager in paginate(person.appearances, f"people/{person.slug}.md")
        ]

    for person, own in zip(people, ordered_map(person_pages, people, chunksize=8)):
        pages += [(page, person) for page in own]
    return pages


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


def brief_inputs(checked: Iterable[tuple[Brief, Callable[[str], SourceText | None]]]) -> list[BriefInput]:
    """Pair each brief with its source texts (all present: validation checked them)."""
    inputs = []
    for brief, get_text in checked:
        texts = {}
        for source in brief.sources:
            text = get_text(source.file)
            assert text is not None, f"{source.file} vanished after validation"
            texts[source.id] = text
        inputs.append(BriefInput(brief, texts))
    return inputs


__all__ = [
    "BriefInput",
    "Page",
    "brief_inputs",
    "count_text",
    "environment",
    "render_site",
    "when_text",
]

"""The whole site's generated pages: the list of briefs, the tags, each brief's pages (:mod:`.brief_pages`)
and the people across briefs. Pure: how the work is spread over processes is the caller's choice."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from generator.model.archive import quote_anchor
from generator.model.brief import (
    Brief,
    Citation,
)
from generator.model.spellings import TRANSLITERATED_LANGUAGES, Spellings
from generator.pages.brief_pages import site_brief_pages
from generator.pages.claims import Paragraphs
from generator.pages.kept_pages import KeptBriefPages
from generator.pages.markup import md_link
from generator.pages.page import BriefInput, KeptPage, Page
from generator.pages.pagination import paginate
from generator.pages.people import Person, people_across, person_slugs
from generator.pages.search_words import NAME_WEIGHT, spelling_groups, with_other_spellings
from generator.pages.template_env import anchor_id, environment

T = TypeVar("T")
R = TypeVar("R")

Fan = Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]
"""How a piece of work is done over many items, results in their order: :func:`serially` here; the
pipeline passes :func:`generator.system.workers.ordered_map`, which uses every core."""


def serially(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``func`` over ``items`` in this process, in order."""
    return [func(item) for item in items]


def render_site(inputs: Sequence[BriefInput], env: jinja2.Environment | None = None) -> list[Page]:
    """Every generated page of the site: the brief index, then each brief's pages (all rendered: none kept)."""
    return [page for page in iter_site(inputs, env) if isinstance(page, Page)]


def iter_site(
    inputs: Sequence[BriefInput],
    env: jinja2.Environment | None = None,
    fan: Fan[Any, Any] = serially,
    kept: KeptBriefPages | None = None,
) -> Iterator[Page | KeptPage]:
    """The pages of :func:`render_site` one brief at a time, so a thousand briefs' pages
    need not be held in memory at once. ``fan`` does the per-brief and per-person work. With ``kept``,
    a brief whose pages the last build left right is not rendered again: its pages come as
    :class:`KeptPage` (and the pages rendered are kept for the next build)."""
    env = env or environment()
    ordered = sorted(inputs, key=lambda i: (i.brief.when.date, i.brief.id), reverse=True)
    briefs = [i.brief for i in ordered]
    people = people_across(briefs)
    slugs = person_slugs(people)
    everyone = Spellings(group for brief in briefs for group in spelling_groups(brief))
    for page in (*render_index(briefs, env), *render_tags(briefs, env)):
        yield with_other_spellings(page, [(everyone, None)])
    # Each brief's pages depend on no other brief's: they may be rendered on every core. Each brief's
    # paragraph numbers come back with them, for the people pages (which then need no source text).
    paragraphs: dict[str, Paragraphs] = {}
    own_slugs: dict[str, dict[str, str]] = {}
    for (brief_id, participant), slug in slugs.items():
        own_slugs.setdefault(brief_id, {})[participant] = slug
    found = [kept.get(i, own_slugs.get(i.brief.id, {})) if kept else None for i in ordered]
    missing = [item for item, hit in zip(ordered, found) if hit is None]
    fresh = iter(fan(lambda item: site_brief_pages(item, env, slugs), missing))
    for item, hit in zip(ordered, found):
        if hit is None:
            rendered = next(fresh)
            if kept:
                kept.put(item, own_slugs.get(item.brief.id, {}), rendered)
        pages, numbers = hit if hit is not None else rendered
        paragraphs[item.brief.id] = numbers
        yield from pages
    digests = {item.brief.id: item.digest for item in ordered}
    for person_page, person in render_people_pages(people, paragraphs, env, fan, kept, digests):
        if person is None and isinstance(person_page, Page):  # the people index: everyone's spellings
            yield with_other_spellings(person_page, [(everyone, None)])
        else:
            yield person_page


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


def render_people_pages(
    people: Sequence[Person],
    paragraphs: dict[str, Paragraphs],
    env: jinja2.Environment,
    fan: Fan[Any, Any] = serially,
    kept: KeptBriefPages | None = None,
    digests: dict[str, str] | None = None,
) -> list[tuple[Page | KeptPage, Person | None]]:
    """The people index and each person's pages across all briefs, each with the person it is about
    (None for the index, which the caller gives its search words). ``paragraphs`` holds each brief's
    paragraph numbers of its quotes. With ``kept`` (and each brief's ``digests``), a person whose briefs
    did not change keeps the pages the last build wrote."""
    index = env.get_template("people_index.md.j2")
    pages: list[tuple[Page | KeptPage, Person | None]] = [
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
        # A person's own pages carry only that person's other spellings (and accent-free words), so that
        # "Zelenskiy" leads to Zelensky's page before the pages of everyone who mentions him.
        names = Spellings([([person.name, *person.variants], person.language in TRANSLITERATED_LANGUAGES)])
        return [
            with_other_spellings(
                Page(pager.path, template.render(person=person, pager=pager, quote_link=quote_link, **NEWER_OLDER)),
                [(names, NAME_WEIGHT)],
            )
            for pager in paginate(person.appearances, f"people/{person.slug}.md")
        ]

    found = [kept.get_person(person, digests or {}) if kept else None for person in people]
    missing = [person for person, hit in zip(people, found) if hit is None]
    # A person's pages are small: they go to the fan in batches, so that handing them out costs less than making them.
    batches = [missing[i : i + PEOPLE_PER_BATCH] for i in range(0, len(missing), PEOPLE_PER_BATCH)]
    made = iter(
        own for batch in fan(lambda batch: [person_pages(person) for person in batch], batches) for own in batch
    )
    for person, hit in zip(people, found):
        if hit is None:
            fresh = next(made)
            if kept:
                kept.put_person(person, digests or {}, fresh)
            pages += [(page, person) for page in fresh]
        else:
            pages += [(page, person) for page in hit]
    return pages


PEOPLE_PER_BATCH = 8

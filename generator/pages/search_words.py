"""The words a reader may type that a page does not show: other spellings of its people and places and
accent-free forms of its words, hidden under the page's title with their weight for the hosted search
(Pagefind), so that search finds the page by them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from markupsafe import Markup

from generator.model.brief import (
    Brief,
    is_proper_name,
)
from generator.model.spellings import TRANSLITERATED_LANGUAGES, Spellings, accent_free, page_words
from generator.pages.markup import inert_html
from generator.pages.page import Page


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

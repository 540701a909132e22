"""Searching the hosted site as a reader does: the header's search button opens Pagefind in a dialog,
and the query is typed key by key. Shared by the browser tests."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))

from first_search import type_search

RESULT = ".pagefind-ui__results > li.pagefind-ui__result"
PAGE_LINK = ".pagefind-ui__result-inner > .pagefind-ui__result-title > a.pagefind-ui__result-link"
"""A result's link to its page (not to a heading within it)."""


def search(page: Any, url: str, query: str) -> Any:
    """Open ``url``, open the search dialog from the header, type the query and wait for results;
    return the locator of the result pages' links."""
    from playwright.sync_api import expect

    page.set_default_timeout(15_000)
    page.goto(url)
    type_search(page, query)
    results = page.locator(f"{RESULT} {PAGE_LINK}")
    expect(results.first).to_be_visible()
    return results


def top_result(page: Any, path: str, within: int = 3) -> Any:
    """The link to the page at ``path`` (site-relative, e.g. 'briefs/x/') among the first ``within``
    results: a locator to wait on as a condition, never a list read while Pagefind still fills it."""
    return page.locator(f"{RESULT}:nth-child(-n+{within}) {PAGE_LINK}[href$='/{path}']")


def pagefind_fragments(site: Path) -> list[dict[str, Any]]:
    """What Pagefind stored for each page of a built site (url, meta.title, content), in every part of the
    index: its fragments are gzip'd JSON after a signature."""
    fragments = []
    for path in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_SIGNATURE), path
        fragments.append(json.loads(data[len(FRAGMENT_SIGNATURE) :]))
    return fragments


FRAGMENT_SIGNATURE = b"pagefind_dcd"


def reader_queries(brief: Any) -> list[tuple[str, str | None]]:
    """What readers type for every named participant and place of a brief: the name without accents,
    another transliteration of its last word, and each other name recorded for it. Each with the
    person's page slug (None for a place, whose page is the brief's overview)."""
    from generator.model.brief import is_proper_name
    from generator.model.spellings import transliterations, without_accents
    from generator.pages.people import people_across, person_slugs

    slugs = person_slugs(people_across([brief]))
    queries: list[tuple[str, str | None]] = []
    for person in brief.participants:
        if not is_proper_name(person.name):
            continue
        slug = slugs[(brief.id, person.id)]
        last = person.name.split()[-1]
        spelt = {
            without_accents(person.name),
            *person.variants[:1],
            *(f"{person.name.split()[0]} {t}" for t in sorted(transliterations(last))[:1]),
        }
        queries += [(query, slug) for query in sorted(spelt)]
    for place in brief.places:
        queries += [(query, None) for query in sorted({without_accents(place.name), *place.variants})]
    return queries

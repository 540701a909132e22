"""A real Chromium on the built Paris site: search finds people, citations land on highlighted passages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import ARTIFACTS
from site_search import PAGE_LINK, RESULT, reader_queries, search, top_result

pytestmark = [pytest.mark.browser, pytest.mark.site]

BRIEF = "briefs/paris-talks-2025/"


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("Zelensky", "Volodymyr Zelensky"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Andriy Yermak", "Andriy Yermak"),
        ("Andrii Yermak", "Andriy Yermak"),
        ("Rubio", "Marco Rubio"),
        ("Witkoff", "Steve Witkoff"),
    ],
)
def test_search_finds_people_by_any_spelling(page: Any, paris_url: str, query: str, person: str) -> None:
    from playwright.sync_api import expect

    search(page, paris_url, query)
    people_hit = page.locator(f"{RESULT} {PAGE_LINK}[href*='people/']")
    # Wait on the condition itself: the result list changes while Pagefind renders it, so it is
    # never read item by item (reading nth(i) of a count taken earlier was flaky).
    expect(people_hit.first).to_be_visible()
    expect(page.locator(".pagefind-ui__results")).to_contain_text(person)
    name = re.sub(r"\W+", "-", query.lower())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-{name}.png"))


# Spellings readers type that the brief does not use: no accents, other transliterations, old names.
SPELLINGS = [
    ("Elysee", BRIEF),  # Élysée without its accents: the overview
    ("Zelenskiy", "briefs/people/volodymyr-zelensky/"),  # wire-service spelling
    ("Zelenskyi", "briefs/people/volodymyr-zelensky/"),
    ("Jean-Noel Barrot", "briefs/people/jean-noel-barrot/"),  # Jean-Noël without the diaeresis
    ("Andrij Yermak", "briefs/people/andriy-yermak/"),  # another transliteration of Andriy/Andrii
    ("Sergei Lavrov", "briefs/people/sergey-lavrov/"),
    ("Kiev", BRIEF),  # the old name of Kyiv
    ("Dnepropetrovsk", BRIEF),  # the old name of Dnipro
    ("Élysée", BRIEF),  # typed with accents: found all the same
]


@pytest.mark.parametrize(("query", "target"), SPELLINGS)
def test_search_finds_other_spellings_among_the_top_results(page: Any, paris_url: str, query: str, target: str) -> None:
    from playwright.sync_api import expect

    search(page, paris_url, query)
    # One of the first three results is the target page: waited for as a condition, never by reading
    # the list while Pagefind is still filling it.
    expect(top_result(page, target).first).to_be_visible()


def test_search_result_opens_the_people_page(page: Any, paris_url: str) -> None:
    from playwright.sync_api import expect

    search(page, paris_url, "Zelenskyy")
    link = page.locator(f"{RESULT} {PAGE_LINK}[href$='/{BRIEF}people/']").first
    link.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(BRIEF)}people/$"))
    expect(page.locator("h1")).to_contain_text("People")


def test_citation_link_highlights_the_quoted_passage(page: Any, paris_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(paris_url + BRIEF)
    citation = page.locator("#security-guarantees").locator("xpath=following::sup[@class='cite'][1]/a").first
    href = citation.get_attribute("href")
    assert href and re.fullmatch(r"sources/#q-[0-9a-f]{10}", href), href
    anchor = href.split("#", 1)[1]
    citation.click()
    expect(page).to_have_url(re.compile(rf"sources/#{anchor}$"))
    marked = page.locator(f"mark.quoted.is-target[data-quotes~='{anchor}']")
    expect(marked.first).to_be_visible()
    expect(marked.first).to_be_in_viewport()
    # Every run of the passage is highlighted, and nothing else.
    assert (
        page.locator("mark.quoted.is-target").count() == page.locator(f"mark.quoted[data-quotes~='{anchor}']").count()
    )
    background = marked.first.evaluate("el => getComputedStyle(el).backgroundColor")
    plain = page.locator(f"mark.quoted:not([data-quotes~='{anchor}'])").first
    assert background != plain.evaluate("el => getComputedStyle(el).backgroundColor"), "the target stands out"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "citation-target.png"))


def test_following_another_citation_moves_the_highlight(page: Any, paris_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(paris_url + BRIEF + "people/")
    links = page.locator("sup.cite a")
    first, second = links.nth(0).get_attribute("href"), None
    for i in range(1, links.count()):
        candidate = links.nth(i).get_attribute("href")
        if candidate != first:
            second = candidate
            break
    assert first and second
    page.goto(paris_url + BRIEF + "people/" + first)
    one = first.split("#")[1]
    expect(page.locator(f"mark.quoted.is-target[data-quotes~='{one}']").first).to_be_in_viewport()
    two = second.split("#")[1]
    page.evaluate("hash => { window.location.hash = hash; }", two)
    expect(page.locator(f"mark.quoted.is-target[data-quotes~='{two}']").first).to_be_in_viewport()
    expect(page.locator(f"mark.quoted.is-target[data-quotes~='{one}']:not([data-quotes~='{two}'])")).to_have_count(0)


def test_every_participant_and_place_is_found_by_the_spellings_readers_type(
    page: Any, paris_url: str, paris_brief: Any
) -> None:
    """For every named person and place of the Paris brief, typed without accents, in another
    transliteration or by another recorded name: the person's page among the first three results and
    the overview among the first five; for a place, the overview (its page) among the first three."""
    from playwright.sync_api import expect

    queries = reader_queries(paris_brief.brief)
    assert len(queries) > 30
    search(page, paris_url, "Paris")
    box = page.locator(".brief-search .pagefind-ui__search-input")
    for query, slug in queries:
        box.press("Control+a")
        box.press("Backspace")
        box.press_sequentially(query)
        expect(box).to_have_value(query)
        if slug is not None:
            expect(top_result(page, f"briefs/people/{slug}/").first, query).to_be_visible()
            expect(top_result(page, BRIEF, within=5).first, query).to_be_visible()
        else:
            expect(top_result(page, BRIEF).first, query).to_be_visible()


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_key_opens_the_search_as_on_the_offline_copy(page: Any, paris_url: str, key: str) -> None:
    from playwright.sync_api import expect

    page.goto(paris_url + BRIEF)
    dialog = page.locator("dialog.brief-search")
    expect(dialog).to_be_hidden()
    page.keyboard.press(key)
    expect(dialog).to_be_visible()
    expect(page.locator(".brief-search .pagefind-ui__search-input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("button.brief-search__open")).to_be_focused()

"""The reader's site in a real Chromium: search by every spelling, citations, timeline links, no errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ARTIFACTS
from site_search import PAGE_LINK, RESULT, search

pytestmark = pytest.mark.browser

BRIEF = "briefs/paris-talks-2025/"
PAGES = [
    BRIEF,
    BRIEF + "people/",
    BRIEF + "disagreements/",
    BRIEF + "sources/",
    "briefs/people/",
    "briefs/people/volodymyr-zelensky/",
    "briefs/tags/",
    "briefs/",
]


@pytest.fixture
def tab(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page at desktop width (parametrised tests choose their own)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("Zelensky", "volodymyr-zelensky"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("Andriy Yermak", "andriy-yermak"),
        ("Andrii Yermak", "andriy-yermak"),
        ("Andrii", "andriy-yermak"),
    ],
)
def test_search_finds_people_by_every_spelling(tab: object, paris_url: str, query: str, person: str) -> None:
    page = tab
    search(page, paris_url + BRIEF, query)  # the header's search, typed key by key
    hit = page.locator(f"{RESULT} {PAGE_LINK}[href*='people/{person}/']")  # type: ignore[attr-defined]
    hit.first.wait_for(state="visible", timeout=15000)
    hit.first.click()
    page.wait_for_url(f"**/people/{person}/**")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text().replace("\n", " ")  # type: ignore[attr-defined]


def test_citation_link_lands_on_the_highlighted_passage(tab: object, paris_url: str) -> None:
    page = tab
    page.goto(paris_url + BRIEF)  # type: ignore[attr-defined]
    link = page.locator("#elysee-talks ~ p sup.cite a").first  # type: ignore[attr-defined]
    href = link.get_attribute("href")
    assert href and "sources/#q-" in href
    link.click()
    page.wait_for_url("**/sources/#q-*")  # type: ignore[attr-defined]
    anchor = href.split("#", 1)[1]
    target = page.locator(f"mark.quoted.is-target[data-quotes~='{anchor}']").first  # type: ignore[attr-defined]
    target.wait_for(state="visible")
    assert target.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    colour = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize("entry", ["elysee-talks", "witkoff-putin-meeting", "sumy-missile-strike"])
def test_timeline_marks_link_to_their_entries(tab: object, paris_url: str, entry: str) -> None:
    page = tab
    page.goto(paris_url + BRIEF)  # type: ignore[attr-defined]
    page.locator(f".timeline a.tl-mark[data-entry='{entry}']").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"**#{entry}")  # type: ignore[attr-defined]
    assert page.evaluate("location.hash") == f"#{entry}"  # type: ignore[attr-defined]
    heading = page.locator(f"[id='{entry}']")  # type: ignore[attr-defined]
    heading.wait_for(state="visible")
    page.wait_for_function(  # type: ignore[attr-defined]
        "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
        arg=entry,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_pages_render_without_console_errors(browser: object, paris_url: str, width: int, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in PAGES:
            response = page.goto(paris_url + path)
            assert response is not None and response.ok, path
            page.wait_for_load_state("load")
            assert page.locator("h1").count() >= 1, path
            # Nothing sticks out sideways except the pictures' own scroll boxes.
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, (path, overflow)
            name = path.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(ARTIFACTS / f"reader-{name}-{width}-{scheme}.png"))
        page.goto(paris_url + BRIEF)
        page.locator(".timeline").screenshot(path=str(ARTIFACTS / f"reader-timeline-{width}-{scheme}.png"))
        page.locator(".impact-chart").screenshot(path=str(ARTIFACTS / f"reader-impact-{width}-{scheme}.png"))
        assert errors == []
    finally:
        context.close()


def test_the_first_screen_of_the_overview_shows_every_key_point(browser: object, paris_url: str) -> None:
    """At 1280 x 800 a reader sees the key points whole before scrolling (the summary follows)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(paris_url + BRIEF)
        heading = tab.locator("h2#key-points")
        heading.wait_for()
        points = tab.locator("h2#key-points + ul > li")
        assert 1 <= points.count() <= 5
        last = points.nth(points.count() - 1).bounding_box()
        assert last is not None and last["y"] + last["height"] <= 800, last
        tab.screenshot(path=str(ARTIFACTS / "overview-first-screen-1280x800.png"))
    finally:
        context.close()

"""A site everyone can read: axe-core (WCAG 2.1 A and AA) in a real Chromium on every page kind, in the
light and the dark scheme; keyboard focus on citations; the timeline readable on a 390 px phone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ARTIFACTS, REPO
from site_search import search

pytestmark = [pytest.mark.browser, pytest.mark.site]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BRIEF = "briefs/paris-talks-2025/"
PAGE_KINDS = {
    "home": "",
    "brief index": "briefs/",
    "overview": BRIEF,
    "people": BRIEF + "people/",
    "disagreements": BRIEF + "disagreements/",
    "sources": BRIEF + "sources/",
    "person": "briefs/people/volodymyr-zelensky/",
    "people index": "briefs/people/",
    "tags": "briefs/tags/",
    "about": "about/",
    "editing": "editing/",
    "not found": "404.html",
}
"""Every kind of page the site has; the update log (history) is a section of the overview."""
SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=list(SCHEMES), scope="module")
def scheme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def schemed_page(browser: Any, scheme: str) -> Iterator[Any]:
    """A tab whose system colour scheme is light or dark; Material follows it (prefers-color-scheme)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run the pinned axe-core on the page as it stands, with the WCAG 2.1 A and AA rules only."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}));
        }""",
        WCAG_21_AA,
    )


def report(violations: list[dict[str, Any]]) -> str:
    return json.dumps([{**v, "nodes": v["nodes"][:5], "count": len(v["nodes"])} for v in violations], indent=1)


def open_in_scheme(page: Any, url: str, scheme: str) -> None:
    page.goto(url)
    applied = page.locator("body").get_attribute("data-md-color-scheme")
    assert applied == SCHEMES[scheme], f"the page is in {applied!r}, not the {scheme} scheme"


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_wcag_violations_on_any_page_kind(schemed_page: Any, paris_url: str, scheme: str, kind: str) -> None:
    open_in_scheme(schemed_page, paris_url + PAGE_KINDS[kind], scheme)
    violations = axe_violations(schemed_page)
    assert violations == [], f"{kind} ({scheme}): {report(violations)}"


def test_no_wcag_violations_with_the_search_open_and_a_citation_highlighted(
    schemed_page: Any, paris_url: str, scheme: str
) -> None:
    """States a reader reaches by acting: search results shown, a quoted passage highlighted."""
    from playwright.sync_api import expect

    open_in_scheme(schemed_page, paris_url + BRIEF, scheme)
    schemed_page.locator("sup.cite a").first.click()
    expect(schemed_page.locator("mark.quoted.is-target").first).to_be_visible()
    violations = axe_violations(schemed_page)
    assert violations == [], f"highlighted passage ({scheme}): {report(violations)}"

    search(schemed_page, paris_url + BRIEF, "Macron")
    expect(schemed_page.locator(".pagefind-ui__result-excerpt mark").first).to_be_visible()
    violations = axe_violations(schemed_page)
    assert violations == [], f"search results ({scheme}): {report(violations)}"


def test_the_overview_on_a_phone_has_no_violations(browser: Any, paris_url: str, scheme: str) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        open_in_scheme(page, paris_url + BRIEF, scheme)
        violations = axe_violations(page)
        assert violations == [], f"overview at 390 px ({scheme}): {report(violations)}"
    finally:
        context.close()


def test_axe_would_report_a_link_told_apart_by_colour_alone(schemed_page: Any, paris_url: str, scheme: str) -> None:
    """The check can fail: with the underline taken off citation links, axe reports them."""
    open_in_scheme(schemed_page, paris_url + BRIEF, scheme)
    schemed_page.add_style_tag(content=".md-typeset a { text-decoration: none !important; }")
    ids = {v["id"] for v in axe_violations(schemed_page)}
    assert "link-in-text-block" in ids


def test_keyboard_reaches_a_citation_and_shows_where_focus_is(page: Any, paris_url: str) -> None:
    """Tab from the top of the overview until a citation number has focus: it shows a focus ring, and
    Enter follows it to the quoted passage. Every citation is a plain link, reachable the same way."""
    from playwright.sync_api import expect

    page.set_default_timeout(15_000)
    page.goto(paris_url + BRIEF)
    citations = page.locator("sup.cite a")
    assert citations.count() > 100
    unreachable = page.evaluate("""() => [...document.querySelectorAll('sup.cite a')]
        .filter(a => !a.getAttribute('href') || a.tabIndex < 0 || !a.getClientRects().length).length""")
    assert unreachable == 0
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('sup.cite')"):
            break
    else:
        pytest.fail("400 presses of Tab never reached a citation")
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    page.keyboard.press("Enter")
    expect(page.locator("mark.quoted.is-target").first).to_be_visible()


def test_timeline_is_a_readable_vertical_list_on_a_390px_phone(
    browser: Any, paris_url: str, paris_brief: Any, scheme: str
) -> None:
    from playwright.sync_api import expect

    from generator.pages.timeline import timeline_marks

    marks, _ = timeline_marks(paris_brief.brief)
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(paris_url + BRIEF + "#agenda")
        expect(page.locator(".timeline svg")).to_be_hidden()
        entries = page.locator(".timeline-vertical li.tl-v")
        expect(entries.first).to_be_visible()
        titles = [link.inner_text() for link in entries.locator("a").all()]
        assert titles == [mark.title for mark in marks]
        boxes = page.evaluate("""() => [...document.querySelectorAll('.timeline-vertical li.tl-v > *')]
            .map(e => { const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.right, r.width]; })""")
        assert all(left >= 0 and right <= PHONE["width"] and width > 0 for _, left, right, width in boxes), boxes
        sideways = page.evaluate(
            "() => document.querySelector('.timeline').scrollWidth - document.querySelector('.timeline').clientWidth"
        )
        assert sideways <= 0, f"the timeline scrolls sideways by {sideways} px"
        page.locator(".timeline").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(".timeline").screenshot(path=str(ARTIFACTS / f"timeline-390px-{scheme}.png"))
    finally:
        context.close()


def test_timeline_is_the_picture_on_a_wide_screen(page: Any, paris_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(paris_url + BRIEF)
    expect(page.locator(".timeline svg")).to_be_visible()
    expect(page.locator(".timeline-vertical")).to_be_hidden()
    page.locator(".timeline details.chart-data summary").click()
    expect(page.locator(".timeline details.chart-data table")).to_be_visible()


def test_impact_figures_fit_a_390px_phone_as_a_table(browser: Any, paris_url: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(paris_url + BRIEF + "#impact")
        table = page.locator(".impact-chart .chart-data table")
        expect(table).to_be_visible()
        expect(page.locator(".impact-chart svg")).to_be_hidden()
        right = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('.impact-chart td')].map(td => td.getBoundingClientRect().right))"
        )
        assert right <= PHONE["width"]
    finally:
        context.close()

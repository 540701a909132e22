"""No injection: a brief with payloads in every text field builds into inert pages.

The site is built with the real MkDocs from a brief seeded with HTML, Markdown,
Jinja and MkDocs/Material syntax in every free-text field (and a hostile
source whose text is the payloads). Its HTML is parsed, not grepped: nothing
that could run script or restyle the page may appear that the same page
built from the clean fixture brief does not have too.
"""

from __future__ import annotations

import shutil

import hostile_brief
import pytest
from conftest import FIXTURES, BuiltSite, make_project
from html_hazards import scan, visible_text
from site_search import pagefind_fragments, search

from generator.pages.template_env import environment, meta_value
from generator.pipeline import build_site

BRIEF_PAGES = (
    "briefs/geneva-talks/index.html",
    "briefs/geneva-talks/people/index.html",
    "briefs/geneva-talks/sources/index.html",
)


def _fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The seeded brief, built once with the real MkDocs."""
    root = tmp_path_factory.mktemp("hostile")
    sources = root / "sources"
    shutil.copytree(FIXTURES / "sources", sources)
    (sources / hostile_brief.SOURCE_FILE).write_text(hostile_brief.source_text(), encoding="utf-8")
    project = make_project(root / "project", {"hostile.yaml": hostile_brief.seeded_yaml()}, sources)
    build_site(project)
    return BuiltSite(project)


def test_every_free_text_field_of_the_model_is_seeded() -> None:
    seeded = hostile_brief.seeded_fields(hostile_brief.seeded_data())
    wanted = {f for f in hostile_brief.text_fields() if not f.endswith(".quote")} | {"citations.quote"}
    assert wanted - seeded == set()


def test_html_hazard_scanner_finds_what_it_must() -> None:
    found = scan(
        '<p onclick="x">a</p><a href=" JaVa\tScRiPt:x">b</a><img src="data:image/png,x">'
        '<script>alert(1)</script><iframe src=x></iframe><div style="x">c</div>'
    ).hazards
    kinds = sorted(key[0] for key in found)
    assert kinds == ["event-handler", "iframe", "script", "style-attribute", "url", "url"]


def test_html_hazard_scanner_tells_json_ld_data_and_drawings_from_hazards() -> None:
    def hazards(text: str) -> set[tuple[str, ...]]:
        return set(scan(text).hazards)

    data = '<script type="application/ld+json">{"name":"\\u003c/script\\u003e"}</script>'
    assert hazards(data) == {("script", "type=application/ld+json", "(JSON data)")}
    broken = '<script type="application/ld+json">{"name":"x"</script>'
    assert hazards(broken) == {("script", "type=application/ld+json", '{"name":"x"')}
    assert hazards('<script>{"a": 1}</script>') == {("script", '{"a": 1}')}  # not JSON-LD: kept verbatim
    small, large = (f'<svg viewBox="0 0 9 {h}" width="100%" height="{h}"><title>t</title></svg>' for h in (10, 90))
    assert hazards(small) == hazards(large) == {("svg",)}
    page = scan("<title>Page</title><svg><title>tooltip</title></svg><svg/><title>again</title>")
    assert "".join(page.title) == "Pageagain" and "tooltip" in page.text


def test_pages_have_no_hazard_the_clean_build_lacks(hostile_site: BuiltSite, minimal_site: BuiltSite) -> None:
    hostile_pages = {p.relative_to(hostile_site.site) for p in hostile_site.site.rglob("*.html")}
    clean_pages = {p.relative_to(minimal_site.site) for p in minimal_site.site.rglob("*.html")}
    assert hostile_pages == clean_pages
    for page in sorted(hostile_pages):
        hostile = scan((hostile_site.site / page).read_text(encoding="utf-8")).hazards
        clean = scan((minimal_site.site / page).read_text(encoding="utf-8")).hazards
        assert hostile - clean == {}, f"{page}: {hostile - clean}"


@pytest.mark.parametrize("page", BRIEF_PAGES)
def test_payloads_show_as_text(hostile_site: BuiltSite, page: str) -> None:
    text = visible_text((hostile_site.site / page).read_text(encoding="utf-8"))
    for payload in hostile_brief.PAYLOADS:
        assert _fold(payload) in text, payload
    assert "{{ 7*7 }}" in text and "49" not in text  # Jinja syntax shown, never evaluated


def test_title_and_description_carry_the_text_once_escaped(hostile_site: BuiltSite) -> None:
    data = hostile_brief.seeded_data()
    # The page's description is its key points (the summary when it has none).
    title, summary = (
        _fold(data["title"]),
        _fold(" ".join(claim["says"] for claim in data["key_points"] or data["summary"])),
    )
    titled = [
        *zip(BRIEF_PAGES, ("", "People: ", "Sources: ")),
        ("briefs/geneva-talks/disagreements/index.html", "Disagreements and errors: "),
    ]
    for page, prefix in titled:
        found = scan((hostile_site.site / page).read_text(encoding="utf-8"))
        assert "".join(found.title) == f"{prefix}{title} - Event briefs"
    overview = scan((hostile_site.site / BRIEF_PAGES[0]).read_text(encoding="utf-8"))
    assert overview.meta["description"] == summary


def test_front_matter_values_cannot_add_keys() -> None:
    import yaml

    hostile = 'x"\ndescription: injected\n---\n<script>\u2028'
    assert yaml.safe_load(f"title: {meta_value(hostile)}\n") == {
        "title": "x&quot; description: injected --- &lt;script&gt;"
    }
    assert environment().from_string("{{ v|meta }}").render(v="a\nb: c") == '"a b: c"'


def test_search_index_holds_the_payloads_as_text(hostile_site: BuiltSite) -> None:
    """Pagefind stores each page's text as plain text (its UI escapes it when it shows an excerpt, see
    the browser test below): every payload is there, findable, as the words a reader saw."""
    stored = " ".join(
        f"{fragment['meta']['title']} {fragment['content']}" for fragment in pagefind_fragments(hostile_site.site)
    )
    for payload in hostile_brief.PAYLOADS:
        assert _fold(visible_text(payload)) in _fold(stored) or _fold(payload) in _fold(stored), payload


@pytest.mark.browser
def test_search_results_show_the_payloads_as_text(hostile_site: BuiltSite, page: object) -> None:
    """Typed into the search, words of the payloads bring up excerpts that hold them as text: no
    element or handler of theirs reaches the results, and nothing runs."""
    from conftest import serve
    from playwright.sync_api import expect

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    server = serve(hostile_site.site)
    url = next(server)
    try:
        for query in ("alert", "onerror", "script"):
            search(page, url + "briefs/", query)
            excerpts = page.locator(".pagefind-ui__result-excerpt mark")  # type: ignore[attr-defined]
            expect(excerpts.first).to_be_visible()
            shown = page.locator(".pagefind-ui__results").inner_html()  # type: ignore[attr-defined]
            assert scan(shown).hazards == {}, (query, scan(shown).hazards)
            assert "&lt;script&gt;" in shown or query != "script"
    finally:
        server.close()
    assert dialogs == []


def test_hostile_source_text_is_shown_verbatim(hostile_site: BuiltSite) -> None:
    text = visible_text((hostile_site.site / BRIEF_PAGES[2]).read_text(encoding="utf-8"))
    for line in hostile_brief.source_text().splitlines():
        assert _fold(line) in text


@pytest.mark.browser
def test_nothing_runs_in_a_real_browser(hostile_site: BuiltSite, page: object) -> None:
    """Every payload calls alert(); Chromium must open no dialog on any of the brief's pages."""
    from conftest import serve

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    server = serve(hostile_site.site)
    url = next(server)
    try:
        for path in BRIEF_PAGES:
            page.goto(url + path.removesuffix("index.html"), wait_until="load")  # type: ignore[attr-defined]
            assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]
            page.hover("h1")  # type: ignore[attr-defined]
    finally:
        server.close()
    assert dialogs == []

"""The offline copy of the site: a zip that works from file://, search included,
with the network unreachable."""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MINIMAL, BuiltSite, make_project
from site_search import reader_queries

from generator.model.errors import BuildFailed
from generator.model.spellings import without_accents
from generator.pipeline import build_site
from generator.publish.zip_archive import write_zip
from generator.site.offline import SHIM_SITE_PATH, UNREAD_INDEX, ZIP_FOLDER, ZIP_NAME


@pytest.fixture(scope="module")
def offline_root(paris_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(paris_site.site / ZIP_NAME) as archive:
        archive.extractall(folder)
    return folder / ZIP_FOLDER


def test_the_home_page_links_the_zip(paris_site: BuiltSite) -> None:
    html = (paris_site.site / "index.html").read_text(encoding="utf-8")
    assert f'href="{ZIP_NAME}"' in html
    assert zipfile.is_zipfile(paris_site.site / ZIP_NAME)


def test_the_zip_holds_the_whole_site_for_file_urls(offline_root: Path, paris_site: BuiltSite) -> None:
    assert (offline_root / "index.html").is_file()
    assert (offline_root / "briefs" / "paris-talks-2025" / "people.html").is_file()  # no directory URLs
    assert (offline_root / "search" / "search_index.js").is_file()
    assert not (offline_root / UNREAD_INDEX).exists(), "the search reads the index's copy in search_index.js"
    assert (offline_root / SHIM_SITE_PATH).read_bytes() == (
        paris_site.project.root / "node_modules" / "iframe-worker" / "shim" / "index.js"
    ).read_bytes()
    pdf = offline_root / "briefs" / "paris-talks-2025" / "paris-talks-2025.pdf"
    assert pdf.read_bytes() == (paris_site.site / "briefs" / "paris-talks-2025" / "paris-talks-2025.pdf").read_bytes()
    for page in offline_root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        remote = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:[^"]*)"', html)
        assert not remote, (page, remote)
        assert "unpkg.com" not in html, page


def test_offline_search_index_holds_every_participant(offline_root: Path, paris_brief: object) -> None:
    """The offline copy searches with Material's index (Pagefind cannot run from file://)."""
    import json

    brief = paris_brief.brief  # type: ignore[attr-defined]
    script = (offline_root / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("var __index = ").rstrip().rstrip(";"))
    people_docs = [d for d in index["docs"] if d["location"].startswith(f"briefs/{brief.id}/people.html")]
    text = " ".join(html.unescape(d["title"] + " " + d["text"]) for d in people_docs)
    located = {d["location"] for d in people_docs}
    for person in brief.participants:
        assert person.name in text, person.name
        assert f"briefs/{brief.id}/people.html#{person.id}" in located, person.id
        for variant in person.variants:
            assert variant in text, variant
    assert not (offline_root / "pagefind").exists()


@pytest.fixture
def offline_page(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A tab whose every non-file request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    attempted: list[str] = []

    def refuse(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("file:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            attempted.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", refuse)
    context.on("request", lambda request: None if request.url.startswith("file:") else attempted.append(request.url))
    tab = context.new_page()
    try:
        yield tab, attempted
    finally:
        context.close()


@pytest.mark.browser
def test_search_works_from_disk_without_a_network(offline_root: Path, offline_page: tuple[object, list[str]]) -> None:
    from playwright.sync_api import expect

    page, attempted = offline_page
    page.goto((offline_root / "index.html").as_uri())  # type: ignore[attr-defined]
    page.locator("input.md-search__input").focus()  # type: ignore[attr-defined]
    meta = page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
    expect(meta).to_have_text("Type to start searching", timeout=15000)  # the worker has loaded the index
    page.keyboard.type("Lavrov")  # type: ignore[attr-defined]
    expect(meta).to_have_text(re.compile(r"\d+ matching documents?"))
    expect(page.locator(".md-search-result__list")).to_contain_text("Rubio relays the US message to Lavrov")  # type: ignore[attr-defined]
    page.locator(".md-search-result__item a").first.click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert page.url.startswith((offline_root / "briefs").as_uri())  # type: ignore[attr-defined]
    expect(page.locator("article")).to_contain_text("Lavrov")  # type: ignore[attr-defined]
    assert attempted == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "target"),
    [("Zelenskiy", "briefs/people/volodymyr-zelensky.html"), ("Elysee", "briefs/paris-talks-2025/index.html")],
)
def test_offline_search_finds_other_spellings(
    offline_root: Path, offline_page: tuple[object, list[str]], query: str, target: str
) -> None:
    from playwright.sync_api import expect

    page, attempted = offline_page
    page.goto((offline_root / "index.html").as_uri())  # type: ignore[attr-defined]
    page.locator("input.md-search__input").focus()  # type: ignore[attr-defined]
    meta = page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
    expect(meta).to_have_text("Type to start searching", timeout=15000)  # the worker has loaded the index
    page.keyboard.type(query)  # type: ignore[attr-defined]
    top = page.locator(  # type: ignore[attr-defined]
        f"li.md-search-result__item:nth-child(-n+3) > a.md-search-result__link[href*='{target}?h=']:not([href*='#'])"
    )
    expect(top.first).to_be_visible()
    assert attempted == []


def test_zip_is_the_same_for_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "x.html").write_text("x", encoding="utf-8")
    (folder / "index.html").write_text("home", encoding="utf-8")
    (folder / ZIP_NAME).write_text("old zip", encoding="utf-8")
    write_zip(folder, tmp_path / "one.zip", ZIP_FOLDER, skip=frozenset({ZIP_NAME}))
    (folder / "index.html").touch()
    write_zip(folder, tmp_path / "two.zip", ZIP_FOLDER, skip=frozenset({ZIP_NAME}))
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == [f"{ZIP_FOLDER}/a/x.html", f"{ZIP_FOLDER}/index.html"]


def test_a_missing_search_shim_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    text = MINIMAL
    project = make_project(tmp_path / "p", {"minimal.yaml": text})
    build_site(project, pdf=False, offline=False)
    before = (project.site_dir / "index.html").read_bytes()
    (project.root / "node_modules").unlink()
    with pytest.raises(BuildFailed, match=r"run `npm ci`"):
        build_site(project, pdf=False)
    assert (project.site_dir / "index.html").read_bytes() == before


@pytest.mark.browser
def test_offline_search_finds_every_participant_and_place_by_other_spellings(
    offline_root: Path, offline_page: tuple[object, list[str]], paris_brief: object
) -> None:
    """The hosted site's test of every name (test_browser), on the offline copy's search, from disk."""
    from playwright.sync_api import expect

    page, attempted = offline_page
    page.goto((offline_root / "index.html").as_uri())  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.focus()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15000)  # type: ignore[attr-defined]

    def top(target: str, within: int) -> object:
        return page.locator(  # type: ignore[attr-defined]
            f"li.md-search-result__item:nth-child(-n+{within}) > a.md-search-result__link[href*='{target}?h=']"
        ).first

    overview = "briefs/paris-talks-2025/index.html"
    for query, slug in reader_queries(paris_brief.brief):  # type: ignore[attr-defined]
        box.press("Control+a")
        box.press("Backspace")
        box.press_sequentially(query)
        expect(box).to_have_value(without_accents(query))  # the offline box drops accents as they are typed
        if slug is not None:
            expect(top(f"briefs/people/{slug}.html", 3), query).to_be_visible()
            expect(top(overview, 5), query).to_be_visible()
        else:
            expect(top(overview, 3), query).to_be_visible()
    assert attempted == []

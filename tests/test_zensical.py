"""The exit from Material for MkDocs, tested: Zensical (pinned in requirements-bench.lock, in its own
venv .venv-bench, which `make test` installs) builds the generated Markdown of the real briefs, and in
Chromium the brief pages, a citation landing on its highlighted passage, and search all work.

Zensical reads mkdocs.yml but runs no hooks or plugins, so it is given what the hook would write:
the Markdown that `brief generate` produces. The differences from the MkDocs build are in the README.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO, BuiltSite, make_project, serve

from generator.pipeline import generate_project

pytestmark = [pytest.mark.browser, pytest.mark.site]

ZENSICAL = REPO / ".venv-bench" / "bin" / "zensical"
BRIEF = "briefs/paris-talks-2025/"


@pytest.fixture(scope="module")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, subprocess.CompletedProcess[str]]:
    assert ZENSICAL.exists(), f"{ZENSICAL} is missing: `make test` installs it from requirements-bench.lock"
    project = make_project(tmp_path_factory.mktemp("zensical") / "project")
    generate_project(project)
    result = subprocess.run(
        [str(ZENSICAL), "build", "--clean", "--config-file", str(project.config_file)],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return BuiltSite(project), result


@pytest.fixture(scope="module")
def zensical_url(zensical_build: tuple[BuiltSite, subprocess.CompletedProcess[str]]) -> Iterator[str]:
    yield from serve(zensical_build[0].site)


def test_zensical_builds_the_generated_markdown_without_issues(
    zensical_build: tuple[BuiltSite, subprocess.CompletedProcess[str]],
) -> None:
    site, result = zensical_build
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "No issues found" in output, output
    for page in (
        "index.html",
        BRIEF + "index.html",
        BRIEF + "people/index.html",
        BRIEF + "disagreements/index.html",
        BRIEF + "sources/index.html",
        "briefs/people/volodymyr-zelensky/index.html",
        "briefs/tags/index.html",
    ):
        assert (site.site / page).is_file(), page
    # The files the generator writes beside the pages travel unchanged.
    for data in ("brief.json", "agenda.ics", "annotations.jsonld"):
        assert (site.site / BRIEF / data).is_file(), data


def test_brief_pages_and_citations_work_in_zensical(page: Any, zensical_url: str, paris_brief: Any) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(15_000)
    page.goto(zensical_url + BRIEF)
    expect(page.locator("h1").first).to_contain_text(paris_brief.brief.title)
    expect(page.locator(".timeline svg")).to_be_visible()
    citations = page.locator("sup.cite a")
    assert citations.count() > 100
    citations.first.click()
    expect(page).to_have_url(re.compile(r"/sources/#q-[0-9a-f]+$"))
    expect(page.locator("mark.quoted.is-target").first).to_be_visible()


@pytest.mark.parametrize(
    ("query", "top"),
    [
        ("Zelenskiy", "briefs/people/volodymyr-zelensky/"),  # a press spelling the brief does not use
        ("Barrot", "briefs/people/jean-noel-barrot/"),
    ],
)
def test_search_works_in_zensical(page: Any, zensical_url: str, query: str, top: str) -> None:
    """Zensical's own search (its dialog opens from the header button), typed key by key."""
    from playwright.sync_api import expect

    page.set_default_timeout(15_000)
    page.goto(zensical_url)
    page.locator("button.md-search__button").click()
    box = page.get_by_role("combobox").or_(page.locator("input[aria-label='Search']")).first
    expect(box).to_be_focused()
    box.press_sequentially(query)
    results = page.locator("[aria-label='Search results'] a[role='option']")
    expect(results.first).to_have_attribute("href", re.compile(re.escape(top) + r"\?h="))
    results.first.click()
    expect(page).to_have_url(re.compile(re.escape(top)))

"""Finished pages kept between builds (generator/site/finished_pages.py): a page goes through the theme
again only when something its templates read changed, and a template that reads a field the digest leaves
out turns the keeping off. (That a warm build equals a cold one is tests/test_incremental_build.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL, make_project, replace_once, snapshot

from generator.model.project import Project
from generator.pipeline import build_site
from generator.site.finished_pages import unkept_fields


def kept(project: Project) -> set[str]:
    return {path.stem for path in (project.cache_dir / "finished-mkdocs").glob("*/*.pickle")}


def has(*fields: str) -> Callable[[str], bool]:
    return lambda field: field in fields


KNOWN = {
    "page": has("title", "url", "update_date", "markdown"),
    "nav": has("items"),
    "nav_item": has("title"),
    "toc_item": has("title"),
}


def test_a_field_the_digest_leaves_out_is_found() -> None:
    sources = {"a.html": "{{ page.title }} {{ page.update_date }} {% include 'partials/nav.html' %}"}
    assert unkept_fields(sources, KNOWN) == {"page.update_date"}


def test_fields_a_page_does_not_have_and_file_names_are_not_fields() -> None:
    sources = {"a.html": "{{ page.title }}{% if page.config %}{{ nav.items }}{% endif %}{% include 'x/page.html' %}"}
    assert unkept_fields(sources, KNOWN) == set()


@pytest.mark.site
def test_pages_are_kept_and_a_template_edit_renders_them_again(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=False)
    first, site = kept(project), snapshot(project.site_dir)
    assert first, "the first build keeps its finished pages"
    build_site(project, pdf=False, offline=False)
    assert kept(project) == first, "an unchanged project renders no page again"
    assert snapshot(project.site_dir) == site
    replace_once(project.root / "overrides" / "main.html", "{{ super() }}", "{{ super() }}<!-- edited -->")
    build_site(project, pdf=False, offline=False)
    assert not kept(project) & first, "an edited template renders every page again"
    assert "<!-- edited -->" in (project.site_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_a_template_reading_what_the_digest_leaves_out_turns_keeping_off(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"minimal.yaml": MINIMAL})
    replace_once(
        project.root / "overrides" / "main.html", "{{ super() }}", "{{ super() }}<!-- {{ page.update_date }} -->"
    )
    build_site(project, pdf=False, offline=False)
    assert len(kept(project)) <= 1, "only the list of variables the templates read is kept, no page"
    assert "<!-- 20" in (project.site_dir / "index.html").read_text(encoding="utf-8")

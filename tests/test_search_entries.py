"""The offline copy's search: Material's plugin with each page's entries kept, and its attribute strip run
only where there is something to strip. Both change nothing it makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, make_project, snapshot

from generator.pipeline import generate_project
from generator.site import search_entries
from generator.site.mkdocs_build import run_mkdocs
from generator.site.offline import OFFLINE_CONFIG

MARKED = '# Marked\n\n<div data-search-exclude="yes" markdown>\nSome words to index.\n</div>\n'
"""A page with an attribute Material's search plugin strips after indexing it."""


@pytest.mark.site
def test_stripping_only_where_present_makes_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    (project.root / "docs" / "marked.md").write_text(MARKED, encoding="utf-8")
    generate_project(project)
    calls: list[bool] = []
    original = search_entries._strip_attributes_only_where_present

    def counted(plugins: object, plugin: object) -> None:
        before = list(plugins.events["page_context"])  # type: ignore[attr-defined]
        original(plugins, plugin)
        calls.append(plugins.events["page_context"] != before)  # type: ignore[attr-defined]

    monkeypatch.setattr(search_entries, "_strip_attributes_only_where_present", counted)
    run_mkdocs(project.root / OFFLINE_CONFIG, tmp_path / "fast")
    assert calls == [True], "the plugin's method is stood in for"
    monkeypatch.setattr(search_entries, "_strip_attributes_only_where_present", lambda *_: None)
    (project.cache_dir / "search-mkdocs.offline").rename(tmp_path / "kept")  # the plugin parses every page again
    run_mkdocs(project.root / OFFLINE_CONFIG, tmp_path / "plain")
    assert snapshot(tmp_path / "fast") == snapshot(tmp_path / "plain")
    marked = (tmp_path / "fast" / "marked.html").read_text(encoding="utf-8")
    assert "Some words to index" in marked and "data-search-exclude" not in marked

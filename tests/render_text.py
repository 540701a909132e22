"""Rendering briefs for tests: the pages of brief files, or of one brief given as text."""

from __future__ import annotations

import shutil
from pathlib import Path

from brief_variants import FIXTURES

from generator.model.validate import check_files
from generator.pages.page import BriefInput
from generator.pages.site_pages import render_site
from generator.pipeline import assemble


def render_files(paths: list[Path]) -> tuple[list[BriefInput], dict[str, str]]:
    """The inputs and pages (path to Markdown) of brief files, which must pass the check."""
    checked, errors = check_files(paths)
    assert errors == [], "\n".join(map(str, errors))
    inputs = assemble(None, checked)
    return inputs, {page.path: page.content for page in render_site(inputs)}


def pages_of_text(tmp_path: Path, text: str, sources: Path = FIXTURES / "sources") -> dict[str, str]:
    """The pages of one brief given as text, with the given archive (the fixture sources by default)."""
    folder = tmp_path / "briefs"
    if not folder.exists():
        shutil.copytree(sources, folder / "sources")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    return render_files([folder / "a.yaml"])[1]

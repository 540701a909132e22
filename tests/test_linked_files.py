"""Generated data files and the last published PDFs and zip are hard-linked into the site
(generator/site/linked_files.py), and a built site still never changes under a reader: the generator and
the build replace a file whole, so the site keeps its bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import MINIMAL, make_project, replace_once

from generator.model.project import Project
from generator.pipeline import build_site, generate_project
from generator.site.mkdocs_build import run_mkdocs
from generator.site.offline import ZIP_NAME


def data_files(project: Project) -> list[Path]:
    """The archived texts, JSON and calendars the generator wrote (not its own dot files, which MkDocs leaves out)."""
    found = project.generated_dir.rglob("*")
    return sorted(p for p in found if p.is_file() and p.suffix in {".json", ".ics", ".txt"} and p.name[0] != ".")


@pytest.mark.site
def test_data_files_are_linked_and_the_built_site_keeps_its_bytes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=False)
    files = data_files(project)
    assert files
    for path in files:
        built = project.site_dir / path.relative_to(project.root / "docs")
        assert os.path.samefile(built, path), f"{built} is a link to the generated file"
    brief_json = next(p for p in files if p.name == "brief.json")
    built_json = project.site_dir / brief_json.relative_to(project.root / "docs")
    before = built_json.read_bytes()
    title = next(line for line in MINIMAL.splitlines() if line.startswith("title: "))
    replace_once(project.briefs_dir / "minimal.yaml", title, f"{title} (revised)")
    generate_project(project)  # the generator alone: the site is not built again
    assert b"(revised)" in brief_json.read_bytes()
    assert built_json.read_bytes() == before, "the published site is untouched until a build swaps it"


@pytest.mark.site
def test_a_generated_file_changed_by_hand_is_copied(tmp_path: Path) -> None:
    """(A build through the generator writes such a file again; MkDocs run on the pages as they are copies it.)"""
    project = make_project(tmp_path / "p", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=False)
    ics = next(p for p in data_files(project) if p.suffix == ".ics")
    with ics.open("a", encoding="utf-8") as handle:  # in place, as an editor might
        handle.write("\n")
    run_mkdocs(project.config_file, tmp_path / "again")
    built = tmp_path / "again" / ics.relative_to(project.root / "docs")
    assert not os.path.samefile(built, ics)
    assert built.read_bytes() == ics.read_bytes()


@pytest.mark.site
def test_the_last_published_zip_is_linked_and_a_new_build_replaces_it_whole(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=True)
    published = project.site_dir / ZIP_NAME
    before = published.read_bytes()
    run_mkdocs(project.config_file, tmp_path / "again")
    assert os.path.samefile(tmp_path / "again" / ZIP_NAME, published)
    title = next(line for line in MINIMAL.splitlines() if line.startswith("title: "))
    replace_once(project.briefs_dir / "minimal.yaml", title, f"{title} (revised)")
    build_site(project, pdf=False, offline=True)
    assert (tmp_path / "again" / ZIP_NAME).read_bytes() == before, "the zip a build linked kept its bytes"
    assert (project.site_dir / ZIP_NAME).read_bytes() != before

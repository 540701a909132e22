"""Regenerating after one brief changed rewrites only that brief's files.

Every generated file is first back-dated, so a rewrite shows as a new
modification time without waiting for the clock to tick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, make_project, replace_once, snapshot
from slugify import slugify

from generator.model.project import Project
from generator.pages.write import MANIFEST
from generator.pipeline import generate_project

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import synthetic_brief, write_corpus

LONG_AGO = 1_000_000_000  # 2001: any rewrite now gets a later modification time


def _project(tmp_path: Path, count: int = 3) -> tuple[Project, list[str]]:
    project = make_project(tmp_path / "project", {})
    write_corpus(project.briefs_dir, count)
    generate_project(project)
    return project, [synthetic_brief(i).id for i in range(count)]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every generated file's hash and modification time, after back-dating them all."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (LONG_AGO, LONG_AGO))
    return _pages(folder)


def _pages(folder: Path) -> dict[str, str]:
    """The generated files (not the manifest of when each was written), with digests and times."""
    return {name: state for name, state in snapshot(folder, times=True).items() if name != MANIFEST}


def _changed(before: dict[str, str], folder: Path) -> set[str]:
    after = _pages(folder)
    assert set(after) == set(before)
    return {name for name in before if after[name] != before[name]}


def test_regenerating_unchanged_briefs_touches_nothing(tmp_path: Path) -> None:
    project, _ = _project(tmp_path)
    before = _snapshot(project.generated_dir)
    report = generate_project(project)
    assert (report.written, report.removed) == (0, 0)
    assert report.unchanged == len(before) - 1  # every file but the generated-folder marker
    assert _changed(before, project.generated_dir) == set()


def test_a_changed_brief_rewrites_only_its_own_page(tmp_path: Path) -> None:
    project, ids = _project(tmp_path)
    before = _snapshot(project.generated_dir)
    replace_once(project.briefs_dir / f"{ids[1]}.yaml", "status: held", "status: reported")
    report = generate_project(project)
    assert report.written == 2
    # the agenda is on the overview page and in the brief's JSON; nothing else mentions the status
    assert _changed(before, project.generated_dir) == {f"{ids[1]}/index.md", f"{ids[1]}/brief.json"}


def test_a_changed_key_point_rewrites_the_brief_and_the_list_of_briefs(tmp_path: Path) -> None:
    project, ids = _project(tmp_path)
    before = _snapshot(project.generated_dir)
    # the first key point is the brief's line on the list of briefs and in the feed
    replace_once(project.briefs_dir / f"{ids[0]}.yaml", "key_points:\n- says: ", "key_points:\n- says: Revised. ")
    generate_project(project)
    # the sentence is also the body of its citations' Web Annotations
    assert _changed(before, project.generated_dir) == {
        "index.md",
        "feed.xml",
        f"{ids[0]}/index.md",
        f"{ids[0]}/brief.json",
        f"{ids[0]}/annotations.jsonld",
    }


def test_a_changed_source_text_rewrites_only_the_sources_page_and_the_archive_copy(tmp_path: Path) -> None:
    project, ids = _project(tmp_path)
    before = _snapshot(project.generated_dir)
    source = project.briefs_dir / "sources" / f"{ids[2]}-3.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nA paragraph added by the archivist.\n", encoding="utf-8")
    generate_project(project)
    # the Web Annotations change too: a quote's selector carries the words around it, here the text's end
    assert _changed(before, project.generated_dir) == {
        f"{ids[2]}/sources.md",
        f"{ids[2]}/archive/{ids[2]}-3.txt",
        f"{ids[2]}/annotations.jsonld",
    }


def test_a_removed_brief_removes_its_files_and_leaves_the_others(tmp_path: Path) -> None:
    project, ids = _project(tmp_path)
    before = _snapshot(project.generated_dir)
    removed = yaml.safe_load((project.briefs_dir / f"{ids[1]}.yaml").read_text(encoding="utf-8"))
    people = {slugify(p["name"]) for p in removed["participants"]}
    (project.briefs_dir / f"{ids[1]}.yaml").unlink()
    report = generate_project(project)
    after = {
        str(p.relative_to(project.generated_dir))
        for p in project.generated_dir.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    gone = set(before) - after
    assert report.removed == len(gone)
    assert {name for name in before if name.startswith(f"{ids[1]}/")} <= gone
    # only the removed brief's own files, pages of people who appeared in no other brief, pages of tags
    # no other brief carries, and the last page of a list that got shorter, disappear
    tags = set(removed.get("tags", []))
    assert all(
        name.startswith(f"{ids[1]}/")
        or (name.startswith("people/") and name[7:-3] in people)
        or (name.startswith("tags/") and name[5:-3] in tags)
        or "--page-" in name
        for name in gone
    ), sorted(name for name in gone if not name.startswith(f"{ids[1]}/"))
    # what changes is the list of briefs, the tag and people indexes, and pages of people it shared
    changed = _changed({name: before[name] for name in after}, project.generated_dir)
    assert "index.md" in changed
    assert all(
        name in ("index.md", "tags.md", "feed.xml", "people/index.md")
        or name.startswith("tags/")
        or "--page-" in name
        or name[7:-3] in people
        for name in changed
    )


@pytest.mark.parametrize("broken", ["quote", "source"])
def test_a_brief_broken_by_its_archive_is_caught_on_the_rerun(tmp_path: Path, broken: str) -> None:
    """The archive texts are inputs too: a rerun must re-check quotes against them."""
    project, ids = _project(tmp_path, 2)
    before = _snapshot(project.generated_dir)
    source = project.briefs_dir / "sources" / f"{ids[0]}-0.txt"
    if broken == "quote":
        source.write_text("The archivist replaced this text.\n", encoding="utf-8")
    else:
        source.unlink()
    from generator.model.errors import BuildFailed

    with pytest.raises(BuildFailed) as failure:
        generate_project(project)
    codes = {e.code for e in failure.value.errors}
    assert codes == ({"misquote"} if broken == "quote" else {"missing-source-file"})
    assert _changed(before, project.generated_dir) == set()

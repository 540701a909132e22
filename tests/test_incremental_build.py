"""An incremental build equals a cold build, byte for byte: after one brief is edited, one added, one removed,
and a person shared by two briefs changed, the site built with the last build's kept work (build/cache/)
is the site a build from nothing makes of the same input. And the kept work is used: each time only the
briefs that changed are checked and rendered again, and MkDocs converts and runs through the theme only
the pages that changed."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import REPO, git, make_project, replace_once, snapshot

from generator.model.project import Project
from generator.pages.write import MANIFEST
from generator.pipeline import build_site
from generator.site.offline import ZIP_NAME

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import synthetic_brief, write_corpus


def entries(project: Project, kind: str) -> set[str]:
    """The kept work of one kind, by digest."""
    return {path.stem for path in (project.cache_dir / kind).glob("*/*.pickle")}


def markdown(project: Project) -> dict[str, str]:
    """The generated Markdown pages, by path, with their digests."""
    return {name: state for name, state in snapshot(project.generated_dir).items() if name.endswith(".md")}


def without_manifest(files: dict[str, str]) -> dict[str, str]:
    """The generated folder's files but its manifest (which records when each file was written)."""
    return {name: value for name, value in files.items() if name != MANIFEST}


def cold_build(project: Project, root: Path) -> Project:
    """The same input (briefs, sources, git history, code) built from nothing in another folder."""
    shutil.copytree(
        project.root,
        root,
        symlinks=True,
        ignore=lambda folder, names: (
            [n for n in names if n in ("build", "site") or n.startswith("site.")]
            + (["briefs"] if Path(folder).name == "docs" else [])
        ),
    )
    cold = Project(root)
    build_site(cold, pdf=False, offline=False)
    return cold


def commit(project: Project, message: str) -> None:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", message, date="2025-05-01T09:00:00+00:00")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Project, list[str]]:
    """Three synthetic briefs in a git checkout, built once (so the next build is incremental)."""
    project = make_project(tmp_path / "project", {})
    write_corpus(project.briefs_dir, 3)
    (project.root / ".gitignore").write_text("/build/\n/site/\n/docs/briefs/\n", encoding="utf-8")
    git(project.root, "init", "-q")
    commit(project, "three briefs")
    build_site(project, pdf=False, offline=False)
    return project, [synthetic_brief(i).id for i in range(3)]


def edit_one_brief(project: Project, ids: list[str]) -> None:
    replace_once(project.briefs_dir / f"{ids[1]}.yaml", "status: held", "status: reported")


def add_one_brief(project: Project, ids: list[str]) -> None:
    added = synthetic_brief(3)
    for name, text in added.sources.items():
        (project.briefs_dir / "sources" / name).write_text(text, encoding="utf-8")
    (project.briefs_dir / added.file_name).write_text(added.yaml_text, encoding="utf-8")


def remove_one_brief(project: Project, ids: list[str]) -> None:
    (project.briefs_dir / f"{ids[2]}.yaml").unlink()


def change_a_shared_person(project: Project, ids: list[str]) -> None:
    """Give, in the first brief, another spelling to a person who is in the first two briefs (a person's
    pages gather the person's appearances and spellings from every brief)."""
    first, second = (yaml.safe_load((project.briefs_dir / f"{i}.yaml").read_text(encoding="utf-8")) for i in ids[:2])
    name = next(p["name"] for p in first["participants"] if p["name"] in {q["name"] for q in second["participants"]})
    given, family = name.split(" ", 1)
    replace_once(
        project.briefs_dir / f"{ids[0]}.yaml",
        f"  name: {name}\n",
        f"  name: {name}\n  variants: [{given[0]}. {family}]\n",
    )


CHANGES: dict[str, tuple[Callable[[Project, list[str]], None], int]] = {
    # the change, and how many briefs must be checked and rendered again
    "edit one brief": (edit_one_brief, 1),
    "add one brief": (add_one_brief, 1),
    "remove one brief": (remove_one_brief, 0),
    "change a person two briefs share": (change_a_shared_person, 1),
}


@pytest.mark.site
@pytest.mark.parametrize("change", list(CHANGES))
def test_an_incremental_build_equals_a_cold_build(
    built: tuple[Project, list[str]], tmp_path: Path, change: str
) -> None:
    project, ids = built
    make_change, redone = CHANGES[change]
    checked_before, pages_before = entries(project, "checked"), entries(project, "pages")
    people_before = entries(project, "people")
    converted_before, markdown_before = entries(project, "converted-mkdocs"), markdown(project)
    finished_before = entries(project, "finished-mkdocs")
    make_change(project, ids)
    commit(project, change)
    build_site(project, pdf=False, offline=False)
    assert len(entries(project, "checked") - checked_before) == redone, "only the changed briefs are checked"
    assert len(entries(project, "pages") - pages_before) == redone, "only the changed briefs are rendered"
    people_now = entries(project, "people")
    assert len(people_now - people_before) < len(people_now), "people in no changed brief keep their pages"
    changed = {name for name, state in markdown(project).items() if markdown_before.get(name) != state}
    assert len(entries(project, "converted-mkdocs") - converted_before) == len(changed) > 0, (
        "MkDocs converts only the pages whose Markdown changed"
    )
    finished_now = entries(project, "finished-mkdocs")
    assert 0 < len(finished_now - finished_before) <= len(changed) < len(finished_now), (
        "only pages whose HTML changed go through the theme's templates again"
    )
    cold = cold_build(project, tmp_path / "cold")
    assert without_manifest(snapshot(project.generated_dir)) == without_manifest(snapshot(cold.generated_dir))
    assert snapshot(project.site_dir) == snapshot(cold.site_dir)


@pytest.mark.site
def test_the_offline_copy_built_incrementally_equals_a_cold_one(
    built: tuple[Project, list[str]], tmp_path: Path
) -> None:
    """The offline copy's MkDocs build keeps its own conversions, finished pages and search entries."""
    project, ids = built
    build_site(project, pdf=False, offline=True)
    searched = entries(project, "search-mkdocs.offline")
    assert searched, "the offline build keeps each page's search entries"
    edit_one_brief(project, ids)
    commit(project, "edit one brief")
    build_site(project, pdf=False, offline=True)
    now = entries(project, "search-mkdocs.offline")
    assert 0 < len(now - searched) < len(now), "only changed pages are parsed for search again"
    cold = tmp_path / "cold"
    shutil.copytree(project.root, cold, symlinks=True, ignore=shutil.ignore_patterns("build", "site", "site.*"))
    shutil.rmtree(cold / "docs" / "briefs")
    build_site(Project(cold), pdf=False, offline=True)
    assert (project.site_dir / ZIP_NAME).read_bytes() == (cold / "site" / ZIP_NAME).read_bytes()

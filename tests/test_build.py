"""Build: incremental writing, an atomic site swap, and the MkDocs hook path.

What a failed build must leave behind (the previous site byte-for-byte, no strays,
through the API and through `make site`) is tested in test_hostile_build.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, BuiltSite, make_project, snapshot

from generator.model.errors import BuildFailed
from generator.pages.page import Page
from generator.pages.write import MANIFEST, MARKER, write_pages
from generator.pipeline import build_site

BROKEN = MINIMAL.replace("    kind: talks\n", "    kind: parley\n")


def test_write_pages_touches_only_changed_files(tmp_path: Path) -> None:
    folder = tmp_path / "generated"
    first = [
        Page("index.md", "# Index\n"),
        Page("a/index.md", "# A\n"),
        Page("a/people.md", "# People\n"),
        Page("old/index.md", "# Old\n"),
    ]
    report = write_pages(first, folder)
    assert (report.written, report.unchanged, report.removed) == (4, 0, 0)
    assert (folder / MARKER).is_file()
    past = 1_000_000_000
    for path in folder.rglob("*.md"):
        os.utime(path, (past, past))
    second = [Page("index.md", "# Index\n"), Page("a/index.md", "# A, changed\n"), Page("a/people.md", "# People\n")]
    report = write_pages(second, folder)
    assert (report.written, report.unchanged, report.removed) == (1, 2, 1)
    assert (folder / "a" / "index.md").read_text(encoding="utf-8") == "# A, changed\n"
    for unchanged in ("index.md", "a/people.md"):
        assert (folder / unchanged).stat().st_mtime == past, f"{unchanged} was rewritten"
    assert (folder / "a" / "index.md").stat().st_mtime != past
    assert not (folder / "old").exists(), "stale pages and their empty folders are removed"
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == [
        MARKER,
        MANIFEST,  # what each file holds, for the next build (see test_incremental_build)
        "a",
        "a/index.md",
        "a/people.md",
        "index.md",
    ]


def test_write_pages_is_idempotent(tmp_path: Path) -> None:
    pages = [Page("index.md", "# Index\n"), Page("b/sources.md", "# S\n")]
    write_pages(pages, tmp_path / "g")
    before = snapshot(tmp_path / "g")
    report = write_pages(pages, tmp_path / "g")
    assert (report.written, report.unchanged, report.removed) == (0, 2, 0)
    assert snapshot(tmp_path / "g") == before


@pytest.mark.parametrize("path", ["../escape.md", "a/../../escape.md", "link/escape.md", "a/..", "/escape.md"])
def test_write_pages_refuses_paths_outside_the_folder(tmp_path: Path, path: str) -> None:
    (tmp_path / "g").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "g" / "link").symlink_to(tmp_path / "elsewhere")  # a folder that leads out of it
    with pytest.raises(BuildFailed, match="outside"):
        write_pages([Page(path, "x")], tmp_path / "g")
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "elsewhere" / "escape.md").exists()


def test_build_replaces_the_site_on_success(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=False)
    changed = MINIMAL.replace("title: Talks in Geneva", "title: Negotiations in Geneva")
    (project.briefs_dir / "minimal.yaml").write_text(changed, encoding="utf-8")
    build_site(project, pdf=False, offline=False)
    html = (project.site_dir / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8")
    assert "Negotiations in Geneva" in html and "Talks in Geneva" not in html


def _mkdocs(project_root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEF_ROOT", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", "built"],
        cwd=project_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_mkdocs_build_runs_the_hook(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    assert not project.generated_dir.exists()
    result = _mkdocs(project.root)
    assert result.returncode == 0, result.stderr
    assert (project.generated_dir / "geneva-talks" / "index.md").is_file(), "the hook generated the pages"
    html = (project.root / "built" / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8")
    assert "Shelling of Exampleville" in html


def test_mkdocs_build_with_a_broken_brief_fails_with_its_message(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"minimal.yaml": BROKEN})
    result = _mkdocs(project.root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    line = BROKEN[: BROKEN.index("parley")].count("\n") + 1
    column = BROKEN.index("parley") - BROKEN.rfind("\n", 0, BROKEN.index("parley"))
    assert f"briefs/minimal.yaml:{line}:{column}: agenda[0].kind: 'parley' is not allowed" in output
    assert "Traceback" not in output
    assert not (project.root / "built").exists()


def test_session_site_has_no_staging_leftovers(minimal_site: BuiltSite) -> None:
    root = minimal_site.project.root
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site"]

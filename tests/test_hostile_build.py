"""Nothing lost: failed builds leave the previous site byte-for-byte, removed pages go,
and two builds of one commit are byte-identical."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, make_project
from generator.build import FALLBACK_EPOCH, BuildFailed, build_site
from generator.project import Project

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
SECOND = (MINIMAL.replace("id: geneva-talks", "id: second-brief").replace("title: Geneva talks", "title: Second brief"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def strays(project: Project) -> list[str]:
    """Build leftovers beside site/: staging folders or an old site."""
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(project.site_dir.name + "."))


@pytest.fixture
def built(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL, "second.yaml": SECOND})
    build_site(project)
    return project


def test_failing_brief_leaves_the_site_as_it_was(built: Project) -> None:
    before = snapshot(built.site_dir)
    (built.briefs_dir / "second.yaml").write_text(SECOND.replace("approximate", "x").replace(
        "basis: stated}", "basis: stated, approximate: yes}", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(built)
    assert [(e.file, e.code, e.line) for e in caught.value.errors] == [("briefs/second.yaml", "wrong-type", 6)]
    assert snapshot(built.site_dir) == before
    assert strays(built) == []


def test_failing_mkdocs_step_leaves_the_site_as_it_was(built: Project) -> None:
    before = snapshot(built.site_dir)
    (built.root / "docs" / "broken.md").write_text("# Broken\n\n[missing](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="MkDocs refused the site"):
        build_site(built)
    assert snapshot(built.site_dir) == before
    assert strays(built) == []


def _make_site(project: Project) -> subprocess.CompletedProcess[str]:
    """`make site` in a scratch project, with this checkout's already installed venv."""
    venv = Path(sys.executable).parent.parent
    shutil.copy(REPO / "Makefile", project.root / "Makefile")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(["make", "-o", f"{venv}/.site-installed", "site", f"VENV={venv}"], cwd=project.root,
                          env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize("breakage", ["brief", "mkdocs"])
def test_failed_make_site_leaves_the_site_as_it_was(built: Project, breakage: str) -> None:
    before = snapshot(built.site_dir)
    if breakage == "brief":
        (built.briefs_dir / "second.yaml").write_text(SECOND + "unknown_key: 1\n", encoding="utf-8")
    else:
        (built.root / "docs" / "broken.md").write_text("[missing](nowhere.md)\n", encoding="utf-8")
    result = _make_site(built)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    if breakage == "brief":
        assert "briefs/second.yaml:" in result.stderr and "[unknown-key]" in result.stderr
    else:
        assert "the previous site/ was left as it was" in result.stderr
    assert snapshot(built.site_dir) == before
    assert strays(built) == []


def test_make_site_succeeds_and_replaces_the_site(built: Project) -> None:
    (built.briefs_dir / "second.yaml").unlink()
    result = _make_site(built)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (built.site_dir / "briefs" / "second-brief").exists()
    assert strays(built) == []


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def _ids(page: Path) -> set[str]:
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.ids


def test_pages_of_removed_briefs_and_entries_disappear(built: Project) -> None:
    second = built.site_dir / "briefs" / "second-brief"
    assert (second / "index.html").is_file()
    assert "exampleville-shelling" in _ids(built.site_dir / "briefs" / "geneva-talks" / "index.html")
    (built.briefs_dir / "second.yaml").unlink()
    text = MINIMAL
    start, end = text.index("casualty_events:"), text.index("open_questions:")
    (built.briefs_dir / "minimal.yaml").write_text(text[:start] + text[end:].replace(
        "entries: [exampleville-shelling]", "entries: []"), encoding="utf-8")
    build_site(built)
    assert not second.exists()
    assert not (built.generated_dir / "second-brief").exists()
    assert "second-brief" not in (built.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Second brief" not in (built.site_dir / "briefs" / "index.html").read_text(encoding="utf-8")
    assert "exampleville-shelling" not in _ids(built.site_dir / "briefs" / "geneva-talks" / "index.html")
    assert "casualties" not in _ids(built.site_dir / "briefs" / "geneva-talks" / "index.html")


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = make_project(tmp_path / "one", {"minimal.yaml": MINIMAL, "second.yaml": SECOND})
    second = make_project(tmp_path / "two", {"minimal.yaml": MINIMAL, "second.yaml": SECOND})
    build_site(first)
    before = snapshot(first.site_dir)
    build_site(first)  # again, in place
    build_site(second)  # and in another folder
    assert snapshot(first.site_dir) == before
    assert snapshot(second.site_dir) == before


def _build_time(project: Project) -> int:
    """The modification time MkDocs wrote into sitemap.xml.gz's gzip header (its build date)."""
    raw = (project.site_dir / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(raw) == (project.site_dir / "sitemap.xml").read_bytes()
    return int.from_bytes(raw[4:8], "little")


def test_build_date_is_the_commit_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    git = ["git", "-C", str(project.root), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "briefs", "mkdocs.yml"], check=True)
    date = "2001-09-09T01:46:40+00:00"  # 1000000000
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date})
    build_site(project)
    assert _build_time(project) == 999993600  # 2001-09-09: MkDocs keeps the day of the commit


def test_build_date_falls_back_to_a_fixed_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    build_site(project)
    assert _build_time(project) == int(FALLBACK_EPOCH)  # 2025-01-01


def test_caller_build_date_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")  # 2009-02-13
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    build_site(project)
    assert _build_time(project) == 1234483200  # 2009-02-13
    assert os.environ["SOURCE_DATE_EPOCH"] == "1234567890"

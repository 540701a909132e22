"""Nothing lost: failed builds leave the previous site byte-for-byte, removed pages go,
and two builds of one commit are byte-identical."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import MINIMAL, MINIMAL_FILE, REPO, make_project, snapshot
from positions import locate
from site_search import pagefind_fragments

from generator.model.errors import BuildFailed
from generator.model.project import Project
from generator.pipeline import build_site
from generator.site.mkdocs_build import FALLBACK_EPOCH
from generator.site.offline import ZIP_NAME

SECOND = MINIMAL.replace("id: geneva-talks", "id: second-brief").replace("title: Geneva talks", "title: Second brief")


def strays(project: Project) -> list[str]:
    """Build leftovers beside site/: staging folders or an old site."""
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(project.site_dir.name + "."))


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Two briefs built as `make site` builds them, PDFs and offline zip included: all of it must survive a failure."""
    project = make_project(
        tmp_path_factory.mktemp("built") / "project", {"minimal.yaml": MINIMAL, "second.yaml": SECOND}
    )
    build_site(project)
    assert (project.site_dir / "briefs" / "second-brief" / "second-brief.pdf").is_file()
    assert (project.site_dir / ZIP_NAME).is_file()
    return project


@pytest.fixture
def built(built_once: Project, tmp_path: Path) -> Project:
    """A copy of that project (site, pages and PDF cache) of its own for each test, which changes and rebuilds it."""
    root = tmp_path / "project"
    shutil.copytree(built_once.root, root, symlinks=True)
    return Project(root)


def test_failing_brief_leaves_the_site_as_it_was(built: Project) -> None:
    before = snapshot(built.site_dir)
    generated_before = snapshot(built.generated_dir)
    broken = SECOND.replace("basis: stated}", "basis: stated, approximate: yes}", 1)
    (built.briefs_dir / "second.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(built)
    [error] = caught.value.errors
    assert (error.file, error.code, error.line, error.column) == (
        "briefs/second.yaml",
        "wrong-type",
        *locate(broken, "yes}"),
    )
    assert error.message == (
        "when.approximate: expected true or false, found 'yes'; write true or false "
        "(yes/no/on/off are read as text, not as true/false)"
    )
    assert snapshot(built.site_dir) == before
    assert snapshot(built.generated_dir) == generated_before, "no page was regenerated from a failing brief"
    assert strays(built) == []


def test_failing_mkdocs_step_leaves_the_site_as_it_was(built: Project) -> None:
    before = snapshot(built.site_dir)
    (built.root / "docs" / "broken.md").write_text("# Broken\n\n[missing](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="MkDocs refused the site"):
        build_site(built)
    assert snapshot(built.site_dir) == before
    assert strays(built) == []


def _make_site(project: Project) -> subprocess.CompletedProcess[str]:
    """`make site` in a scratch project, with this checkout's already installed venv and node_modules.

    ``-o`` tells make those are up to date: the scratch project's node_modules/ is a link
    to this checkout's (see make_project), which `npm ci` there would wipe and reinstall.
    """
    venv = Path(sys.executable).parent.parent
    assert (project.root / "node_modules" / "iframe-worker").is_dir(), "run `npm ci` in this checkout first"
    shutil.copy(REPO / "Makefile", project.root / "Makefile")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(
        ["make", "-o", f"{venv}/.site-installed", "-o", "node_modules/.installed", "site", f"VENV={venv}"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


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
    assert (built.site_dir / "briefs" / "geneva-talks" / "geneva-talks.pdf").is_file()
    assert (built.site_dir / ZIP_NAME).is_file()
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


def test_pages_of_removed_briefs_and_entries_disappear(tmp_path: Path) -> None:
    built = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL, "second.yaml": SECOND})
    build_site(built, pdf=False, offline=False)
    second = built.site_dir / "briefs" / "second-brief"
    assert (second / "index.html").is_file()
    assert "exampleville-shelling" in _ids(built.site_dir / "briefs" / "geneva-talks" / "index.html")
    (built.briefs_dir / "second.yaml").unlink()
    text = MINIMAL
    start, end = text.index("impact_events:"), text.index("open_questions:")
    (built.briefs_dir / "minimal.yaml").write_text(
        text[:start] + text[end:].replace("entries: [exampleville-shelling]", "entries: []"), encoding="utf-8"
    )
    build_site(built, pdf=False, offline=False)
    assert not second.exists()
    assert not (built.generated_dir / "second-brief").exists()
    assert not any("second-brief" in f["url"] for f in pagefind_fragments(built.site_dir))
    assert "Second brief" not in (built.site_dir / "briefs" / "index.html").read_text(encoding="utf-8")
    assert "exampleville-shelling" not in _ids(built.site_dir / "briefs" / "geneva-talks" / "index.html")
    assert "impact" not in _ids(built.site_dir / "briefs" / "geneva-talks" / "index.html")


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
    subprocess.run(
        [*git, "commit", "-q", "-m", "x"],
        check=True,
        env={**os.environ, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date},
    )
    build_site(project, pdf=False, offline=False)
    assert _build_time(project) == 999993600  # 2001-09-09: MkDocs keeps the day of the commit


def test_build_date_falls_back_to_a_fixed_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=False)
    assert _build_time(project) == int(FALLBACK_EPOCH)  # 2025-01-01


def test_caller_build_date_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")  # 2009-02-13
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=False)
    assert _build_time(project) == 1234483200  # 2009-02-13
    assert os.environ["SOURCE_DATE_EPOCH"] == "1234567890"


def test_a_label_full_of_markup_builds_into_inert_text(tmp_path: Path) -> None:
    """A label `brief check` accepts must build: quotes and parentheses in link titles once broke the links."""
    label = "News report (001) <a href=\"javascript:alert('X6')\">x</a>"
    text = (MINIMAL_FILE).read_text(encoding="utf-8").replace("label: Wire report", "label: " + json.dumps(label))
    project = make_project(tmp_path / "project", {"minimal.yaml": text})
    build_site(project, pdf=False, offline=False)
    page = (project.site_dir / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8")
    assert "javascript:alert" in page and '<a href="javascript' not in page
    titles = [t for t in re.findall(r' title="([^"]*)"', page) if "News report" in t]
    assert titles and all(
        html.unescape(t).startswith(label + ": \u201c")
        or html.unescape(t).startswith(label.replace('"', "\u201d") + ": \u201c")
        for t in titles
    ), titles[:2]

"""One orchestrator: every command runs the same stages, so `brief pdf` and `brief build` make the same
PDF from the same commit, and a code-only commit renders nothing again. (How imports may run: test_layers.)"""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, git, make_project

from generator.pipeline import build_pdfs, build_site

PDF = Path("briefs/geneva-talks/geneva-talks.pdf")


def committed_project(root: Path):  # type: ignore[no-untyped-def]
    project = make_project(root, {"minimal.yaml": MINIMAL})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the brief", date="2025-04-18T09:00:00+00:00")
    return project


def test_brief_pdf_and_brief_build_make_the_same_pdf_with_the_history(tmp_path: Path) -> None:
    project = committed_project(tmp_path / "project")
    build_site(project, offline=False)
    built = (project.site_dir / PDF).read_bytes()
    results = build_pdfs(project, out_dir=tmp_path / "out")
    assert not results[0].rendered, "the same print HTML: the cached PDF of `brief build` is reused"
    assert (tmp_path / "out" / "geneva-talks.pdf").read_bytes() == built
    overview = (project.site_dir / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8")
    assert "not in a git checkout" not in overview and "18 Apr 2025" in overview


def test_a_commit_that_changes_no_brief_renders_no_pdf_again(tmp_path: Path) -> None:
    project = committed_project(tmp_path / "project")
    build_pdfs(project)
    (project.root / "NOTES.md").write_text("A note about the code.\n", encoding="utf-8")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "code only", date="2025-05-01T09:00:00+00:00")
    assert [r.rendered for r in build_pdfs(project)] == [False]
    (project.briefs_dir / "minimal.yaml").write_text(
        MINIMAL.replace("title: Talks in Geneva", "title: Negotiations in Geneva")
    )
    git(project.root, "commit", "-q", "-am", "the brief changed", date="2025-05-02T09:00:00+00:00")
    assert [r.rendered for r in build_pdfs(project)] == [True]

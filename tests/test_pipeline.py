"""One orchestrator: every command runs the same stages, so `brief pdf` and `brief build` make the same
PDF from the same commit, and a code-only commit renders nothing again. (How imports may run: test_layers.)"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from conftest import MINIMAL, git, make_project, run_brief

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


def test_pdfs_made_beside_the_offline_copy_are_the_ones_brief_pdf_makes_and_go_into_the_zip(tmp_path: Path) -> None:
    """As `brief build` runs (one thread), the PDFs are made in a forked process while the offline copy is
    built: the same bytes as `brief pdf` makes in this process, published in the site and in its zip.
    `--timings` shows the stages in the order they ended, the forked ones overlapping the offline copy."""
    project = committed_project(tmp_path / "project")
    result = run_brief(project.root, "build", "--timings")
    assert result.returncode == 0, result.stderr[-3000:]
    built = (project.site_dir / PDF).read_bytes()
    with zipfile.ZipFile(project.site_dir / "event-briefs-offline.zip") as archive:
        assert archive.read(f"event-briefs/{PDF.as_posix()}") == built
    spans = {
        line.split("  ")[0]: [float(x) for x in re.findall(r"(-?[\d.]+) s", line)]
        for line in result.stderr.splitlines()
        if re.search(r" s to +[\d.]+ s", line)
    }
    assert list(spans) == [
        "check",
        "generate",
        "MkDocs",
        "offline copy: MkDocs",
        "publishing the PDFs (waiting for them first)",
        "PDFs, in a forked process",
        "offline copy: zip",
        "search index, in a forked process",
        "swap into site/",
        "total",
    ]
    pdfs, offline = spans["PDFs, in a forked process"], spans["offline copy: MkDocs"]
    assert pdfs[0] >= spans["MkDocs"][1] - 0.1, "forked once MkDocs had built the site"  # (times rounded to 0.1 s)
    assert pdfs[0] < offline[1], "made beside the offline copy"
    assert spans["total"][1] == spans["swap into site/"][1]
    (project.root / "build" / "pdf-cache").rename(tmp_path / "kept-pdfs")  # rendered again, here
    results = build_pdfs(project, out_dir=tmp_path / "out")
    assert results[0].rendered
    assert (tmp_path / "out" / "geneva-talks.pdf").read_bytes() == built

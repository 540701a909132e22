"""scripts/same_output.py, which showed that putting the generator in layers changed no byte of the site,
its PDFs or its offline zip: it finds a change in what is built, and no change where there is none."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, REPO, git, make_project


def committed_project_with_its_own_code(root: Path) -> Path:
    project = make_project(root, {"minimal.yaml": MINIMAL})
    (root / "generator").unlink()  # a symlink to this checkout's code: each revision needs its own
    shutil.copytree(REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (root / ".gitignore").write_text("site/\nbuild/\ndocs/briefs/\nnode_modules\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the brief", date="2025-04-18T09:00:00+00:00")
    return project.root


def same_output(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "same_output.py"), "HEAD", "--project", str(root)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_same_output_finds_no_difference_where_there_is_none_and_names_each_one_there_is(tmp_path: Path) -> None:
    root = committed_project_with_its_own_code(tmp_path / "project")
    unchanged = same_output(root)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    assert unchanged.stdout.startswith("identical: ")

    template = root / "generator" / "pages" / "templates" / "tags.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("across all briefs", "across every brief"))
    changed = same_output(root)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert {"differs: briefs/tags/index.html", "differs: event-briefs-offline.zip"} <= set(changed.stdout.splitlines())
    assert not any(line.endswith(".pdf") for line in changed.stdout.splitlines()), "the tag list is not in a PDF"

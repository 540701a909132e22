"""A build killed at any moment leaves the last good site intact; the next one cleans up after it;
two builds started at once take turns."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import MINIMAL, make_project, snapshot

from generator.pipeline import build_site
from generator.site.staging import build_lock

BUILD = (
    "import sys; from generator.model.project import Project; from generator.pipeline import build_site; "
    "build_site(Project(__import__('pathlib').Path(sys.argv[1])), pdf=False, offline=False)"
)


def start_build(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", BUILD, str(root)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def staging_folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("site.") and p.is_dir())


def test_sigkill_at_random_moments_never_damages_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    brief = project.briefs_dir / "minimal.yaml"
    changed = MINIMAL.replace("title: Talks in Geneva", "title: Negotiations in Geneva")
    whole = []  # the two whole sites: every kill must leave one of them, the old or the new
    for text in (changed, MINIMAL):
        brief.write_text(text, encoding="utf-8")
        build_site(project, pdf=False, offline=False)
        whole.append(snapshot(project.site_dir))
    moments = random.Random(20250417).sample([0.2, 0.5, 0.8, 1.2, 1.6, 2.0, 2.5], 4)
    killed = 0
    for number, moment in enumerate(moments):
        brief.write_text((changed, MINIMAL)[number % 2], encoding="utf-8")
        build = start_build(project.root)
        deadline = time.monotonic() + moment
        while build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # the moment to kill at, not a wait for a condition
        if build.poll() is None:
            build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        killed += build.returncode == -signal.SIGKILL
        assert snapshot(project.site_dir) in whole, f"site damaged by a build killed after {moment} s"
    assert killed, "at least one build was killed part-way"
    (project.root / "site.k1ll3d00").mkdir()  # as a build killed after mkdtemp leaves it
    (project.root / "site.k1ll3d00" / "index.html").write_text("half", encoding="utf-8")
    build_site(project, pdf=False, offline=False)
    assert staging_folders(project.root) == [], "the next build removes what killed builds left"
    assert (project.site_dir / "briefs" / "geneva-talks" / "index.html").is_file()


def test_a_swap_interrupted_between_its_renames_is_repaired_by_the_next_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    build_site(project, pdf=False, offline=False)
    whole = snapshot(project.site_dir)
    project.site_dir.rename(project.root / "site.old")  # where a two-rename swap can be killed
    with build_lock(project.site_dir):
        assert snapshot(project.site_dir) == whole, "the last good site is put back before anything else"


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    with build_lock(project.site_dir):
        second = start_build(project.root)
        message = second.stderr.readline().decode() if second.stderr else ""
        assert message == "another build of site/ is running; waiting for it to finish\n"
        assert second.poll() is None, "it waits while the first holds the lock"
    _, errors = second.communicate(timeout=300)
    assert second.returncode == 0, errors.decode()
    assert (project.site_dir / "briefs" / "geneva-talks" / "index.html").is_file()

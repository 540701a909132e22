"""Pages converted in worker processes: the same site as a serial build, and every warning still counts.

The builds run in fresh interpreters (:func:`tests.conftest.run_python`): a test process may run a
server or browser thread, and a process with other threads never forks workers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_project, run_python, snapshot

from generator.pipeline import generate_project
from generator.site.parallel_pages import _share
from generator.system.workers import cores

CONVERTED = re.compile(r"converted (\d+) of (\d+) pages in (\d+) worker process")

BUILD = """
import logging, sys
from pathlib import Path
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
import generator.system.workers as workers
if sys.argv[3] == "serial":
    workers.worker_count = lambda items: 0
from generator.model.errors import BuildFailed
from generator.site.mkdocs_build import run_mkdocs
try:
    run_mkdocs(Path(sys.argv[1]) / "mkdocs.yml", Path(sys.argv[2]))
except BuildFailed as exc:
    print("BUILD FAILED:", exc, file=sys.stderr)
"""


def build(root: Path, site: Path, mode: str) -> str:
    """Build the generated pages with MkDocs in a fresh process; its log."""
    return run_python(BUILD, str(root), str(site), mode, cwd=root).stderr


def converted_by_workers(log: str) -> int:
    """How many pages the build's workers converted, as it logged it (0 if none ran)."""
    counts = [int(m.group(1)) for m in CONVERTED.finditer(log)]
    return counts[-1] if counts else 0


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("parallel") / "project")
    generate_project(project)
    return project


def test_this_machine_has_a_core_to_spare() -> None:
    # The tests below prove the parallel path only where it runs; CI and this project's machine have 2 cores.
    assert cores() >= 2


def test_share_gives_each_process_about_the_same_bytes() -> None:
    sizes = [100, 5, 5, 90, 10, 10, 40, 60, 1, 1]
    to_workers = _share(sizes, 1)
    here = sum(s for s, sent in zip(sizes, to_workers) if not sent)
    there = sum(s for s, sent in zip(sizes, to_workers) if sent)
    assert to_workers[0] is False  # the first page is converted here, while the workers start
    assert abs(here - there) <= max(sizes)
    # With three workers, this process takes about a quarter.
    three = _share([10] * 40, 3)
    assert sum(1 for sent in three if not sent) == 10


def test_a_parallel_build_writes_the_same_site_as_a_serial_one(generated, tmp_path: Path) -> None:
    log = build(generated.root, tmp_path / "parallel", "parallel")
    assert "BUILD FAILED" not in log
    pages = len(list((generated.root / "docs").rglob("*.md")))
    assert 0 < converted_by_workers(log) < pages, "the workers converted some pages, and this process the rest"

    log = build(generated.root, tmp_path / "serial", "serial")
    assert "BUILD FAILED" not in log
    assert converted_by_workers(log) == 0

    parallel, serial = snapshot(tmp_path / "parallel"), snapshot(tmp_path / "serial")
    assert parallel.keys() == serial.keys()
    differing = [name for name in serial if parallel[name] != serial[name]]
    assert differing == []


def test_a_warning_in_a_page_a_worker_converted_still_fails_the_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    generate_project(project)
    broken = sorted(p for p in (project.root / "docs" / "briefs").rglob("*.md"))
    for page in broken:
        with page.open("a", encoding="utf-8") as out:
            out.write("\n\n[a page that does not exist](no-such-page.md)\n")
    log = build(project.root, tmp_path / "site", "parallel")
    assert f"Aborted with {len(broken)} warnings in strict mode" in log
    assert converted_by_workers(log) > 0
    warned = set(re.findall(r"WARNING mkdocs\S* Doc file '([^']+)' contains a link 'no-such-page.md'", log))
    assert warned == {str(p.relative_to(project.root / "docs")) for p in broken}

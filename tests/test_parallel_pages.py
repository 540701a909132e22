"""Pages converted in worker processes: the same site as a serial build, and every warning still counts."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import generator.parallel_pages as parallel_pages
from generator.build import BuildFailed, run_mkdocs
from generator.parallel_pages import _share, worker_count
from generator.pipeline import generate_project
from tests.conftest import make_project

CONVERTED = re.compile(r"converted (\d+) of (\d+) pages in (\d+) worker process")


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def converted_by_workers(caplog: pytest.LogCaptureFixture) -> int:
    """How many pages the last build's workers converted, as the build logged it (0 if none ran)."""
    counts = [int(m.group(1)) for r in caplog.records if (m := CONVERTED.search(r.getMessage()))]
    return counts[-1] if counts else 0


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("parallel") / "project")
    generate_project(project)
    return project


def test_this_machine_has_a_core_to_spare() -> None:
    # The tests below prove the parallel path only where it runs; CI and this project's machine have 2 cores.
    assert worker_count() >= 1


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


def test_a_parallel_build_writes_the_same_site_as_a_serial_one(generated, tmp_path: Path, monkeypatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="generator.parallel_pages")
    run_mkdocs(generated.root / "mkdocs.yml", tmp_path / "parallel")
    converted = converted_by_workers(caplog)
    pages = len(list((generated.root / "docs").rglob("*.md")))
    assert 0 < converted < pages, "the workers converted some pages, and this process the rest"

    caplog.clear()
    monkeypatch.setattr(parallel_pages, "worker_count", lambda: 0)
    run_mkdocs(generated.root / "mkdocs.yml", tmp_path / "serial")
    assert converted_by_workers(caplog) == 0

    parallel, serial = files_of(tmp_path / "parallel"), files_of(tmp_path / "serial")
    assert parallel.keys() == serial.keys()
    differing = [name for name in serial if parallel[name] != serial[name]]
    assert differing == []


def test_a_warning_in_a_page_a_worker_converted_still_fails_the_strict_build(generated, tmp_path: Path,
                                                                            caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path / "project")
    generate_project(project)
    broken = sorted(p for p in (project.root / "docs" / "briefs").rglob("*.md"))
    for page in broken:
        with page.open("a", encoding="utf-8") as out:
            out.write("\n\n[a page that does not exist](no-such-page.md)\n")
    caplog.set_level(logging.INFO)
    with pytest.raises(BuildFailed, match=rf"Aborted with {len(broken)} warnings in strict mode"):
        run_mkdocs(project.root / "mkdocs.yml", tmp_path / "site")
    assert converted_by_workers(caplog) > 0
    warned = {m.group(1) for r in caplog.records if r.levelno == logging.WARNING
              if (m := re.search(r"Doc file '([^']+)' contains a link 'no-such-page.md'", r.getMessage()))}
    assert warned == {str(p.relative_to(project.root / "docs")) for p in broken}

#!/usr/bin/env python3
"""Benchmark: PDF build time per brief (a figure to read, not a test).

Builds the site once with MkDocs into a scratch folder, then for every brief:
preparing the print HTML, rendering cold (empty cache) and the warm rebuild
(cache hit). Finally all briefs cold at once on every core.

    .venv/bin/python scripts/bench_pdf.py [--workers N] [BRIEF ...]

``measure(project, wanted, workers)`` returns the figures for other scripts
(``make bench``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.model.project import Project
from generator.pipeline import assemble, check, generate
from generator.publish import pdf
from generator.site.mkdocs_build import run_mkdocs


@dataclass(frozen=True)
class BriefTiming:
    brief_id: str
    prepare_seconds: float
    cold_seconds: float
    warm_seconds: float
    pages: int


def page_count(path: Path) -> int:
    """Pages of a PDF (pypdf comes with the test requirements; 0 without it)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return 0
    return len(PdfReader(path).pages)


def measure(
    project: Project, wanted: list[str] | None = None, workers: int | None = None
) -> tuple[list[BriefTiming], float]:
    """Per-brief timings, and the wall time of rendering all of them cold in parallel."""
    checked = check(project)
    chosen = pdf.select(checked, wanted or [])
    generate(project, checked)
    with tempfile.TemporaryDirectory(prefix="bench-pdf.") as scratch:
        site = Path(scratch) / "site"
        run_mkdocs(project.config_file, site)
        timings = []
        for one in chosen:
            jobs, prepared = pdf.print_jobs(project, [one], assemble(project, [one]), site)
            cache = Path(scratch) / f"cache-{one.brief.id}"
            cold = pdf.build_pdfs(jobs, cache, workers=1, prepare_seconds=prepared)[0]
            started = time.perf_counter()
            warm = pdf.build_pdfs(jobs, cache, workers=1)[0]
            warm_seconds = time.perf_counter() - started
            assert cold.rendered and not warm.rendered
            pages = page_count(cold.path)
            timings.append(BriefTiming(one.brief.id, cold.prepare_seconds, cold.render_seconds, warm_seconds, pages))
        jobs, _ = pdf.print_jobs(project, chosen, assemble(project, chosen), site)
        started = time.perf_counter()
        pdf.build_pdfs(jobs, Path(scratch) / "cache-all", workers=workers)
        parallel = time.perf_counter() - started
    return timings, parallel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("briefs", nargs="*", metavar="BRIEF")
    parser.add_argument("--workers", type=int, default=None, help="processes for the all-briefs run (default: cores)")
    args = parser.parse_args(argv)
    timings, parallel = measure(Project.current(), args.briefs, args.workers)
    print(f"{'brief':<32} {'pages':>5} {'prepare s':>9} {'render s':>9} {'cached s':>9}")
    for t in timings:
        print(f"{t.brief_id:<32} {t.pages:>5} {t.prepare_seconds:>9.2f} {t.cold_seconds:>9.2f} {t.warm_seconds:>9.3f}")
    print(f"all {len(timings)} brief(s) cold, in parallel: {parallel:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

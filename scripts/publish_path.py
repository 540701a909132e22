"""The whole publish path after one edit, as a push to main runs it: ``brief build`` on a project
committed to git whose caches are warm, timed stage by stage (the spans ``brief build --timings``
prints), with its wall and CPU seconds and its processes' peak memory.

``prepare`` makes a scratch project of N synthetic briefs (the benchmark's), commits it to git with a
``.gitignore`` like the repository's (so update logs and PDF provenance come from git, as in CI), and
builds it once to fill every cache. Rendering every PDF would take hours at 1,000 briefs (about 8 s of
CPU each), so that first build renders one brief's PDF for real and files its bytes for every other
brief under that brief's own print job, as if the PDF cache CI restores held them. ``publish_once`` then
commits an edit to one brief's title and runs ``brief build``: the edited brief's PDF is rendered for
real, every other one comes from the cache.

    .venv/bin/python scripts/publish_path.py build/bench/n1000 --count 1000 --runs 2
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import PYTHON, REPO, WARM_EDIT, make_project, run

from generator.system.stage_times import StageTimes

_FILL = """
import sys
from pathlib import Path
from generator.model.project import Project
from generator.pipeline import build_site
from generator.publish import pdf
real, stand_in = pdf.render_pdf, []
def render_pdf(job):  # one real PDF; its bytes stand in for every other brief's
    if not stand_in:
        stand_in.append(real(job))
    return stand_in[0]
pdf.render_pdf = render_pdf
pdf.process_count = lambda stale, workers=None: 1  # in this process, where the stand-in is
build_site(Project(Path(sys.argv[1])))
"""

_PUBLISH = """
import json, sys
from pathlib import Path
from generator.model.project import Project
from generator.pipeline import build_site
from generator.system.stage_times import StageTimes
from generator.cli import finish
times = StageTimes()
build_site(Project(Path(sys.argv[1])), times=times)
print(json.dumps([[name, start - times.started, end - times.started] for name, start, end in times.spans]))
finish(0)  # as `brief build` ends
"""


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def prepare(root: Path, count: int) -> dict[str, float]:
    """A committed project of ``count`` synthetic briefs with every cache filled; the first build's
    wall and CPU seconds and peak memory (its PDFs are stand-ins, so this is not a cold build's time)."""
    make_project(root, count, seed=7)
    shutil.copy(REPO / ".gitignore", root / ".gitignore")
    _git(root, "init", "--quiet", "--initial-branch=main")
    _git(root, "add", "--all")
    _git(root, "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "--quiet", "-m", "Briefs")
    wall, cpu, peak, _ = run([str(PYTHON), "-c", _FILL, str(root)], root)
    return {"wall": wall, "cpu": cpu, "peak_mib": peak}


def publish_once(root: Path, number: int) -> dict[str, Any]:
    """Commit an edit to the first brief's title (a new one each time), then build: wall and CPU seconds,
    the peak memory of all the build's processes together, and each stage's span."""
    first = min((root / "briefs").glob("*.yaml"))
    first.write_bytes(WARM_EDIT.sub(rb"\1 (revised %d)" % number, first.read_bytes(), count=1))
    _git(root, "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "--quiet", "-am", "Edit")
    wall, cpu, peak, out = run([str(PYTHON), "-c", _PUBLISH, str(root)], root)
    return {"wall": wall, "cpu": cpu, "peak_mib": peak, "stages": json.loads(out.strip().splitlines()[-1])}


def describe(result: dict[str, Any]) -> str:
    """The stages as ``brief build --timings`` prints them, then the whole process's figures."""
    stages = StageTimes(0.0, [(name, start, end) for name, start, end in result["stages"]]).table()
    whole = f"whole process: {result['wall']:.1f} s, {result['cpu']:.1f} s of CPU, peak {result['peak_mib']:.0f} MiB"
    return "\n".join(f"  {line}" for line in [*stages.splitlines(), whole])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="the scratch project (made, and filled, when missing)")
    parser.add_argument("--count", type=int, default=1000, help="briefs in a new project (default 1,000)")
    parser.add_argument("--runs", type=int, default=2, help="edits published, one build each (default 2)")
    parser.add_argument(
        "--refill", action="store_true", help="fill the caches again first (after a change to the generator's code)"
    )
    parser.add_argument("--out", type=Path, help="also write the figures here, as JSON")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    figures: dict[str, Any] = {}
    if not (root / ".git").is_dir():
        print(
            f"preparing {args.count} briefs in {root} (the first build fills every cache)", file=sys.stderr, flush=True
        )
        figures["first_build"] = prepare(root, args.count)
        print(f"  first build: {figures['first_build']['wall']:.1f} s", file=sys.stderr, flush=True)
    elif args.refill:
        print(f"filling every cache of {root} again", file=sys.stderr, flush=True)
        figures["first_build"] = {"wall": run([str(PYTHON), "-c", _FILL, str(root)], root)[0]}
    figures["runs"] = []
    for number in range(1, args.runs + 1):
        result = publish_once(root, number)
        figures["runs"].append(result)
        print(f"publish after one edit, run {number}:\n{describe(result)}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

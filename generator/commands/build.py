"""``brief build``: the whole site, swapped into site/ only on success."""

from __future__ import annotations

import argparse
import sys

from generator.commands.error_output import print_errors
from generator.model.errors import BuildFailed
from generator.model.project import Project
from generator.pipeline import build_site
from generator.system.progress import Progress
from generator.system.stage_times import StageTimes


def run(args: argparse.Namespace) -> int:
    progress = Progress()  # an updating line on a terminal, one summary line otherwise
    times = StageTimes()
    try:
        build_site(Project.current(), progress, drafts=args.drafts, times=times)
    except BuildFailed as exc:
        progress.finish("stopped")
        if exc.errors:
            print_errors(exc.errors, "text")
        print(f"build failed: {exc}; the previous site/ was left as it was", file=sys.stderr)
        return 1
    progress.finish("built")
    if args.timings:
        print(times.table(), file=sys.stderr)
    return 0

"""``brief check``: validate briefs; warnings for drafts and what a reviewer should look at."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.error_output import print_errors
from generator.commands.github_annotations import github_annotation
from generator.model.project import Project


def run(args: argparse.Namespace) -> int:
    project = Project.current()
    paths = [Path(p) for p in args.files] if args.files else project.brief_files()
    checked, errors = project.check(paths)
    print_errors(errors, args.format)
    drafts = [c for c in checked if c.drafts]
    for brief in checked:  # valid, but not finished or worth a look: said, with the lines, without failing the check
        for notice in (*brief.drafts, *brief.warnings):
            print(
                github_annotation(notice, "warning") if args.format == "github" else f"warning: {notice}",
                file=sys.stdout if args.format == "github" else sys.stderr,
            )
    if not errors and args.format == "text":
        print(
            f"ok: {len(paths)} brief(s) checked"
            + (f"; {len(drafts)} of them still a draft (left out of the published site)" if drafts else "")
        )
    return 1 if errors else 0

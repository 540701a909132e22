"""``brief coverage``: per source, the sentences no claim cites."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.error_output import print_errors
from generator.model.project import Project
from generator.pages.coverage import brief_coverage, coverage_report


def run(args: argparse.Namespace) -> int:
    project = Project.current()
    paths = [Path(p) for p in args.files] if args.files else project.brief_files()
    checked, errors = project.check(paths)
    if errors:
        print_errors(errors, "text")
        print(
            "brief coverage: fix the errors above first; coverage is measured on briefs that pass 'brief check'",
            file=sys.stderr,
        )
        return 1
    for brief in checked:
        texts = {s.id: text for s in brief.brief.sources if (text := brief.archive.get(s.file)) is not None}
        print(coverage_report(brief.brief, brief_coverage(brief.brief, texts), details=not args.summary))
    return 0

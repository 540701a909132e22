"""``brief diff``: how briefs changed between two git revisions, in Markdown."""

from __future__ import annotations

import argparse
import sys

from generator.model.project import Project
from generator.review.diff import render_markdown
from generator.review.revisions import RevisionError, compare


def run(args: argparse.Namespace) -> int:
    try:
        reports, archive = compare(Project.current().root, args.base, args.head, args.files or None)
    except RevisionError as exc:
        print(f"brief diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render_markdown(reports, archive, args.base, args.head))
    return 0

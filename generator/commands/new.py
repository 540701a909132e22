"""``brief new``: a new, valid brief with comments."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from generator.authoring.scaffold import ScaffoldRefused
from generator.authoring.source_intake import IntakeRefused, new_brief
from generator.model.project import Project


def run(args: argparse.Namespace) -> int:
    project = Project.current()
    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"brief new: --date {args.date!r} is not a real day; write it as YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        path = new_brief(project, args.title, args.source, day, args.place)
    except (ScaffoldRefused, IntakeRefused) as exc:
        print(f"brief new: {exc}", file=sys.stderr)
        return 1
    print(f"created {path.relative_to(project.root)}: it passes 'brief check'; now replace every 'TO DO' in it")
    return 0

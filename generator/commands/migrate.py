"""``brief migrate``: upgrade briefs written in an older format, in place."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.error_output import print_errors
from generator.model.brief import FORMAT
from generator.model.errors import BriefErrors
from generator.model.migrate import migrate_file
from generator.model.project import Project


def run(args: argparse.Namespace) -> int:
    project = Project.current()
    paths = [Path(p) for p in args.files] if args.files else project.brief_files()
    failed = False
    for path in paths:
        name = str(path)
        try:
            changes = migrate_file(path, name)
        except BriefErrors as exc:
            print_errors(exc.errors, "text")
            failed = True
            continue
        except OSError as exc:
            print(f"{name}: cannot be read or written ({exc.strerror}); nothing was changed", file=sys.stderr)
            failed = True
            continue
        if not changes:
            print(f"{name}: already in format {FORMAT}; nothing to change")
            continue
        print(f"{name}: upgraded to format {FORMAT}:")
        for change in changes:
            print(f"  {change}")
    if not failed:
        print("now run 'brief check' on the upgraded briefs")
    return 1 if failed else 0

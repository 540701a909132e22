"""``brief serve``: preview one brief, or the whole site, with live reload."""

from __future__ import annotations

import argparse
import sys

from generator.model.project import Project
from generator.site.preview import UnknownBrief, serve


def run(args: argparse.Namespace) -> int:
    try:
        return serve(Project.current(), args.brief, args.port)
    except UnknownBrief as exc:
        print(f"brief serve: {exc}", file=sys.stderr)
        return 2

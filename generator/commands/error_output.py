"""Errors as the command line prints them: one line each (with the lines around it), or GitHub annotations."""

from __future__ import annotations

import sys

from generator.commands.github_annotations import github_annotation
from generator.model.errors import BriefError


def print_errors(errors: list[BriefError], fmt: str) -> None:
    """Print ``errors`` in the format asked for (``text`` on standard error, ``github`` on standard output)."""
    for error in sorted(errors):
        if fmt == "github":
            print(github_annotation(error))
        else:
            print(error, file=sys.stderr)
            if error.excerpt:
                print(error.excerpt, file=sys.stderr)
    if fmt != "github" and errors:
        files = len({e.file for e in errors})
        print(f"{len(errors)} error(s) in {files} file(s)", file=sys.stderr)

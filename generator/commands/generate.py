"""``brief generate``: write the Markdown pages into docs/briefs/."""

from __future__ import annotations

import argparse

from generator.commands.error_output import print_errors
from generator.model.errors import BuildFailed
from generator.model.project import Project
from generator.pipeline import generate_project


def run(args: argparse.Namespace) -> int:
    try:
        report = generate_project(Project.current())
    except BuildFailed as exc:
        print_errors(exc.errors, "text")
        return 1
    print(f"generated {report.written} file(s), {report.unchanged} unchanged, {report.removed} removed")
    return 0

"""``brief add-source``: archive a page or PDF and add its source entry to a brief."""

from __future__ import annotations

import argparse
import sys

from generator.authoring.scaffold import ScaffoldRefused
from generator.authoring.source_intake import IntakeRefused, add_source
from generator.model.project import Project
from generator.site.preview import UnknownBrief, find_brief


def run(args: argparse.Namespace) -> int:
    project = Project.current()
    try:
        brief_file = find_brief(project, args.brief)
        added = add_source(project, brief_file, args.origin, kind=args.kind, label=args.label)
    except (UnknownBrief, IntakeRefused, ScaffoldRefused) as exc:
        print(f"brief add-source: {exc}", file=sys.stderr)
        return 1
    where = brief_file.relative_to(project.root) if brief_file.is_relative_to(project.root) else brief_file
    archived = "archived as" if added.new_file else "already archived as"
    print(f"{archived} briefs/sources/{added.file}; added source '{added.id}' to {where}:")
    for key, value in added.entries:
        shown = ", ".join(f"{k} {v}" for k, v in value) if isinstance(value, list) else value
        print(f"  {key}: {shown}")
    print(
        "Check the label and kind, add reliability notes, then cite it: "
        f'- source: {added.id} / quote: "..." (`brief serve` lets you pick quotes)'
    )
    return 0

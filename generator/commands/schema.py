"""``brief schema``: write (or check) the brief JSON Schema made from the model."""

from __future__ import annotations

import argparse
import sys

from generator.model.project import Project
from generator.model.schema import SCHEMA_PATH, schema_text


def run(args: argparse.Namespace) -> int:
    target = Project.current().root / SCHEMA_PATH
    wanted = schema_text()
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current != wanted:
            print(
                f"{SCHEMA_PATH} is out of date with generator/model/brief.py; run 'brief schema' and commit it",
                file=sys.stderr,
            )
            return 1
        print(f"ok: {SCHEMA_PATH} matches the model")
        return 0
    if current != wanted:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wanted, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0

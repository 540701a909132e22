"""``brief pdf``: the PDFs of some or all briefs, alone."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.error_output import print_errors
from generator.model.errors import BuildFailed
from generator.model.project import Project
from generator.pipeline import build_pdfs, check
from generator.publish.pdf import PdfFailed, select, shard


def run(args: argparse.Namespace) -> int:
    part = parts = 0
    if args.shard is not None:  # K/N: only the K-th of N shards of the briefs (CI renders them in parallel)
        numbers = args.shard.split("/")
        if (
            len(numbers) != 2
            or not all(n.isascii() and n.isdigit() for n in numbers)
            or not 1 <= int(numbers[0]) <= int(numbers[1])
        ):
            print(
                f"brief pdf: --shard {args.shard!r} is not a shard; write K/N with 1 <= K <= N, e.g. 2/4",
                file=sys.stderr,
            )
            return 2
        part, parts = int(numbers[0]), int(numbers[1])
    project = Project.current()
    try:
        wanted = list(args.briefs)
        if parts:
            ids = [c.brief.id for c in select(check(project), wanted)]
            wanted = shard(ids, part, parts)
            if not wanted:
                print(f"shard {part}/{parts}: no briefs to render ({len(ids)} brief(s) in {parts} shards)")
                return 0
        results = build_pdfs(project, wanted, Path(args.out) if args.out else None, args.workers)
    except BuildFailed as exc:
        if exc.errors:
            print_errors(exc.errors, "text")
        print(f"pdf failed: {exc}", file=sys.stderr)
        return 1
    except PdfFailed as exc:
        print(f"pdf failed: {exc}", file=sys.stderr)
        return 1
    for result in results:
        how = f"rendered in {result.render_seconds:.1f} s" if result.rendered else "unchanged (from the cache)"
        print(f"{result.brief_id}: {how} -> {result.published}")
    return 0

"""The ``brief`` command line: the edge where errors become text and exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.project import Project
from generator.errors import BriefError


def _print_errors(errors: list[BriefError], fmt: str) -> None:
    for error in sorted(errors):
        if fmt == "github":
            from generator.annotations import github_annotation

            print(github_annotation(error))
        else:
            print(error, file=sys.stderr)
    if fmt != "github" and errors:
        files = len({e.file for e in errors})
        print(f"{len(errors)} error(s) in {files} file(s)", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    project = Project.current()
    paths = [Path(p) for p in args.files] if args.files else project.brief_files()
    _, errors = project.check(paths)
    _print_errors(errors, args.format)
    if not errors and args.format == "text":
        print(f"ok: {len(paths)} brief(s) checked")
    return 1 if errors else 0


def cmd_generate(args: argparse.Namespace) -> int:
    from generator.build import BuildFailed, generate_project

    try:
        report = generate_project(Project.current())
    except BuildFailed as exc:
        _print_errors(exc.errors, "text")
        return 1
    print(f"generated {report.written} file(s), {report.unchanged} unchanged, {report.removed} removed")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import BuildFailed, build_site
    from generator.progress import Progress

    progress = Progress()  # an updating line on a terminal, one summary line otherwise
    try:
        build_site(Project.current(), progress)
    except BuildFailed as exc:
        progress.finish("stopped")
        if exc.errors:
            _print_errors(exc.errors, "text")
        print(f"build failed: {exc}; the previous site/ was left as it was", file=sys.stderr)
        return 1
    progress.finish("built")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="brief", description="Check and publish curated event briefs.")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate briefs; exit 1 on any error")
    check.add_argument("files", nargs="*", help="brief files (default: every briefs/*.yaml)")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="'github' prints workflow annotations")
    check.set_defaults(func=cmd_check)

    generate = sub.add_parser("generate", help="write the Markdown pages into docs/briefs/")
    generate.set_defaults(func=cmd_generate)

    build = sub.add_parser("build", help="validate, generate and build the whole site into site/")
    build.set_defaults(func=cmd_build)

    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

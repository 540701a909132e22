"""The ``brief`` command line: its arguments, and which module runs each command.

Each command lives in its own module under :mod:`generator.commands`, the edge where errors become
text and exit codes, and is imported only when it runs: ``brief check`` loads the model layer and
nothing of MkDocs, WeasyPrint or the page templates.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn, get_args

from generator.model.brief import FORMAT, SourceKind

COMMANDS = (
    "check",
    "migrate",
    "support_rates",
    "coverage",
    "generate",
    "build",
    "schema",
    "diff",
    "new",
    "add_source",
    "pdf",
    "serve",
)
"""The modules of :mod:`generator.commands`, one per command; each has ``run(args) -> int``."""


def run_command(name: str, args: argparse.Namespace) -> int:
    """Import the command's module (only now, so a command pays for no other's imports) and run it."""
    if name not in COMMANDS:
        raise ValueError(f"no command module {name!r}")
    return int(importlib.import_module(f"generator.commands.{name}").run(args))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="brief", description="Check and publish curated event briefs.")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate briefs; exit 1 on any error")
    check.add_argument("files", nargs="*", help="brief files (default: every briefs/*.yaml)")
    check.add_argument(
        "--format", choices=["text", "github"], default="text", help="'github' prints workflow annotations"
    )
    check.set_defaults(command_module="check")

    migrate = sub.add_parser("migrate", help=f"upgrade briefs written in an older format to format {FORMAT}, in place")
    migrate.add_argument("files", nargs="*", help="brief files (default: every briefs/*.yaml)")
    migrate.set_defaults(command_module="migrate")

    rates = sub.add_parser(
        "support-rates",
        help="run the support check over the labelled corpus and print its false-alarm and miss rates, per rule",
    )
    rates.add_argument("corpus", nargs="?", help="folder of corpus files (default: tests/support_corpus)")
    rates.set_defaults(command_module="support_rates")

    coverage = sub.add_parser(
        "coverage", help="list, per source, the sentences no claim cites (what the brief leaves out)"
    )
    coverage.add_argument("files", nargs="*", metavar="BRIEF", help="brief files (default: every briefs/*.yaml)")
    coverage.add_argument("--summary", action="store_true", help="only each source's share, not its sentences")
    coverage.set_defaults(command_module="coverage")

    generate = sub.add_parser("generate", help="write the Markdown pages into docs/briefs/")
    generate.set_defaults(command_module="generate")

    build = sub.add_parser("build", help="validate, generate and build the whole site into site/")
    build.add_argument(
        "--drafts",
        action="store_true",
        help="include draft briefs under a banner (for previews; the published site leaves them out)",
    )
    build.add_argument(
        "--timings",
        action="store_true",
        help="after the build, print when each stage began and ended (stages after MkDocs run side by side)",
    )
    build.set_defaults(command_module="build")

    schema = sub.add_parser("schema", help="write the brief JSON Schema (schema/brief.schema.json) from the model")
    schema.add_argument("--check", action="store_true", help="only check that the committed schema is up to date")
    schema.set_defaults(command_module="schema")

    diff = sub.add_parser("diff", help="summarise, in Markdown, how briefs changed between two git revisions")
    diff.add_argument("base", help="the older revision, e.g. main or a commit")
    diff.add_argument("head", help="the newer revision, e.g. HEAD")
    diff.add_argument("files", nargs="*", help="brief files to compare (default: every brief that changed)")
    diff.set_defaults(command_module="diff")

    new = sub.add_parser("new", help="create a new, valid brief with comments, in briefs/")
    new.add_argument("title", help='the title, e.g. "Geneva talks, March 2025"')
    new.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="FILE_OR_URL",
        help="a source (repeatable): a web address, a saved .html page or a .pdf (its text is "
        "extracted and its entry filled, as add-source does), or a text file (copied unchanged "
        "into briefs/sources/)",
    )
    new.add_argument("--date", help="the day of the event, YYYY-MM-DD (default: today, marked TO DO)")
    new.add_argument("--place", help="where it happened")
    new.set_defaults(command_module="new")

    add = sub.add_parser("add-source", help="archive a web page, saved page or PDF and add its source entry to a brief")
    add.add_argument("brief", metavar="BRIEF", help="the brief's id or file, e.g. briefs/my-brief.yaml")
    add.add_argument("origin", metavar="URL_OR_FILE", help="an http(s) address, a saved .html page or a .pdf")
    add.add_argument(
        "--kind",
        choices=list(get_args(SourceKind)),
        help="what the source is (default: article for a web page, document for a PDF)",
    )
    add.add_argument("--label", help="the short name readers see (default: made from the kind, outlet and date)")
    add.set_defaults(command_module="add_source")

    pdf = sub.add_parser("pdf", help="build the PDF of every brief (or the given ones) alone")
    pdf.add_argument("briefs", nargs="*", metavar="BRIEF", help="brief ids or files (default: all)")
    pdf.add_argument("--out", help="folder for <brief-id>.pdf files (default: into site/briefs/<id>/)")
    pdf.add_argument("--workers", type=int, default=None, help="processes to render with (default: every core)")
    pdf.add_argument(
        "--shard",
        metavar="K/N",
        help="render only the K-th of N shards of the briefs (sorted by id "
        "and dealt out in turn, so each brief is in exactly one shard), e.g. 1/4",
    )
    pdf.set_defaults(command_module="pdf")

    serve = sub.add_parser("serve", help="preview one brief (or, without BRIEF, the whole site) with live reload")
    serve.add_argument(
        "brief",
        nargs="?",
        metavar="BRIEF",
        help="a brief's id or file: serve a site of that brief alone, rebuilt in about a second "
        "on each save however many briefs there are (default: the whole site, rebuilt whole)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 to serve on (default: 8000)")
    serve.set_defaults(command_module="serve")

    args = parser.parse_args(argv)
    try:
        return int(run_command(args.command_module, args))
    except KeyboardInterrupt:
        return 130


def finish(code: int) -> NoReturn:
    """End the process with ``code`` without the interpreter's teardown, which frees every object one by
    one: after a build of a thousand briefs that took seconds, for nothing. The exit handlers still run and
    the output is flushed; with a thread still running, the process ends the usual way."""
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def console() -> NoReturn:
    """The ``brief`` command."""
    finish(main())


if __name__ == "__main__":
    finish(main())

"""The ``brief`` command line: the edge where errors become text and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import get_args

from generator.annotations import github_annotation
from generator.authoring.scaffold import ScaffoldRefused
from generator.authoring.source_intake import IntakeRefused, add_source, new_brief
from generator.model.brief import FORMAT, SourceKind
from generator.model.errors import BriefError, BriefErrors
from generator.model.migrate import migrate_file
from generator.model.project import Project
from generator.model.schema import SCHEMA_PATH, schema_text
from generator.pages.coverage import brief_coverage, coverage_report
from generator.pipeline import build_pdfs, build_site, check, generate_project
from generator.publish.pdf import PdfFailed, select, shard
from generator.review.diff import render_markdown
from generator.review.revisions import RevisionError, compare
from generator.review.support_corpus import load_corpus, measure, report
from generator.site.build import BuildFailed
from generator.site.preview import UnknownBrief, find_brief, serve
from generator.system.progress import Progress


def _print_errors(errors: list[BriefError], fmt: str) -> None:
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


def cmd_check(args: argparse.Namespace) -> int:
    project = Project.current()
    paths = [Path(p) for p in args.files] if args.files else project.brief_files()
    checked, errors = project.check(paths)
    _print_errors(errors, args.format)
    drafts = [c for c in checked if c.drafts]
    for brief in checked:  # valid, but not finished or worth a look: said, with the lines, without failing the check
        for notice in (*brief.drafts, *brief.warnings):
            print(
                github_annotation(notice, "warning") if args.format == "github" else f"warning: {notice}",
                file=sys.stdout if args.format == "github" else sys.stderr,
            )
    if not errors and args.format == "text":
        print(
            f"ok: {len(paths)} brief(s) checked"
            + (f"; {len(drafts)} of them still a draft (left out of the published site)" if drafts else "")
        )
    return 1 if errors else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    project = Project.current()
    paths = [Path(p) for p in args.files] if args.files else project.brief_files()
    failed = False
    for path in paths:
        name = str(path)
        try:
            changes = migrate_file(path, name)
        except BriefErrors as exc:
            _print_errors(exc.errors, "text")
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


def cmd_support_rates(args: argparse.Namespace) -> int:
    folder = Path(args.corpus) if args.corpus else Project.current().root / "tests" / "support_corpus"
    print(report(measure(load_corpus(folder))))
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    project = Project.current()
    paths = [Path(p) for p in args.files] if args.files else project.brief_files()
    checked, errors = project.check(paths)
    if errors:
        _print_errors(errors, "text")
        print(
            "brief coverage: fix the errors above first; coverage is measured on briefs that pass 'brief check'",
            file=sys.stderr,
        )
        return 1
    for brief in checked:
        texts = {s.id: text for s in brief.brief.sources if (text := brief.archive.get(s.file)) is not None}
        print(coverage_report(brief.brief, brief_coverage(brief.brief, texts), details=not args.summary))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        report = generate_project(Project.current())
    except BuildFailed as exc:
        _print_errors(exc.errors, "text")
        return 1
    print(f"generated {report.written} file(s), {report.unchanged} unchanged, {report.removed} removed")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress()  # an updating line on a terminal, one summary line otherwise
    try:
        build_site(Project.current(), progress, drafts=args.drafts)
    except BuildFailed as exc:
        progress.finish("stopped")
        if exc.errors:
            _print_errors(exc.errors, "text")
        print(f"build failed: {exc}; the previous site/ was left as it was", file=sys.stderr)
        return 1
    progress.finish("built")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
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


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        reports, archive = compare(Project.current().root, args.base, args.head, args.files or None)
    except RevisionError as exc:
        print(f"brief diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render_markdown(reports, archive, args.base, args.head))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
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


def cmd_add_source(args: argparse.Namespace) -> int:
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


def cmd_pdf(args: argparse.Namespace) -> int:
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
            _print_errors(exc.errors, "text")
        print(f"pdf failed: {exc}", file=sys.stderr)
        return 1
    except PdfFailed as exc:
        print(f"pdf failed: {exc}", file=sys.stderr)
        return 1
    for result in results:
        how = f"rendered in {result.render_seconds:.1f} s" if result.rendered else "unchanged (from the cache)"
        print(f"{result.brief_id}: {how} -> {result.published}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        return serve(Project.current(), args.brief, args.port)
    except UnknownBrief as exc:
        print(f"brief serve: {exc}", file=sys.stderr)
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="brief", description="Check and publish curated event briefs.")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate briefs; exit 1 on any error")
    check.add_argument("files", nargs="*", help="brief files (default: every briefs/*.yaml)")
    check.add_argument(
        "--format", choices=["text", "github"], default="text", help="'github' prints workflow annotations"
    )
    check.set_defaults(func=cmd_check)

    migrate = sub.add_parser("migrate", help=f"upgrade briefs written in an older format to format {FORMAT}, in place")
    migrate.add_argument("files", nargs="*", help="brief files (default: every briefs/*.yaml)")
    migrate.set_defaults(func=cmd_migrate)

    rates = sub.add_parser(
        "support-rates",
        help="run the support check over the labelled corpus and print its false-alarm and miss rates, per rule",
    )
    rates.add_argument("corpus", nargs="?", help="folder of corpus files (default: tests/support_corpus)")
    rates.set_defaults(func=cmd_support_rates)

    coverage = sub.add_parser(
        "coverage", help="list, per source, the sentences no claim cites (what the brief leaves out)"
    )
    coverage.add_argument("files", nargs="*", metavar="BRIEF", help="brief files (default: every briefs/*.yaml)")
    coverage.add_argument("--summary", action="store_true", help="only each source's share, not its sentences")
    coverage.set_defaults(func=cmd_coverage)

    generate = sub.add_parser("generate", help="write the Markdown pages into docs/briefs/")
    generate.set_defaults(func=cmd_generate)

    build = sub.add_parser("build", help="validate, generate and build the whole site into site/")
    build.add_argument(
        "--drafts",
        action="store_true",
        help="include draft briefs under a banner (for previews; the published site leaves them out)",
    )
    build.set_defaults(func=cmd_build)

    schema = sub.add_parser("schema", help="write the brief JSON Schema (schema/brief.schema.json) from the model")
    schema.add_argument("--check", action="store_true", help="only check that the committed schema is up to date")
    schema.set_defaults(func=cmd_schema)

    diff = sub.add_parser("diff", help="summarise, in Markdown, how briefs changed between two git revisions")
    diff.add_argument("base", help="the older revision, e.g. main or a commit")
    diff.add_argument("head", help="the newer revision, e.g. HEAD")
    diff.add_argument("files", nargs="*", help="brief files to compare (default: every brief that changed)")
    diff.set_defaults(func=cmd_diff)

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
    new.set_defaults(func=cmd_new)

    add = sub.add_parser("add-source", help="archive a web page, saved page or PDF and add its source entry to a brief")
    add.add_argument("brief", metavar="BRIEF", help="the brief's id or file, e.g. briefs/my-brief.yaml")
    add.add_argument("origin", metavar="URL_OR_FILE", help="an http(s) address, a saved .html page or a .pdf")
    add.add_argument(
        "--kind",
        choices=list(get_args(SourceKind)),
        help="what the source is (default: article for a web page, document for a PDF)",
    )
    add.add_argument("--label", help="the short name readers see (default: made from the kind, outlet and date)")
    add.set_defaults(func=cmd_add_source)

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
    pdf.set_defaults(func=cmd_pdf)

    serve = sub.add_parser("serve", help="preview one brief (or, without BRIEF, the whole site) with live reload")
    serve.add_argument(
        "brief",
        nargs="?",
        metavar="BRIEF",
        help="a brief's id or file: serve a site of that brief alone, rebuilt in about a second "
        "on each save however many briefs there are (default: the whole site, rebuilt whole)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 to serve on (default: 8000)")
    serve.set_defaults(func=cmd_serve)

    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

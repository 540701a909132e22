"""Briefs as they stood at two git revisions: the I/O behind ``brief diff``.

Files are read with ``git show REV:path`` (never checked out), loaded with the
same hardened loader as ``brief check`` and validated against the model only:
a review summary needs the entries, not the archive, and a brief that does
not load at one side is reported, not fatal.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Literal

from generator.model.archive import SourceText
from generator.model.brief import Brief
from generator.model.errors import BriefErrors
from generator.model.migrate import load_current
from generator.model.validate import validate_schema
from generator.review.diff import ArchiveChange, FileReport, coverage_changes, diff_briefs
from generator.system.git import run_git

BRIEF_PATH = re.compile(r"^briefs/[^/]+\.ya?ml$")
_STATUS: dict[str, Literal["added", "removed", "modified"]] = {"A": "added", "D": "removed", "M": "modified"}


class RevisionError(Exception):
    """git could not answer: an unknown revision, or not a git repository."""


def _git(root: Path, *args: str) -> bytes:
    result = run_git(root, *args)
    if result is None:
        raise RevisionError("git is not installed, or did not answer")
    if not result.ok:
        raise RevisionError(result.error if result.stderr.strip() else f"git {args[0]} failed")
    return result.stdout


def resolve(root: Path, revision: str) -> str:
    """The commit a revision names, refusing anything git cannot find (or option-like text)."""
    if revision.startswith("-"):
        raise RevisionError(f"'{revision}' is not a revision")
    try:
        return (
            _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
            .decode()
            .strip()
        )
    except RevisionError:
        raise RevisionError(
            f"'{revision}' is not a commit in this repository; "
            "fetch the full history (e.g. actions/checkout with fetch-depth: 0)"
        ) from None


def brief_paths(root: Path, commit: str) -> set[str]:
    """The brief files (``briefs/*.yaml``/``*.yml``) that exist at a commit."""
    listing = _git(root, "ls-tree", "-r", "--name-only", "-z", commit, "--", "briefs/").decode("utf-8", "replace")
    return {path for path in listing.split("\0") if BRIEF_PATH.match(path)}


def read_at(root: Path, commit: str, path: str) -> bytes:
    return _git(root, "show", f"{commit}:./{path}")


def brief_at(root: Path, commit: str, path: str) -> Brief:
    """The brief in a file at a commit; raises BriefErrors when it does not load or validate."""
    document = load_current(read_at(root, commit, path), path)
    return validate_schema(document)


def archive_changes(root: Path, base: str, head: str) -> list[ArchiveChange]:
    """Files added, removed or modified in briefs/sources/ between two commits."""
    listing = _git(root, "diff", "--no-renames", "--name-status", "-z", base, head, "--", "briefs/sources/")
    fields = listing.decode("utf-8", "replace").split("\0")
    changes: list[ArchiveChange] = []
    for status, path in zip(fields[0::2], fields[1::2]):
        changes.append(ArchiveChange(path, _STATUS.get(status[:1], "modified")))
    return changes


def compare(
    root: Path, base: str, head: str, files: list[str] | None = None
) -> tuple[list[FileReport], list[ArchiveChange]]:
    """Reports for every brief that differs between two revisions (or for the given files)."""
    base_commit, head_commit = resolve(root, base), resolve(root, head)
    before, after = brief_paths(root, base_commit), brief_paths(root, head_commit)
    paths = sorted(before | after) if not files else sorted({_relative(root, f) for f in files})
    reports: list[FileReport] = []
    for path in paths:
        old_raw = read_at(root, base_commit, path) if path in before else None
        new_raw = read_at(root, head_commit, path) if path in after else None
        if old_raw == new_raw:
            continue
        reports.append(_report(root, path, base_commit, head_commit, old_raw is not None, new_raw is not None))
    return reports, archive_changes(root, base_commit, head_commit)


def _relative(root: Path, file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(root.resolve())
        except ValueError:
            raise RevisionError(f"{file} is not inside the project at {root}") from None
    return path.as_posix().removeprefix("./")


def _report(root: Path, path: str, base: str, head: str, existed: bool, exists: bool) -> FileReport:
    status: Literal["added", "removed", "modified"] = (
        "modified" if existed and exists else ("added" if exists else "removed")
    )
    old = new = None
    problems: list[str] = []
    for label, commit, present in (("base", base, existed), ("head", head, exists)):
        if not present:
            continue
        try:
            brief = brief_at(root, commit, path)
        except BriefErrors as exc:
            first = exc.errors[0]
            more = f" (and {len(exc.errors) - 1} more)" if len(exc.errors) > 1 else ""
            problems.append(
                f"at {label} it does not pass the checks: line {first.line}: {first.message}{more}; "
                "see the 'brief check' annotations"
            )
            continue
        if label == "base":
            old = brief
        else:
            new = brief
    either = new or old
    title = either.title if either is not None else path
    if problems:
        return FileReport(path, status, title, problem="; ".join(problems))
    coverage = coverage_changes(old, new, _texts_at(root, base, path, old), _texts_at(root, head, path, new))
    return FileReport(path, status, title, tuple(diff_briefs(old, new)), coverage=coverage)


def _texts_at(root: Path, commit: str, path: str, brief: Brief | None) -> dict[str, SourceText]:
    """The archived texts of a brief's sources as they were at a commit (a missing one is left out)."""
    texts: dict[str, SourceText] = {}
    for source in brief.sources if brief else ():
        try:
            raw = read_at(root, commit, str(PurePosixPath(path).parent / "sources" / source.file))
            texts[source.id] = SourceText(raw.decode("utf-8"))
        except (RevisionError, UnicodeDecodeError):
            continue
    return texts

"""Provenance: which commit an output was made from, and the moment to stamp on it.

Outputs carry the commit and time of the last commit that changed their
inputs (the brief, its sources, the generator), not of HEAD, so that an
unchanged brief keeps byte-identical output across unrelated commits and its
PDF cache stays valid. ``SOURCE_DATE_EPOCH`` overrides the time, as in every
reproducible build; outside git there is no commit and no time at all, never
the wall clock.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.system.git import git_output, git_text


@dataclass(frozen=True)
class Provenance:
    """A commit (or none) and a fixed moment (or none) to record in an output."""

    commit: str | None
    epoch: int | None
    modified: bool = False
    in_git: bool = True
    """Built from a git checkout (a new brief there may still have no commit of its own)."""

    @property
    def moment(self) -> dt.datetime | None:
        return None if self.epoch is None else dt.datetime.fromtimestamp(self.epoch, dt.UTC)

    @property
    def commit_text(self) -> str:
        """The commit as a reader sees it, saying so when the inputs differ from it."""
        if self.commit is None:
            if self.in_git:
                return "no commit yet (the brief is not committed)"
            return "no commit (not built from a git checkout)"
        text = f"commit {self.commit[:12]}"
        return text + " with uncommitted changes" if self.modified else text

    @property
    def date_text(self) -> str:
        moment = self.moment
        return "an unrecorded date" if moment is None else f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def _git(root: Path, *args: str) -> str | None:
    return git_text(root, *args)


LOG_THREADS = 4
"""git processes asked at once for the last commits: each waits mostly on starting up and on the disk."""


def provenance(root: Path, inputs: Sequence[Path]) -> Provenance:
    """The last commit touching ``inputs`` (paths under ``root``) and its commit time."""
    return provenances(root, [inputs])[0]


def provenances(root: Path, groups: Sequence[Sequence[Path]]) -> list[Provenance]:
    """:func:`provenance` of each group of inputs, asking git once for the checkout and once for what is
    modified, then once per group for its last commit. At a thousand briefs, three calls per brief took
    about ten seconds of the PDF stage, most of it ``git status`` reading the whole index each time."""
    override = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = int(override) if override.isdigit() else None
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return [Provenance(None, epoch, in_git=False) for _ in groups]
    specs = [[_relative(p, root) for p in group] for group in groups]
    changed = set(_modified_paths(root, Path(top)))  # and the folders holding them ("." if any): one lookup each
    changed |= {folder.as_posix() for path in list(changed) for folder in PurePosixPath(path).parents}
    with ThreadPoolExecutor(max_workers=max(1, min(LOG_THREADS, len(groups)))) as pool:
        lines = list(pool.map(lambda group: _git(root, "log", "-1", "--format=%H %ct", "--", *group), specs))
    made = []
    for group, line in zip(specs, lines):
        modified = any(spec in changed for spec in _from_top(root, Path(top), group))
        if not line:  # a brief no commit holds yet: never the repository's last commit, which is not its content's
            made.append(Provenance(None, epoch, modified=True))
            continue
        commit, committed = line.split()
        made.append(Provenance(commit, epoch if epoch is not None else int(committed), modified))
    return made


def _relative(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_absolute() else str(path)


def _modified_paths(root: Path, top: Path) -> list[str]:
    """Every path under ``root`` that differs from the last commit or is not in git (but ignored), relative
    to the top of the checkout as git prints them; a renamed file under both names."""
    raw = (git_output(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".") or b"").decode(
        "utf-8", "replace"
    )
    paths: list[str] = []
    fields = iter(raw.split("\0")) if raw else iter(())
    for field in fields:
        if len(field) < 4:
            continue
        paths.append(field[3:])
        if "R" in field[:2] or "C" in field[:2]:  # the name it had follows
            paths.append(next(fields, ""))
    return [p for p in paths if p]


def _from_top(root: Path, top: Path, specs: Sequence[str]) -> list[str]:
    """Paths relative to ``root`` made relative to the top of the checkout ("" is all of it)."""
    base = root.resolve().relative_to(top.resolve())
    return [(base / spec).as_posix() for spec in specs]

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
from dataclasses import dataclass
from pathlib import Path

from generator.system.git import git_text


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


def provenance(root: Path, inputs: Sequence[Path]) -> Provenance:
    """The last commit touching ``inputs`` (paths under ``root``) and its commit time."""
    override = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = int(override) if override.isdigit() else None
    if _git(root, "rev-parse", "--show-toplevel") is None:
        return Provenance(None, epoch, in_git=False)
    specs = [str(p.relative_to(root)) if p.is_absolute() else str(p) for p in inputs]
    line = _git(root, "log", "-1", "--format=%H %ct", "--", *specs)
    if not line:  # a brief no commit holds yet: never the repository's last commit, which is not its content's
        return Provenance(None, epoch, modified=True)
    commit, committed = line.split()
    modified = bool(_git(root, "status", "--porcelain", "--untracked-files=all", "--", *specs))
    return Provenance(commit, epoch if epoch is not None else int(committed), modified)

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
import json
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.system.git import git_output, git_text, run_git


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


KEPT_FILE = "provenance.json"
"""In ``build/cache``: each group's last commit, kept by :func:`provenances` for the next build."""

LOG_THREADS = 4
"""git processes asked at once for the last commits: each waits mostly on starting up and on the disk."""


def provenance(root: Path, inputs: Sequence[Path]) -> Provenance:
    """The last commit touching ``inputs`` (paths under ``root``) and its commit time."""
    return provenances(root, [inputs])[0]


def provenances(root: Path, groups: Sequence[Sequence[Path]], kept_in: Path | None = None) -> list[Provenance]:
    """:func:`provenance` of each group of inputs, asking git once for the checkout and once for what is
    modified, then once per group for its last commit. At a thousand briefs, three calls per brief took
    about ten seconds of the PDF stage, most of it ``git status`` reading the whole index each time.

    With ``kept_in`` (a folder), each group's last commit is kept there (:data:`KEPT_FILE`) with the commit
    it was asked at; the next call asks git again only for the groups a commit since then touched (see
    :func:`_still_last`): a thousand ``git log`` calls took 3.7 s of every build after one edit."""
    kept = kept_in / KEPT_FILE if kept_in is not None else None
    override = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = int(override) if override.isdigit() else None
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return [Provenance(None, epoch, in_git=False) for _ in groups]
    specs = [[_relative(p, root) for p in group] for group in groups]
    changed = _with_folders(_modified_paths(root, Path(top)))
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    known = _still_last(root, Path(top), head, _read_kept(kept)) if kept is not None and head else {}
    keys = ["\0".join(group) for group in specs]
    asked = {key: group for key, group in zip(keys, specs) if key not in known}
    with ThreadPoolExecutor(max_workers=max(1, min(LOG_THREADS, len(asked)))) as pool:
        answers = list(pool.map(lambda group: _git(root, "log", "-1", "--format=%H %ct", "--", *group), asked.values()))
    if any(answer is None for answer in answers):  # git did not answer: keep nothing from this call
        kept = None
    known.update({key: answer or "" for key, answer in zip(asked, answers)})
    lines = [known[key] for key in keys]
    if kept is not None and head:
        _write_kept(kept, head, {key: known[key] for key in keys})
    made = []
    for group, line in zip(specs, lines):
        modified = any(spec in changed for spec in _from_top(root, Path(top), group))
        if not line:  # a brief no commit holds yet: never the repository's last commit, which is not its content's
            made.append(Provenance(None, epoch, modified=True))
            continue
        commit, committed = line.split()
        made.append(Provenance(commit, epoch if epoch is not None else int(committed), modified))
    return made


def _read_kept(kept: Path) -> tuple[str, dict[str, str]] | None:
    """The commit the kept table was asked at, and its groups' last commits ("" for none yet)."""
    try:
        table = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(table, dict) and isinstance(table.get("head"), str) and isinstance(table.get("last"), dict)):
        return None
    last = {k: v for k, v in table["last"].items() if isinstance(k, str) and isinstance(v, str)}
    return table["head"], last


def _still_last(root: Path, top: Path, head: str, found: tuple[str, dict[str, str]] | None) -> dict[str, str]:
    """The kept groups whose last commit is still their last at HEAD: all of them when HEAD is the commit
    they were asked at; when it descends from that commit, those whose paths (and the folders holding
    them) no commit since touched, a merge compared with each of its parents; none otherwise (history
    rewritten, or git not answering). The commits since hold the only history the earlier answer did not
    see, so a group none of them touched has the same last commit."""
    if found is None:
        return {}
    then, last = found
    if head == then:
        return dict(last)
    ancestor = run_git(root, "merge-base", "--is-ancestor", then, "HEAD")
    if ancestor is None or not ancestor.ok:
        return {}
    raw = git_output(root, "log", "-m", "--no-renames", "--format=", "--name-only", "-z", f"{then}..HEAD")
    if raw is None:
        return {}
    touched = _with_folders(name.strip("\n") for name in raw.decode("utf-8", "replace").split("\0"))
    return {
        key: line
        for key, line in last.items()
        if not any(spec in touched for spec in _from_top(root, top, key.split("\0")))
    }


def _write_kept(kept: Path, head: str, last: dict[str, str]) -> None:
    """Keep each group's last commit, asked at ``head``, for the next call (atomically)."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        temporary = kept.with_name(f".{kept.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"head": head, "last": last}, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, kept)
    except OSError:
        pass  # only the next call's speed depends on it


def _with_folders(paths: Iterable[str]) -> set[str]:
    """Paths (relative to the top of the checkout) and every folder holding them ("." for the top), so that
    whether a path or a folder asked for is among them is one lookup."""
    named = {path for path in paths if path}
    return named | {folder.as_posix() for path in named for folder in PurePosixPath(path).parents}


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

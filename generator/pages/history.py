"""What changed in a brief and when, from the git history of its YAML file.

The edge (:func:`read_histories`) asks git twice for the whole project: one
``git log`` over ``briefs/`` and one ``git cat-file --batch`` for every
version it names, so a thousand briefs cost two processes, not thousands.
Everything else is pure: :func:`describe_change` compares two parsed versions
entry by entry (added, removed, changed, by id) and says what happened in
words. The same commit always gives the same history: dates are commit dates,
never the time of the build. Outside a git checkout a brief is "not tracked".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from generator.model.brief import ENTRY_LISTS
from generator.model.errors import BriefErrors
from generator.model.migrate import load_current
from generator.pages.wording import counted
from generator.system.content_cache import ContentCache, code_version, digest
from generator.system.git import git_output

_LIST_WORDS = {
    "sources": ("source", "sources"),
    "sides": ("side", "sides"),
    "participants": ("participant", "participants"),
    "agenda": ("agenda item", "agenda items"),
    "impact_events": ("impact event", "impact events"),
    "open_questions": ("open question", "open questions"),
    "discrepancies": ("discrepancy", "discrepancies"),
}
_FIELD_WORDS = {
    "title": "the title",
    "summary": "the summary",
    "place": "the place",
    "when": "the dates",
    "tags": "the tags",
    "citations": "the summary's citations",
    "id": "the brief's id",
    "places": "the places' spellings",
    "corrections": "the corrections",
}
_NAMES_SHOWN = 4


@dataclass(frozen=True)
class Revision:
    """One commit that touched a brief, and what it changed."""

    commit: str
    date: dt.datetime
    note: str | None
    """The editor's note for readers (a ``Brief-Note:`` trailer in the commit message); never the commit's subject,
    which is written for the repository, not for readers."""
    changes: tuple[str, ...]
    corrections: tuple[str, ...] = ()
    """What this commit corrected (the brief's own 'corrections' entries it added): a correction, not an edit."""

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class History:
    """A brief's update log, newest first."""

    state: Literal["tracked", "not-tracked", "not-committed"]
    revisions: tuple[Revision, ...] = ()
    uncommitted: bool = False
    """The working copy differs from the last committed version."""

    @property
    def last_updated(self) -> dt.datetime | None:
        return self.revisions[0].date if self.revisions else None


NOT_TRACKED = History("not-tracked")
NOT_COMMITTED = History("not-committed", uncommitted=True)
"""A brief in a git checkout that no commit holds yet (a new brief before its first commit)."""


# --- pure: comparing two versions --------------------------------------------------------------


def _label(entry: Any) -> str:
    if isinstance(entry, dict):
        for key in ("title", "name", "question", "label"):
            if isinstance(entry.get(key), str):
                return " ".join(entry[key].split())
        return str(entry.get("id", "?"))
    return "?"


def _by_id(entries: Any) -> dict[str, Any]:
    if not isinstance(entries, list):
        return {}
    found: dict[str, Any] = {}
    for index, entry in enumerate(entries):
        key = entry.get("id") if isinstance(entry, dict) else None
        found[str(key) if key is not None else f"#{index}"] = entry
    return found


def _names(labels: Sequence[str]) -> str:
    shown = [f"\u201c{label}\u201d" for label in labels[:_NAMES_SHOWN]]
    more = len(labels) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def _counted(verb: str, list_name: str, labels: Sequence[str]) -> str:
    one, many = _LIST_WORDS[list_name]
    return f"{verb} {counted(len(labels), one, many)}: {_names(labels)}"


def describe_change(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[str, ...]:
    """What changed between two parsed versions of a brief, in short sentences."""
    if new is None and old is None:
        return ("could not read this version",)
    if new is None:
        return ("brief removed",)
    if old is None:
        counts = []
        for name in ENTRY_LISTS:
            entries = new.get(name)
            if isinstance(entries, list) and entries:
                one, many = _LIST_WORDS[name]
                counts.append(counted(len(entries), one, many))
        return ("first version" + (": " + ", ".join(counts) if counts else ""),)
    changes: list[str] = []
    fields = [_FIELD_WORDS[key] for key in _FIELD_WORDS if old.get(key) != new.get(key)]
    if fields:
        changes.append("changed " + ", ".join(fields))
    for name in ENTRY_LISTS:
        before, after = _by_id(old.get(name)), _by_id(new.get(name))
        added = [_label(after[key]) for key in after if key not in before]
        removed = [_label(before[key]) for key in before if key not in after]
        changed = [_label(after[key]) for key in after if key in before and before[key] != after[key]]
        if added:
            changes.append(_counted("added", name, added))
        if changed:
            changes.append(_counted("changed", name, changed))
        if removed:
            changes.append(_counted("removed", name, removed))
    return tuple(changes) or ("no change to the content (layout or comments only)",)


def corrections_added(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[str, ...]:
    """The corrections a version added to the brief, each as what the brief said before."""

    def listed(data: dict[str, Any] | None) -> list[Any]:
        value = data.get("corrections") if isinstance(data, dict) else None
        return value if isinstance(value, list) else []

    before = listed(old)
    return tuple(
        " ".join(str(c.get("was", "")).split()) for c in listed(new) if isinstance(c, dict) and c not in before
    )


# --- the edge: asking git -------------------------------------------------------------------------


@dataclass
class _Touch:
    commit: str
    date: dt.datetime
    note: str | None
    status: str
    old_path: str | None
    new_path: str | None


@dataclass
class _Log:
    commits: list[tuple[str, dt.datetime, str | None, list[tuple[str, list[str]]]]] = field(default_factory=list)


def _git(top: Path, args: Sequence[str], data: bytes | None = None) -> bytes | None:
    return git_output(top, *args, data=data)


def _parse_log(raw: bytes) -> _Log:
    log = _Log()
    for record in raw.decode("utf-8", "replace").split("\x1e")[1:]:
        tokens = record.split("\0")
        commit, date, trailers = (tokens[0].split("\x1f") + ["", "", ""])[:3]
        note = " ".join(" ".join(t.split()) for t in trailers.split("\x1d") if t.strip()) or None
        paths: list[tuple[str, list[str]]] = []
        rest = [t.strip("\n") for t in tokens[1:]]
        index = 0
        while index < len(rest):
            status = rest[index]
            if not status:
                index += 1
                continue
            width = 2 if status[0] in "RC" else 1
            paths.append((status[0], rest[index + 1 : index + 1 + width]))
            index += 1 + width
        when = dt.datetime.fromisoformat(date).astimezone(dt.UTC)
        log.commits.append((commit, when, note, paths))
    return log


def _touches(log: _Log, path: str) -> list[_Touch]:
    """The commits that changed one file, newest first, following renames back."""
    found: list[_Touch] = []
    name = path
    for commit, date, note, paths in log.commits:
        for status, names in paths:
            if not names or names[-1] != name:
                continue
            old = names[0] if status in "RC" else (None if status == "A" else name)
            new = None if status == "D" else name
            found.append(_Touch(commit, date, note, status, old, new))
            if status == "A":
                return found
            if old is not None:
                name = old
            break
    return found


def _read_blobs(top: Path, revisions: Sequence[str]) -> list[bytes | None]:
    """The contents of ``rev:path`` objects through one ``git cat-file --batch``."""
    if not revisions:
        return []
    out = _git(top, ["cat-file", "--batch"], "".join(r + "\n" for r in revisions).encode("utf-8"))
    if out is None:
        return [None] * len(revisions)
    blobs: list[bytes | None] = []
    position = 0
    for _ in revisions:
        end = out.index(b"\n", position)
        header = out[position:end].split(b" ")
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[position : position + size])
            position += size + 1
        else:
            blobs.append(None)
    return blobs


def _parse_version(raw: bytes | None, name: str) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        data = load_current(raw, name).data
    except BriefErrors:
        return None
    return data if isinstance(data, dict) else None


def _compared(
    file: str, old_raw: bytes | None, new_raw: bytes | None, cache: ContentCache | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What changed between two versions of a brief file, and the corrections it added: kept in ``cache``
    under the digest of both versions' bytes, since parsing every past version of every brief on every
    build took about 20 s at a thousand briefs."""
    key = digest(code_version(), file, old_raw or b"-", new_raw or b"-") if cache is not None else None
    if cache is not None and key is not None:
        kept = cache.get(key)
        if isinstance(kept, tuple) and len(kept) == 2:
            return kept
    old, new = _parse_version(old_raw, file), _parse_version(new_raw, file)
    compared = (describe_change(old, new), corrections_added(old, new))
    if cache is not None and key is not None:
        cache.put(key, compared)
    return compared


def read_histories(root: Path, files: Iterable[str], cache: ContentCache | None = None) -> dict[str, History]:
    """The history of each brief file (paths relative to ``root``), from git; "not tracked" outside git.
    With ``cache``, what two versions' comparison said is kept for the next build."""
    files = list(files)
    top_raw = _git(root, ["rev-parse", "--show-toplevel"])
    if top_raw is None:
        return {f: NOT_TRACKED for f in files}
    top = Path(top_raw.decode().strip())
    relative: dict[str, str | None] = {}
    for file in files:
        try:
            relative[file] = PurePosixPath((root / file).resolve().relative_to(top.resolve())).as_posix()
        except ValueError:
            relative[file] = None
    folders = sorted({str(PurePosixPath(r).parent) for r in relative.values() if r})
    raw = _git(
        top,
        [
            "log",
            "-z",
            "--name-status",
            "-M",
            "--no-color",
            "--format=%x1e%H%x1f%cI%x1f%(trailers:key=Brief-Note,valueonly,unfold,separator=%x1d)",
            "--",
            *folders,
        ],
    )
    if raw is None or not folders:
        return {f: NOT_COMMITTED if relative[f] else NOT_TRACKED for f in files}
    log = _parse_log(raw)
    touches = {file: _touches(log, rel) if rel and "\n" not in rel else [] for file, rel in relative.items()}
    wanted: list[str] = []
    for file, found in touches.items():
        for touch in found:
            wanted.append(f"{touch.commit}:{touch.new_path}" if touch.new_path else "-")
            wanted.append(f"{touch.commit}^:{touch.old_path}" if touch.old_path else "-")
        if found and relative[file]:
            wanted.append(f"HEAD:{relative[file]}")
    blobs = iter(_read_blobs(top, wanted))
    histories: dict[str, History] = {}
    for file, found in touches.items():
        revisions = []
        for touch in found:
            new_raw, old_raw = next(blobs), next(blobs)
            changes, corrections = _compared(file, old_raw, new_raw, cache)
            revisions.append(Revision(touch.commit, touch.date, touch.note, changes, corrections))
        if not revisions:
            histories[file] = NOT_COMMITTED if relative[file] else NOT_TRACKED
            continue
        head = next(blobs)
        try:
            current = (root / file).read_bytes()
        except OSError:
            current = None
        histories[file] = History("tracked", tuple(revisions), uncommitted=head != current)
    return histories

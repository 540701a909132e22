"""Format versions: what an older brief must change to be read, and ``brief migrate``, which changes it.

A brief states the format it is written in (``format: 2``). A file without the key is format 1,
the format of the first briefs, which assumed every event was a war. Migration edits the text in
place, key by key, at the positions the loader recorded, so comments, quoting, key order and
every untouched line stay as they were and the pull request shows only what changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model.brief import FORMAT
from generator.model.errors import BriefError
from generator.model.load import Document, Path_, load_bytes


def format_of(data: Any) -> Any:
    """The format a loaded brief says it is written in: 1 when it does not say."""
    return data.get("format", 1) if isinstance(data, dict) else FORMAT


def format_error(document: Document, command_file: str | None = None) -> BriefError | None:
    """Why this brief cannot be read in the current format, if it cannot: an old one is told to migrate."""
    found = format_of(document.data)
    if found == FORMAT or not isinstance(document.data, dict):
        return None
    file = command_file or document.file
    if isinstance(found, bool) or not isinstance(found, int):
        return document.error(
            ("format",),
            "bad-value",
            f"format: {found!r} is not a format number; write 'format: {FORMAT}' (a whole number, without quotes)",
        )
    if found == 1:
        return document.error(
            ("format",),
            "format-outdated",
            f"this brief is written in format 1 (it has no 'format: {FORMAT}' line); run "
            f"'brief migrate {file}' to upgrade it to format {FORMAT} (comments and order are kept), "
            "then check it again",
        )
    if found > FORMAT:
        return document.error(
            ("format",),
            "format-too-new",
            f"format: {found} is newer than this tool reads (format {FORMAT}); update the tool "
            "(git pull) before editing this brief",
        )
    return document.error(("format",), "bad-value", f"format: {found} is not a format; write 'format: {FORMAT}'")


@dataclass(frozen=True)
class _Edit:
    line: int
    column: int
    old: str
    new: str


_RENAMED_LISTS = {"casualty_events": "impact_events"}
_RENAMED_IN_EVENT = {"weapon": "cause"}
_RENAMED_IN_REPORT = {"victims": "who"}


def _renames(document: Document) -> list[tuple[Path_, str]]:
    """Every key format 1 names otherwise, with its new name."""
    data = document.data
    found: list[tuple[Path_, str]] = []
    for old, new in _RENAMED_LISTS.items():
        if old not in data:
            continue
        found.append(((old,), new))
        events = data[old] if isinstance(data[old], list) else []
        for i, event in enumerate(events):
            if not isinstance(event, dict):
                continue
            found += [((old, i, key), name) for key, name in _RENAMED_IN_EVENT.items() if key in event]
            reports = event["reports"] if isinstance(event.get("reports"), list) else []
            for j, report in enumerate(reports):
                if isinstance(report, dict):
                    found += [
                        ((old, i, "reports", j, key), name) for key, name in _RENAMED_IN_REPORT.items() if key in report
                    ]
    return found


def migrate_text(text: str, document: Document) -> tuple[str, list[str]]:
    """The brief's text upgraded to the current format, and what was changed, in words.

    ``document`` is ``text`` as loaded (for the positions of its keys). A brief already in the
    current format comes back unchanged with no changes listed.
    """
    data = document.data
    if not isinstance(data, dict) or format_of(data) == FORMAT:
        return text, []
    lines = text.split("\n")
    edits: list[_Edit] = []
    changes: list[str] = []
    for path, new in _renames(document):
        line, column = document.position(path, key=True)
        old = str(path[-1])
        edits.append(_Edit(line, column, old, new))
        changes.append(f"line {line}: '{old}' is now '{new}'")
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        row = lines[edit.line - 1]
        at = edit.column - 1
        quote = row[at] if row[at : at + 1] in ("'", '"') else ""
        start = at + len(quote)
        if row[start : start + len(edit.old)] != edit.old:  # pragma: no cover - positions come from the same text
            raise ValueError(f"line {edit.line}: expected the key '{edit.old}'")
        lines[edit.line - 1] = row[:start] + edit.new + row[start + len(edit.old) :]
    if "format" in data:
        line, column = document.position(("format",))
        row = lines[line - 1]
        end = column - 1 + len(str(data["format"])) + (2 if row[column - 1 : column] in ("'", '"') else 0)
        lines[line - 1] = row[: column - 1] + str(FORMAT) + row[end:]
        changes.insert(0, f"line {line}: 'format' is now {FORMAT}")
    else:
        first = min((position for path, position in document.keys.items() if len(path) == 1), default=(1, 1))
        lines.insert(first[0] - 1, f"format: {FORMAT}")
        changes.insert(0, f"line {first[0]}: added 'format: {FORMAT}' (the file had no format, so it was format 1)")
    return "\n".join(lines), changes


def load_current(raw: bytes, file: str) -> Document:
    """A brief of any format, loaded as the current format reads it (older git revisions, for diffs and history)."""
    document = load_bytes(raw, file)
    text, changes = migrate_text(raw.decode("utf-8"), document)
    return load_bytes(text.encode("utf-8"), file) if changes else document


def migrate_file(path: Path, name: str) -> list[str]:
    """Upgrade one brief file in place (atomically), returning what changed; raises BriefErrors if it does not load."""
    raw = path.read_bytes()
    text, changes = migrate_text(raw.decode("utf-8"), load_bytes(raw, name))
    if changes:
        load_bytes(text.encode("utf-8"), name)  # the upgraded text must load before it replaces the file
        temporary = path.with_name(f".{path.name}.migrating")
        temporary.write_bytes(text.encode("utf-8"))
        os.replace(temporary, path)
    return changes

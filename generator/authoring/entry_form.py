"""The entry form of the preview: edit one claim of a brief (its sentence and its quotes) in a web form.

For editors who do not edit YAML. Decap CMS was measured as the form editor and left out: one save of
two words rewrote 3,789 lines of the Paris brief, dropped its comments and reordered keys (see the
README). Here a save changes only the characters of the values edited (:mod:`generator.authoring.brief_text`),
the result is loaded and checked as ``brief check`` checks it, and the file is written only when that
passes; otherwise the form comes back with the errors and the file is untouched.

Pure functions from a brief's text to what the form shows and to the new text; the preview's WSGI
layer (:mod:`generator.site.preview_app`) does the HTTP and the writing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.authoring.brief_text import PathKey, TextEditRefused, replace_scalar
from generator.model.archive import Archive
from generator.model.errors import BriefError, BriefErrors
from generator.model.load import load_bytes, where
from generator.model.validate import validate_document


@dataclass(frozen=True)
class EntryCitation:
    source: str
    quote: str


@dataclass(frozen=True)
class Entry:
    """One claim as the form shows it: where it is, its sentence and its citations."""

    path: tuple[PathKey, ...]
    says: str
    cite: tuple[EntryCitation, ...]

    @property
    def key(self) -> str:
        """The claim's place, as the form's address carries it: ``summary/3``."""
        return "/".join(str(part) for part in self.path)

    @property
    def label(self) -> str:
        return where(self.path)


def _claims(node: Any, path: tuple[PathKey, ...]) -> Iterator[Entry]:
    if isinstance(node, dict):
        if isinstance(node.get("says"), str):
            cite = node["cite"] if isinstance(node.get("cite"), list) else []
            yield Entry(
                path,
                node["says"],
                tuple(
                    EntryCitation(str(c.get("source", "")), str(c.get("quote", "")))
                    for c in cite
                    if isinstance(c, dict) and isinstance(c.get("quote"), str)
                ),
            )
        for key, value in node.items():
            if key != "cite":
                yield from _claims(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _claims(value, (*path, index))


def entries(text: str, name: str) -> list[Entry]:
    """Every claim of the brief, in file order (raises :class:`BriefErrors` if the file does not load)."""
    return list(_claims(load_bytes(text.encode("utf-8"), name).data, ()))


def entry_at(text: str, name: str, key: str) -> Entry | None:
    return next((e for e in entries(text, name) if e.key == key), None)


def edited_text(text: str, entry: Entry, says: str, quotes: Sequence[str]) -> str:
    """The brief's text with the claim's sentence and quotes replaced, every other byte kept."""
    if len(quotes) != len(entry.cite):
        raise TextEditRefused("the form does not match the file any more; reload it")
    if says != entry.says:
        text = replace_scalar(text, [*entry.path, "says"], says)
    for index, (old, new) in enumerate(zip(entry.cite, quotes)):
        if new != old.quote:
            text = replace_scalar(text, [*entry.path, "cite", index, "quote"], new)
    return text


def _one_line(value: str) -> str:
    """A form's text as one sentence: browsers send line breaks as CR LF, and a claim is one line."""
    return " ".join(value.split())


def save_entry(
    brief_file: Path, archive_dir: Path, name: str, key: str, says: str, quotes: Sequence[str]
) -> list[BriefError]:
    """Write the edited claim into ``brief_file`` if the whole brief then passes the checks; else the errors
    (and the file unchanged)."""
    text = brief_file.read_bytes().decode("utf-8")
    try:
        entry = entry_at(text, name, key)
        if entry is None:
            return [BriefError(name, 1, 1, "entry-gone", f"there is no claim at {key} now; reload the list")]
        new_text = edited_text(text, entry, _one_line(says), [_one_line(q) for q in quotes])
        validate_document(load_bytes(new_text.encode("utf-8"), name), Archive(archive_dir))
    except BriefErrors as exc:
        return exc.errors
    except TextEditRefused as exc:
        return [BriefError(name, 1, 1, "entry-not-editable", str(exc))]
    if new_text != text:
        temporary = brief_file.with_name(f".{brief_file.name}.form")
        temporary.write_bytes(new_text.encode("utf-8"))
        os.replace(temporary, brief_file)
    return []


__all__ = ["Entry", "EntryCitation", "edited_text", "entries", "entry_at", "save_entry"]

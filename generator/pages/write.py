"""Write stage: make the generated docs folder hold exactly the rendered pages.

Writing is incremental (a file is rewritten only when its bytes change, and stale files are removed),
so ``mkdocs serve`` and file watchers stay quiet.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model.errors import BuildFailed
from generator.pages.page import KeptPage, Page
from generator.system.progress import Progress, Silent

MARKER = ".generated-by-brief"


@dataclass(frozen=True)
class WriteReport:
    """What a generation run did to the generated folder."""

    written: int
    unchanged: int
    removed: int


MANIFEST = ".generated-files.json"
"""Inside the generated folder (a dot file, which MkDocs leaves out): each file's digest, size and time."""


def file_digest(data: bytes) -> str:
    """The SHA-256 of a generated file's bytes, as the manifest records it."""
    return hashlib.sha256(data).hexdigest()


class GeneratedFiles:
    """The generated folder's files as the last write left them, so a build can tell that a file is still
    what it wrote without reading it: a file whose size and modification time are those the manifest
    recorded has the digest it recorded (as git's index assumes); any other is read and hashed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            loaded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self.recorded: dict[str, list[Any]] = loaded if isinstance(loaded, dict) else {}

    def _recorded(self, path: str, stat: os.stat_result) -> str | None:
        """The digest recorded for ``path``, if the file still has the size and time recorded with it."""
        entry = self.recorded.get(path)
        return str(entry[0]) if entry and entry[1:] == [stat.st_size, stat.st_mtime_ns] else None

    def as_written(self, path: str) -> bool:
        """Whether the file at ``path`` is one the last write made and still has the size and time it
        recorded (write_pages only ever replaces a file whole, so such a file is as it was written)."""
        try:
            return self._recorded(path, (self.folder / path).stat()) is not None
        except OSError:
            return False

    def digest(self, path: str) -> str | None:
        """The SHA-256 of the file at ``path`` (under the folder) as it is now, or None if there is none."""
        target = self.folder / path
        try:
            return self._recorded(path, target.stat()) or file_digest(target.read_bytes())
        except OSError:
            return None


def write_pages(pages: Iterable[Page | KeptPage], folder: Path, progress: Progress | None = None) -> WriteReport:
    """Make ``folder`` hold exactly these pages, touching only files whose bytes change (a
    :class:`KeptPage` is left as it is), and record each file in the folder's manifest."""
    progress = progress or Silent()
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MARKER).exists():
        (folder / MARKER).write_text("Generated from briefs/ by `brief generate`; do not edit.\n", encoding="utf-8")
    before = GeneratedFiles(folder)
    manifest: dict[str, list[Any]] = {}
    wanted: set[Path] = set()
    written = unchanged = 0
    root = folder.resolve()
    parents: dict[str, Path] = {}  # each folder resolved once (symbolic links included), not each file
    for page in pages:
        parent, _, name = page.path.rpartition("/")
        if parent not in parents:
            parents[parent] = (folder / parent).resolve()
        target = parents[parent] / name
        if (
            name in ("", ".", "..")
            or page.path.startswith("/")
            or (target.parent != root and root not in target.parent.parents)
        ):
            raise BuildFailed(f"refusing to write {page.path!r} outside {folder}")
        wanted.add(target)
        if isinstance(page, KeptPage):
            kept = before.digest(page.path)
            if kept is None:
                raise BuildFailed(f"{page.path} was to be kept from the last build but is gone; build again")
            stat = target.stat()
            manifest[page.path] = [kept, stat.st_size, stat.st_mtime_ns]
            unchanged += 1
            progress.advance("unchanged")
            continue
        data = page.content.encode("utf-8")
        same = False
        with contextlib.suppress(FileNotFoundError):
            same = target.read_bytes() == data
        if same:
            unchanged += 1
            progress.advance("unchanged")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, target)
            written += 1
            progress.advance("generated")
        stat = target.stat()
        manifest[page.path] = [file_digest(data), stat.st_size, stat.st_mtime_ns]
    removed = 0
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted and path.name not in (MARKER, MANIFEST):
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    temporary = folder / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)
    return WriteReport(written, unchanged, removed)

"""Write stage: make the generated docs folder hold exactly the rendered pages.

Writing is incremental (a file is rewritten only when its bytes change, and stale files are removed),
so ``mkdocs serve`` and file watchers stay quiet.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.model.errors import BuildFailed
from generator.pages.page import Page
from generator.system.progress import Progress, Silent

MARKER = ".generated-by-brief"


@dataclass(frozen=True)
class WriteReport:
    """What a generation run did to the generated folder."""

    written: int
    unchanged: int
    removed: int


def write_pages(pages: Iterable[Page], folder: Path, progress: Progress | None = None) -> WriteReport:
    """Make ``folder`` hold exactly these pages, touching only files whose bytes change."""
    progress = progress or Silent()
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MARKER).exists():
        (folder / MARKER).write_text("Generated from briefs/ by `brief generate`; do not edit.\n", encoding="utf-8")
    wanted: set[Path] = set()
    written = unchanged = 0
    root = folder.resolve()
    for page in pages:
        target = (folder / page.path).resolve()
        if root not in target.parents:
            raise BuildFailed(f"refusing to write {page.path!r} outside {folder}")
        wanted.add(target)
        data = page.content.encode("utf-8")
        with contextlib.suppress(FileNotFoundError):
            if target.read_bytes() == data:
                unchanged += 1
                progress.advance("unchanged")
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written += 1
        progress.advance("generated")
    removed = 0
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted and path.name != MARKER:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return WriteReport(written, unchanged, removed)

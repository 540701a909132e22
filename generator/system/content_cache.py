"""Work kept between builds, filed under the SHA-256 of everything it was made from.

A build that finds an entry under the digest of its inputs reuses it instead of doing the work again;
an entry can never be stale, since different inputs give a different digest (as for the PDF cache).
Each build says which entries it used, and the others are deleted afterwards, so the cache holds one
build's worth. Entries are pickles written by this project's own builds into the git-ignored build/
folder (CI restores them only from runs on main); one that cannot be read is treated as missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import threading
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

LIBRARIES = ("pydantic", "jinja2", "markupsafe", "pyyaml", "python-slugify", "mkdocs", "mkdocs-material", "markdown")
"""Libraries whose version can change what a build makes: part of :func:`code_version`."""


def digest(*parts: bytes | str) -> str:
    """The SHA-256 of the parts, each ended so that ('ab', 'c') and ('a', 'bc') differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


@cache
def code_version() -> str:
    """The digest of the generator's code and templates, Python's version and the libraries' versions:
    a change to any of them makes every entry a miss."""
    package = Path(__file__).resolve().parents[1]
    parts: list[bytes | str] = [sys.version]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} absent")
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts)


class ContentCache:
    """One kind of entry (``kind``) in a folder of entries, each a pickle named by its digest."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder / kind
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any:
        """The entry filed under ``key``, or None."""
        try:
            value = pickle.loads(self._path(key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        """File ``value`` under ``key`` (atomically: a killed build leaves no half entry)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # threads may put alike
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
        self.used.add(key)

    def keep_only_used(self) -> int:
        """Delete every entry this build did not use; return how many went."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*"):
            if path.stem not in self.used or path.name.startswith("."):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed

"""Build stage: write generated pages, run MkDocs, and swap the new site in.

The order in which the stages run is not decided here but in :mod:`generator.pipeline`.

Writing is incremental (a file is rewritten only when its bytes change, and
stale files are removed) so ``mkdocs serve`` and file watchers stay quiet.
The site is built into a temporary folder beside ``site/`` and replaces it
only when everything succeeded: a failed build leaves the old site untouched.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model.errors import BriefError
from generator.system.git import git_text
from generator.system.progress import Progress, Silent
from generator.pages.render import Page

MARKER = ".generated-by-brief"


@dataclass(frozen=True)
class WriteReport:
    """What a generation run did to the generated folder."""

    written: int
    unchanged: int
    removed: int


class BuildFailed(Exception):
    """The site could not be built; the previous site is intact."""

    def __init__(self, message: str, errors: Sequence[BriefError] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors)


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


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while briefs are checked and rendered.

    With a thousand briefs' models and archives alive, its repeated scans of
    them took a quarter of the generator's time (62 s -> 45 s for 1,000 briefs),
    while the work makes next to no reference cycles: peak memory is the same.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


PREGENERATED = "brief-pregenerated"
"""The name under which :func:`run_mkdocs` registers a marker the MkDocs hook looks for."""


class _Pregenerated:
    """A do-nothing plugin whose presence says the brief pages are already generated."""


class _PageCounter:
    """A plugin object counting the pages MkDocs has built, for the progress line."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def on_files(self, files: Any, **_: Any) -> Any:
        self.progress.begin("building the site", len(files.documentation_pages()), "site")
        return files

    def on_post_page(self, output: str, **_: Any) -> str:
        self.progress.advance("site")
        return output


def run_mkdocs(config_file: Path, site_dir: Path, progress: Progress | None = None) -> None:
    """Build the site with MkDocs into ``site_dir`` (strict, as configured)."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with environment(NO_MKDOCS_2_WARNING="1"):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir))
            # The pipeline generated the pages a moment ago: this tells the hook not to again.
            config.plugins[PREGENERATED] = _Pregenerated()  # type: ignore[assignment]  # duck-typed: hooks only
            if progress:
                config.plugins["brief-progress"] = _PageCounter(progress)  # type: ignore[assignment]  # duck-typed
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except exceptions.Abort as exc:
            raise BuildFailed(f"MkDocs refused the site: {exc}") from None
        except exceptions.ConfigurationError as exc:
            raise BuildFailed(f"mkdocs.yml is invalid: {exc}") from None
        except exceptions.PluginError as exc:
            raise BuildFailed(str(exc)) from None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``), if the system can."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return bool(renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0)


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new_site`` so that at every moment ``site_dir`` is one whole site.

    Where the system can swap two folders atomically, it is one step; elsewhere two renames, and
    a build killed between them is repaired by the next one (see :func:`build_lock`).
    """
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists() and _exchange(new_site, site_dir):
        shutil.rmtree(new_site)  # it now holds the previous site
        return
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new_site, site_dir)
    if old.exists():
        shutil.rmtree(old)


FALLBACK_EPOCH = "1735689600"
"""2025-01-01T00:00:00Z: the build date when the project is not a git checkout."""


def source_date_epoch(root: Path) -> str:
    """The build date MkDocs stamps into sitemap.xml(.gz): the caller's, else the commit's.

    A date taken from the clock would make two builds of one commit differ.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return os.environ["SOURCE_DATE_EPOCH"]
    commit_time = git_text(root, "log", "-1", "--format=%ct") or ""
    return commit_time if commit_time.isdigit() else FALLBACK_EPOCH


@contextlib.contextmanager
def build_lock(site_dir: Path) -> Iterator[None]:
    """One build of a site at a time: a second one waits, saying so, instead of racing the first.

    The lock is an advisory ``flock`` on a file beside the site, released by the
    kernel when the holder exits, even when it is killed; so a killed build never
    leaves a lock behind. Holding it, the build clears the staging folders that
    killed builds left (``site.XXXXXXXX/``, ``site.old/``): nobody else can be using them.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(site_dir.with_name(f".{site_dir.name}.lock"), "w", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"another build of {site_dir.name}/ is running; waiting for it to finish", file=sys.stderr, flush=True
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            old = site_dir.with_name(site_dir.name + ".old")
            if not site_dir.exists() and old.is_dir():  # killed between the two renames of a swap
                os.replace(old, site_dir)
            remove_stale_staging(site_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_staging(site_dir: Path) -> list[Path]:
    """Delete the staging folders of builds that were killed before they could clean up."""
    pattern = re.compile(re.escape(site_dir.name) + r"\.(?:[a-z0-9_]{8}|old)")
    removed = []
    for path in site_dir.parent.iterdir():
        if path.is_dir() and not path.is_symlink() and pattern.fullmatch(path.name):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed

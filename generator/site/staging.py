"""The site folder: each build is made beside ``site/`` and swapped in whole, one build at a time.

A failed or killed build leaves the previous site untouched: the new site replaces it only when
everything succeeded, and the staging folders a killed build leaves are cleared by the next one.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

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

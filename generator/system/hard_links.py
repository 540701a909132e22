"""A file put in a second place as a hard link, or as a copy where the file system cannot link.

Used for files that are only ever replaced whole, never written in place (generated data files, cached
PDFs, a published zip): a link then keeps the bytes it was made with, at no cost in time or space.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Make ``target`` (replacing a file there) a hard link to ``source``, or a copy of it."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without links
        shutil.copyfile(source, target)

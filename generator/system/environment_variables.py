"""Environment variables set for the length of a block (MkDocs and git read theirs from the environment)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


@contextlib.contextmanager
def environment_variables(**values: str) -> Iterator[None]:
    """Set these variables inside the block, and put back what was there after it."""
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

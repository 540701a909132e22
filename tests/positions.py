"""Where a piece of text stands in a YAML file, so tests derive expected positions from their input."""

from __future__ import annotations


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) of the ``occurrence``-th ``needle`` in ``text``, counted in characters."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def located(file: str, text: str, needle: str, occurrence: int = 1) -> str:
    """The ``FILE:LINE:COLUMN:`` prefix an error about ``needle`` must start with."""
    line, column = locate(text, needle, occurrence)
    return f"{file}:{line}:{column}:"

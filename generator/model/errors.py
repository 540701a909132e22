"""Errors as data: a location, a kind and a message, rendered once at the edge.

Every stage (load, validate, verify) returns or raises :class:`BriefError`
values; only the command line and the MkDocs hook turn them into text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.model.characters import FORBIDDEN_IN_VALUE

# Characters that would break "one error, one line" or reorder what a terminal shows: tabs and line
# feeds, and every character a brief may not hold (generator.model.characters has the one list).
_UNPRINTABLE = re.compile(f"[\t\n]|{FORBIDDEN_IN_VALUE.pattern}")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: shortened, so a pasted essay does not flood the output."""
    text = str(value)
    return f"'{text if len(text) <= limit else text[: limit - 1] + chr(0x2026)}'"


@dataclass(frozen=True, order=True)
class BriefError:
    """One problem in one file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    code: str
    message: str
    excerpt: str = field(default="", compare=False)
    """The lines around the place, numbered, with a caret: printed below the message where there is room."""

    def __str__(self) -> str:
        """One line, whatever the message quotes: line breaks and controls print as escapes."""
        return f"{_printable(self.file)}:{self.line}:{self.column}: {_printable(self.message)} [{self.code}]"


class BriefErrors(Exception):
    """Raised when a brief cannot be used; carries every error found in it."""

    def __init__(self, errors: list[BriefError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class BuildFailed(Exception):
    """The site could not be built (with the briefs' errors, when those are why); the previous site is intact."""

    def __init__(self, message: str, errors: Sequence[BriefError] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors)

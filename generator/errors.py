"""Errors as data: a location, a kind and a message, rendered once at the edge.

Every stage (load, validate, verify) returns or raises :class:`BriefError`
values; only the command line and the MkDocs hook turn them into text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Characters that would break "one error, one line" or reorder what a terminal shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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

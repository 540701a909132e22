"""Errors as data: a location, a kind and a message, rendered once at the edge.

Every stage (load, validate, verify) returns or raises :class:`BriefError`
values; only the command line and the MkDocs hook turn them into text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class BriefError:
    """One problem in one file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.code}]"


class BriefErrors(Exception):
    """Raised when a brief cannot be used; carries every error found in it."""

    def __init__(self, errors: list[BriefError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

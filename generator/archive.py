"""The source archive: verbatim source texts, their paragraphs, and where quotes occur.

Quotes are matched tolerantly, but only for whitespace and typographic quote
marks: an editor who types straight quotes for the source's curly ones, or
joins two lines, still matches; a changed word never does.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u00ab": '"', "\u00bb": '"'})
_SPACE = re.compile(r"\s+")


def normalize_quote(text: str) -> str:
    """The form a quote is compared in: straight quote marks, single spaces, no ends."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def quote_anchor(source_id: str, quote: str) -> str:
    """A stable HTML id for a quoted passage, the same wherever the quote is cited."""
    digest = hashlib.sha1(f"{source_id}\0{normalize_quote(quote)}".encode()).hexdigest()[:10]
    return f"q-{digest}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a source: its number (from 1) and its span in the text."""

    number: int
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


@dataclass(frozen=True)
class Span:
    """Where a quote occurs in a source's original text."""

    start: int
    end: int


class SourceText:
    """One archived document, with normalized search and paragraph lookup."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Non-blank lines are paragraphs: the archived texts put one paragraph per line."""
        found: list[Paragraph] = []
        for match in re.finditer(r"[^\n]+", self.text):
            if match.group().strip():
                found.append(Paragraph(len(found) + 1, match.start(), match.end()))
        return tuple(found)

    @cached_property
    def _normalized(self) -> tuple[str, list[int]]:
        """The normalized text and, for each of its characters, the index in the original."""
        chars: list[str] = []
        origin: list[int] = []
        pending_space = False
        for index, char in enumerate(self.text):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                origin.append(index - 1)
                pending_space = False
            chars.append(char.translate(_QUOTE_MARKS))
            origin.append(index)
        return "".join(chars), origin

    def find(self, quote: str) -> list[Span]:
        """Every occurrence of the quote, as spans of the original text."""
        needle = normalize_quote(quote)
        if not needle:
            return []
        haystack, origin = self._normalized
        spans: list[Span] = []
        position = haystack.find(needle)
        while position != -1:
            spans.append(Span(origin[position], origin[position + len(needle) - 1] + 1))
            position = haystack.find(needle, position + 1)
        return spans

    def paragraph_at(self, offset: int) -> Paragraph:
        for paragraph in self.paragraphs:
            if offset < paragraph.end:
                return paragraph
        return self.paragraphs[-1]


class Archive:
    """The folder of verbatim source files, read once each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._texts: dict[str, SourceText] = {}

    def get(self, file: str) -> SourceText | None:
        """The text of an archived file, or None if it is missing, a symbolic link or not UTF-8."""
        if file not in self._texts:
            path = self.folder / file
            if path.parent != self.folder or path.is_symlink() or self.folder.is_symlink() or not path.is_file():
                return None  # a link could publish any file of the machine that builds the site
            try:
                self._texts[file] = SourceText(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                return None
        return self._texts[file]

    def available(self) -> list[str]:
        return sorted(p.name for p in self.folder.glob("*.txt"))

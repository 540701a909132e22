"""The source archive: verbatim source texts, their paragraphs, and where quotes occur.

Quotes are matched tolerantly, but only for whitespace and typographic quote
marks: an editor who types straight quotes for the source's curly ones, or
joins two lines, still matches; a changed word never does.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def normalize_quote(text: str) -> str:
    """The form a quote is compared in: straight quote marks, single spaces, no ends."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


@lru_cache(maxsize=65536)
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
        self._found: dict[str, tuple[Span, ...]] = {}

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Non-blank lines are paragraphs: the archived texts put one paragraph per line."""
        found: list[Paragraph] = []
        for match in re.finditer(r"[^\n]+", self.text):
            if match.group().strip():
                found.append(Paragraph(len(found) + 1, match.start(), match.end()))
        return tuple(found)

    @cached_property
    def _normalized(self) -> tuple[str, array[int], array[int]]:
        """The normalized text, and where each of its words starts there and in the original.

        Words (runs of non-space) are copied one to one, so a word's two starts
        map any offset inside it; the single spaces between words stand for the
        last whitespace character before the next word. Two small arrays instead
        of one entry per character keep a thousand briefs' archives in memory.
        """
        starts = array("l")
        origins = array("l")
        words: list[str] = []
        position = 0
        for match in _WORD.finditer(self.text):
            if words:
                position += 1  # the single space before this word
            starts.append(position)
            origins.append(match.start())
            word = match.group()
            words.append(word)
            position += len(word)
        return " ".join(words).translate(_QUOTE_MARKS), starts, origins

    def _origin(self, position: int) -> int:
        """The index in the original text of a character of the normalized text."""
        _, starts, origins = self._normalized
        word = bisect_right(starts, position) - 1
        offset = position - starts[word]
        if word + 1 < len(starts) and position == starts[word + 1] - 1:
            return int(origins[word + 1]) - 1  # a space: the last whitespace character before the next word
        return int(origins[word]) + offset

    def find(self, quote: str) -> list[Span]:
        """Every occurrence of the quote, as spans of the original text (cached: quotes recur)."""
        found = self._found.get(quote)
        if found is None:
            found = self._found[quote] = tuple(self._search(quote))
        return list(found)

    def _search(self, quote: str) -> Iterator[Span]:
        needle = normalize_quote(quote)
        if not needle:
            return
        haystack = self._normalized[0]
        position = haystack.find(needle)
        while position != -1:
            yield Span(self._origin(position), self._origin(position + len(needle) - 1) + 1)
            position = haystack.find(needle, position + 1)

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

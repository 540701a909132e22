"""Lists that grow with the corpus, cut into pages of a fixed size.

The list of all briefs, the people index, each tag's briefs and each person's appearances would
otherwise grow without bound (a person named in a thousand briefs; a 1.9 MB people index at a thousand
briefs), and every reader would download the whole of them. Each list is cut into pages of at most
``PER_PAGE`` items, newest first; page 1 keeps the list's address, and page n is a sibling file
``<name>--page-<n>.md``. A double hyphen never occurs in a brief id, a tag or a person's slug, so a
later page can never take another page's address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PER_PAGE = 50
"""Items per page of a list: about the size of a brief's own overview at most."""


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a list: its items and where the other pages are (file names in the same folder)."""

    items: Sequence[T]
    number: int
    count: int
    first_file: str
    """Where page 1 is, under the generated folder (e.g. ``people/index.md``)."""
    total: int
    """How many items the whole list holds."""
    per_page: int = PER_PAGE

    @property
    def path(self) -> str:
        """Where this page is, under the generated folder."""
        return page_file(self.first_file, self.number)

    def link(self, number: int) -> str:
        """A link from this page to page ``number`` of the same list (a sibling file)."""
        return page_file(self.first_file, number).rsplit("/", 1)[-1]

    @property
    def previous(self) -> str | None:
        return self.link(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.link(self.number + 1) if self.number < self.count else None

    @property
    def start(self) -> int:
        """The position (from 1) in the whole list of this page's first item."""
        return (self.number - 1) * self.per_page + 1

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1


def page_file(first_file: str, number: int) -> str:
    """``people/index.md`` page 3 → ``people/index--page-3.md``; page 1 is the list's own file."""
    if number == 1:
        return first_file
    stem = first_file.removesuffix(".md")
    return f"{stem}--page-{number}.md"


def paginate(items: Sequence[T], first_file: str, per_page: int = PER_PAGE) -> list[Pager[T]]:
    """The pages of a list (always at least one, perhaps empty)."""
    count = max(1, -(-len(items) // per_page))
    return [
        Pager(items[i * per_page : (i + 1) * per_page], i + 1, count, first_file, len(items), per_page)
        for i in range(count)
    ]


__all__ = ["PER_PAGE", "Pager", "page_file", "paginate"]

"""Every footnote printed on the page of its call, checked on the laid-out PDF of every brief.

WeasyPrint moves a line whose footnote does not fit to the next page (``footnote-policy: line``),
but not always: a footnote too tall for any page, or a call in a line it cannot move, leaves the
note a page after its call, and a reader of the PDF finds the source of a sentence on the wrong
page. An editor's ordinary edit can cause it in any brief, so the PDF stage looks at the layout of
every brief it renders. Where it happened, the brief is laid out again with its notes printed inline,
in brackets right after the sentence (:data:`INLINE_NOTES`), which cannot fall on another page, and the
build says so, naming the brief and the footnote: a brief that passes `brief check` always builds.
Pure: a laid-out WeasyPrint document in, the misplaced footnotes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MisplacedFootnote:
    """A footnote (numbered as printed) whose note is not on the page of its call."""

    number: int
    call_page: int
    note_page: int | None
    """Where the note is printed (``None``: nowhere)."""


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _pages(document: Any, pseudo: str) -> dict[int, int]:
    """The first page (from 1) of each footnote element with a ``::footnote-call`` or ``::footnote-marker``
    box, keyed by the element's identity, in the order they are laid out."""
    found: dict[int, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in _boxes(page._page_box):  # WeasyPrint keeps the page's box tree here
            if (getattr(box, "element_tag", None) or "").endswith(pseudo) and getattr(box, "element", None) is not None:
                found.setdefault(id(box.element), number)
    return found


def misplaced_footnotes(document: Any) -> list[MisplacedFootnote]:
    """The footnotes whose note is not on the page of their call, numbered in the order of the calls."""
    notes = _pages(document, "::footnote-marker")
    return [
        MisplacedFootnote(number, call_page, notes.get(key))
        for number, (key, call_page) in enumerate(_pages(document, "::footnote-call").items(), start=1)
        if notes.get(key) != call_page
    ]


INLINE_NOTES = """
.footnote { float: none; display: inline; color: #444; }
.footnote::before { content: " ["; }
.footnote::after { content: "]"; }
"""
"""The fallback layout: each note in brackets right after its sentence, on the same page by construction."""


def describe(brief_id: str, misplaced: list[MisplacedFootnote]) -> str:
    """The build's notice: which brief, which footnotes, what the PDF does instead, and what an editor can do."""
    first = misplaced[0]
    where = f"page {first.note_page}" if first.note_page else "no page"
    more = f" (and {len(misplaced) - 1} more)" if len(misplaced) > 1 else ""
    return (
        f"{brief_id}: footnote {first.number} of the PDF is printed on {where}, not on page {first.call_page} "
        f"with its call{more}, so its notes are printed inline, in brackets after each sentence; to have "
        "footnotes again, reword or shorten the sentence that calls it (or the text just before it), or split "
        "a sentence whose quotes are too long to fit on one page with it"
    )

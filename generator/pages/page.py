"""The types every stage after rendering takes: a generated page, and what rendering a brief needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.model.archive import SourceText
from generator.model.brief import (
    Brief,
)
from generator.pages.history import History


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, by its path under the generated folder."""

    path: str
    content: str


@dataclass(frozen=True)
class BriefInput:
    """What rendering a brief needs: the brief and the texts of its sources."""

    brief: Brief
    texts: dict[str, SourceText]
    history: History | None = None
    """The brief's update log from git; None when nobody asked git (e.g. in unit tests)."""
    draft: bool = False
    """The brief still holds placeholder text: its pages carry a draft banner."""


def brief_inputs(checked: Iterable[tuple[Brief, Callable[[str], SourceText | None]]]) -> list[BriefInput]:
    """Pair each brief with its source texts (all present: validation checked them)."""
    inputs = []
    for brief, get_text in checked:
        texts = {}
        for source in brief.sources:
            text = get_text(source.file)
            assert text is not None, f"{source.file} vanished after validation"
            texts[source.id] = text
        inputs.append(BriefInput(brief, texts))
    return inputs

"""The types every stage after rendering takes: a generated page, and what rendering a brief needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from generator.model.archive import SourceText
from generator.model.brief import Brief
from generator.pages.history import History


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, by its path under the generated folder."""

    path: str
    content: str


@dataclass(frozen=True)
class KeptPage:
    """A generated file the last build wrote that is still right, by its path: left as it is."""

    path: str


@dataclass(frozen=True)
class BriefInput:
    """What rendering a brief needs: the brief and the texts of its sources."""

    brief: Brief
    texts: Mapping[str, SourceText]
    history: History | None = None
    """The brief's update log from git; None when nobody asked git (e.g. in unit tests)."""
    draft: bool = False
    """The brief still holds placeholder text: its pages carry a draft banner."""
    digest: str = ""
    """The digest of the brief's file and sources (from the check), under which its pages are kept for the
    next build; empty when nobody asked (e.g. in unit tests): then they are not kept."""


class SourceTexts(Mapping[str, SourceText]):
    """A brief's source texts by source id, each read from the archive only when asked for: a build that
    keeps most briefs' pages from the last one reads only the sources of the briefs it renders."""

    def __init__(self, brief: Brief, get_text: Callable[[str], SourceText | None]) -> None:
        self._files = {source.id: source.file for source in brief.sources}
        self._get_text = get_text

    def __getitem__(self, source_id: str) -> SourceText:
        text = self._get_text(self._files[source_id])
        if text is None:
            raise KeyError(f"{self._files[source_id]} vanished after validation")
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def brief_inputs(checked: Iterable[tuple[Brief, Callable[[str], SourceText | None]]]) -> list[BriefInput]:
    """Pair each brief with its source texts (all present: validation checked them; read when used)."""
    return [BriefInput(brief, SourceTexts(brief, get_text)) for brief, get_text in checked]

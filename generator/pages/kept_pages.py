"""A brief's pages kept from the last build: rendering a brief again is skipped when nothing it is made
from changed, and the pages the last build wrote for it are still in the generated folder.

What a brief's pages are made from: the brief and its sources (the check's digest of their bytes), its
update log, whether it is a draft, the names of its people's own pages (shared across briefs), and the
code and templates (:func:`generator.system.content_cache.code_version`). Its pages carry no other brief's
words (see :mod:`generator.pages.search_words`), so a change elsewhere leaves them as they are.
"""

from __future__ import annotations

from generator.pages.claims import Paragraphs
from generator.pages.page import BriefInput, KeptPage, Page
from generator.pages.people import Person
from generator.pages.write import GeneratedFiles, file_digest
from generator.system.content_cache import ContentCache, code_version, digest

Rendered = tuple[list[Page], Paragraphs]
"""One brief's pages as the site carries them, and the paragraph numbers of its quotes."""


class KeptBriefPages:
    """Briefs' rendered pages, by the digest of what they are made from, checked against the generated
    folder: an entry holds each page's path and digest, and is used only while every one of those files
    still has that digest."""

    def __init__(self, cache: ContentCache, files: GeneratedFiles, people: ContentCache) -> None:
        self.cache = cache
        self.files = files
        self.people = people

    @staticmethod
    def key(item: BriefInput, slugs: dict[str, str]) -> str | None:
        if not item.digest:
            return None
        return digest(code_version(), item.digest, repr(item.history), str(item.draft), repr(sorted(slugs.items())))

    def get(self, item: BriefInput, slugs: dict[str, str]) -> tuple[list[KeptPage], Paragraphs] | None:
        key = self.key(item, slugs)
        entry = self.cache.get(key) if key else None
        if not isinstance(entry, tuple) or len(entry) != 2:
            return None
        pages, paragraphs = entry
        kept = self._still_there(pages)
        return None if kept is None else (kept, paragraphs)

    @staticmethod
    def person_key(person: Person, digests: dict[str, str]) -> str | None:
        """A person's pages are made from the person's names and, for each appearance, the brief it is in
        (its digest: the paragraph numbers and everything else shown come from that brief alone)."""
        briefs = [digests.get(a.brief.id, "") for a in person.appearances]
        if not all(briefs):
            return None
        return digest(
            code_version(),
            "person",
            person.slug,
            person.name,
            repr(person.variants),
            repr(person.language),
            *(f"{a.brief.id}:{d}:{a.participant.id}" for a, d in zip(person.appearances, briefs)),
        )

    def _still_there(self, pages: list[tuple[str, str]]) -> list[KeptPage] | None:
        """The pages, if every file still has the digest recorded for it."""
        if any(self.files.digest(path) != page_digest for path, page_digest in pages):
            return None
        return [KeptPage(path) for path, _ in pages]

    def get_person(self, person: Person, digests: dict[str, str]) -> list[KeptPage] | None:
        key = self.person_key(person, digests)
        entry = self.people.get(key) if key else None
        return self._still_there(entry) if isinstance(entry, list) else None

    def put_person(self, person: Person, digests: dict[str, str], pages: list[Page]) -> None:
        key = self.person_key(person, digests)
        if key:
            self.people.put(key, [(page.path, file_digest(page.content.encode("utf-8"))) for page in pages])

    def put(self, item: BriefInput, slugs: dict[str, str], rendered: Rendered) -> None:
        key = self.key(item, slugs)
        if key:
            pages, paragraphs = rendered
            self.cache.put(
                key, ([(page.path, file_digest(page.content.encode("utf-8"))) for page in pages], paragraphs)
            )

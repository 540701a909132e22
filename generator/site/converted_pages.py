"""Pages' HTML kept from the last build, so MkDocs converts only pages whose Markdown changed.

What converting a page gives (its HTML, table of contents, title, anchors, the links to anchors MkDocs
checks later, and what it logged) is filed under the digest of everything the conversion reads: the
page's Markdown and path, the MkDocs configuration files, and the code and library versions. A conversion
also depends on which files its links name exist (a link's URL, or its warning): the entry records every
file it looked up and whether it was there, and is used only while each still is, or still is not (so
adding or removing a brief converts again only the pages that link to what came or went). Each
configuration (the site, the offline copy) keeps its own entries. A page whose entry is used is not
converted; what was logged is logged again, so strict mode still counts every warning.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, NamedTuple

from generator.model.project import Project
from generator.pages.write import GeneratedFiles
from generator.system.content_cache import ContentCache, code_version, digest


class Digested(NamedTuple):
    """A page's HTML and table of contents as a conversion gave them, with their digests."""

    content: str
    content_digest: str
    toc: Any
    toc_digest: str


@dataclass
class Rendered:
    """What converting one page produced (in a worker, in this process, or in an earlier build)."""

    src_uri: str
    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[tuple[str, int, str]] = field(default_factory=list)
    lookups: dict[str, bool] = field(default_factory=dict)
    """Each file the conversion looked for (by path in the docs), and whether it was there."""
    content_digest: str = ""
    """The digest of ``content``, made once where it was converted (the finished page's key uses it)."""
    toc_digest: str = ""
    """The digest of ``toc``'s :func:`toc_description`, likewise."""

    def digested(self) -> Digested:
        return Digested(self.content, self.content_digest, self.toc, self.toc_digest)


@contextmanager
def recording_lookups(files: Any) -> Iterator[dict[str, bool]]:
    """Inside the block, every file MkDocs looks up in ``files`` (as it resolves a page's links) is recorded."""
    found: dict[str, bool] = {}
    original = files.get_file_from_path

    def lookup(path: str) -> Any:
        file = original(path)
        found[PurePath(path).as_posix()] = file is not None  # as Files normalises it
        return file

    files.get_file_from_path = lookup
    try:
        yield found
    finally:
        del files.get_file_from_path  # the method of the class again


def rendered_from(page: Any, records: list[tuple[str, int, str]], lookups: dict[str, bool]) -> Rendered:
    """What MkDocs' ``Page.render`` left on a page, as :class:`Rendered`."""
    links = page.links_to_anchors
    return Rendered(
        src_uri=page.file.src_uri,
        content=page.content,
        toc=page.toc,
        title=page._title_from_render,
        present_anchor_ids=page.present_anchor_ids,
        links_to_anchors=None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
        records=records,
        lookups=dict(lookups),
        content_digest=digest(page.content),
        toc_digest=toc_digest(page.toc),
    )


def toc_description(items: Any) -> list[Any]:
    """A table of contents as plain lists: each item's title, anchor, level and children."""
    return [[item.title, item.id, item.level, toc_description(item.children)] for item in items]


def toc_digest(toc: Any) -> str:
    return digest(json.dumps(toc_description(toc or []), ensure_ascii=False))


def page_digests(page: Any, conversions: dict[str, Digested]) -> tuple[str, str]:
    """The digests of a page's HTML and table of contents: those made at its conversion while the page
    still holds what that conversion gave (a plugin may have changed either since), else made now."""
    made = conversions.get(page.file.src_uri)
    if made is not None and made.content is page.content and made.content_digest:
        content = made.content_digest
    else:
        content = digest(page.content or "")
    if made is not None and made.toc is page.toc and made.toc_digest:
        return content, made.toc_digest
    return content, toc_digest(page.toc)


def configuration_digest(config: Any) -> str:
    """The digest of the code and library versions, the configuration file's name and every
    ``mkdocs*.yml`` beside it (the offline configuration inherits the site's)."""
    config_file = Path(config["config_file_path"]).resolve()
    settings = [(p.name, p.read_bytes()) for p in sorted(config_file.parent.glob("mkdocs*.yml"))]
    return digest(code_version(), config_file.name, *(part for name, data in settings for part in (name, data)))


class ConvertedPages:
    """The kept conversions of one MkDocs configuration, for one build's set of files."""

    def __init__(self, cache: ContentCache, context: str, generated: GeneratedFiles | None = None) -> None:
        self.cache = cache
        self.context = context
        self.generated = generated
        self._keys: dict[str, str | None] = {}

    @classmethod
    def for_build(cls, config: Any, files: Any) -> ConvertedPages:
        config_file = Path(config["config_file_path"]).resolve()
        context = configuration_digest(config)
        project = Project(config_file.parent)
        generated = GeneratedFiles(project.generated_dir)
        return cls(ContentCache(project.cache_dir, f"converted-{config_file.stem}"), context, generated)

    def key(self, page: Any) -> str | None:
        uri = page.file.src_uri
        if uri not in self._keys:
            self._keys[uri] = (
                None if (source := self._source_digest(page)) is None else digest(self.context, uri, source)
            )
        return self._keys[uri]

    def _source_digest(self, page: Any) -> str | None:
        """The digest of the page's Markdown file: for a generated page, the one the generator recorded
        (when the file's size and time are still those it recorded); else read and hashed."""
        path = Path(page.file.abs_src_path or "")
        if self.generated is not None and path.is_relative_to(self.generated.folder):
            return self.generated.digest(path.relative_to(self.generated.folder).as_posix())
        try:
            return digest(path.read_bytes())
        except OSError:  # a page with no file on disk: always converted
            return None

    def get(self, page: Any, files: Any) -> Rendered | None:
        """The kept conversion of the page's Markdown, if every file it looked up is still there or not."""
        key = self.key(page)
        found = self.cache.get(key) if key else None
        if not isinstance(found, Rendered) or found.src_uri != page.file.src_uri:
            return None
        present = files.src_uris
        if any((path in present) != there for path, there in found.lookups.items()):
            return None
        return found

    def put(self, page: Any, rendered: Rendered) -> None:
        key = self.key(page)
        if key:
            self.cache.put(key, rendered)

    def keep_only_used(self) -> None:
        self.cache.keep_only_used()

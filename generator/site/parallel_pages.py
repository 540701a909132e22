"""Convert the site's Markdown to HTML on every core, for MkDocs.

MkDocs 1.6 converts pages one after another in one process, and Python-Markdown's ``convert`` is
about 92 % of a build's time (see the README's profile), so a 1,000-brief site left all but one
core idle. This module, driven by the MkDocs hook, splits that one step: when the navigation is
ready, it forks worker processes that read and convert a share of the pages with MkDocs' own
:meth:`Page.render` (the same extensions, link rewriting, anchor and title extraction), while
MkDocs' loop converts the rest in this process. A page a worker converted is not converted again:
its ``render`` is replaced, for that page object only, by one that takes the worker's result
(content, table of contents, title, anchors and the links to anchors MkDocs checks later), and
re-logs, here, what MkDocs logged while converting it, so strict mode still counts every warning.
Everything else (plugin events, templates, writing, link validation) stays in MkDocs' order.

A process that runs other threads (``mkdocs serve`` rebuilding while it answers requests) converts
every page itself: see :func:`generator.system.workers.may_fork`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial
from typing import Any

from generator.site.converted_pages import ConvertedPages, Digested, Rendered, recording_lookups, rendered_from
from generator.system import workers as worker_processes
from generator.system.workers import fork_pool

log = logging.getLogger(__name__)

_STATE: dict[str, Any] = {}
"""What forked workers inherit: the config, the files and the pages to convert (set before forking)."""


class _Records(logging.Handler):
    """Keeps what MkDocs logs in a worker, to be logged again by the parent."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _worker_init() -> None:
    """In a worker: log nothing to the terminal (the parent logs it), keep every record instead."""
    _STATE["in_worker"] = True
    handler = _Records()
    _STATE["records"] = handler
    for name in ("mkdocs", "MARKDOWN", "markdown"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False


def _convert(index: int) -> Rendered:
    """In a worker: what MkDocs' ``_populate_page`` does up to the HTML, for one page."""
    config, files = _STATE["config"], _STATE["files"]
    page = _STATE["pages"][index]
    handler: _Records = _STATE["records"]
    handler.records = []
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        with recording_lookups(files) as lookups:
            page.render(config, files)
    finally:
        config._current_page = None
    result = rendered_from(page, handler.records, lookups)
    page.markdown = page.content = None  # sent back: this worker need not keep them
    page.toc = []
    return result


def _share(sizes: list[int], workers: int) -> list[bool]:
    """Which pages go to the workers (True) and which stay here, in MkDocs' order: each page goes to
    whichever side has less work per process so far, so both sides finish at about the same time
    (measured: weighting this process's share by 0.9 or 1.1 instead was slower)."""
    here = there = 0
    to_workers = []
    for size in sizes:
        send = there / workers < here
        to_workers.append(send)
        if send:
            there += size
        else:
            here += size
    return to_workers


class ParallelPages:
    """Converts a share of the pages in forked workers while MkDocs converts the rest."""

    def __init__(self) -> None:
        self._pool: Any = None
        self._stack = ExitStack()
        self._results: Iterator[Rendered] | None = None
        self._waiting: dict[str, Rendered] = {}
        self._sent: set[str] = set()
        self._workers = 0
        self._pages = 0
        self._waited = 0.0
        self._started = 0.0
        self._converted: ConvertedPages | None = None
        self._reused: dict[str, Rendered] = {}
        self.conversions: dict[str, Digested] = {}
        """Each page's conversion, by page: while the page still holds that very HTML (or table of
        contents), its digest need not be made again (see :mod:`generator.site.finished_pages`)."""

    def start(self, config: Any, files: Any) -> None:
        """Fork workers and hand them their pages (call when the navigation is ready): one fewer than
        :func:`generator.system.workers.worker_count`, since this process converts pages too; none where
        that is none."""
        from mkdocs.structure.files import InclusionLevel
        from mkdocs.structure.pages import Page

        pages = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)  # as MkDocs' own loop would, a moment later
            if file.page is not None:
                pages.append(file.page)
        self._converted = converted = ConvertedPages.for_build(config, files)
        self._reused = {}
        self.conversions = {}
        for page in pages:
            kept = converted.get(page, files)
            if kept is not None:
                self._reused[page.file.src_uri] = kept
        pages = [page for page in pages if page.file.src_uri not in self._reused]
        workers = worker_processes.worker_count(len(pages)) - 1
        if workers < 1:
            return
        sizes = [_size(page.file) for page in pages]
        chosen = [i for i, send in enumerate(_share(sizes, workers)) if send]
        if not chosen:
            return
        _STATE.update(config=config, files=files, pages=pages)
        self._sent = {pages[i].file.src_uri for i in chosen}
        self._workers, self._pages = workers, len(pages)
        self._waited, self._started = 0.0, time.perf_counter()
        self._pool = self._stack.enter_context(fork_pool(workers, _worker_init, tasks_per_worker=None))
        self._results = self._pool.imap(_convert, chosen, chunksize=4)

    def claim(self, page: Any) -> None:
        """Make MkDocs take, for this page, the last build's conversion or a worker's, or keep what it
        converts itself for the next build."""
        if _STATE.get("in_worker"):
            return
        uri = page.file.src_uri
        if uri in self._reused:
            page.render = partial(self._reuse, page, self._reused.pop(uri))
        elif uri in self._sent:
            page.render = partial(self._take, page)
        elif self._converted is not None:
            page.render = partial(self._convert_here, page, page.render)

    def _reuse(self, page: Any, result: Rendered, config: Any, files: Any) -> None:
        """Stands in for ``page.render``: the last build's conversion of the same Markdown."""
        self._apply(page, result, files)

    def _apply(self, page: Any, result: Rendered, files: Any) -> None:
        _apply(page, result, files)
        self.conversions[page.file.src_uri] = result.digested()

    def _take(self, page: Any, config: Any, files: Any) -> None:
        """Stands in for ``page.render``: waits for the worker's result and sets what render sets."""
        wanted = page.file.src_uri
        started = time.perf_counter()
        while wanted not in self._waiting:
            assert self._results is not None
            result = next(self._results)
            self._waiting[result.src_uri] = result
        self._waited += time.perf_counter() - started
        result = self._waiting.pop(wanted)
        self._apply(page, result, files)
        if self._converted is not None:
            self._converted.put(page, result)

    def _convert_here(self, page: Any, render: Any, config: Any, files: Any) -> None:
        """Stands in for ``page.render``: MkDocs' own, with what it logs kept (and logged as usual)."""
        handler = _Records()
        loggers = [logging.getLogger(name) for name in ("mkdocs", "MARKDOWN", "markdown")]
        for logger in loggers:
            logger.addHandler(handler)
        try:
            del page.render  # MkDocs' own method again, for this page object
            with recording_lookups(files) as lookups:
                render(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(handler)
        result = rendered_from(page, handler.records, lookups)
        self.conversions[page.file.src_uri] = result.digested()
        if self._converted is not None:
            self._converted.put(page, result)

    def finish(self, converted_all: bool = False) -> None:
        """Stop the workers (every page has been converted, or the build failed); when every page was
        converted, keep only this build's conversions for the next one."""
        if converted_all and self._converted is not None:
            self._converted.keep_only_used()
        self._converted = None
        self._reused = {}
        if self._pool is not None:
            self._stack.close()  # stops the workers
            log.info(
                "converted %d of %d pages in %d worker process(es) in %.1f s, %.1f s of it waiting for them",
                len(self._sent),
                self._pages,
                self._workers,
                time.perf_counter() - self._started,
                self._waited,
            )
        self._pool = None
        self._results = None
        self._waiting.clear()
        self._sent = set()
        _STATE.clear()


def _apply(page: Any, result: Rendered, files: Any) -> None:
    """Set on a page what MkDocs' ``Page.render`` sets, from a conversion done elsewhere, and log again
    what was logged while it was done."""
    for name, level, message in result.records:
        logging.getLogger(name).log(level, "%s", message)
    page.content = result.content
    page.toc = result.toc
    page._title_from_render = result.title
    page.present_anchor_ids = result.present_anchor_ids
    if result.links_to_anchors is not None:  # by src_uri, as MkDocs's Files look them up
        page.links_to_anchors = {files.src_uris.get(uri): anchors for uri, anchors in result.links_to_anchors.items()}
    if "render" in vars(page):
        del page.render  # the page object is MkDocs' own again


def _size(file: Any) -> int:
    try:
        return os.path.getsize(file.abs_src_path)
    except (OSError, TypeError):
        return 0

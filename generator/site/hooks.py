"""The MkDocs events of the site: generate the brief pages before every build, add the files the build
adds after MkDocs, convert pages on every core, and, when serving, keep serving through a broken save.

:mod:`generator.mkdocs_hook` (the file ``mkdocs.yml`` names) gives these events the pipeline's
generation stages, unless the pipeline itself started MkDocs and generated the pages a moment ago,
which it says by registering the :data:`generator.site.mkdocs_build.PREGENERATED` marker among the
plugins. Builders that run no hooks (Zensical) use ``brief generate`` first instead.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.model.errors import BuildFailed
from generator.model.project import Project
from generator.site import parallel_pages
from generator.site.finished_pages import FinishedPages, keep_finished_pages
from generator.site.linked_files import link_generated_files
from generator.site.mkdocs_build import PREGENERATED
from generator.site.preview import edited_briefs, editors_root
from generator.site.preview_app import PreviewApp
from generator.site.search_entries import KeptSearchEntries, keep_search_entries
from generator.site.serve_errors import PROBLEMS, keep_serving
from generator.site.site_files import add_site_files

log = logging.getLogger(__name__)


class BriefHooks:
    """The events, as methods; ``generate`` writes a project's brief pages (raising BuildFailed)."""

    def __init__(self, generate: Callable[[Project], object]) -> None:
        self._generate = generate
        self._parallel = parallel_pages.ParallelPages()
        self._nav: Any = None
        self._finished: FinishedPages | None = None
        self._search: KeptSearchEntries | None = None

    def on_startup(self, command: str, **_: Any) -> None:
        PROBLEMS.serving = command == "serve"

    def on_pre_build(self, config: Any, **_: Any) -> None:
        """Generate the pages; when serving, a brief's errors are shown in the pages (see serve_errors)."""
        if PREGENERATED in config.plugins:
            return
        try:
            self._generate(Project(Path(config["config_file_path"]).resolve().parent))
        except BuildFailed as exc:
            details = "\n".join(str(e) for e in exc.errors)
            failed = PluginError(f"the briefs have errors:\n{details}" if details else str(exc))
            if not PROBLEMS.serving:
                raise failed from None
            PROBLEMS.set(exc.errors, "" if exc.errors else str(exc))
            if PROBLEMS.built_once:
                raise failed from None  # at once, before anything is written: the last good pages stay
            # The first build: nothing to fall back on, so build what there is. Said on stderr, not through
            # MkDocs's log, where an error fails a strict build.
            print(f"ERROR    -  {failed}", file=sys.stderr, flush=True)
            return
        PROBLEMS.set()

    def on_post_build(self, config: Any, **_: Any) -> None:
        if self._finished is not None:  # every page is written: keep only this build's finished pages
            self._finished.keep_only_used()
            log.info("rendered %d page(s) through the theme, reused %d", self._finished.rendered, self._finished.reused)
            self._finished = None
        if self._search is not None:
            self._search.cache.keep_only_used()
            log.info("reused the search entries of %d page(s)", self._search.reused)
            self._search = None
        self._parallel.conversions = {}
        if PROBLEMS.serving and PROBLEMS.snapshot() == ([], ""):
            PROBLEMS.built_once = True

    def on_serve(self, server: Any, config: Any, builder: Any, **_: Any) -> Any:
        """While serving, a failed rebuild neither holds requests nor hides its errors (see serve_errors), and
        the pages get the quote picker and the entry form (see preview_app)."""
        root = Path(config["config_file_path"]).resolve().parent
        server.builder = keep_serving(server.builder)
        server.set_app(PreviewApp(server.get_app(), lambda: edited_briefs(root), editors_root(root)))
        return server

    def on_files(self, files: Any, config: Any, **_: Any) -> Any:
        """Register the files `brief build` adds after MkDocs (PDFs, offline zip, search shim), and link the
        generated data files and the last published PDFs and zip into the site instead of copying them."""
        return link_generated_files(add_site_files(files, config), config)

    def on_nav(self, nav: Any, config: Any, files: Any, **_: Any) -> Any:
        self._parallel.start(config, files)
        self._nav = nav
        return nav

    def on_pre_page(self, page: Any, **_: Any) -> Any:
        self._parallel.claim(page)
        return page

    def on_env(self, env: Any, config: Any, files: Any, **_: Any) -> Any:
        self._parallel.finish(converted_all=True)  # every page is converted by now
        self._finished = keep_finished_pages(env, config, files, self._nav, self._parallel.conversions)
        self._search = keep_search_entries(config, self._parallel.conversions)
        return env

    def on_build_error(self, **_: Any) -> None:
        self._parallel.finish()
        self._parallel.conversions = {}
        self._finished = None
        self._search = None

    def on_shutdown(self, **_: Any) -> None:
        self._parallel.finish()

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        """The page's Markdown is converted now and nothing reads it again: drop it, so that a thousand
        briefs' Markdown is not held until every page is written (a title stays: it is in the page's
        metadata or was taken from the HTML)."""
        page.markdown = ""
        return html

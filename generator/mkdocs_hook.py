"""MkDocs hook: regenerate the brief pages before every build, so that
``mkdocs build`` and ``mkdocs serve`` work directly on the YAML briefs.

It runs the pipeline's own generation stages (:func:`generator.pipeline.generate_project`),
unless the pipeline itself started MkDocs and generated the pages a moment ago, which it says
by registering the :data:`generator.site.build.PREGENERATED` marker among the plugins.
Builders that run no hooks (Zensical) use ``brief generate`` first instead.

In ``mkdocs build`` it also converts pages on every core (:mod:`generator.site.parallel_pages`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.model.project import Project
from generator.pipeline import generate_project
from generator.site import parallel_pages
from generator.site.build import PREGENERATED, BuildFailed
from generator.site.preview import edited_briefs, editors_root
from generator.site.preview_app import PreviewApp
from generator.site.serve_errors import PROBLEMS, keep_serving
from generator.site.site_files import add_site_files


def on_startup(command: str, **_: Any) -> None:
    PROBLEMS.serving = command == "serve"


def on_pre_build(config: Any, **_: Any) -> None:
    """Generate the pages; when serving, a brief's errors are shown in the pages (see serve_errors)."""
    if PREGENERATED in config.plugins:
        return
    try:
        generate_project(Project(Path(config["config_file_path"]).resolve().parent))
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


def on_post_build(config: Any, **_: Any) -> None:
    if PROBLEMS.serving and PROBLEMS.snapshot() == ([], ""):
        PROBLEMS.built_once = True


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    """While serving, a failed rebuild neither holds requests nor hides its errors (see serve_errors), and
    the pages get the quote picker and the entry form (see preview_app)."""
    root = Path(config["config_file_path"]).resolve().parent
    server.builder = keep_serving(server.builder)
    server.set_app(PreviewApp(server.get_app(), lambda: edited_briefs(root), editors_root(root)))
    return server


def on_files(files: Any, config: Any, **_: Any) -> Any:
    """Register the files `brief build` adds after MkDocs (PDFs, offline zip, search shim)."""
    return add_site_files(files, config)


_PARALLEL = parallel_pages.ParallelPages()


def on_nav(nav: Any, config: Any, files: Any, **_: Any) -> Any:
    _PARALLEL.start(config, files)
    return nav


def on_pre_page(page: Any, **_: Any) -> Any:
    _PARALLEL.claim(page)
    return page


def on_env(env: Any, **_: Any) -> Any:
    _PARALLEL.finish()  # every page is converted by now
    return env


def on_build_error(**_: Any) -> None:
    _PARALLEL.finish()


def on_shutdown(**_: Any) -> None:
    _PARALLEL.finish()


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """The page's Markdown is converted now and nothing reads it again: drop it, so that a thousand
    briefs' Markdown is not held until every page is written (a title stays: it is in the page's
    metadata or was taken from the HTML)."""
    page.markdown = ""
    return html

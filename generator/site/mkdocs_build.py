"""MkDocs, run as a library: the one place the build calls MkDocs (its hook is :mod:`generator.mkdocs_hook`).

The pipeline generated the brief pages a moment before it runs MkDocs, which it says to the hook by
registering :data:`PREGENERATED` among the plugins; a counting plugin feeds the progress line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.model.errors import BuildFailed
from generator.system.environment_variables import environment_variables
from generator.system.git import git_text
from generator.system.progress import Progress

PREGENERATED = "brief-pregenerated"
"""The name under which :func:`run_mkdocs` registers a marker the MkDocs hook looks for."""

PROGRESS = "brief-progress"
"""The name under which :func:`run_mkdocs` registers the page counter of the progress line."""

OWN_PLUGINS = frozenset({PREGENERATED, PROGRESS})
"""The plugins :func:`run_mkdocs` adds: they change nothing MkDocs makes."""


class _Pregenerated:
    """A do-nothing plugin whose presence says the brief pages are already generated."""


class _PageCounter:
    """A plugin object counting the pages MkDocs has built, for the progress line."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def on_files(self, files: Any, **_: Any) -> Any:
        self.progress.begin("building the site", len(files.documentation_pages()), "site")
        return files

    def on_post_page(self, output: str, **_: Any) -> str:
        self.progress.advance("site")
        return output


def run_mkdocs(config_file: Path, site_dir: Path, progress: Progress | None = None) -> None:
    """Build the site with MkDocs into ``site_dir`` (strict, as configured)."""
    with environment_variables(NO_MKDOCS_2_WARNING="1"):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir))
            # The pipeline generated the pages a moment ago: this tells the hook not to again.
            config.plugins[PREGENERATED] = _Pregenerated()  # type: ignore[assignment]  # duck-typed: hooks only
            if progress:
                config.plugins[PROGRESS] = _PageCounter(progress)  # type: ignore[assignment]  # duck-typed
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except exceptions.Abort as exc:
            raise BuildFailed(f"MkDocs refused the site: {exc}") from None
        except exceptions.ConfigurationError as exc:
            raise BuildFailed(f"mkdocs.yml is invalid: {exc}") from None
        except exceptions.PluginError as exc:
            raise BuildFailed(str(exc)) from None


FALLBACK_EPOCH = "1735689600"
"""2025-01-01T00:00:00Z: the build date when the project is not a git checkout."""


def source_date_epoch(root: Path) -> str:
    """The build date MkDocs stamps into sitemap.xml(.gz): the caller's, else the commit's.

    A date taken from the clock would make two builds of one commit differ.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return os.environ["SOURCE_DATE_EPOCH"]
    commit_time = git_text(root, "log", "-1", "--format=%ct") or ""
    return commit_time if commit_time.isdigit() else FALLBACK_EPOCH

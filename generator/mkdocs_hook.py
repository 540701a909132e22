"""MkDocs hook: regenerate the brief pages before every build, so that
``mkdocs build`` and ``mkdocs serve`` work directly on the YAML briefs.

Builders that run no hooks (Zensical) use ``brief generate`` first instead.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.exceptions import PluginError


def on_pre_build(config: Any, **_: Any) -> None:
    if os.environ.get("BRIEF_PREGENERATED") == "1":
        return  # `brief build` generated the pages a moment ago
    from pathlib import Path

    from generator.build import BuildFailed, generate_project
    from generator.project import Project

    try:
        generate_project(Project(Path(config["config_file_path"]).resolve().parent))
    except BuildFailed as exc:
        details = "\n".join(str(e) for e in exc.errors)
        raise PluginError(f"the briefs have errors:\n{details}" if details else str(exc)) from None


def on_files(files: Any, config: Any, **_: Any) -> Any:
    """Register the files `brief build` adds after MkDocs (PDFs, offline zip, search shim)."""
    from generator.site_files import add_site_files

    return add_site_files(files, config)

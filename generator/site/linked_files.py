"""The generated folder's data files (archived source texts, JSON, calendars), and the last published
PDFs and offline zip, linked into the site instead of copied.

A thousand briefs give the site about 8,000 such files; MkDocs copies each one on every build, which
was a fifth of a warm build's time. The generator writes a file only by replacing it whole (a new file
renamed over the old, see :func:`generator.pages.write.write_pages`), so a hard link in the site keeps
the bytes it was built with, even after the generator has written a newer version: the built site
never changes under a reader. A file that is not as the generator's manifest recorded it (edited by
hand), or that cannot be linked (another file system), is copied as before.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

from generator.model.project import Project
from generator.pages.write import GeneratedFiles
from generator.system.hard_links import link_or_copy


def link_generated_files(files: Any, config: Any) -> Any:
    """Make MkDocs link, not copy, each static file the generator wrote and nobody changed since, and
    each file taken from the last published site (its PDFs and offline zip, see
    :mod:`generator.site.site_files`: a build replaces them whole too)."""
    project = Project(Path(config["config_file_path"]).resolve().parent)
    generated = GeneratedFiles(project.generated_dir)
    folder, published = generated.folder.resolve(), project.site_dir.resolve()
    made: set[str] = set()
    for file in files:
        if file.is_documentation_page() or not file.abs_src_path:
            continue
        path = Path(file.abs_src_path)
        written = (
            not file.generated_by
            and path.is_relative_to(folder)
            and generated.as_written(path.relative_to(folder).as_posix())
        )
        if written or path.is_relative_to(published):
            file.copy_file = partial(_link, file, made)
    return files


def _link(file: Any, made: set[str], dirty: bool = False) -> None:
    """Stands in for ``File.copy_file``: a hard link to the generated file (a copy where linking fails)."""
    target = file.abs_dest_path
    if os.path.abspath(target) == os.path.abspath(file.abs_src_path):
        return  # MkDocs building into the folder the file is in (as it does, by SameFileError)
    parent = os.path.dirname(target)
    if parent not in made:
        os.makedirs(parent, exist_ok=True)
        made.add(parent)
    link_or_copy(file.abs_src_path, target)

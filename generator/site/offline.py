"""Offline stage: the whole site built for ``file://`` and zipped.

A second MkDocs build with ``mkdocs.offline.yml`` (Material's offline plugin,
plain ``.html`` URLs, the search index inlined as a script) goes into a
temporary folder; the PDFs of the main build are copied in; the result is
zipped under one top folder into the main site (``publish/zip_archive.py``, which keeps each deflated
entry for the next zip). Search starts from disk
through the iframe-worker shim, which ships inside the zip (installed by
``npm ci`` from the pinned package-lock.json), so nothing is ever fetched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.model.errors import BuildFailed
from generator.model.project import Project
from generator.publish.provenance import provenance
from generator.publish.zip_archive import write_zip
from generator.site.mkdocs_build import run_mkdocs
from generator.system.content_cache import ContentCache
from generator.system.hard_links import link_or_copy
from generator.system.stage_times import StageTimes

OFFLINE_CONFIG = "mkdocs.offline.yml"
ZIP_NAME = "event-briefs-offline.zip"
ZIP_FOLDER = "event-briefs"
SHIM_SITE_PATH = "assets/vendor/iframe-worker/shim.js"
UNREAD_INDEX = "search/search_index.json"
"""Left out of the zip: Material's offline plugin copies the search index into ``search_index.js``, which
every page loads, and the search reads that copy when it is there, so the JSON is never opened. At 1,000
briefs it is 142 MB (15 MB deflated), deflated again after every edit."""


def shim_file(root: Path) -> Path:
    """The iframe-worker shim as npm installed it (package-lock.json pins the version)."""
    return root / "node_modules" / "iframe-worker" / "shim" / "index.js"


def build_offline_zip(
    project: Project,
    site_dir: Path,
    before_zip: Callable[[], object] | None = None,
    times: StageTimes | None = None,
) -> Path:
    """Build the offline copy of the site and write it as ``site_dir/ZIP_NAME``.

    ``site_dir`` is the freshly built main site: its PDFs go into the copy. ``before_zip`` is called once
    the copy is built, before they are taken (the build makes the PDFs meanwhile and publishes them then).
    Both steps' spans go into ``times`` when given.
    """
    times = times if times is not None else StageTimes()
    config = project.root / OFFLINE_CONFIG
    if not config.is_file():
        raise BuildFailed(f"{config} is missing: the offline copy of the site is built from it")
    if not shim_file(project.root).is_file():
        raise BuildFailed(
            f"{shim_file(project.root)} is missing: run `npm ci` in {project.root} (`make site` "
            "does) to install the iframe-worker shim that offline search needs"
        )
    with tempfile.TemporaryDirectory(prefix="brief-offline.") as scratch:
        offline_dir = Path(scratch) / "site"
        with times.stage("offline copy: MkDocs"):
            run_mkdocs(config, offline_dir)
        if before_zip is not None:
            before_zip()
        with times.stage("offline copy: zip"):
            for pdf in site_dir.glob("briefs/*/*.pdf"):
                target = offline_dir / pdf.relative_to(site_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(pdf, target)  # over the last built copy MkDocs put there; only read, to be zipped
            moment = provenance(project.root, [project.root]).moment
            target = site_dir / ZIP_NAME
            kept = ContentCache(project.cache_dir, "offline-zip")
            write_zip(
                offline_dir, target, ZIP_FOLDER, moment=moment, skip=frozenset({ZIP_NAME, UNREAD_INDEX}), kept=kept
            )
            kept.keep_only_used()
    return target


__all__ = [
    "OFFLINE_CONFIG",
    "SHIM_SITE_PATH",
    "UNREAD_INDEX",
    "ZIP_FOLDER",
    "ZIP_NAME",
    "build_offline_zip",
    "shim_file",
]

"""Files the site links to that MkDocs does not make: each brief's PDF, the offline
zip, and (in the offline build) the iframe-worker shim.

They are registered with MkDocs as generated files so that strict link
validation accepts the "Download PDF" and offline links, and ``mkdocs serve``
serves them. Their content is the last built copy from ``site/`` (empty when
there is none yet); ``brief build`` then overwrites them in the staging site
with freshly built ones, and swaps the site in only if that worked.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.publish.pdf import pdf_site_path
from generator.site.offline import SHIM_SITE_PATH, ZIP_NAME, shim_file

BRIEF_OVERVIEW = re.compile(r"briefs/([a-z0-9][a-z0-9-]*)/index\.md")


def _last_built(config: Any, path: str) -> File:
    built = Path(config["config_file_path"]).resolve().parent / "site" / path
    if built.is_file():
        return File.generated(config, path, abs_src_path=str(built))
    return File.generated(config, path, content=b"")


def add_site_files(files: Files, config: Any) -> Files:
    """Register the PDFs, the offline zip and, when the config asks for it, the search shim."""
    root = Path(config["config_file_path"]).resolve().parent
    present = {f.src_uri for f in files}
    # A brief's folder has a sources page; the people index (briefs/people/index.md) has none and gets no PDF.
    wanted = [
        pdf_site_path(m.group(1))
        for uri in sorted(present)
        if (m := BRIEF_OVERVIEW.fullmatch(uri)) and f"briefs/{m.group(1)}/sources.md" in present
    ]
    wanted.append(ZIP_NAME)
    for path in wanted:
        if path not in present:
            files.append(_last_built(config, path))
    if SHIM_SITE_PATH in [str(p) for p in config["extra"].get("polyfills", [])] and SHIM_SITE_PATH not in present:
        shim = shim_file(root)
        if not shim.is_file():
            raise PluginError(
                f"{shim} is missing: run `npm ci` in {root} (`make site` does) to install "
                "the iframe-worker shim that offline search needs"
            )
        files.append(File.generated(config, SHIM_SITE_PATH, abs_src_path=str(shim)))
    return files

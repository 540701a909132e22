"""Search stage for the hosted site: a Pagefind index, fetched in small pieces.

Material's search downloads one ``search_index.json`` holding every page's text, which grows with
the number of briefs (139 MB at 1,000 briefs). Pagefind splits its index into chunks by word and
fetches only the chunks a query needs, plus one small fragment per result shown, so the first
search costs a bounded few hundred kB however large the site. It needs HTTP, so the offline copy
(opened from ``file://``) keeps Material's search (see ``mkdocs.offline.yml``); both read the same
pages, including the hidden "Also written" line of other spellings that the render stage adds.

What is indexed: each page's article, without permalinks, citation numbers and the per-page citation
list (their words would make every page match every source); the archived source texts count for
less than the brief's own words (``data-pagefind-weight`` in the sources template), so a name leads
to the person's page and the overview before a source paragraph.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.model.errors import BuildFailed

BUNDLE = "pagefind"
"""Folder of the index inside the site (the browser script looks for it beside ``assets/``)."""
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDED = (
    ".headerlink",
    ".para-num",
    "sup.cite",
    "#citations",
    ".citation-note",
    ".pdf-download",
    ".brief-trail",
    ".md-source-file",
    ".timeline",
    ".impact-chart",
    ".support-legend",
)
"""What a reader does not search for: links and markers around the text, and pictures (their words are
in the entries they draw)."""


def pagefind_command(root: Path) -> Path:
    """The Pagefind runner npm installed (package-lock.json pins the version and the binary's checksum)."""
    return root / "node_modules" / ".bin" / "pagefind"


def index_site(root: Path, site_dir: Path) -> Path:
    """Index the built site in ``site_dir`` with Pagefind; return the bundle folder."""
    command = pagefind_command(root)
    if not command.exists():
        raise BuildFailed(f"{command} is missing: run `npm ci` (make site does) to install Pagefind")
    arguments = [
        str(command),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--root-selector",
        ROOT_SELECTOR,
        "--force-language",
        "en",
        "--quiet",
    ]
    for selector in EXCLUDED:
        arguments += ["--exclude-selectors", selector]
    result = subprocess.run(arguments, capture_output=True, text=True, check=False)
    bundle = site_dir / BUNDLE
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise BuildFailed(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()[-2000:]}")
    return bundle


__all__ = ["BUNDLE", "index_site", "pagefind_command"]

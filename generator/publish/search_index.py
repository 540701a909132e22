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

import hashlib
import json
import math
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.model.errors import BuildFailed
from generator.system.content_cache import code_version, digest
from generator.system.hard_links import link_or_copy

BUNDLE = "pagefind"
"""Folder of the index inside the site (the browser script looks for it beside ``assets/``)."""
PARTS_FILE = "parts.json"
"""In the bundle: the folders (inside it) of the index's other parts, which the browser merges in."""
BRIEFS_PER_INDEX = 250
"""Up to this many briefs, the site is one index; beyond, the briefs' pages are dealt into one part per
this many briefs (by their id's digest, so a new brief moves no other), and the pages all briefs share
(lists, tags, people) are the first part. Each part is indexed only when one of its pages changed, and
Pagefind's memory follows the largest part, not the site."""
KEPT = "search-index"
"""Folder of ``build/cache`` where each part's bundle is kept under the digest of its pages."""
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


def pagefind_binary(root: Path) -> Path:
    """The indexer itself, which the runner would start: npm installs the one for this machine under
    ``@pagefind/<platform>-<arch>/bin/`` (the extended build first, as the runner prefers it). Started
    directly, it can be told to end with the process that started it (see :func:`_index_part`); else the
    runner."""
    for name in ("pagefind_extended", "pagefind"):
        found = [p for p in sorted(root.glob(f"node_modules/@pagefind/*/bin/{name}")) if os.access(p, os.X_OK)]
        if len(found) == 1:
            return found[0]
    return pagefind_command(root)


@dataclass(frozen=True)
class IndexPart:
    """Pages indexed together, and the folder of their bundle inside :data:`BUNDLE` ("" for the bundle
    itself, the one the browser opens first)."""

    folder: str
    pages: tuple[str, ...]


def index_parts(site_dir: Path, brief_ids: Sequence[str], per_index: int = BRIEFS_PER_INDEX) -> list[IndexPart]:
    """How a built site's pages are split among indexes (see :data:`BRIEFS_PER_INDEX`)."""
    pages = sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if path.relative_to(site_dir).parts[0] != BUNDLE
    )
    count = math.ceil(len(brief_ids) / max(per_index, 1))
    if count <= 1:
        return [IndexPart("", tuple(pages))]
    numbers = {brief: int.from_bytes(hashlib.sha256(brief.encode()).digest()[:8], "big") % count for brief in brief_ids}
    groups: dict[str, list[str]] = {"": []}
    for page in pages:
        steps = page.split("/")
        brief = steps[1] if len(steps) > 2 and steps[0] == "briefs" else None
        folder = f"briefs-{numbers[brief] + 1}" if brief in numbers else ""
        groups.setdefault(folder, []).append(page)
    return [IndexPart(folder, tuple(groups[folder])) for folder in sorted(groups)]


def brief_ids_in(site_dir: Path) -> list[str]:
    """The ids of the briefs a built site holds (each has a sources page), sorted: for indexing a site
    built earlier, when the briefs it was built from are not at hand."""
    return sorted(page.parent.parent.name for page in site_dir.glob("briefs/*/sources/index.html"))


def index_site(
    root: Path, site_dir: Path, brief_ids: Sequence[str], cache_dir: Path, per_index: int = BRIEFS_PER_INDEX
) -> Path:
    """Index the built site in ``site_dir`` with Pagefind, part by part, reusing the bundle of every part
    whose pages did not change (kept in ``cache_dir``); return the bundle folder. Only the bundles this
    index used are kept."""
    binary = pagefind_binary(root)
    if not binary.exists():
        raise BuildFailed(f"{pagefind_command(root)} is missing: run `npm ci` (make site does) to install Pagefind")
    kept = cache_dir / KEPT
    bundle = site_dir / BUNDLE
    parts = index_parts(site_dir, brief_ids, per_index)
    used = set()
    for part in parts:
        key = _part_key(root, site_dir, part)
        made = kept / key
        if not (made / "pagefind.js").is_file():
            _index_part(binary, site_dir, part, made)
        _link_tree(made, bundle / part.folder)
        used.add(key)
    (bundle / PARTS_FILE).write_text(json.dumps([f"{p.folder}/" for p in parts if p.folder]) + "\n", encoding="utf-8")
    for old in kept.iterdir():
        if old.name not in used:
            shutil.rmtree(old, ignore_errors=True)
    return bundle


def _part_key(root: Path, site_dir: Path, part: IndexPart) -> str:
    """The digest of everything a part's bundle is made of: its pages' paths and bytes, Pagefind's
    version and arguments, and the code."""
    parts: list[str | bytes] = [code_version(), _pagefind_version(root), *_arguments(Path("pagefind"), Path("site"))]
    parts.append(part.folder)
    for page in part.pages:
        parts += [page, hashlib.sha256((site_dir / page).read_bytes()).digest()]
    return digest(*parts)


def _pagefind_version(root: Path) -> str:
    try:
        return str(json.loads((root / "node_modules" / "pagefind" / "package.json").read_text())["version"])
    except (OSError, ValueError, KeyError):
        return "unknown"


def _index_part(binary: Path, site_dir: Path, part: IndexPart, made: Path) -> None:
    """Run Pagefind on one part's pages (hard-linked into a folder of their own at the same paths, so
    their addresses are the site's) into ``made``, atomically. Pagefind ends with this process, even when
    it is killed: the build runs this beside other work and stops it when that work fails."""
    work = made.with_name(f".{made.name}.{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    pages = work / "site"
    for page in part.pages:
        target = pages / page
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(site_dir / page, target)
    try:
        result = subprocess.run(
            [*_ended_with_the_build(), *_arguments(binary, pages, work / "bundle")],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not (work / "bundle" / "pagefind.js").is_file():
            raise BuildFailed(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()[-2000:]}")
        shutil.rmtree(made, ignore_errors=True)
        os.replace(work / "bundle", made)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _link_tree(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_file():
            placed = target / path.relative_to(source)
            placed.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(path, placed)


def _ended_with_the_build() -> list[str]:
    """A prefix that has a process killed when the one starting it ends, however it ends: util-linux's
    ``setpriv`` sets the parent-death signal and starts it (every Debian and Ubuntu has it); else nothing."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "KILL", "--"] if setpriv else []


def _arguments(command: Path, site_dir: Path, output: Path | None = None) -> list[str]:
    arguments = [
        str(command),
        "--site",
        str(site_dir),
        "--output-path",
        str(output or site_dir / BUNDLE),
        "--root-selector",
        ROOT_SELECTOR,
        "--force-language",
        "en",
        "--quiet",
    ]
    for selector in EXCLUDED:
        arguments += ["--exclude-selectors", selector]
    return arguments


__all__ = [
    "BRIEFS_PER_INDEX",
    "BUNDLE",
    "PARTS_FILE",
    "IndexPart",
    "index_parts",
    "index_site",
    "pagefind_binary",
    "pagefind_command",
]

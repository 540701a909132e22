"""PDF stage: each brief's built pages -> print HTML -> PDF bytes, cached and in parallel.

WeasyPrint lays the print HTML out (``print_html``) with the print stylesheet
and the DejaVu fonts pinned in package-lock.json (and no other), which it embeds. It may read local files only:
the fetcher refuses every other URL, so a build never touches the network.
A PDF is rendered again only when the hash of everything it is made from
(print HTML, stylesheet, fonts, images, WeasyPrint's version) changes; stale
briefs render in parallel, one process per core. A brief whose print HTML would be made from the same
inputs as last time, and whose PDF is cached, gets no print HTML at all (``build/cache/print-jobs``).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import TypeGuard, cast

from generator.model.project import Project
from generator.model.validate import CheckedBrief
from generator.pages.brief_pages import MARKDOWN_PAGES
from generator.pages.page import BriefInput
from generator.publish.footnote_layout import INLINE_NOTES, describe, misplaced_footnotes
from generator.publish.print_html import WebPage, print_document
from generator.publish.provenance import Provenance, provenances
from generator.system.content_cache import ContentCache, code_version, digest
from generator.system.environment_variables import environment_variables
from generator.system.hard_links import link_or_copy
from generator.system.workers import process_count

STYLESHEET = Path(__file__).parent / "templates" / "brief.css"
FONT_DIR = Path(__file__).resolve().parents[2] / "node_modules" / "dejavu-fonts-ttf" / "ttf"
"""The only fonts a PDF may use: DejaVu 2.37.3 from npm, pinned in package-lock.json like the site's browser files,
so a PDF does not change with the fonts a machine happens to have (see :func:`isolated_fonts`)."""
FONTS = (  # family, weight, style, file: the faces the print stylesheet uses
    ("DejaVu Serif", "normal", "normal", "DejaVuSerif.ttf"),
    ("DejaVu Serif", "bold", "normal", "DejaVuSerif-Bold.ttf"),
    ("DejaVu Serif", "normal", "italic", "DejaVuSerif-Italic.ttf"),
    ("DejaVu Serif", "bold", "italic", "DejaVuSerif-BoldItalic.ttf"),
    ("DejaVu Sans", "normal", "normal", "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "normal", "DejaVuSans-Bold.ttf"),
    ("DejaVu Sans", "normal", "italic", "DejaVuSans-Oblique.ttf"),
    ("DejaVu Sans", "bold", "italic", "DejaVuSans-BoldOblique.ttf"),
    ("DejaVu Sans Mono", "normal", "normal", "DejaVuSansMono.ttf"),
)
FORMAT = "brief-pdf/3"  # bump to invalidate every cached PDF
PDF_VARIANT = "pdf/ua-1"
"""Tagged for accessibility (WeasyPrint's PDF/UA-1 variant); part of every cached PDF's digest."""


class PdfFailed(Exception):
    """A PDF could not be made; nothing was published."""


@dataclass(frozen=True)
class PrintJob:
    """Everything one brief's PDF is made from; ``digest`` names it in the cache."""

    brief_id: str
    html: str
    css: str
    base: Path
    assets: tuple[str, ...] = ()

    def digest(self) -> str:
        import weasyprint

        hasher = hashlib.sha256()
        for part in (
            FORMAT,
            PDF_VARIANT,
            INLINE_NOTES,
            weasyprint.__version__,
            self.css,
            self.html,
            *font_fingerprints(),
        ):
            hasher.update(part.encode("utf-8") + b"\0")
        for asset in self.assets:
            hasher.update(asset.encode("utf-8") + b"\0" + (self.base / asset).read_bytes() + b"\0")
        return hasher.hexdigest()


@dataclass(frozen=True)
class KeptJob:
    """A brief whose PDF is in the cache and whose inputs are what they were when it was made (see
    :func:`print_jobs`): no print HTML is built for it."""

    brief_id: str
    kept_digest: str

    def digest(self) -> str:
        return self.kept_digest


@dataclass(frozen=True)
class PdfResult:
    """One brief's PDF in the cache, and whether this run had to render it."""

    brief_id: str
    path: Path
    rendered: bool
    prepare_seconds: float
    render_seconds: float
    published: Path | None = None


# --- fonts and fetching --------------------------------------------------------------------------


def font_files() -> list[tuple[str, str, str, Path]]:
    """The pinned fonts the stylesheet uses (``npm ci``, run by ``make site`` and ``make test``, installs them)."""
    found = []
    for family, weight, style, name in FONTS:
        path = FONT_DIR / name
        if not path.is_file():
            raise PdfFailed(f"font {name} is missing from {FONT_DIR}: run `npm ci` (make site does)")
        found.append((family, weight, style, path))
    return found


@cache
def font_fingerprints() -> tuple[str, ...]:
    """Each pinned font by name and content: part of every PDF's digest (where they are installed is not)."""
    return tuple(f"{path.name}:{hashlib.sha256(path.read_bytes()).hexdigest()}" for *_, path in font_files())


@cache
def weasyprint_version() -> str:
    """WeasyPrint's version, part of every PDF's digest (read once: reading it costs a millisecond a brief)."""
    return metadata.version("weasyprint")


FONT_CACHE = Path(tempfile.gettempdir()) / "event-briefs-fontconfig-cache"
"""Where Fontconfig may keep its cache of the pinned fonts (outside the checkout)."""
_GENERIC_FAMILIES = {"serif": "DejaVu Serif", "sans-serif": "DejaVu Sans", "monospace": "DejaVu Sans Mono"}


@cache
def isolated_fonts() -> Path:
    """A Fontconfig file that lists the pinned fonts and nothing else (the system's and the user's fonts, and
    the system's rules, are left out), so that every glyph, fallbacks too, comes from a pinned font. Written
    once per set of fonts, named by its content."""
    folder = FONT_DIR.as_posix().replace("&", "&amp;").replace("<", "&lt;")
    aliases = "".join(
        f"  <alias><family>{generic}</family><prefer><family>{family}</family></prefer></alias>\n"
        for generic, family in _GENERIC_FAMILIES.items()
    )
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{folder}</dir>\n  <cachedir>{FONT_CACHE.as_posix()}</cachedir>\n{aliases}</fontconfig>\n"
    )
    target = Path(tempfile.gettempdir()) / f"event-briefs-fonts-{hashlib.sha256(text.encode()).hexdigest()[:16]}.conf"
    if not target.is_file():
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    return target


def stylesheet() -> str:
    """The print stylesheet. Its font families are found among the pinned fonts only (:func:`isolated_fonts`)."""
    font_files()  # a missing font is named before anything is rendered
    return STYLESHEET.read_text(encoding="utf-8")


def local_fetcher(roots: Sequence[Path]) -> object:
    """A WeasyPrint URL fetcher that reads files under ``roots`` and refuses everything else."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    allowed = [root.resolve() for root in roots]

    class LocalOnly(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
        def fetch(self, url: str, headers: object = None) -> object:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith("file:"):
                raise FatalURLFetchingError(f"refusing to fetch {url}: PDFs are built from local files only")
            from urllib.request import url2pathname

            path = Path(url2pathname(url.removeprefix("file:").split("?")[0].split("#")[0])).resolve()
            if not any(path == root or root in path.parents for root in allowed):
                raise FatalURLFetchingError(f"refusing to read {path}: outside the site")
            return super().fetch(url, headers)

    return LocalOnly()


# --- rendering ---------------------------------------------------------------------------------------


def render_pdf(job: PrintJob) -> bytes:
    """Lay out one brief with WeasyPrint and return the PDF bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    with environment_variables(FONTCONFIG_FILE=str(isolated_fonts())):  # read when the configuration loads
        fonts = FontConfiguration()
    fetcher = local_fetcher([job.base])
    base_url = job.base.resolve().as_uri() + "/"
    try:
        style = CSS(string=job.css, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
        # PDF/UA-1: a tagged PDF (headings, lists, tables, links as structure) with the document's
        # language and title, so screen readers can follow it. Laid out first, then checked, then written
        # (as HTML.write_pdf does, in two steps).
        html = HTML(string=job.html, base_url=base_url, url_fetcher=fetcher)
        document = html.render(font_config=fonts, stylesheets=[style], pdf_variant=PDF_VARIANT)
        misplaced = misplaced_footnotes(document)
        if misplaced:  # never a note on the wrong page: notes inline instead, and the build says so
            print(f"notice: {describe(job.brief_id, misplaced)}", file=sys.stderr, flush=True)
            style = CSS(string=job.css + INLINE_NOTES, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
            document = html.render(font_config=fonts, stylesheets=[style], pdf_variant=PDF_VARIANT)
        return cast(bytes, document.write_pdf(stylesheets=[style], pdf_variant=PDF_VARIANT))  # bytes without a target
    except FatalURLFetchingError as exc:
        raise PdfFailed(f"{job.brief_id}: {exc}") from None


def _render_to(job: PrintJob, target: Path) -> float:
    """Render a job into ``target`` (atomically); return the seconds it took. Runs in a worker."""
    started = time.perf_counter()
    data = render_pdf(job)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return time.perf_counter() - started


def build_pdfs(
    jobs: Sequence[PrintJob | KeptJob],
    cache_dir: Path,
    workers: int | None = None,
    prepare_seconds: dict[str, float] | None = None,
) -> list[PdfResult]:
    """Bring every job's PDF into the cache, rendering only changed ones, in parallel.

    ``workers`` defaults to :func:`~generator.system.workers.process_count`'s rule (one per core,
    at most eight); with one stale brief it renders in this process (starting a pool costs more
    than it saves). Its workers are spawned: fresh interpreters, as the PDF stage always had.
    """
    prepare_seconds = prepare_seconds or {}
    targets = {job.brief_id: cache_dir / job.brief_id / f"{job.digest()}.pdf" for job in jobs}
    stale = [job for job in jobs if not targets[job.brief_id].is_file()]
    for job in stale:
        if isinstance(job, KeptJob):
            raise PdfFailed(f"{job.brief_id}: its cached PDF vanished during the build; build again")
    seconds: dict[str, float] = {}
    workers = process_count(len(stale), workers)
    if workers == 1:
        for job in stale:
            seconds[job.brief_id] = _render_to(cast(PrintJob, job), targets[job.brief_id])
    elif stale:
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {
                job.brief_id: pool.submit(_render_to, cast(PrintJob, job), targets[job.brief_id]) for job in stale
            }
            for brief_id, future in futures.items():
                seconds[brief_id] = future.result()
    for job in jobs:  # keep only the current PDF of each brief
        for old in targets[job.brief_id].parent.glob("*.pdf"):
            if old != targets[job.brief_id]:
                old.unlink()
    return [
        PdfResult(
            job.brief_id,
            targets[job.brief_id],
            job.brief_id in seconds,
            prepare_seconds.get(job.brief_id, 0.0),
            seconds.get(job.brief_id, 0.0),
        )
        for job in jobs
    ]


# --- from a built site to jobs -------------------------------------------------------------------------


def pdf_site_path(brief_id: str) -> str:
    """Where a brief's PDF lives in the site, beside its overview page."""
    return f"briefs/{brief_id}/{brief_id}.pdf"


def _web_pages(item: BriefInput, site_dir: Path, directory_urls: bool) -> list[WebPage]:
    """The brief's built pages in the site's order, the sources page last as the appendix."""
    brief_id = item.brief.id
    paths = list(MARKDOWN_PAGES)
    paths.sort(key=lambda p: (p == "sources.md", p != "index.md"))  # stable: keeps the site's order otherwise
    pages = []
    for path in paths:
        stem = PurePosixPath(path).with_suffix("")
        if stem.name == "index":
            url = f"briefs/{brief_id}/{stem.parent}/".replace("/./", "/")
            file = url + "index.html"
        elif directory_urls:
            url = f"briefs/{brief_id}/{stem}/"
            file = url + "index.html"
        else:
            url = file = f"briefs/{brief_id}/{stem}.html"
        built = site_dir / file
        if not built.is_file():
            raise PdfFailed(f"{brief_id}: the site has no {file}; build the site first")
        key = "overview" if path == "index.md" else str(stem).replace("/", "-")
        pages.append(WebPage(key, url, built.read_text(encoding="utf-8"), appendix=(path == "sources.md")))
    return pages


def brief_inputs_paths(project: Project, checked: CheckedBrief) -> list[Path]:
    """The files a brief's content comes from, for its provenance: the brief and its sources.

    Not the generator: a commit that changes only code must not re-date (and so re-render)
    every PDF; what the code changes in a PDF changes its print HTML, which the cache key holds.
    """
    sources = [project.briefs_dir / "sources" / source.file for source in checked.brief.sources]
    return [project.root / checked.file, *sources]


def print_jobs(
    project: Project,
    checked: Sequence[CheckedBrief],
    inputs: Sequence[BriefInput],
    site_dir: Path,
    directory_urls: bool = True,
    kept: ContentCache | None = None,
) -> tuple[list[PrintJob | KeptJob], dict[str, float]]:
    """One print job per brief from the built site; also the seconds each took to prepare.

    With ``kept`` (the last build's jobs), a brief whose print HTML would be made from what it was made
    from last time (its file and sources, its built web pages, its provenance, the stylesheet, the fonts,
    WeasyPrint and the code), and whose PDF is still in the cache, gets a :class:`KeptJob`: making print
    HTML parses every web page of the brief, a third of a second per brief, for nothing.
    """
    css = stylesheet()
    jobs: list[PrintJob | KeptJob] = []
    seconds = {}
    pdfs = cache_dir(project)
    groups = [brief_inputs_paths(project, check) for check in checked]
    made_from = provenances(project.root, groups, kept_in=project.cache_dir)
    for check, item, made in zip(checked, inputs, made_from):
        started = time.perf_counter()
        pages = _web_pages(item, site_dir, directory_urls)
        key = _job_key(item, pages, made, css, directory_urls) if kept is not None and item.digest else None
        if kept is not None and key is not None:
            found = kept.get(key)
            if _still_kept(found, site_dir, pdfs / item.brief.id):
                jobs.append(KeptJob(item.brief.id, found[0]))
                seconds[item.brief.id] = time.perf_counter() - started
                continue
        try:
            document = print_document(item.brief, item.texts, pages, made)
        except ValueError as exc:
            raise PdfFailed(f"{item.brief.id}: {exc}") from None
        job = PrintJob(item.brief.id, document.html, css, site_dir, document.assets)
        jobs.append(job)
        if kept is not None and key is not None:
            assets = tuple((asset, digest((site_dir / asset).read_bytes())) for asset in job.assets)
            kept.put(key, (job.digest(), assets))
        seconds[item.brief.id] = time.perf_counter() - started
    return jobs, seconds


def _job_key(item: BriefInput, pages: list[WebPage], made: Provenance, css: str, directory_urls: bool) -> str:
    """The digest of everything a brief's print HTML and PDF are made from, but the assets its pages name."""
    return digest(
        code_version(),
        FORMAT,
        PDF_VARIANT,
        INLINE_NOTES,
        weasyprint_version(),
        *font_fingerprints(),
        css,
        str(directory_urls),
        item.digest,
        repr((made.commit, made.epoch, made.modified, made.in_git)),
        *(part for page in pages for part in (page.key, page.url, str(page.appendix), page.html)),
    )


def _still_kept(found: object, site_dir: Path, pdfs: Path) -> TypeGuard[tuple[str, tuple[tuple[str, str], ...]]]:
    """Whether a kept job's PDF is still in the cache and the assets it names still have their bytes."""
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], str)):
        return False
    pdf_digest, assets = found
    if not (pdfs / f"{pdf_digest}.pdf").is_file():
        return False
    try:
        return all(digest((site_dir / asset).read_bytes()) == kept for asset, kept in assets)
    except OSError:
        return False


def cache_dir(project: Project) -> Path:
    """Where rendered PDFs are kept by content hash (git-ignored)."""
    return project.root / "build" / "pdf-cache"


def build_brief_pdfs(
    project: Project,
    checked: Sequence[CheckedBrief],
    inputs: Sequence[BriefInput],
    site_dir: Path,
    workers: int | None = None,
    every_brief: bool = False,
) -> list[PdfResult]:
    """Bring the PDF of every given brief (``inputs``: the same briefs, assembled), made from the
    built ``site_dir``, into the cache; with ``every_brief`` (these are all the project's briefs),
    keep only this build's jobs for the next one."""
    kept = ContentCache(project.cache_dir, "print-jobs")
    jobs, prepared = print_jobs(project, checked, inputs, site_dir, kept=kept)
    results = build_pdfs(jobs, cache_dir(project), workers, prepared)
    if every_brief:
        kept.keep_only_used()
    return results


def publish(results: Iterable[PdfResult], folder: Path, flat: bool = False) -> list[PdfResult]:
    """Put cached PDFs into a site (``briefs/<id>/<id>.pdf``) or, ``flat``, as ``<id>.pdf``: hard-linked
    where the file system allows (a cached PDF is never written again: a new one has a new name), else
    copied."""
    published = []
    for result in results:
        target = folder / (f"{result.brief_id}.pdf" if flat else pdf_site_path(result.brief_id))
        target.parent.mkdir(parents=True, exist_ok=True)
        # Already that very file (MkDocs linked it from the last site): renaming a link over another link
        # to the same file does nothing, which would leave the temporary name behind.
        if target.exists() and os.path.samefile(target, result.path):
            published.append(replace(result, published=target))
            continue
        temporary = target.with_name(f".{target.name}.tmp")
        link_or_copy(result.path, temporary)
        os.replace(temporary, target)
        published.append(replace(result, published=target))
    return published


def select(checked: Sequence[CheckedBrief], wanted: Sequence[str]) -> list[CheckedBrief]:
    """The briefs named by id or by file; all of them when none are named."""
    if not wanted:
        return list(checked)
    chosen: list[CheckedBrief] = []
    for name in wanted:
        match = [c for c in checked if name in (c.brief.id, c.file) or Path(name).name == Path(c.file).name]
        if not match:
            known = ", ".join(c.brief.id for c in checked) or "none"
            raise PdfFailed(f"no brief {name!r}; the briefs are: {known}")
        chosen.extend(m for m in match if m not in chosen)
    return chosen


def shard(brief_ids: Iterable[str], part: int, parts: int) -> list[str]:
    """Part ``part`` of ``parts`` (counted from 1) of the given briefs, for rendering on parallel machines.

    The ids are sorted and dealt out in turn, so every brief falls in exactly one part, the parts
    differ in size by one at most, and the split depends only on the set of ids, never on their order.
    """
    if not 1 <= part <= parts:
        raise ValueError(f"part {part} of {parts}: a part is counted from 1 to {parts}")
    return sorted(set(brief_ids))[part - 1 :: parts]


__all__ = [
    "PdfFailed",
    "PdfResult",
    "PrintJob",
    "build_brief_pdfs",
    "build_pdfs",
    "cache_dir",
    "pdf_site_path",
    "print_jobs",
    "publish",
    "render_pdf",
    "select",
    "shard",
    "stylesheet",
]

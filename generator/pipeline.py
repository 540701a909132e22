"""The one place that decides the order of the stages, for every way of building.

check → assemble the inputs (briefs, source texts, git history) → render → write
→ MkDocs → the search index and the PDFs (each in a forked process) and the
offline copy, side by side; the PDFs go into the site before the offline zip is written → swap the new
site in.

``brief build`` and ``make site`` run :func:`build_site`; ``brief generate`` and the
MkDocs hook (``mkdocs build`` / ``mkdocs serve``) run :func:`generate_project`;
``brief pdf`` runs :func:`build_pdfs`; the benchmark calls the same functions. So
a page, a PDF or an update log cannot differ with the command that made it.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from generator.model.errors import BuildFailed
from generator.model.project import Project
from generator.model.validate import CheckedBrief
from generator.pages.history import NOT_TRACKED, read_histories
from generator.pages.kept_pages import KeptBriefPages
from generator.pages.page import BriefInput, Page, brief_inputs
from generator.pages.site_pages import iter_site
from generator.pages.write import GeneratedFiles, WriteReport, write_pages
from generator.publish.feed import FEED_PATH, atom_feed
from generator.publish.pdf import PdfFailed, PdfResult, build_brief_pdfs, publish, select
from generator.publish.search_index import BRIEFS_PER_INDEX, index_site
from generator.site.mkdocs_build import run_mkdocs, source_date_epoch
from generator.site.offline import build_offline_zip
from generator.site.staging import build_lock, swap_in
from generator.system.content_cache import ContentCache
from generator.system.environment_variables import environment_variables
from generator.system.progress import Progress
from generator.system.stage_times import StageTimes
from generator.system.workers import Background, ordered_map

SEARCH_NICENESS = 10
"""Added to the search index's niceness: at 1,000 briefs, sharing the two cores equally with it slowed
the offline copy (on the way to the zip and the swap) from about 12 s to 26 to 29 s, while the index
itself is needed only at the swap."""


@dataclass(frozen=True)
class Caches:
    """The work one build keeps for the next (see :mod:`generator.system.content_cache`): checked briefs,
    each brief's rendered pages and each person's, and what each change in a brief's git history said.
    After a build, what it did not use is deleted."""

    checked: ContentCache
    pages: ContentCache
    people: ContentCache
    histories: ContentCache

    @classmethod
    def of(cls, project: Project) -> Caches:
        kinds = ("checked", "pages", "people", "histories")
        return cls(*(ContentCache(project.cache_dir, kind) for kind in kinds))

    def keep_only_used(self) -> None:
        self.checked.keep_only_used()
        self.pages.keep_only_used()
        self.people.keep_only_used()
        self.histories.keep_only_used()


def check(
    project: Project, progress: Progress | None = None, *, drafts: bool = True, caches: Caches | None = None
) -> list[CheckedBrief]:
    """Stage 1: validate all of a project's briefs; raise BuildFailed with every error.

    With ``drafts=False`` (publishing), briefs still holding placeholder text are left out,
    and each is named on standard error with the line of its first placeholder.
    """
    files = project.brief_files()
    if progress:
        progress.begin("validating briefs", len(files), "briefs")
    on_checked = (lambda _: progress.advance("briefs")) if progress else None
    caches = caches or Caches.of(project)
    checked, errors = project.check(files, on_checked=on_checked, cache=caches.checked)
    if errors:
        raise BuildFailed(f"{len(errors)} error(s) in the briefs", errors)
    if drafts:
        return checked
    for left_out in (c for c in checked if c.drafts):
        first = left_out.drafts[0]
        print(
            f"{left_out.file}: left out of the site: a draft (placeholder text at line {first.line}, column "
            f"{first.column}, and {len(left_out.drafts) - 1} more); `brief check` lists them",
            file=sys.stderr,
        )
    return [c for c in checked if not c.drafts]


def assemble(
    project: Project | None, checked: Sequence[CheckedBrief], histories: ContentCache | None = None
) -> list[BriefInput]:
    """Stage 2: each brief with its source texts and, in a project, its update log from git (with
    ``histories``, what each past change said is kept for the next build)."""
    inputs = [
        replace(i, draft=bool(c.drafts), digest=c.digest)
        for i, c in zip(brief_inputs((c.brief, c.archive.get) for c in checked), checked)
    ]
    if project is None:
        return inputs
    read = read_histories(project.root, [c.file for c in checked], histories)
    return [replace(i, history=read.get(c.file, NOT_TRACKED)) for i, c in zip(inputs, checked)]


def generate(
    project: Project, checked: Sequence[CheckedBrief], progress: Progress | None = None, caches: Caches | None = None
) -> tuple[WriteReport, list[BriefInput]]:
    """Stages 2 to 4: assemble, render every brief's pages (on every core) and write them into the
    generated docs folder. The assembled inputs come back for the PDF stage."""
    if progress:
        progress.begin("generating pages")
    caches = caches or Caches.of(project)
    inputs = assemble(project, checked, caches.histories)
    kept = KeptBriefPages(caches.pages, GeneratedFiles(project.generated_dir), caches.people)
    pages = chain(iter_site(inputs, fan=ordered_map, kept=kept), [Page(FEED_PATH, atom_feed(inputs))])
    return write_pages(pages, project.generated_dir, progress), inputs


def generate_project(project: Project, progress: Progress | None = None) -> WriteReport:
    """Check, assemble, render and write: what MkDocs needs before it builds."""
    caches = Caches.of(project)
    with cycle_collector_paused():
        report = generate(project, check(project, progress, caches=caches), progress, caches)[0]
    caches.keep_only_used()
    return report


def build_site(
    project: Project,
    progress: Progress | None = None,
    *,
    pdf: bool = True,
    offline: bool = True,
    drafts: bool = False,
    briefs_per_index: int = BRIEFS_PER_INDEX,
    times: StageTimes | None = None,
) -> None:
    """Every stage: the whole site (with the PDFs and the offline zip unless turned off),
    swapped into ``site/`` only on success. One build of a site runs at a time. Drafts are
    left out unless ``drafts`` (a pull-request preview shows them under a banner). The search
    index comes in parts of ``briefs_per_index`` briefs (see :data:`BRIEFS_PER_INDEX`). Each
    stage's span goes into ``times`` when given."""
    times = times if times is not None else StageTimes()
    with build_lock(project.site_dir):
        caches = Caches.of(project)
        with cycle_collector_paused():
            with times.stage("check"):
                checked = check(project, progress, drafts=drafts, caches=caches)
            with times.stage("generate"):
                _, inputs = generate(project, checked, progress, caches)
        caches.keep_only_used()
        with frozen_for_the_collector():  # what check and generate made lives to the end of the build
            staging = Path(tempfile.mkdtemp(prefix=project.site_dir.name + ".", dir=project.site_dir.parent))
            try:
                epoch = source_date_epoch(project.root)
                with environment_variables(SOURCE_DATE_EPOCH=epoch), times.stage("MkDocs"):
                    run_mkdocs(project.config_file, staging, progress)
                # The search index and the PDFs are made in forked processes while the offline copy
                # is built; the PDFs are published into the site before the copy takes them into its zip.
                # The search index is needed only at the swap, so it yields the cores to the copy and the
                # PDFs, which the zip waits for (SEARCH_NICENESS).
                briefs = [i.brief.id for i in inputs]
                searching = Background(
                    lambda: index_site(project.root, staging, briefs, project.cache_dir, briefs_per_index),
                    niceness=SEARCH_NICENESS,
                )
                making: Background | None = None
                try:
                    if pdf:
                        making = Background(lambda: _pdfs(project, checked, inputs, staging, every_brief=True))
                    published: list[list[PdfResult]] = []

                    def publish_pdfs() -> None:  # dated by their own inputs' commit: a PDF changes only with its brief
                        if making is not None and not published:
                            with times.stage("publishing the PDFs (waiting for them first)"):
                                published.append(publish(making.result(), staging))
                            times.record("PDFs, in a forked process", making.started, making.ended)

                    if offline:
                        with environment_variables(SOURCE_DATE_EPOCH=epoch):
                            build_offline_zip(project, staging, before_zip=publish_pdfs, times=times)
                    publish_pdfs()
                    searching.result()
                    times.record("search index, in a forked process", searching.started, searching.ended)
                finally:
                    if making is not None:
                        making.stop()
                    searching.stop()
                with times.stage("swap into site/"):
                    swap_in(staging, project.site_dir)
            except BaseException:  # the staging folder goes; the last good site stays
                shutil.rmtree(staging, ignore_errors=True)
                raise


def build_pdfs(
    project: Project, wanted: Sequence[str] = (), out_dir: Path | None = None, workers: int | None = None
) -> list[PdfResult]:
    """``brief pdf``: the same stages as :func:`build_site` up to the PDFs, into a scratch site.

    The PDFs are byte for byte those ``brief build`` makes for the same commit. They go into
    ``site/briefs/<id>/`` unless ``out_dir`` is given (flat there).
    """
    caches = Caches.of(project)
    checked = check(project, caches=caches)
    chosen = select(checked, wanted)
    _, inputs = generate(project, checked, caches=caches)
    caches.keep_only_used()
    by_file = {c.file: item for c, item in zip(checked, inputs)}
    with tempfile.TemporaryDirectory(prefix="brief-pdf.") as scratch:
        site = Path(scratch) / "site"
        with environment_variables(SOURCE_DATE_EPOCH=source_date_epoch(project.root)):
            run_mkdocs(project.config_file, site)
        results = _pdfs(project, chosen, [by_file[c.file] for c in chosen], site, workers)
    if out_dir is None:
        return publish(results, project.site_dir)
    return publish(results, out_dir, flat=True)


def _pdfs(
    project: Project,
    checked: Sequence[CheckedBrief],
    inputs: Sequence[BriefInput],
    site: Path,
    workers: int | None = None,
    every_brief: bool = False,
) -> list[PdfResult]:
    """Stage 7: the PDFs, from the built site and the inputs the render stage assembled (git is not asked again)."""
    try:
        return build_brief_pdfs(project, checked, inputs, site, workers, every_brief)
    except PdfFailed as exc:
        raise BuildFailed(f"a PDF could not be made: {exc}") from None


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while briefs are checked and rendered.

    With a thousand briefs' models and archives alive, its repeated scans of
    them took a quarter of the generator's time (62 s -> 45 s for 1,000 briefs),
    while the work makes next to no reference cycles: peak memory is the same.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def frozen_for_the_collector() -> Iterator[None]:
    """Keep every object alive now out of the cycle collector's scans until the block ends.

    The checked briefs and their assembled inputs stay alive for the PDFs, and MkDocs then makes
    millions of objects of its own, so each of the collector's full scans walked the briefs again. Forked
    processes (the PDFs, the search index) also keep more pages shared with this one (``gc.freeze``).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


__all__ = ["assemble", "build_pdfs", "build_site", "check", "generate", "generate_project"]

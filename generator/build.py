"""Build stage: write generated pages, run MkDocs, and swap the new site in.

Writing is incremental (a file is rewritten only when its bytes change, and
stale files are removed) so ``mkdocs serve`` and file watchers stay quiet.
The site is built into a temporary folder beside ``site/`` and replaces it
only when everything succeeded: a failed build leaves the old site untouched.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.project import Project
from generator.errors import BriefError
from generator.progress import Progress, Silent
from generator.render import BriefInput, Page, brief_inputs, iter_site
from generator.validate import CheckedBrief

MARKER = ".generated-by-brief"


@dataclass(frozen=True)
class WriteReport:
    """What a generation run did to the generated folder."""

    written: int
    unchanged: int
    removed: int


class BuildFailed(Exception):
    """The site could not be built; the previous site is intact."""

    def __init__(self, message: str, errors: Sequence[BriefError] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors)


def inputs_for(checked: Sequence[CheckedBrief]) -> list[BriefInput]:
    return brief_inputs((c.brief, c.archive.get) for c in checked)


def write_pages(pages: Iterable[Page], folder: Path, progress: Progress | None = None) -> WriteReport:
    """Make ``folder`` hold exactly these pages, touching only files whose bytes change."""
    progress = progress or Silent()
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MARKER).exists():
        (folder / MARKER).write_text("Generated from briefs/ by `brief generate`; do not edit.\n", encoding="utf-8")
    wanted: set[Path] = set()
    written = unchanged = 0
    root = folder.resolve()
    for page in pages:
        target = (folder / page.path).resolve()
        if root not in target.parents:
            raise BuildFailed(f"refusing to write {page.path!r} outside {folder}")
        wanted.add(target)
        data = page.content.encode("utf-8")
        with contextlib.suppress(FileNotFoundError):
            if target.read_bytes() == data:
                unchanged += 1
                progress.advance("unchanged")
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written += 1
        progress.advance("generated")
    removed = 0
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted and path.name != MARKER:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return WriteReport(written, unchanged, removed)


def generate(checked: Sequence[CheckedBrief], folder: Path, progress: Progress | None = None) -> WriteReport:
    """Render every brief and write the pages into the generated docs folder, a brief at a time."""
    if progress:
        progress.begin("generating pages")
    return write_pages(iter_site(inputs_for(checked)), folder, progress)


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
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


def generate_project(project: Project, progress: Progress | None = None) -> WriteReport:
    """Validate all of a project's briefs and generate their pages; raise BuildFailed with every error."""
    with _cycle_collector_paused():
        return _generate_project(project, progress)


def _generate_project(project: Project, progress: Progress | None) -> WriteReport:
    files = project.brief_files()
    if progress:
        progress.begin("validating briefs", len(files), "briefs")
    on_checked = (lambda _: progress.advance("briefs")) if progress else None
    checked, errors = project.check(files, on_checked=on_checked)
    if errors:
        raise BuildFailed(f"{len(errors)} error(s) in the briefs", errors)
    return generate(checked, project.generated_dir, progress)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


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
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with _environment(BRIEF_PREGENERATED="1", NO_MKDOCS_2_WARNING="1"):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir))
            if progress:
                config.plugins["brief-progress"] = _PageCounter(progress)  # type: ignore[assignment]
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


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new_site`` in two renames, never leaving it half-written."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new_site, site_dir)
    if old.exists():
        shutil.rmtree(old)


def build_site(project: Project, progress: Progress | None = None) -> None:
    """Validate, generate and build the whole site; swap it in only on success."""
    site_dir = project.site_dir
    generate_project(project, progress)
    staging = Path(tempfile.mkdtemp(prefix=site_dir.name + ".", dir=site_dir.parent))
    try:
        run_mkdocs(project.config_file, staging, progress)
        swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

"""``brief serve BRIEF``: a live preview of one brief whose reload time does not grow with the other briefs.

``mkdocs serve`` on the whole project rebuilds every brief's pages on each save: minutes at a
thousand briefs. The preview instead serves a small project in a temporary folder holding only the
chosen brief: the project's mkdocs.yml, docs/, overrides and generator, set up as
:meth:`Project.scratch_copy` sets them up for the tests and the benchmark, and a ``briefs/`` folder
with a copy of the brief and of the archived sources it names. The MkDocs hook regenerates that
project on each build, so a save rebuilds one brief's pages (overview, people, disagreements,
sources, the person pages of its participants) and the site's fixed pages, whatever the number of
other briefs.

The copies are plain files because the checks refuse symbolic links (a linked brief or source could
publish any file of the machine). This module is also an MkDocs hook of the preview project, listed
before the project's own and run first: before each build it copies the real brief and its sources
again where they changed, so MkDocs always builds what the editor last saved.

MkDocs watches by polling (every half second) the paths it is given. The hook's ``on_serve`` has it
watch, by absolute path, the real brief's folder without the folders in it (a save is seen however
the editor writes the file: in place, by renaming a new file over it, or by deleting and writing it
again) and each source file the brief names; ``watch:`` adds the real generator package. A poll of
the folder reads one entry per brief (about 2 ms at a thousand): never the thousands of shared
sources, and never the preview's own folders, which the build itself writes.

A save that breaks the brief never holds a page request: every page answers at once, as last built,
with the errors shown at its top (file, line, column, message and the lines around the place), and
reloads without them on the next good save (see :mod:`generator.site.serve_errors`). The errors are printed
where ``brief serve`` runs too. What the preview cannot show is the
brief's update log: the temporary project is no git checkout, so the page says "not tracked".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.model.project import Project
from generator.system.environment_variables import environment_variables

DEFAULT_PORT = 8000
PREVIEW_CONFIG = "preview.yml"
"""The preview project's MkDocs config: the project's mkdocs.yml with this hook and the preview's ``watch:``."""
PREVIEW_STATE = "preview.json"
"""Where the preview project keeps the path of the real brief, for the hook."""
HOOK = "generator/site/preview.py"

_ID = re.compile(r"""^id:[ \t]*(["']?)([A-Za-z0-9][A-Za-z0-9_.-]*)\1[ \t]*(?:#.*)?$""", re.MULTILINE)
_SOURCE_FILE = re.compile(r"""^[ \t]*(?:-[ \t]+)?file:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*\.txt)\b""", re.MULTILINE)
_KNOWN_SHOWN = 30


class UnknownBrief(Exception):
    """The brief named on the command line is not in the project."""


@dataclass(frozen=True)
class Preview:
    """A one-brief project ready for ``mkdocs serve``."""

    root: Path
    brief_file: Path
    """The real brief file (absolute), the one the editor saves."""
    brief_id: str
    watched: tuple[Path, ...]

    @property
    def config_file(self) -> Path:
        return self.root / PREVIEW_CONFIG

    def url(self, port: int) -> str:
        """The address of the brief's overview page."""
        return f"http://127.0.0.1:{port}/briefs/{self.brief_id}/"


# --- finding the brief ------------------------------------------------------------------------


def brief_id(path: Path) -> str:
    """A brief's id read from its top-level ``id:`` line (no full load: the file may be half edited);
    the file's stem when there is no readable one."""
    try:
        match = _ID.search(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        match = None
    return match.group(2) if match else path.stem


def find_brief(project: Project, name: str) -> Path:
    """The brief file named by ``name``: a path to a brief file, a file name in briefs/, or a brief's id.

    Ids are read from each file's ``id:`` line, not by loading and checking every brief, so finding
    one brief stays quick at a thousand. Raises :class:`UnknownBrief` naming the known briefs.
    """
    given = Path(name).expanduser()
    files = project.brief_files()
    if given.suffix in (".yaml", ".yml"):
        for candidate in (given, project.root / given, project.briefs_dir / given.name):
            if candidate.is_file():
                return _absolute(candidate)
    else:
        likely = [project.briefs_dir / f"{name}{suffix}" for suffix in (".yaml", ".yml")]
        for path in [*likely, *files]:
            if path.is_file() and brief_id(path) == name:
                return _absolute(path)
    known = sorted(brief_id(path) for path in files)
    shown = ", ".join(known[:_KNOWN_SHOWN]) or "none"
    if len(known) > _KNOWN_SHOWN:
        shown += f" and {len(known) - _KNOWN_SHOWN} more (see {project.briefs_dir})"
    raise UnknownBrief(f"no brief {name!r}; the briefs are: {shown}")


def _absolute(path: Path) -> Path:
    """``path`` made absolute with its folder resolved but not the file itself: a symlinked brief
    stays a symlink (which the check refuses, in the preview as in the build)."""
    return path.parent.resolve() / path.name


def source_names(brief_file: Path) -> list[str]:
    """The archived source files the brief names on its ``file:`` lines (read as text: it may be half edited)."""
    try:
        text = brief_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return list(dict.fromkeys(_SOURCE_FILE.findall(text)))


# --- the preview project ----------------------------------------------------------------------


def make_preview(project: Project, brief_file: Path, root: Path) -> Preview:
    """Set up, in the missing or empty folder ``root``, a project of the one brief ``brief_file``."""
    brief_file = _absolute(brief_file)
    preview = project.scratch_copy(root)
    (preview.root / PREVIEW_STATE).write_text(json.dumps({"brief": str(brief_file)}) + "\n", encoding="utf-8")
    sync(preview.root, brief_file)
    from mkdocs.utils.yaml import yaml_load

    with project.config_file.open("rb") as handle:
        hooks = (yaml_load(handle) or {}).get("hooks") or []
    generator = (project.root / "generator").resolve()
    # INHERIT keeps every setting of the project's mkdocs.yml: a list given here replaces the inherited
    # one, a mapping is merged into it. The brief is watched by the hook below (on_serve), not here.
    lines = [
        "# The one-brief preview of `brief serve` (generator/site/preview.py); temporary.",
        "INHERIT: mkdocs.yml",
        "hooks:",
        *(f"  - {json.dumps(str(h))}" for h in [HOOK, *(h for h in hooks if h != HOOK)]),
        "watch:",
        f"  - {json.dumps(str(generator))}",
        "validation:",
        "  nav:",
        "    omitted_files: ignore  # every brief page; listed on each save otherwise",
    ]
    (preview.root / PREVIEW_CONFIG).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Preview(preview.root, brief_file, brief_id(brief_file), (*watched(brief_file), generator))


def watched(brief_file: Path) -> list[Path]:
    """What a preview watches for the editor's saves: the brief's folder (not the folders in it, so a
    poll reads one entry per brief), and each source file the brief names.

    The folder and not the file: a file watch ends when the file is missing at one poll, as it is for
    a moment when an editor deletes the old file before writing the new one.
    """
    sources = brief_file.parent / "sources"
    return [brief_file.parent, *(sources / name for name in source_names(brief_file) if (sources / name).is_file())]


def sync(root: Path, brief_file: Path) -> int:
    """Make the preview project at ``root`` hold the brief as saved now and the sources it names;
    return how many files changed. A file the check would refuse stays refused: a symlinked brief
    is linked, a symlinked source (or sources folder) left out, as the build would see them."""
    briefs = root / "briefs"
    copies = briefs / "sources"
    copies.mkdir(parents=True, exist_ok=True)
    changed = 0
    target = briefs / brief_file.name
    if brief_file.is_symlink():
        if not target.is_symlink():
            target.unlink(missing_ok=True)
            target.symlink_to(brief_file)
            changed += 1
    elif brief_file.is_file():
        changed += _put(target, brief_file.read_bytes())
    else:
        raise PluginError(
            f"{brief_file}: there is no such file now (deleted, moved or renamed?); the preview "
            "builds again when it is back (to preview it under a new name, restart `brief serve`)"
        )
    real = brief_file.parent / "sources"
    wanted = set()
    if real.is_dir() and not real.is_symlink():
        for name in source_names(brief_file):
            path = real / name
            if path.is_file() and not path.is_symlink():
                wanted.add(name)
                changed += _put(copies / name, path.read_bytes())
    for stale in [p for p in copies.iterdir() if p.name not in wanted]:
        stale.unlink()
        changed += 1
    return changed


def _put(path: Path, data: bytes) -> int:
    """Write ``data`` to ``path`` unless it already holds it (1 if written, else 0)."""
    try:
        if path.read_bytes() == data:
            return 0
    except FileNotFoundError:
        pass
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return 1


@event_priority(100)  # before the project's hook regenerates the pages from briefs/
def on_pre_build(config: Any, **_: Any) -> None:
    """MkDocs hook of the preview project: copy what the editor saved into it."""
    root = Path(config["config_file_path"]).resolve().parent
    state = root / PREVIEW_STATE
    if state.is_file():
        sync(root, Path(json.loads(state.read_text(encoding="utf-8"))["brief"]))


def _real_brief(root: Path) -> Path | None:
    state = root / PREVIEW_STATE
    return Path(json.loads(state.read_text(encoding="utf-8"))["brief"]) if state.is_file() else None


def edited_briefs(root: Path) -> dict[str, Path]:
    """The brief files an editor changes through the served project at ``root``, by id: the real brief of
    a preview, or every brief of a whole project."""
    real = _real_brief(root)
    files = [real] if real is not None else Project(root).brief_files()
    return {brief_id(path): path for path in files}


def editors_root(root: Path) -> Path:
    """The project the editor works in (a preview's real project, else ``root``): errors name files from it."""
    real = _real_brief(root)
    return real.parent.parent if real is not None else root


def on_serve(server: Any, config: Any, **_: Any) -> Any:
    """MkDocs hook of the preview project: watch the editor's files (see :func:`watched`), and stop
    watching the preview's docs/ folder: it holds a copy of the fixed pages and the pages the build
    itself writes, so watching it only made each save build twice."""
    state = Path(config["config_file_path"]).resolve().parent / PREVIEW_STATE
    if state.is_file():
        server.unwatch(config["docs_dir"])
        for path in watched(Path(json.loads(state.read_text(encoding="utf-8"))["brief"])):
            server.watch(str(path), recursive=False)
    return server


@contextmanager
def preview_project(project: Project, brief_file: Path) -> Iterator[Preview]:
    """A one-brief preview project in a temporary folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="brief-preview-"))
    try:
        yield make_preview(project, brief_file, folder / "project")
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # removes the symlinks it holds, never what they point at


# --- serving ----------------------------------------------------------------------------------


def port_free(port: int) -> bool:
    """Whether nothing listens on the port (connections closing there do not count, as for MkDocs)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def mkdocs_serve(config_file: Path, port: int) -> int:
    """Run ``mkdocs serve --livereload`` on ``config_file``, in this process, until it is stopped.

    In this process so that Ctrl+C and SIGTERM (which is made an interrupt too) reach MkDocs and
    whoever started it alike, and each cleans up: MkDocs removes its build folder, the caller the
    preview project. Returns 130 when interrupted, MkDocs's exit code when it stops on its own.
    """
    import click
    from mkdocs.__main__ import cli

    interrupted = False

    def interrupt(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        interrupted = True
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        with environment_variables(NO_MKDOCS_2_WARNING="1"):
            # Not strict: a warning (a link to a page a broken brief could not make) must not stop the
            # preview; the published build stays strict.
            cli.main(
                [
                    "serve",
                    "--livereload",
                    "--no-strict",
                    "--config-file",
                    str(config_file),
                    "--dev-addr",
                    f"127.0.0.1:{port}",
                ],
                prog_name="mkdocs",
                standalone_mode=False,
            )
    except click.exceptions.Abort:  # interrupted before serving began (during the first build)
        return 130
    except click.ClickException as exc:  # the first build failed, or the config is wrong: said by MkDocs
        exc.show()
        return 130 if interrupted else exc.exit_code
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return 130 if interrupted else 0


def serve(project: Project, brief: str | None, port: int = DEFAULT_PORT) -> int:
    """``brief serve``: the one brief ``brief`` (an id, file name or path) or, without it, the whole project."""
    brief_file = find_brief(project, brief) if brief is not None else None  # UnknownBrief before any setup
    if not 0 < port < 65536:
        print(f"brief serve: --port {port} is not a port; give one from 1 to 65535", file=sys.stderr)
        return 2
    if not port_free(port):
        print(f"brief serve: port {port} on 127.0.0.1 is in use; choose another with --port", file=sys.stderr)
        return 2
    if brief_file is None:
        print(
            f"Serving the whole site at http://127.0.0.1:{port}/ (each save rebuilds every brief; "
            "`brief serve BRIEF` previews one brief in about a second)",
            flush=True,
        )
        return mkdocs_serve(project.config_file, port)
    with preview_project(project, brief_file) as preview:
        print(
            f"Previewing {preview.brief_id} ({brief_file}) at {preview.url(port)}\n"
            "Only this brief's pages are built; saving its YAML reloads the page. Ctrl+C stops.",
            flush=True,
        )
        return mkdocs_serve(preview.config_file, port)


__all__ = [
    "DEFAULT_PORT",
    "Preview",
    "UnknownBrief",
    "brief_id",
    "edited_briefs",
    "editors_root",
    "find_brief",
    "make_preview",
    "on_pre_build",
    "preview_project",
    "serve",
    "source_names",
    "sync",
]

"""Shared fixtures: scratch projects built with the real MkDocs, and a real Chromium."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import settings

from generator.model.project import Project
from generator.model.validate import CheckedBrief
from generator.pipeline import build_site, check

REPO = Path(__file__).resolve().parent.parent

# Property tests draw the same examples on every run (a random draw that sometimes fails would be a
# flaky test), and keep no example database in the checkout. `--hypothesis-profile explore` draws anew.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "event-briefs-hypothesis"))
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", database=None)
settings.load_profile("repeatable")

_GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def run_brief(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the `brief` command line as an editor would, in the project at ``root``; never raises on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEF_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_python(
    code: str, *args: str, cwd: Path = REPO, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Python code in a fresh interpreter (one thread, as `brief build` runs: so it may fork
    workers, which a test process with a server or browser thread may not), with ``env`` added to the
    environment; fail the test if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **(env or {})}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a file as an editor does: its first ``old`` becomes ``new`` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in a scratch repository with a fixed identity (and, given ``date``, a fixed commit date);
    fail the test if git fails. Returns git's output, stripped."""
    env = {**os.environ, **_GIT_IDENTITY}
    if date is not None:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


MINIMAL_FILE = FIXTURES / "minimal.yaml"
MINIMAL = MINIMAL_FILE.read_text(encoding="utf-8")
"""The one minimal brief (id geneva-talks) every test that needs a small valid brief starts from."""


def snapshot(folder: Path, *, times: bool = False) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with the SHA-256 of its bytes (and, with ``times``,
    its modification time), so two states of a folder compare with ``==``."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        + (f" {path.stat().st_mtime_ns}" if times else "")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


PARIS_FILE = "paris-talks-2025.yaml"
"""The brief the tests about a real brief name: tests never depend on which other briefs briefs/ holds."""


def make_project(root: Path, briefs: dict[str, str] | None = None, sources: Path | None = None) -> Project:
    """A scratch project: this repo's mkdocs.yml, docs/ and generator, with the given briefs.

    ``briefs`` maps file names to YAML text; by default the repository's Paris brief
    is copied (by name: whatever other briefs the repository holds stay out). ``sources``
    is the archive folder to copy (default: the repository's, or the test fixtures' when
    briefs are given).
    """
    project = Project(REPO).scratch_copy(root)
    briefs_dir = project.briefs_dir
    if briefs is None:
        briefs_dir.mkdir()
        shutil.copytree(REPO / "briefs" / "sources", briefs_dir / "sources")
        shutil.copy2(REPO / "briefs" / PARIS_FILE, briefs_dir / PARIS_FILE)
    else:
        briefs_dir.mkdir()
        shutil.copytree(sources or FIXTURES / "sources", briefs_dir / "sources")
        for name, text in briefs.items():
            (briefs_dir / name).write_text(text, encoding="utf-8")
    return project


@dataclass(frozen=True)
class BuiltSite:
    project: Project

    @property
    def site(self) -> Path:
        return self.project.site_dir


@pytest.fixture(scope="session")
def paris_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's real briefs, built once with the real MkDocs."""
    project = make_project(tmp_path_factory.mktemp("paris") / "project")
    build_site(project)
    return BuiltSite(project)


@pytest.fixture(scope="session")
def paris_brief(paris_site: BuiltSite) -> CheckedBrief:
    """The Paris brief as the build checked it."""
    return check(paris_site.project)[0]


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The small fixture brief, built once."""
    project = make_project(tmp_path_factory.mktemp("minimal") / "project", {"minimal.yaml": MINIMAL})
    build_site(project)
    return BuiltSite(project)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def free_port() -> int:
    """A loopback port nothing listens on now (the kernel picks it among its ephemeral ports)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on a free loopback port for the duration of a fixture."""
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def paris_url(paris_site: BuiltSite) -> Iterator[str]:
    yield from serve(paris_site.site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A real headless Chromium (Debian's), driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: run scripts/system-deps --test"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", Path(tempfile.gettempdir()) / "event-briefs-test-artifacts"))
"""Screenshots the browser tests take for a person to look at; outside the checkout (TEST_ARTIFACTS moves them)."""

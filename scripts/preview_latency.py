"""Save-to-reload time of the one-brief preview (`brief serve BRIEF`, generator/site/preview.py).

:func:`save_to_reload_seconds` starts `brief serve` on one brief of a project, waits for its first
build, then, ``runs`` times, adds a new word to the brief's first summary sentence (the YAML stays
valid and the brief still passes its checks) and measures the time from the write to the moment the
served overview page holds the word, polling it over HTTP every 20 ms. That is what an editor
waits for: MkDocs noticing the save (it polls every half second), rebuilding the one-brief site and
serving it; a browser's live reload asks the same server for the same page. The brief is restored
and the server stopped afterwards.

``python scripts/preview_latency.py PROJECT`` measures a project's first brief (or ``--brief``);
``--synthetic N`` measures a scratch project of N synthetic briefs (scripts/synthetic.py) instead,
the same brief at every N, which is how the benchmark asks whether the time grows with N.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.model.project import Project
from generator.site.preview import brief_id

POLL_SECONDS = 0.02
START_DEADLINE = 600.0
"""Seconds allowed for `brief serve` to set up the preview and build it the first time."""
RELOAD_DEADLINE = 120.0

_SAYS = re.compile(r"^([ \t]*(?:-[ \t]+)?says:[ \t]*)(.*)$", re.MULTILINE)


class PreviewFailed(RuntimeError):
    """The preview did not start, or a save never showed up; the message ends with its last output."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def with_word(text: str, word: str) -> str:
    """``text`` with ``word`` added to the first claim (``says:``) of the YAML brief, which stays valid:
    before the full stop of a one-line plain sentence, at the end of its first line otherwise.
    ``word`` must be lower-case letters (an unknown name would fail the brief's support check)."""
    if not word.isascii() or not word.isalpha() or not word.islower():
        raise ValueError(f"{word!r}: use lower-case letters only")
    match = _SAYS.search(text)
    if match is None:
        raise ValueError("the brief has no 'says:' line to add a word to")
    value = match.group(2).rstrip()
    if value[:1] in ("|", ">"):  # a block scalar: the sentence starts on the next line
        line_end = text.index("\n", match.end())
        next_end = text.find("\n", line_end + 1)
        next_end = len(text) if next_end < 0 else next_end
        return text[:next_end].rstrip() + f" {word}" + text[next_end:]
    quote = value[-1] if value[:1] in ("'", '"') and len(value) > 1 and value.endswith(value[0]) else ""
    sentence = value[:-1] if quote else value  # else a plain sentence, or a quoted one going on below
    changed = (sentence[:-1] + f" {word}." if sentence.endswith(".") else sentence + f" {word}") + quote
    return text[: match.start(2)] + changed + text[match.start(2) + len(match.group(2)) :]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace") if response.status == 200 else ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


class PreviewServer:
    """`brief serve` on one brief, as an editor runs it; its output (stdout and stderr) collected as it
    comes. Shared with tests/test_preview.py."""

    def __init__(self, root: Path, brief: str | Path, port: int, env: dict[str, str] | None = None) -> None:
        env = {**os.environ, "BRIEF_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", str(brief), "--port", str(port)],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def failed(self, what: str) -> PreviewFailed:
        return PreviewFailed(f"{what}; the last output of `brief serve`:\n" + "".join(self.lines[-40:]))

    def wait_for(self, url: str, word: str = "</html>", seconds: float = 180) -> None:
        """Wait until ``url`` answers with ``word``; fail with the server's output if it stops or takes too long."""
        _wait_for(self, url, word, seconds)

    def stop(self) -> int:
        """Stop it as a service manager would (SIGTERM, which `brief serve` passes on to MkDocs before it
        cleans up); its exit code. Killed if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            code = self.process.wait()
        self._reader.join(timeout=10)
        return code


def _wait_for(server: PreviewServer, url: str, word: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while word not in _fetch(url):
        if server.process.poll() is not None:
            raise server.failed(f"`brief serve` stopped (exit code {server.process.returncode})")
        if time.monotonic() > deadline:
            raise server.failed(f"{url} did not show {word!r} within {seconds:.0f} s")
        time.sleep(POLL_SECONDS)


def save_to_reload_seconds(root: Path, brief_file: Path, port: int, runs: int = 3) -> list[float]:
    """Seconds from writing ``brief_file`` (in the project at ``root``) to its served overview showing the
    change, for each of ``runs`` saves of `brief serve` on that brief at ``port``. The file is restored."""
    brief_file = brief_file.resolve()
    original = brief_file.read_bytes()
    text = original.decode("utf-8")
    url = f"http://127.0.0.1:{port}/briefs/{brief_id(brief_file)}/"
    server = PreviewServer(root, brief_file, port)
    seconds = []
    try:
        _wait_for(server, url, "</html>", START_DEADLINE)  # the first build is served
        for _ in range(runs):
            word = "preview" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))
            changed = with_word(text, word).encode("utf-8")
            start = time.perf_counter()
            brief_file.write_bytes(changed)
            _wait_for(server, url, word, RELOAD_DEADLINE)
            seconds.append(time.perf_counter() - start)
    finally:
        server.stop()
        brief_file.write_bytes(original)
    return seconds


def synthetic_project(root: Path, count: int, seed: int | None = None) -> Path:
    """A scratch project of ``count`` synthetic briefs at ``root`` (as scripts/bench.py makes them)."""
    from synthetic import DEFAULT_SEED, write_corpus

    Project(REPO).scratch_copy(root)
    write_corpus(root / "briefs", count, DEFAULT_SEED if seed is None else seed)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", help="a project root (default: this checkout)")
    parser.add_argument("--brief", type=Path, help="the brief file to preview (default: the project's first)")
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="N",
        help="measure a scratch project of N synthetic briefs instead (its first brief)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=None, help="default: a free port")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="preview-latency.") as scratch:
        if args.synthetic:
            root = synthetic_project(Path(scratch) / "project", args.synthetic)
        else:
            root = (args.project or REPO).resolve()
        briefs = len(Project(root).brief_files())
        brief_file = args.brief or Project(root).brief_files()[0]
        try:
            seconds = save_to_reload_seconds(root, brief_file, args.port or free_port(), args.runs)
        except PreviewFailed as exc:
            print(f"preview_latency: {exc}", file=sys.stderr)
            return 1
    print(
        f"{briefs} brief(s), {brief_file.name}: save to reload "
        + ", ".join(f"{s:.2f}" for s in seconds)
        + f" s (median {statistics.median(seconds):.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`brief build` shows progress on a terminal and prints one summary line in logs."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, make_project

from generator.system.progress import Progress

BRIEF = Path(sys.executable).parent / "brief"


def _project(tmp_path: Path) -> Path:
    text = MINIMAL
    return make_project(tmp_path / "project", {"minimal.yaml": text}).root


def _environment(root: Path) -> dict[str, str]:
    return {**os.environ, "BRIEF_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"}


def test_in_a_log_the_build_prints_only_one_summary_line(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = subprocess.run([str(BRIEF), "build"], env=_environment(root), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "\r" not in result.stderr
    summary = lines[0]
    generated = [p for p in (root / "docs" / "briefs").rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert summary.startswith(f"built: 1/1 briefs validated · {len(generated)} pages generated · ")
    assert "site pages built" in summary and summary.endswith(" s")
    assert (root / "site" / "briefs" / "geneva-talks" / "index.html").is_file()


def test_on_a_terminal_the_build_redraws_one_line_then_prints_the_summary(tmp_path: Path) -> None:
    root = _project(tmp_path)
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(BRIEF), "build"], env=_environment(root), stdin=follower, stdout=subprocess.DEVNULL, stderr=follower
        )
        os.close(follower)
        follower = -1
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes when the build exits
                break
            if not chunk:
                break
            output += chunk
        assert process.wait() == 0
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    text = output.decode("utf-8").replace("\x1b[K", "")
    assert "\r" in text
    redraws = [part for part in text.replace("\r\n", "\n").split("\r") if part.strip()]
    assert len(redraws) >= 3, text  # the stages: validating, generating, building
    assert any(part.startswith("validating briefs:") for part in redraws), text
    assert any(part.startswith("building the site:") for part in redraws), text
    assert text.rstrip().splitlines()[-1].split("\r")[-1].startswith("built: 1/1 briefs validated")
    assert text.count("\n") == 1, text  # the updating line never scrolls; only the summary ends a line


def test_a_failed_build_says_so_after_the_errors_are_known(tmp_path: Path) -> None:
    root = _project(tmp_path)
    brief = root / "briefs" / "minimal.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("kind: news-report", "kind: rumour"), encoding="utf-8")
    result = subprocess.run([str(BRIEF), "build"], env=_environment(root), capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("stopped: 1/1 briefs validated")
    assert any(line.startswith("briefs/minimal.yaml:") and "'rumour' is not allowed" in line for line in lines)
    assert lines[-1].startswith("build failed:")


def test_the_terminal_line_is_throttled_and_counts_against_totals() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, interactive=True, clock=lambda: now[0])
    progress.begin("validating briefs", 1000, "briefs")
    for _ in range(1000):
        progress.advance("briefs")  # no time passes: only the stage start is drawn
    assert stream.getvalue().count("\r\x1b[K") == 1
    now[0] = 0.5
    progress.advance("pdfs", 2)
    assert stream.getvalue().split("\r\x1b[K")[-1].startswith("validating briefs: 1000/1000 briefs validated · 2 PDFs")
    progress.finish()
    assert stream.getvalue().endswith("\r\x1b[Kbuilt: 1000/1000 briefs validated · 2 PDFs · 0.5 s\n")


def test_off_a_terminal_nothing_is_drawn_until_the_summary() -> None:
    stream = io.StringIO()
    progress = Progress(stream, interactive=False, clock=lambda: 2.0)
    progress.begin("generating pages")
    progress.advance("generated", 3)
    assert stream.getvalue() == ""
    progress.finish()
    assert stream.getvalue() == "built: 3 pages generated · 0.0 s\n"

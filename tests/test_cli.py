"""The `brief` command: exit codes and FILE:LINE:COLUMN output, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, make_project, run_brief
from positions import located

brief = run_brief


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {"minimal.yaml": MINIMAL}).root


KEY_POINT = (
    "key_points:\n  - says: Two delegations held talks in Geneva on 3 March 2025.\n    cite:\n      - {source: report, "
    'quote: "Talks were held in Geneva on Monday, March 3, 2025, between the two delegations"}\n'
)


def test_check_passes_on_a_good_brief(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "project", {"minimal.yaml": MINIMAL.replace("summary:\n", KEY_POINT + "summary:\n", 1)}
    ).root
    result = brief(root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok: 1 brief(s) checked\n"
    assert result.stderr == ""


def test_check_warns_without_failing(project_root: Path) -> None:
    result = brief(project_root, "check")
    assert result.returncode == 0 and result.stdout == "ok: 1 brief(s) checked\n"
    assert result.stderr.startswith("warning: briefs/minimal.yaml:5:1: the brief has no key_points; ")
    assert result.stderr.rstrip().endswith("[no-key-points]")
    github = brief(project_root, "check", "--format", "github")
    assert github.returncode == 0 and "::warning file=briefs/minimal.yaml,line=5,col=1" in github.stdout


def test_check_passes_on_the_real_briefs(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project").root
    result = brief(root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


@pytest.mark.parametrize(
    ("old", "new", "needle", "code"),
    [
        ("place: Geneva\nwhen:", "plac: Geneva\nplace: Geneva\nwhen:", "plac:", "unknown-key"),
        ("    side: alpha\n", "    side: beta\n", "beta", "dangling-reference"),
        (
            "    when: {date: 2025-03-03, basis: stated}\n",
            "    when: {date: 2025-02-30, basis: stated}\n",
            "2025-02-30",
            "not-a-date",
        ),
        ("title: Geneva talks\n", "title: Geneva talks\ntitle: Geneva\n", "title: Geneva\n", "duplicate-key"),
        (
            'citations: [{source: blog, quote: "killed five people"}]',
            'citations: [{source: blog, quote: "killed six people"}]',
            '"killed six',
            "misquote",
        ),
    ],
)
def test_check_reports_file_line_column_and_exits_1(
    project_root: Path, old: str, new: str, needle: str, code: str
) -> None:
    assert MINIMAL.count(old) == 1
    text = MINIMAL.replace(old, new)
    (project_root / "briefs" / "minimal.yaml").write_text(text, encoding="utf-8")
    result = brief(project_root, "check")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(located("briefs/minimal.yaml", text, needle) + " ")
    assert lines[0].endswith(f"[{code}]")
    assert lines[-1] == "1 error(s) in 1 file(s)"
    assert "Traceback" not in result.stderr


def test_check_named_files_and_several_errors(project_root: Path) -> None:
    broken = MINIMAL.replace("    kind: talks\n", "    kind: parley\n").replace("    side: alpha\n", "    side: beta\n")
    other = project_root / "briefs" / "other.yaml"
    other.write_text(broken.replace("id: geneva-talks", "id: other-talks"), encoding="utf-8")
    result = brief(project_root, "check", "briefs/other.yaml")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3, "a schema error and a reference error of one file, both at once"
    assert lines[0].startswith("briefs/other.yaml:") and lines[0].endswith(
        "participants[0].side: no side has the id 'beta'; known side ids: alpha [dangling-reference]"
    )
    assert lines[1].startswith("briefs/other.yaml:") and lines[1].endswith("[bad-value]")
    assert lines[2] == "2 error(s) in 1 file(s)"
    result = brief(project_root, "check", "briefs/minimal.yaml")
    assert result.returncode == 0 and result.stdout == "ok: 1 brief(s) checked\n"


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe\x00", b"- a\n- b\n", b"a: [\n", b"a: *nothing\n"])
def test_check_never_shows_a_traceback(project_root: Path, raw: bytes) -> None:
    (project_root / "briefs" / "minimal.yaml").write_bytes(raw)
    result = brief(project_root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("briefs/minimal.yaml:")


def test_check_missing_file(project_root: Path) -> None:
    result = brief(project_root, "check", "briefs/nope.yaml")
    assert result.returncode == 1
    assert result.stderr == (
        "briefs/nope.yaml:1:1: cannot read the file: there is no such file; "
        "check the path and the name [unreadable]\n1 error(s) in 1 file(s)\n"
    )


def test_build_then_broken_build_keeps_site(project_root: Path) -> None:
    result = brief(project_root, "build")
    assert result.returncode == 0, result.stderr
    index = project_root / "site" / "briefs" / "geneva-talks" / "index.html"
    before = index.read_bytes()
    (project_root / "briefs" / "minimal.yaml").write_text(
        MINIMAL.replace("    side: alpha\n", "    side: beta\n"), encoding="utf-8"
    )
    result = brief(project_root, "build")
    assert result.returncode == 1
    assert "dangling-reference" in result.stderr
    assert result.stderr.rstrip().endswith("the previous site/ was left as it was")
    assert "Traceback" not in result.stderr
    assert index.read_bytes() == before


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "brief"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert "check" in result.stdout and "build" in result.stdout


def test_unknown_command_is_a_usage_error(project_root: Path) -> None:
    result = brief(project_root, "frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr


FINISH = """
import atexit, sys, threading
from generator.cli import finish
atexit.register(lambda: print("exit handler ran"))
print("piped output", end=" ")
print("and errors", file=sys.stderr, end="")
if sys.argv[1] == "thread":
    threading.Thread(target=lambda: (threading.Event().wait(0.5), print("the thread ended"))).start()
finish(3)
"""


@pytest.mark.parametrize("case", ["alone", "thread"])
def test_finishing_without_teardown_keeps_the_code_the_output_and_the_exit_handlers(case: str) -> None:
    """``brief`` ends without the interpreter's teardown, but nothing a caller sees may change: the exit
    code, everything written (piped, so buffered), the exit handlers; a thread still running ends first."""
    result = subprocess.run(
        [sys.executable, "-c", FINISH, case], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 3
    assert result.stderr == "and errors"
    ended = "the thread ended\n" if case == "thread" else ""
    assert result.stdout == f"piped output {ended}exit handler ran\n"

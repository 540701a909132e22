"""The guide in docs/editing.md works: its commands, run as written (a web address and a download folder
stood in for by the committed fixture pages), take an empty project to a brief pushed for review."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, free_port, git, make_project, run_brief, serve

from generator.authoring.brief_text import replace_scalar
from generator.model.project import Project

sys.path.insert(0, str(REPO / "scripts"))

from preview_latency import PreviewServer

GUIDE = REPO / "docs" / "editing.md"
SECTION = "## From an empty brief to a published one"
PAGE_URL = (
    "https://wikimediafoundation.org/news/2020/01/15/"
    "access-to-wikipedia-restored-in-turkey-after-more-than-two-and-a-half-years/"
)
DOWNLOAD = "~/Downloads/court-ruling.pdf"
BRIEF = "briefs/access-to-wikipedia-restored-in-turkey.yaml"
OPENING = "the Wikimedia Foundation has received reports that access to Wikipedia in Turkey is actively being"


def guide_commands() -> list[str]:
    """The ``$ `` lines of the guide's console blocks, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end != -1 else len(text)]
    blocks = re.findall(r"```console\n(.*?)```", section, re.DOTALL)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


@pytest.fixture(scope="module")
def pages_url() -> Iterator[str]:
    yield from serve(FIXTURES / "pages")


def write_the_brief(project: Project) -> None:
    """Step 4, as an editor does it: every TO DO replaced with sentences the source supports."""
    path = project.root / BRIEF
    text = path.read_text(encoding="utf-8")
    sentence = "According to {src-000}, the Wikimedia Foundation received reports that access to Wikipedia in Turkey was being restored."
    text = replace_scalar(text, ["key_points", 0, "says"], sentence)
    text = replace_scalar(
        text, ["summary", 0, "says"], "The foundation said access to Wikipedia in Turkey was actively being restored."
    )
    text = replace_scalar(
        text, ["when", "note"], "The foundation's statement of that day reports the restoration as under way."
    )
    text = replace_scalar(text, ["sides", 0, "name"], "Turkey")
    path.write_text(text, encoding="utf-8")


def test_the_guide_takes_an_empty_project_to_a_brief_pushed_for_review(tmp_path: Path, pages_url: str) -> None:
    commands = guide_commands()
    assert [c.split()[0:2] for c in commands] == [
        ["brief", "new"],
        ["brief", "add-source"],
        ["brief", "serve"],
        ["brief", "check"],
        ["git", "checkout"],
        ["git", "add"],
        ["git", "commit"],
        ["git", "push"],
    ]
    project = make_project(tmp_path / "project", {})
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "the project")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(project.root, "remote", "add", "origin", str(remote))
    stand_ins = {
        PAGE_URL: f"{pages_url}wikimediafoundation.org.turkey.html",
        DOWNLOAD: str(FIXTURES / "pages" / "2023-06-20-PV.pdf"),
    }

    for command in commands:
        args = [stand_ins.get(arg, arg) for arg in shlex.split(command)]
        if args[:2] == ["brief", "serve"]:
            port = free_port()
            server = PreviewServer(project.root, args[2], port)
            try:
                server.wait_for(
                    f"http://127.0.0.1:{port}/briefs/access-to-wikipedia-restored-in-turkey/sources/",
                    "Wikimedia Foundation",
                )
            finally:
                assert server.stop() == 130, server.output
            continue
        if args[:2] == ["brief", "check"]:
            write_the_brief(project)
        if args[0] == "brief":
            result = run_brief(project.root, *args[1:])
            assert result.returncode == 0, f"$ {command}\n{result.stdout}{result.stderr}"
            if args[1] == "check":
                assert "ok: 1 brief(s) checked" in result.stdout and "draft" not in result.stdout + result.stderr
        else:
            assert args[0] == "git", command
            git(project.root, *args[1:])

    text = (project.root / BRIEF).read_text(encoding="utf-8")
    assert 'outlet: "Wikimedia Foundation"' in text and "kind: document" in text and OPENING in text
    pushed = subprocess.run(
        ["git", "--git-dir", str(remote), "log", "-1", "--format=%B", "wikipedia-in-turkey"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
    ).stdout
    assert "Brief-Note: First version" in pushed

"""`brief serve BRIEF`: a live preview of one brief, whatever the other briefs (generator/site/preview.py).

The server test runs the command as an editor would, in a project of two briefs, and reads the
pages over HTTP: only the chosen brief is served, a save shows up, a broken save does not stop the
server, and the next good save shows up again. Every wait polls a condition against a deadline.
"""

from __future__ import annotations

import os
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import MINIMAL, REPO, free_port, make_project, run_brief

from generator.authoring.scaffold import create_brief
from generator.model.project import Project
from generator.site.preview import UnknownBrief, find_brief, make_preview
from generator.site.serve_errors import PANEL_CLASS

PANEL = f'class="{PANEL_CLASS}"'

sys.path.insert(0, str(REPO / "scripts"))

from preview_latency import PreviewServer

PARIS = "paris-talks-2025"
OTHER = "other-talks-2025"
T = TypeVar("T")


def two_briefs(root: Path) -> Project:
    """The repository's Paris brief and a copy of it under another id and title."""
    project = make_project(root)
    text = (project.briefs_dir / f"{PARIS}.yaml").read_text(encoding="utf-8")
    assert text.count(f"id: {PARIS}\n") == 1 and text.count('title: "Paris talks') == 1
    other = text.replace(f"id: {PARIS}\n", f"id: {OTHER}\n").replace('title: "Paris talks', 'title: "Other talks')
    (project.briefs_dir / f"{OTHER}.yaml").write_text(other, encoding="utf-8")
    return project


def with_word(text: str, word: str) -> str:
    """The brief with a sentence holding ``word`` added to its first agenda item (lower case: no name to
    support; a sentence saying what the sources lack: no quote to find)."""
    at = text.index("\n    summary:\n", text.index("\nagenda:\n")) + len("\n    summary:\n")
    return text[:at] + f'      - says: "No source gives the {word} details."\n        absence: true\n' + text[at:]


def get(url: str, timeout: float = 5) -> tuple[int, str]:
    """The status and body of a page; 0 when nothing answered in time (not started, or busy building)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def until(condition: Callable[[], T | None], seconds: float, what: str) -> T:
    """Poll ``condition`` until it returns something true; fail the test after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)  # the interval between polls, not a wait for anything
    pytest.fail(f"after {seconds:.0f} s, still waiting for {what}")


def Served(root: Path, brief: str, port: int, tmp: Path) -> PreviewServer:
    """`brief serve` running in a project, its temporary folders (and MkDocs's) under ``tmp``."""
    return PreviewServer(root, brief, port, {"TMPDIR": str(tmp)})


@pytest.mark.site
def test_serve_previews_one_brief_and_reloads_it_on_each_save(tmp_path: Path) -> None:
    project = two_briefs(tmp_path / "project")
    brief_file = project.briefs_dir / f"{PARIS}.yaml"
    original = brief_file.read_text(encoding="utf-8")
    tmp = tmp_path / "tmp"  # the preview's temporary folders (and MkDocs's) go here, to see them removed
    tmp.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    overview = f"{base}/briefs/{PARIS}/"
    server = Served(project.root, PARIS, port, tmp)
    try:
        page = until(lambda: (r := get(overview))[0] == 200 and r[1], 180, f"{overview} to answer\n{server.output}")
        assert overview in server.lines[0], server.output  # the address is said first
        assert "Paris talks on the war in Ukraine" in page
        assert "Rubio" in page
        for path in ("people/", "disagreements/", "sources/"):
            assert get(f"{overview}{path}")[0] == 200, path
        assert get(f"{base}/briefs/people/marco-rubio/")[0] == 200  # a participant's person page
        assert get(f"{base}/about/")[0] == 200  # a fixed page of the site
        for path in ("", "people/", "sources/"):  # the other brief is not in the preview
            assert get(f"{base}/briefs/{OTHER}/{path}")[0] == 404, path
        listing = get(f"{base}/briefs/")
        assert listing[0] == 200 and OTHER not in listing[1] and "Other talks" not in listing[1]

        brief_file.write_text(with_word(original, "heliotropic"), encoding="utf-8")  # saved in place
        until(lambda: "heliotropic" in get(overview)[1], 60, "the saved word on the overview")

        broken = original.replace(f"id: {PARIS}\n", "id: [broken\n")
        brief_file.write_text(broken, encoding="utf-8")
        until(lambda: "yaml-unclosed-bracket" in server.output, 60, f"the YAML error to be reported\n{server.output}")
        assert server.process.poll() is None, server.output  # the server lives on
        status, page = get(overview, timeout=1)  # answered at once: the last good page, with the errors in it
        assert status == 200, f"no answer within a second after a broken save\n{server.output}"
        line = broken.split("\n").index("id: [broken") + 1
        assert PANEL in page and f"briefs/{PARIS}.yaml:{line}:5" in page and "yaml-unclosed-bracket" in page
        assert "heliotropic" in page  # as last built
        assert get(f"{overview}sources/", timeout=1)[1].count(PANEL) == 1  # every page says so

        saved = brief_file.with_name(f".{brief_file.name}.new")  # saved as many editors do: a new file renamed
        saved.write_text(with_word(original, "nasturtium"), encoding="utf-8")
        os.replace(saved, brief_file)
        page = until(
            lambda: (r := get(overview)[1]) and "nasturtium" in r and r,
            60,
            f"the fixed brief's word on the overview\n{server.output}",
        )
        assert "heliotropic" not in page and PANEL not in page, server.output[-3000:]
        assert server.process.poll() is None
    finally:
        code = server.stop()
    assert code == 130, server.output
    assert "Traceback" not in server.output, server.output
    assert list(tmp.iterdir()) == []  # the preview project and MkDocs's build folder are gone
    assert brief_file.read_text(encoding="utf-8") == with_word(original, "nasturtium")  # never written by it
    assert sorted(p.name for p in project.briefs_dir.iterdir()) == [f"{OTHER}.yaml", f"{PARIS}.yaml", "sources"]


@pytest.mark.site
def test_a_draft_is_previewed_under_its_banner(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    source = tmp_path / "downloads" / "geneva report.txt"
    source.parent.mkdir()
    source.write_text("Talks were held in Geneva on Monday, March 3, 2025.\n", encoding="utf-8")
    create_brief(project, "Geneva talks", [source])  # full of TO DO: a draft, left out of the published site
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    server = Served(project.root, "briefs/geneva-talks.yaml", port, tmp)
    try:
        page = until(
            lambda: (r := get(f"http://127.0.0.1:{port}/briefs/geneva-talks/"))[0] == 200 and r[1],
            180,
            f"the draft's overview\n{server.output}",
        )
        assert "This brief is not finished" in page and "Talks were held in Geneva" in page
        assert get(f"http://127.0.0.1:{port}/briefs/{PARIS}/")[0] == 404
    finally:
        code = server.stop()
    assert code == 130, server.output
    assert list(tmp.iterdir()) == []


def test_serve_names_the_known_briefs_when_the_brief_is_unknown(tmp_path: Path) -> None:
    project = two_briefs(tmp_path / "project")
    result = run_brief(project.root, "serve", "no-such-brief", timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"brief serve: no brief 'no-such-brief'; the briefs are: {OTHER}, {PARIS}\n"


def test_the_brief_is_found_by_id_file_name_or_path(tmp_path: Path) -> None:
    project = two_briefs(tmp_path / "project")
    other = project.briefs_dir / f"{OTHER}.yaml"
    renamed = project.briefs_dir / "renamed.yaml"  # a file whose name is not its id
    other.rename(renamed)
    assert find_brief(project, OTHER) == renamed
    assert find_brief(project, "renamed.yaml") == renamed
    assert find_brief(project, str(renamed)) == renamed
    assert find_brief(project, "briefs/renamed.yaml") == renamed
    assert find_brief(project, PARIS) == project.briefs_dir / f"{PARIS}.yaml"
    with pytest.raises(UnknownBrief, match="the briefs are: other-talks-2025, paris-talks-2025"):
        find_brief(project, "renamed")  # a file's stem is not an id


def test_the_preview_project_holds_only_the_brief_as_plain_files(tmp_path: Path) -> None:
    project = two_briefs(tmp_path / "project")
    brief_file = project.briefs_dir / f"{PARIS}.yaml"
    preview = make_preview(project, brief_file, tmp_path / "preview")
    assert preview.brief_id == PARIS
    assert preview.url(8123) == f"http://127.0.0.1:8123/briefs/{PARIS}/"
    copied = Project(preview.root)
    assert copied.brief_files() == [copied.briefs_dir / f"{PARIS}.yaml"]  # the hook indexes this brief only
    cited = sorted(re.findall(r"^    file: (\S+)$", brief_file.read_text(encoding="utf-8"), re.MULTILINE))
    assert sorted(p.name for p in (copied.briefs_dir / "sources").iterdir()) == cited  # its own sources only
    for path in [*copied.briefs_dir.rglob("*")]:
        assert not path.is_symlink(), path  # the checks refuse links, as they would in the build
    assert (copied.briefs_dir / f"{PARIS}.yaml").read_bytes() == brief_file.read_bytes()
    # what is watched: the real brief's folder (for its saves), its sources and the generator, all absolute
    assert preview.watched[0] == project.briefs_dir.resolve()
    assert {p.name for p in preview.watched[1:-1]} == set(cited)
    assert preview.watched[-1] == (REPO / "generator").resolve()
    config = preview.config_file.read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in config and '"generator/site/preview.py"' in config
    assert "briefs" not in config.split("watch:")[1].split("validation:")[0]  # never the preview's own briefs/


@pytest.mark.site
def test_a_brief_broken_from_the_start_is_served_with_its_errors(tmp_path: Path) -> None:
    minimal = MINIMAL
    broken = minimal.replace("    label: Wire report\n", "   label: Wire report\n")
    project = make_project(tmp_path / "project", {"minimal.yaml": broken})
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Served(project.root, "minimal.yaml", port, tmp)
    try:
        home = until(lambda: (r := get(f"{base}/"))[0] == 200 and r[1], 180, f"the preview to answer\n{server.output}")
        line = broken.split("\n").index("   label: Wire report") + 1
        assert PANEL in home and f"briefs/minimal.yaml:{line}:4" in home and "wrong indentation" in home
        assert "Nothing could be built yet" in home
        (project.briefs_dir / "minimal.yaml").write_text(minimal, encoding="utf-8")
        page = until(
            lambda: (r := get(f"{base}/briefs/geneva-talks/"))[0] == 200 and r[1],
            60,
            f"the fixed brief's overview\n{server.output}",
        )
        assert PANEL not in page and "Geneva" in page
    finally:
        server.stop()
    assert "Traceback" not in server.output, server.output

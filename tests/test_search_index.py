"""The hosted site's search index: split in parts past a number of briefs, each part indexed again only
when one of its pages changed; it is made beside the build's other work, says why when it fails, and
never outlives the build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, make_project, run_python, serve
from site_search import PAGE_LINK, RESULT, search

from generator.model.errors import BuildFailed
from generator.pipeline import build_site
from generator.publish import search_index
from generator.publish.search_index import BUNDLE, KEPT, PARTS_FILE, IndexPart, brief_ids_in, index_parts, index_site

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import synthetic_brief, write_corpus

PAGE = '<html lang="en"><body><article class="md-content__inner"><p>{}</p></article></body></html>'
BRIEFS = ("talks-a", "talks-b", "talks-c", "talks-d")


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] not in "ZX"
    except (OSError, IndexError):
        return False


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def small_site(folder: Path) -> Path:
    """Pages shared by all briefs and two pages per brief."""
    for path, words in [("index.html", "All briefs"), ("briefs/people/anna/index.html", "Anna Moreau")]:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(PAGE.format(words), encoding="utf-8")
    for brief in BRIEFS:
        for page in ("index.html", "sources/index.html"):
            (folder / "briefs" / brief / page).parent.mkdir(parents=True, exist_ok=True)
            (folder / "briefs" / brief / page).write_text(PAGE.format(f"Talks {brief} {page}"), encoding="utf-8")
    return folder


def stuck_site(folder: Path) -> Path:
    """A site nobody can finish reading: one of its pages is a pipe nobody writes to."""
    folder.mkdir()
    (folder / "index.html").write_text(PAGE.format("Talks in Geneva"), encoding="utf-8")
    os.mkfifo(folder / "stuck.html")
    return folder


def test_up_to_the_limit_the_site_is_one_index(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    assert [part.folder for part in index_parts(site, BRIEFS, per_index=4)] == [""]
    bundle = index_site(REPO, site, BRIEFS, tmp_path / "cache", per_index=4)
    assert (bundle / "pagefind.js").is_file() and json.loads((bundle / PARTS_FILE).read_text()) == []


def test_past_the_limit_each_brief_is_in_one_part_and_shared_pages_in_the_first(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    parts = index_parts(site, BRIEFS, per_index=2)
    assert parts[0] == IndexPart("", ("briefs/people/anna/index.html", "index.html"))
    assert {part.folder for part in parts[1:]} <= {"briefs-1", "briefs-2"} and len(parts) >= 2
    for brief in BRIEFS:
        holding = [part.folder for part in parts if f"briefs/{brief}/index.html" in part.pages]
        assert len(holding) == 1 and holding[0] != "", brief
        assert f"briefs/{brief}/sources/index.html" in next(p for p in parts if p.folder == holding[0]).pages
    assert index_parts(site, BRIEFS, per_index=2) == parts, "the same briefs are dealt the same way"


def test_only_a_part_whose_pages_changed_is_indexed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = small_site(tmp_path / "site")
    cache = tmp_path / "cache"
    index_site(REPO, site, BRIEFS, cache, per_index=2)
    parts = index_parts(site, BRIEFS, per_index=2)
    folders = json.loads((site / BUNDLE / PARTS_FILE).read_text())
    assert folders == [f"{part.folder}/" for part in parts[1:]]
    assert all((site / BUNDLE / folder / "pagefind.js").is_file() for folder in folders)
    first = {path.name for path in (cache / KEPT).iterdir()}
    assert len(first) == len(parts)
    indexed: list[str] = []
    original = search_index._index_part
    monkeypatch.setattr(search_index, "_index_part", lambda *a: (indexed.append(a[2].folder), original(*a))[1])
    changed = site / "briefs" / "talks-c" / "sources" / "index.html"
    changed.write_text(PAGE.format("Talks resumed"), encoding="utf-8")
    (site / BUNDLE).rename(tmp_path / "old-bundle")  # each build makes a new site
    index_site(REPO, site, BRIEFS, cache, per_index=2)
    assert indexed == [next(p.folder for p in parts if "briefs/talks-c/index.html" in p.pages)]
    now = {path.name for path in (cache / KEPT).iterdir()}
    assert len(now) == len(parts) and len(now - first) == 1, "the changed part's old bundle is not kept"


def test_a_site_without_pages_fails_with_what_pagefind_said(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(BuildFailed, match="(?s)Pagefind could not index the site: .*html"):
        index_site(REPO, tmp_path / "site", [], tmp_path / "cache")


BESIDE_THE_BUILD = (
    "import sys, time; from pathlib import Path; from generator.publish.search_index import index_site; "
    "from generator.system.workers import Background; "
    "searching = Background(lambda: index_site(Path(sys.argv[1]), Path(sys.argv[2]), [], Path(sys.argv[3]))); "
    "print(searching._process.pid, flush=True); "
)
"""Index a site as the build does, beside its other work (in one thread, so in a forked process)."""


def test_stop_ends_a_running_index(tmp_path: Path) -> None:
    code = BESIDE_THE_BUILD + "time.sleep(0.5); searching.stop(); print('stopped', flush=True)"
    done = run_python(code, str(REPO), str(stuck_site(tmp_path / "site")), str(tmp_path / "cache"))
    pid, said = done.stdout.split()
    assert said == "stopped" and not running(int(pid))


def test_the_index_ends_with_a_killed_build(tmp_path: Path) -> None:
    site = stuck_site(tmp_path / "site")
    arguments = [
        sys.executable,
        "-c",
        BESIDE_THE_BUILD + "time.sleep(300)",
        str(REPO),
        str(site),
        str(tmp_path / "cache"),
    ]
    build = subprocess.Popen(arguments, stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    pid = int(build.stdout.readline())
    assert running(pid)
    build.kill()
    build.wait()
    assert gone_within(pid, 30), "the indexing kept running after the build was killed"


def test_pagefind_ends_with_the_indexing_process(tmp_path: Path) -> None:
    site = stuck_site(tmp_path / "site")
    code = (
        "import sys; from pathlib import Path; from generator.publish import search_index as s; "
        "s._index_part(s.pagefind_binary(Path(sys.argv[1])), Path(sys.argv[2]), "
        "s.IndexPart('', ('index.html', 'stuck.html')), Path(sys.argv[3]))"
    )
    indexer = subprocess.Popen([sys.executable, "-c", code, str(REPO), str(site), str(tmp_path / "made")])
    deadline = time.monotonic() + 30
    pagefind = None
    while pagefind is None:
        assert time.monotonic() < deadline and indexer.poll() is None, "Pagefind did not start"
        for entry in Path("/proc").iterdir():
            try:
                fields = (entry / "stat").read_text().split(") ", 1)[1].split()
                command = (entry / "cmdline").read_bytes().split(b"\0")[0]
            except (OSError, IndexError):
                continue
            if fields[1] == str(indexer.pid) and b"pagefind" in command:
                pagefind = int(entry.name)
        time.sleep(0.01)
    indexer.kill()
    indexer.wait()
    assert gone_within(pagefind, 30), "Pagefind kept running after the process that started it was killed"


@pytest.fixture(scope="module")
def split_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """Three synthetic briefs built with one brief per part of the index, served under a folder of the
    server (as a project site on GitHub Pages is), so each part's results must carry the site's address."""
    root = tmp_path_factory.mktemp("split")
    project = make_project(root / "project", {})
    write_corpus(project.briefs_dir, 3)
    build_site(project, pdf=False, offline=False, briefs_per_index=1)
    for url in serve(root / "project"):
        yield url + "site/", [synthetic_brief(i).id for i in range(3)]


@pytest.mark.browser
@pytest.mark.site
def test_a_search_finds_pages_in_every_part_of_the_index(page: Any, split_site_url: tuple[str, list[str]]) -> None:
    """ "talks" is on every brief's sources page: each brief's, from its own part, is among the first results."""
    from playwright.sync_api import expect

    url, ids = split_site_url
    parts = page.request.get(url + "pagefind/parts.json").json()
    assert len(parts) >= 2, "three briefs, one per part, are dealt into more than one part"
    search(page, url, "talks")
    for brief in ids:
        expect(page.locator(f"{RESULT} {PAGE_LINK}[href^='/site/briefs/{brief}/']").first).to_be_visible()


def test_a_built_sites_briefs_are_the_folders_with_a_sources_page(tmp_path: Path) -> None:
    for page in ("briefs/geneva/sources/index.html", "briefs/paris/sources/index.html", "briefs/people/x/index.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<p>page</p>", encoding="utf-8")
    assert brief_ids_in(tmp_path) == ["geneva", "paris"]

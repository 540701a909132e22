"""Corrections, visible and subscribable: on the page, in the PDF, in the update log, in `brief diff`
and in the Atom feed (read by a real feed parser), every entry linking to a page that exists."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import feedparser
from conftest import MINIMAL, git, make_project, run_brief
from pypdf import PdfReader

from generator.pipeline import build_site

CORRECTION = """corrections:
  - date: 2025-03-05
    entry: geneva-meeting
    was: "The talks were said to have ended in agreement."
    now:
      says: The minister called progress real but slow.
      cite:
        - {source: report, quote: "The foreign minister, Jane Doe, said"}
        - {source: report, quote: "progress was real but slow"}
sources:
"""


def corrected_project(root: Path):  # type: ignore[no-untyped-def]
    """A project whose brief was committed, then corrected in a second commit."""
    project = make_project(root, {"minimal.yaml": MINIMAL})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add the Geneva brief", date="2025-03-04T09:00:00+00:00")
    brief = project.briefs_dir / "minimal.yaml"
    brief.write_text(MINIMAL.replace("sources:\n", CORRECTION, 1), encoding="utf-8")
    git(
        root,
        "commit",
        "-q",
        "-am",
        "Correct the outcome of the talks",
        "-m",
        "Brief-Note: The talks ended without an agreement.",
        date="2025-03-05T09:00:00+00:00",
    )
    build_site(project, offline=False)
    return project


def test_a_correction_shows_everywhere_a_reader_looks(tmp_path: Path) -> None:
    project = corrected_project(tmp_path / "project")
    site = project.site_dir
    page = (site / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8")
    assert (
        'id="corrections"' in page and "It said:" in page and "The talks were said to have ended in agreement." in page
    )
    assert "Corrected:" in page, "the facts line under the title says the brief was corrected"
    log = page[page.index('id="updates"') :]
    assert "<strong>Correction</strong>" in log and "The talks ended without an agreement." in log  # the editor's note
    assert "Correct the outcome of the talks" not in page, "readers never see a commit subject"

    pdf = "\n".join(p.extract_text() for p in PdfReader(site / "briefs" / "geneva-talks" / "geneva-talks.pdf").pages)
    assert "Corrections" in pdf and "The talks were said to have ended in agreement." in " ".join(pdf.split())

    result = run_brief(project.root, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    diff = result.stdout
    assert "correction" in diff and "ended in agreement" in diff


def test_the_atom_feed_announces_briefs_updates_and_corrections(tmp_path: Path) -> None:
    project = corrected_project(tmp_path / "project")
    feed_path = project.site_dir / "briefs" / "feed.xml"
    parsed = feedparser.parse(
        feed_path.read_bytes(),
        response_headers={
            "content-location": "https://example.org/briefs/feed.xml",
            "content-type": "application/atom+xml",
        },
    )
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    kinds = [entry.tags[0].term for entry in parsed.entries]
    assert sorted(kinds) == ["brief", "correction", "update"]
    titles = {entry.tags[0].term: entry.title for entry in parsed.entries}
    assert titles["correction"].startswith("Correction to Geneva talks")
    assert titles["update"] == "Corrected: Geneva talks"
    assert titles["brief"] == "New brief: Geneva talks"
    for entry in parsed.entries:  # every entry links to a page of the built site, at an anchor it has
        link = entry.link.removeprefix("https://example.org/")
        path, _, anchor = link.partition("#")
        target = project.site_dir / PurePosixPath(path) / "index.html"
        assert target.is_file(), link
        assert not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8"), link
    index = (project.site_dir / "briefs" / "index.html").read_text(encoding="utf-8")
    assert 'href="../briefs/feed.xml"' in index or 'href="feed.xml"' in index, "the list of briefs links the feed"


def test_the_feed_holds_only_the_newest_entries(tmp_path: Path) -> None:
    """A feed reader downloads the whole feed on every poll: it keeps the newest FEED_LIMIT entries."""
    import sys

    from conftest import REPO

    from generator.model.validate import check_files
    from generator.pipeline import assemble
    from generator.publish.feed import FEED_LIMIT, feed_entries

    sys.path.insert(0, str(REPO / "scripts"))
    from synthetic import DEFAULT_SEED, write_corpus

    write_corpus(tmp_path, FEED_LIMIT + 20, DEFAULT_SEED)
    checked, errors = check_files(sorted(tmp_path.glob("*.yaml")))
    assert errors == []
    entries = feed_entries(assemble(None, checked))
    assert len(entries) == FEED_LIMIT
    assert [e.updated for e in entries] == sorted((e.updated for e in entries), reverse=True)
    oldest = min((c.brief for c in checked), key=lambda b: (b.when.end or b.when.date, b.id))
    assert not any(e.id.endswith(f"/{oldest.id}") or e.id.endswith(f":{oldest.id}") for e in entries)

"""The update log: read from a real git repository, compared entry by entry, deterministic."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import MINIMAL_FILE, git
from reader_data import PARIS, brief_data

from generator.pages.history import NOT_COMMITTED, NOT_TRACKED, describe_change, read_histories
from generator.system.content_cache import ContentCache


def _git(repo: Path, *args: str, date: str = "2025-04-20T10:00:00+02:00") -> None:
    git(repo, *args, date=date)


def _write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_each_commit_says_what_it_added_changed_and_removed(tmp_path: Path) -> None:
    repo = tmp_path / "project"
    (repo / "briefs").mkdir(parents=True)
    _git(repo, "init", "-q")
    data = brief_data()
    (repo / "briefs" / "old-name.yaml").write_bytes(PARIS.read_bytes())
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Add the Paris brief", date="2025-04-18T09:00:00+02:00")
    _git(repo, "mv", "briefs/old-name.yaml", "briefs/paris.yaml")
    _git(repo, "commit", "-q", "-m", "Rename the file", date="2025-04-19T09:00:00+02:00")
    data["agenda"].append({**data["agenda"][0], "id": "new-item", "title": "A new item"})
    data["agenda"] = [a for a in data["agenda"] if a["id"] != "us-iran-talks"]
    data["participants"][0]["role"] = "Corrected role"
    data["summary"] = "A corrected summary."
    _write(repo / "briefs" / "paris.yaml", data)
    _git(
        repo,
        "commit",
        "-q",
        "-am",
        "WIP: Correct Rubio's role",
        "-m",
        "Brief-Note: Rubio's role now follows\n  the news report.",
        date="2025-04-20T09:00:00+02:00",
    )

    history = read_histories(repo, ["briefs/paris.yaml"])["briefs/paris.yaml"]
    assert history.state == "tracked" and not history.uncommitted
    # Readers get the editor's note (a Brief-Note trailer), never the commit subject.
    assert [r.note for r in history.revisions] == ["Rubio's role now follows the news report.", None, None]
    assert history.last_updated is not None and history.last_updated.isoformat() == "2025-04-20T07:00:00+00:00"
    latest, renamed, first = history.revisions
    assert "changed the summary" in latest.changes
    assert "added 1 agenda item: \u201cA new item\u201d" in latest.changes
    assert "removed 1 agenda item: \u201cParallel US talks with Iran (Oman, Rome)\u201d" in latest.changes
    assert "changed 1 participant: \u201cMarco Rubio\u201d" in latest.changes
    assert renamed.changes == ("no change to the content (layout or comments only)",)
    assert first.changes[0].startswith("first version: 5 sources")

    # The same commit always gives the same history; an edit not yet committed is flagged.
    assert read_histories(repo, ["briefs/paris.yaml"]) == {"briefs/paris.yaml": history}
    # What each change said, kept for the next build, gives the same history, and is read back the second
    # time instead of being made and written again (a written entry is a new file).
    kept = ContentCache(tmp_path / "cache", "histories")
    assert read_histories(repo, ["briefs/paris.yaml"], kept) == {"briefs/paris.yaml": history}
    entries = {path: path.stat().st_ino for path in (tmp_path / "cache" / "histories").glob("*/*.pickle")}
    assert len(entries) == 3
    assert read_histories(repo, ["briefs/paris.yaml"], kept) == {"briefs/paris.yaml": history}
    again = {path: path.stat().st_ino for path in (tmp_path / "cache" / "histories").glob("*/*.pickle")}
    assert again == entries, "read, not written again"
    (repo / "briefs" / "paris.yaml").write_text("# edited\n" + (repo / "briefs" / "paris.yaml").read_text())
    assert read_histories(repo, ["briefs/paris.yaml"])["briefs/paris.yaml"].uncommitted


def test_outside_git_a_brief_is_not_tracked_and_in_a_checkout_a_new_one_is_not_yet_committed(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "a.yaml").write_bytes(PARIS.read_bytes())
    env_free = read_histories(tmp_path, ["briefs/a.yaml"])
    assert env_free == {"briefs/a.yaml": NOT_TRACKED}
    _git(tmp_path, "init", "-q")
    assert read_histories(tmp_path, ["briefs/a.yaml"]) == {"briefs/a.yaml": NOT_COMMITTED}
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "first")
    (tmp_path / "briefs" / "b.yaml").write_bytes(PARIS.read_bytes())  # a second brief, new in a checkout
    histories = read_histories(tmp_path, ["briefs/a.yaml", "briefs/b.yaml"])
    assert histories["briefs/a.yaml"].state == "tracked" and histories["briefs/b.yaml"] == NOT_COMMITTED


def test_describe_change_is_pure_and_names_entries() -> None:
    old = brief_data()
    new = brief_data()
    assert describe_change(old, new) == ("no change to the content (layout or comments only)",)
    new["tags"] = ["other"]
    new["sources"][0]["weak"] = False
    assert describe_change(old, new) == (
        "changed the tags",
        "changed 1 source: \u201cForum post by JeremyVickers\u201d",
    )
    new["participants"] = []
    change = next(c for c in describe_change(old, new) if c.startswith("removed"))
    assert change.startswith("removed 22 participants: \u201cMarco Rubio\u201d") and change.endswith("and 18 more")
    assert describe_change(None, None) == ("could not read this version",)


def test_the_update_log_shows_the_change_and_the_editors_note_never_the_commit_subject() -> None:
    import dataclasses
    import datetime as dt

    from render_text import render_files

    from generator.pages.history import History, Revision
    from generator.pages.site_pages import render_site

    inputs, _ = render_files([MINIMAL_FILE])
    history = History(
        "tracked",
        (
            Revision(
                "a" * 40,
                dt.datetime(2025, 4, 20, tzinfo=dt.UTC),
                "The toll now gives both figures.",
                ("changed 1 discrepancy: \u201cThe toll in Exampleville\u201d",),
            ),
            Revision("b" * 40, dt.datetime(2025, 4, 18, tzinfo=dt.UTC), None, ("first version: 2 sources",)),
        ),
    )
    pages = {p.path: p.content for p in render_site([dataclasses.replace(inputs[0], history=history)])}
    log = pages["geneva-talks/index.md"].split("{ #updates }")[1]
    assert (
        "- **20 Apr 2025** · Changed 1 discrepancy: \u201cThe toll in Exampleville\u201d. *Editor's note:* "
        "The toll now gives both figures\\. (`aaaaaaa`)" in log
    )  # the note is inert text
    assert "- **18 Apr 2025** · First version: 2 sources. (`bbbbbbb`)" in log

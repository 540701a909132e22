"""Which commit and moment an output records: from git, SOURCE_DATE_EPOCH, or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git

from generator.publish.provenance import KEPT_FILE, provenance, provenances


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    for name, when in (("a.txt", "1700000000"), ("b.txt", "1710000000")):
        (tmp_path / name).write_text(name, encoding="utf-8")
        git(tmp_path, "add", name)
        git(tmp_path, "commit", "-q", "-m", name, date=f"@{when} +0000")
    return tmp_path


def test_last_commit_touching_the_inputs(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    made = provenance(repo, [repo / "a.txt"])
    assert (made.commit, made.epoch, made.modified) == (first, 1700000000, False)
    assert provenance(repo, [repo / "b.txt"]).epoch == 1710000000
    assert provenance(repo, [repo]).modified is False, "a clean checkout, asked for as a whole"
    (repo / "a.txt").write_text("changed", encoding="utf-8")
    assert provenance(repo, [repo / "a.txt"]).commit_text == f"commit {first[:12]} with uncommitted changes"
    assert provenance(repo, [repo / "b.txt"]).modified is False
    assert provenance(repo, [repo]).modified is True


def test_source_date_epoch_wins(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744977600")
    made = provenance(repo, [repo / "a.txt"])
    assert made.epoch == 1744977600 and made.date_text == "18 April 2025, 12:00 UTC"


def test_outside_git_there_is_no_commit_and_no_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    made = provenance(tmp_path, [tmp_path])
    assert (made.commit, made.epoch) == (None, None)
    assert made.date_text == "an unrecorded date"


def test_a_brief_no_commit_holds_is_never_dated_by_the_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (repo / "new.yaml").write_text("a new brief", encoding="utf-8")
    made = provenance(repo, [repo / "new.yaml"])
    assert (made.commit, made.epoch, made.modified) == (None, None, True)
    assert made.commit_text == "no commit yet (the brief is not committed)"
    assert made.date_text == "an unrecorded date"


def test_outside_git_there_is_no_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "a.yaml").write_text("a brief", encoding="utf-8")
    assert provenance(tmp_path, [tmp_path / "a.yaml"]).commit_text == "no commit (not built from a git checkout)"


def _asked_one_by_one(root: Path, inputs: list[Path]) -> tuple[str | None, bool]:
    """What git says of one group of inputs when asked for it alone (the last commit, and whether modified)."""
    specs = [str(p.relative_to(root)) for p in inputs]
    last = git(root, "log", "-1", "--format=%H", "--", *specs) or None
    return last, bool(git(root, "status", "--porcelain", "--untracked-files=all", "--", *specs))


def test_many_groups_at_once_say_what_git_says_of_each(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = repo / "project"
    (project / "briefs").mkdir(parents=True)
    for name in ("kept.yaml", "edited.yaml", "renamed.yaml", "with space.yaml"):
        (project / "briefs" / name).write_text(name, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "briefs", date="@1720000000 +0000")
    (project / "briefs" / "edited.yaml").write_text("edited", encoding="utf-8")
    (project / "briefs" / "with space.yaml").write_text("edited", encoding="utf-8")
    git(repo, "mv", "project/briefs/renamed.yaml", "project/briefs/moved.yaml")
    (project / "briefs" / "new.yaml").write_text("new", encoding="utf-8")
    groups = [
        [project / "briefs" / name]
        for name in ("kept.yaml", "edited.yaml", "renamed.yaml", "moved.yaml", "new.yaml", "with space.yaml")
    ]
    groups += [[project / "briefs" / "kept.yaml", project / "briefs" / "new.yaml"], [project / "briefs"], [project]]
    for group, made in zip(groups, provenances(project, groups), strict=True):
        assert (made.commit, made.modified) == _asked_one_by_one(project, group), group
    assert [m.modified for m in provenances(project, groups[:2])] == [False, True]


def _asked_logs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Record every ``git log -1`` provenance asks (the per-group question the kept table saves)."""
    from generator.publish import provenance as module

    asked: list[tuple[str, ...]] = []
    original = module._git

    def recording(root: Path, *args: str) -> str | None:
        if args[:2] == ("log", "-1"):
            asked.append(args[args.index("--") + 1 :])
        return original(root, *args)

    monkeypatch.setattr(module, "_git", recording)
    return asked


def test_kept_last_commits_are_asked_again_only_where_a_commit_touched(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each change, the kept answers equal git's own, and git is asked again only for the groups a
    commit since touched: a commit, a merge of a branch, a rename; after history is rewritten, all."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("c.txt", "d.txt", "e.txt"):
        (repo / "docs" / name).parent.mkdir(exist_ok=True)
        (repo / "docs" / name).write_text(name, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "docs", date="@1715000000 +0000")
    groups = [[repo / "a.txt"], [repo / "b.txt"], [repo / "docs" / "c.txt", repo / "docs" / "d.txt"], [repo / "docs"]]
    groups.append([repo / "docs" / "e.txt"])
    kept = repo.parent / "cache" / KEPT_FILE
    asked = _asked_logs(monkeypatch)

    def check(expected_asked: list[str]) -> None:
        asked.clear()
        made = provenances(repo, groups, kept_in=kept.parent)
        assert [(m.commit, m.epoch, m.modified) for m in made] == [
            (m.commit, m.epoch, m.modified) for m in provenances(repo, groups)
        ], "kept answers are git's"
        for group, one in zip(groups, made, strict=True):
            assert (one.commit, one.modified) == _asked_one_by_one(repo, group)
        assert sorted(" ".join(a) for a in asked[: len(asked) - len(groups)]) == sorted(expected_asked)

    everything = ["a.txt", "b.txt", "docs/c.txt docs/d.txt", "docs", "docs/e.txt"]
    check(everything)  # nothing kept yet
    check([])  # the same commit: nothing asked
    (repo / "a.txt").write_text("edited", encoding="utf-8")
    check([])  # uncommitted: the last commit is the same; "modified" comes from git status every time
    git(repo, "commit", "-q", "-am", "a", date="@1720000000 +0000")
    check(["a.txt"])
    git(repo, "checkout", "-q", "-b", "side")
    (repo / "docs" / "d.txt").write_text("side", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "d", date="@1721000000 +0000")
    git(repo, "checkout", "-q", "-")
    (repo / "b.txt").write_text("main", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "b", date="@1722000000 +0000")
    git(repo, "merge", "-q", "--no-edit", "side", date="@1723000000 +0000")
    check(["b.txt", "docs/c.txt docs/d.txt", "docs"])
    git(repo, "mv", "docs/e.txt", "docs/f.txt")
    git(repo, "commit", "-q", "-m", "rename", date="@1724000000 +0000")
    check(["docs", "docs/e.txt"])
    git(repo, "commit", "-q", "--amend", "-m", "renamed", date="@1725000000 +0000")
    check(everything)  # the commit it was asked at is no longer in the history
    kept.write_text("not json", encoding="utf-8")
    check(everything)

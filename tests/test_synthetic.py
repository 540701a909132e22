"""The benchmark's synthetic briefs are valid, shaped like the Paris brief, and deterministic."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

from generator.model.brief import all_citations
from generator.model.validate import check_files

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import people_pool, synthetic_brief, write_corpus


def test_synthetic_briefs_pass_every_check(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "briefs", 4)
    checked, errors = check_files(paths, tmp_path)
    assert errors == []
    assert len(checked) == 4
    assert len({c.brief.id for c in checked}) == 4


def test_synthetic_briefs_are_shaped_like_the_paris_brief(tmp_path: Path) -> None:
    checked, errors = check_files(write_corpus(tmp_path / "briefs", 3), tmp_path)
    assert errors == []
    for brief in (c.brief for c in checked):
        assert len(brief.sources) == 5
        assert 18 <= len(brief.participants) <= 22
        assert len(brief.agenda) == 15
        assert len(brief.impact_events) == 3
        assert len(brief.open_questions) == 7
        assert len(brief.discrepancies) == 10
        assert 140 <= len(all_citations(brief)) <= 190
    sources = sorted((tmp_path / "briefs" / "sources").glob("*.txt"))
    assert len(sources) == 15
    assert all(4_000 < p.stat().st_size < 14_000 for p in sources)  # the Paris sources: 4 to 17 KB


def test_a_seed_gives_the_same_bytes_every_time_and_another_seed_differs() -> None:
    first, again, other = synthetic_brief(5, seed=7), synthetic_brief(5, seed=7), synthetic_brief(5, seed=8)
    assert first == again
    assert first.yaml_text != other.yaml_text
    assert first.sources != other.sources


def test_a_brief_does_not_depend_on_the_size_of_the_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path / "small", 2)
    write_corpus(tmp_path / "large", 5)
    for path in sorted((tmp_path / "small").rglob("*.*")):
        assert path.read_bytes() == (tmp_path / "large" / path.relative_to(tmp_path / "small")).read_bytes()


def test_people_recur_across_briefs_with_the_same_name_and_side(tmp_path: Path) -> None:
    checked, _ = check_files(write_corpus(tmp_path / "briefs", 6), tmp_path)
    pool = {p.id: p for p in people_pool()}
    seen: dict[str, int] = {}
    for brief in (c.brief for c in checked):
        for person in brief.participants:
            assert person.id in pool
            assert person.name == pool[person.id].name and person.side == pool[person.id].side
            seen[person.id] = seen.get(person.id, 0) + 1
    assert max(seen.values()) >= 2

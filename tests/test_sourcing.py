"""Per-source summaries and the single-weak-source mark."""

from __future__ import annotations

from reader_data import brief, brief_data

from generator.model.brief import Brief
from generator.pages.claims import weak_marker
from generator.pages.sourcing import facts, sole_weak_source, source_summaries


def test_counts_follow_from_the_citations() -> None:
    paris = brief()
    every = list(facts(paris))
    summaries = {s.source.id: s for s in source_summaries(paris)}
    for source in paris.sources:
        summary = summaries[source.id]
        assert summary.facts == sum(1 for f in every if source.id in f.sources)
        assert {f.label for f in summary.alone} == {f.label for f in every if f.sources == {source.id}}
    # Every fact with a single source is counted under exactly that source.
    assert sum(len(s.alone) for s in summaries.values()) == sum(1 for f in every if len(f.sources) == 1)


def test_only_facts_resting_on_one_weak_source_are_marked() -> None:
    paris = brief()
    weak_ids = {s.id for s in paris.sources if s.weak}
    assert weak_ids == {"src-000-forum-post", "src-004-time-news"}
    zelensky_remarks = next(a for a in paris.agenda if a.id == "zelensky-kyiv-remarks")  # 004 alone
    assert sole_weak_source(paris, zelensky_remarks.cited()).id == "src-004-time-news"  # type: ignore[union-attr]
    marker = weak_marker(paris, zelensky_remarks.cited())
    assert "single weak source" in marker and "disagreements.md#source-src-004-time-news" in marker
    elysee = next(a for a in paris.agenda if a.id == "elysee-talks")  # several sources
    assert sole_weak_source(paris, elysee.cited()) is None and weak_marker(paris, elysee.cited()) == ""
    london = next(a for a in paris.agenda if a.id == "london-talks")  # one source, not weak
    assert sole_weak_source(paris, london.cited()) is None


def test_weak_is_an_explicit_choice_defaulting_to_false() -> None:
    data = brief_data()
    for source in data["sources"]:
        source.pop("weak", None)
    unflagged = Brief.model_validate(data)
    assert not any(s.weak for s in unflagged.sources)
    assert all(weak_marker(unflagged, a.cited()) == "" for a in unflagged.agenda)

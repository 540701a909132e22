"""The spans `brief build --timings` prints (the whole build's order is tested in test_pipeline)."""

from __future__ import annotations

import pytest

from generator.system.stage_times import StageTimes


def test_spans_are_printed_from_the_start_of_the_build_in_the_order_recorded() -> None:
    times = StageTimes(started=100.0)
    times.record("MkDocs", 101.0, 111.5)
    times.record("search index, in a forked process", 111.5, 140.25)
    times.record("offline copy: MkDocs", 111.5, 130.0)
    assert times.table().splitlines() == [
        "MkDocs                                 1.0 s to    11.5 s     10.5 s",
        "search index, in a forked process     11.5 s to    40.2 s     28.8 s",
        "offline copy: MkDocs                  11.5 s to    30.0 s     18.5 s",
        "total                                  0.0 s to    40.2 s     40.2 s",
    ]


def test_a_stage_that_fails_is_not_recorded() -> None:
    times = StageTimes()
    with times.stage("check"):
        pass
    with pytest.raises(ValueError), times.stage("generate"):
        raise ValueError("a brief is invalid")
    assert [name for name, _, _ in times.spans] == ["check"]
    assert times.spans[0][1] <= times.spans[0][2]

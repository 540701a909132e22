"""`brief pdf --shard K/N`: CI renders the PDFs in N parallel jobs, each brief in exactly one of them.

Nothing here renders a PDF: the split is a pure function (``generator.publish.pdf.shard``), and the
command line is checked with the rendering stage replaced by a recorder.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, make_project
from hypothesis import given
from hypothesis import strategies as st

from generator import cli
from generator.commands import pdf as pdf_command
from generator.publish.pdf import shard

IDS = [f"brief-{n:03d}" for n in range(23)]


@pytest.mark.parametrize("parts", [1, 2, 3, 4, 7, 23, 40])
def test_every_brief_is_in_exactly_one_shard(parts: int) -> None:
    shards = [shard(IDS, part, parts) for part in range(1, parts + 1)]
    counts = Counter(brief for chosen in shards for brief in chosen)
    assert counts == Counter(IDS)  # each once: none lost, none twice
    sizes = [len(chosen) for chosen in shards]
    assert max(sizes) - min(sizes) <= 1, sizes  # balanced


@given(st.sets(st.text(min_size=1, max_size=12), max_size=40), st.integers(min_value=1, max_value=9))
def test_the_shards_partition_any_set_of_ids(ids: set[str], parts: int) -> None:
    shards = [shard(ids, part, parts) for part in range(1, parts + 1)]
    assert sorted(brief for chosen in shards for brief in chosen) == sorted(ids)


def test_the_split_depends_only_on_the_set_of_ids() -> None:
    """Every shard job lists the briefs itself: the order it finds them in must not matter."""
    for parts in (2, 3):
        for part in range(1, parts + 1):
            chosen = shard(IDS, part, parts)
            assert shard(list(reversed(IDS)), part, parts) == chosen
            assert shard(IDS + IDS[:5], part, parts) == chosen  # a brief named twice is still one brief
            assert chosen == sorted(chosen)
    assert shard(["c", "a", "b", "d"], 1, 2) == ["a", "c"]
    assert shard(["c", "a", "b", "d"], 2, 2) == ["b", "d"]


@pytest.mark.parametrize(("part", "parts"), [(0, 3), (4, 3), (-1, 3), (1, 0)])
def test_a_part_outside_1_to_n_is_refused(part: int, parts: int) -> None:
    with pytest.raises(ValueError, match="counted from 1"):
        shard(IDS, part, parts)


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def no_rendering(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Replace the PDF stage of `brief pdf` by a recorder of the briefs it was asked for."""
    asked: list[list[str]] = []

    def record(project: object, wanted: list[str], *args: Any) -> list[object]:
        asked.append(list(wanted))
        return []

    monkeypatch.setattr(pdf_command, "build_pdfs", record)
    return asked


@pytest.mark.parametrize(
    "value", ["0/3", "4/3", "x", "3", "1/0", "0/0", "-1/3", "1/2/3", "1/", "/2", "", "²/3", " 1/2"]
)
def test_a_bad_shard_is_one_clear_line_and_exit_2(
    value: str,
    no_rendering: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BRIEF_ROOT", str(tmp_path))  # never the repository, whatever happens

    assert cli.main(["pdf", f"--shard={value}"]) == 2  # with "=": argparse would take "-1/3" for an option

    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"brief pdf: --shard {value!r} is not a shard; write K/N with 1 <= K <= N, e.g. 2/4\n")
    assert no_rendering == []


def briefs_project(tmp_path: Path, count: int) -> Path:
    minimal = MINIMAL
    briefs = {f"b{n}.yaml": minimal.replace("id: geneva-talks", f"id: geneva-{n}") for n in range(count)}
    return make_project(tmp_path / "p", briefs).root


def test_the_shards_of_the_command_cover_every_brief_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_rendering: list[list[str]]
) -> None:
    monkeypatch.setenv("BRIEF_ROOT", str(briefs_project(tmp_path, 5)))
    every = [f"geneva-{n}" for n in range(5)]

    for part in (1, 2, 3):
        assert cli.main(["pdf", "--shard", f"{part}/3"]) == 0

    assert no_rendering == [shard(every, 1, 3), shard(every, 2, 3), shard(every, 3, 3)]
    assert sorted(b for asked in no_rendering for b in asked) == every
    assert cli.main(["pdf"]) == 0 and no_rendering[-1] == []  # without --shard: all of them, as before


def test_a_shard_of_named_briefs_splits_only_those(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_rendering: list[list[str]]
) -> None:
    monkeypatch.setenv("BRIEF_ROOT", str(briefs_project(tmp_path, 4)))

    for part in (1, 2):
        assert cli.main(["pdf", "geneva-3", "briefs/b1.yaml", "geneva-0", "--shard", f"{part}/2"]) == 0

    assert no_rendering == [["geneva-0", "geneva-3"], ["geneva-1"]]


def test_an_empty_shard_renders_nothing_and_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_rendering: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """More shards than briefs: the extra shard must not fall back to "no names given: every brief"."""
    monkeypatch.setenv("BRIEF_ROOT", str(briefs_project(tmp_path, 1)))

    assert cli.main(["pdf", "--shard", "2/2"]) == 0

    assert no_rendering == []
    assert capsys.readouterr().out == "shard 2/2: no briefs to render (1 brief(s) in 2 shards)\n"

"""When each stage of a build began and ended, for ``brief build --timings`` and the benchmark.

Stages that run side by side (the search index and the PDFs in forked processes, beside the offline
copy) overlap, so a stage is a span on one clock, not a duration to be added up: the monotonic clock,
which a forked process shares with its parent.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class StageTimes:
    """Spans ``(stage, start, end)`` in the order they were recorded, from ``started``."""

    started: float = field(default_factory=time.monotonic)
    spans: list[tuple[str, float, float]] = field(default_factory=list)

    def record(self, stage: str, start: float, end: float | None = None) -> None:
        """A stage that ran from ``start`` to ``end`` (now, if not given)."""
        self.spans.append((stage, start, time.monotonic() if end is None else end))

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as the stage ``name`` (recorded only if it ends without an error)."""
        start = time.monotonic()
        yield
        self.record(name, start)

    def table(self) -> str:
        """One line per stage: when it began and ended after the build began, and how long it took."""
        width = max((len(name) for name, _, _ in self.spans), default=0)
        lines = [
            f"{name:<{width}}  {start - self.started:7.1f} s to {end - self.started:7.1f} s  {end - start:7.1f} s"
            for name, start, end in self.spans
        ]
        ended = max((end for _, _, end in self.spans), default=self.started)
        lines.append(f"{'total':<{width}}  {0:7.1f} s to {ended - self.started:7.1f} s  {ended - self.started:7.1f} s")
        return "\n".join(lines)


__all__ = ["StageTimes"]

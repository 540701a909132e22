"""Progress of a long build: one updating line on a terminal, one summary line in logs.

Stages count their work (briefs validated, pages generated, site pages built,
PDFs) through :meth:`Progress.advance`; the display decides how to show it. On
a terminal the line is redrawn in place at most ten times a second; anywhere
else (CI logs, pipes) nothing is printed until :meth:`Progress.finish` prints
the single summary line.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

_REDRAW = "\r\x1b[K"
"""Back to the start of the line and clear it (ANSI, understood by every terminal emulator)."""

LABELS = {
    "briefs": "briefs validated",
    "generated": "pages generated",
    "unchanged": "unchanged",
    "site": "site pages built",
    "pdfs": "PDFs",
}
"""How each counter reads, in display order; other counters follow under their own name."""


class Progress:
    """Counts of work done, shown as the stream allows."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        interactive: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.clock = clock
        self.started = clock()
        self.counts: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.stage = ""
        self._drawn = 0.0

    def begin(self, stage: str, total: int | None = None, counter: str | None = None) -> None:
        """Start a stage (shown on the terminal line), optionally with the total of a counter."""
        self.stage = stage
        if counter is not None and total is not None:
            self.totals[counter] = total
        self._draw(force=True)

    def advance(self, counter: str, amount: int = 1) -> None:
        self.counts[counter] = self.counts.get(counter, 0) + amount
        self._draw()

    def line(self) -> str:
        """The counts as one line: '120/1000 briefs validated · 360 pages generated · 4.2 s'."""
        order = [key for key in LABELS if key in self.counts] + sorted(set(self.counts) - set(LABELS))
        parts = []
        for key in order:
            total = f"/{self.totals[key]}" if key in self.totals else ""
            parts.append(f"{self.counts[key]}{total} {LABELS.get(key, key)}")
        parts.append(f"{self.clock() - self.started:.1f} s")
        return " · ".join(parts)

    def finish(self, outcome: str = "built") -> None:
        """End the display with the summary line, on a terminal and in logs alike."""
        summary = f"{outcome}: {self.line()}"
        if self.interactive:
            self.stream.write(_REDRAW + summary + "\n")
        else:
            self.stream.write(summary + "\n")
        self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        if not self.interactive:
            return
        now = self.clock()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        text = f"{self.stage}: {self.line()}" if self.stage else self.line()
        text = text[: shutil.get_terminal_size().columns - 1]  # a wrapped line cannot be redrawn in place
        self.stream.write(_REDRAW + text)
        self.stream.flush()


class Silent(Progress):
    """Progress that shows nothing (library calls and tests that do not ask for it)."""

    def __init__(self) -> None:
        super().__init__(stream=sys.stderr, interactive=False)

    def finish(self, outcome: str = "built") -> None:
        pass

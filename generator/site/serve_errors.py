"""A live preview that never hangs: after a save that breaks the brief, every page answers at once,
as last built, with the errors shown on it.

MkDocs's development server holds every page request after a failed rebuild until a build succeeds
again ("The server will appear stuck until build errors are resolved"), and prints the error only in
the terminal. Here, while serving:

- the hook's pre-build step records the briefs' errors (:data:`PROBLEMS`) and fails the rebuild at once,
  before anything is written, so the last good pages stay; the first build, which has no good pages
  to fall back on, goes on with whatever pages there are;
- :func:`keep_serving` wraps the server's builder so that a failed rebuild still counts as done:
  requests are answered, and the browsers reload (to show the errors) as after any rebuild;
- the preview's WSGI app (:mod:`generator.site.preview_app`) puts on each HTML page it serves a panel
  (:func:`panel`) listing the errors (file, line, column, message, and the lines around the place).

A save that fixes the brief rebuilds as usual, clears the errors, and the page reloads without them.
The state lives in this module, imported once, because MkDocs loads the hook file afresh for each build.
"""

from __future__ import annotations

import html
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.model.errors import BriefError

PANEL_CLASS = "brief-build-errors"


@dataclass
class Problems:
    """What the last build of the served site found wrong (empty when it was good)."""

    serving: bool = False
    built_once: bool = False
    errors: list[BriefError] = field(default_factory=list)
    failure: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def set(self, errors: Sequence[BriefError] = (), failure: str = "") -> None:
        with self.lock:
            self.errors, self.failure = list(errors), failure

    def snapshot(self) -> tuple[list[BriefError], str]:
        with self.lock:
            return list(self.errors), self.failure


PROBLEMS = Problems()


def panel(errors: Sequence[BriefError], failure: str, *, built_once: bool) -> str:
    """The HTML panel put at the top of each page while the brief has errors."""
    count = len(errors)
    if count:
        title = f"The brief has {count} error{'s' if count != 1 else ''}"
    else:
        title = "The site could not be built"
    state = "This page is as last built without errors" if built_once else "Nothing could be built yet"
    items = []
    for error in errors:
        where = f"{error.file}:{error.line}:{error.column}"
        item = (
            f"<li><code>{html.escape(where)}</code> {html.escape(error.message)} "
            f"<code>[{html.escape(error.code)}]</code>"
        )
        if error.excerpt:
            item += f"<pre>{html.escape(error.excerpt)}</pre>"
        items.append(item + "</li>")
    if failure and not errors:
        items.append(f"<li><pre>{html.escape(failure)}</pre></li>")
    return (
        f'<div class="{PANEL_CLASS}" role="alert" style="border:3px solid #c62828;background:#ffebee;'
        'color:#000;padding:0.6em 1em;margin:0 0 1em">'
        f"<p><strong>{title}.</strong> {state}; fix the file and save it, and this page reloads.</p>"
        f"<ul>{''.join(items)}</ul></div>"
    )


def at_content_top(page: bytes, panel_html: str) -> bytes:
    """``page`` with the panel at the top of its content (or of its body)."""
    text = page.decode("utf-8", errors="replace")
    for marker in ('<article class="md-content__inner md-typeset">', "<body"):
        at = text.find(marker)
        if at != -1:
            at = text.index(">", at) + 1
            return (text[:at] + panel_html + text[at:]).encode("utf-8")
    return (panel_html + text).encode("utf-8")


def keep_serving(builder: Callable[[], None], problems: Problems = PROBLEMS) -> Callable[[], None]:
    """The server's rebuild, made to count as done even when it fails, so requests never wait on a fix."""

    def rebuild() -> None:
        try:
            builder()
        except Exception as exc:  # noqa: BLE001 - any failure is shown in the pages; the server goes on
            errors, _ = problems.snapshot()
            if not errors:
                problems.set(failure=f"{type(exc).__name__}: {exc}")
            print(
                "ERROR    -  The rebuild failed; the pages show why, as last built, until a save fixes it",
                file=sys.stderr,
                flush=True,
            )

    return rebuild


__all__ = ["PANEL_CLASS", "PROBLEMS", "Problems", "at_content_top", "keep_serving", "panel"]

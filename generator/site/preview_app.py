"""What the preview server adds to MkDocs's: the errors panel, the quote picker and the entry form.

``brief serve`` wraps the development server's WSGI app (in the hook's ``on_serve``). Every HTML page
it serves gets the errors of the last build at its top (:mod:`generator.site.serve_errors`), the quote
picker's script, and a link to the entry form; ``/_brief/`` addresses answer the picker's script and
the form (:mod:`generator.authoring.entry_form`). None of this is in the published site.

The form writes the editor's brief, so a save must come from the form itself: each form carries a
token made when the server started, and a POST without it (another site's page posting to this
address, say) is refused.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

import jinja2

from generator.authoring.entry_form import Entry, entries, entry_at, save_entry
from generator.model.errors import BriefError, BriefErrors
from generator.site.serve_errors import PROBLEMS, Problems, at_content_top, panel

TEMPLATES = Path(__file__).parent / "templates"
PREFIX = "/_brief/"
PICKER = f"{PREFIX}quote-picker.js"
FORM = f"{PREFIX}edit"
_MAX_FORM = 1024 * 1024

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )


def with_tools(page: bytes) -> bytes:
    """A served page with a line about the preview's tools at the top of its content, and the picker's script."""
    bar = (
        f'<p class="brief-preview-tools" style="font-size:0.75rem;margin:0 0 0.5em">Preview: '
        f'<a href="{FORM}">edit an entry</a> · in a source\'s text, select words and press C to copy a citation</p>'
    )
    text = at_content_top(page, bar).decode("utf-8", errors="replace")
    script = f'<script src="{PICKER}" defer></script>'
    at = text.rfind("</body>")
    return (text[:at] + script + text[at:] if at != -1 else text + script).encode("utf-8")


class PreviewApp:
    """The preview's WSGI app around MkDocs's: see the module docstring."""

    def __init__(
        self, app: Wsgi, brief_files: Callable[[], dict[str, Path]], project_root: Path, problems: Problems = PROBLEMS
    ) -> None:
        self.app = app
        self.brief_files = brief_files
        self.root = project_root
        self.problems = problems
        self.token = secrets.token_urlsafe(24)
        self.templates = _environment()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == PICKER:
            return self._answer(
                start_response, "200 OK", (TEMPLATES / "quote-picker.js").read_bytes(), "text/javascript; charset=utf-8"
            )
        if path == FORM:
            return self._form(environ, start_response)
        answer: dict[str, Any] = {}

        def hold(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            answer["status"], answer["headers"] = status, headers
            return lambda data: None

        body = b"".join(self.app(environ, hold))  # waits for a rebuild under way: errors are read after it
        headers = answer.get("headers", [])
        if any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            errors, failure = self.problems.snapshot()
            if errors or failure:
                body = at_content_top(body, panel(errors, failure, built_once=self.problems.built_once))
            body = with_tools(body)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(answer.get("status", "200 OK"), headers)
        return [body]

    @staticmethod
    def _answer(
        start_response: Callable[..., Any],
        status: str,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        extra: tuple[tuple[str, str], ...] = (),
    ) -> list[bytes]:
        start_response(
            status,
            [("Content-Type", content_type), ("Content-Length", str(len(body))), ("Cache-Control", "no-store"), *extra],
        )
        return [body]

    def _page(self, start_response: Callable[..., Any], status: str, **values: Any) -> list[bytes]:
        defaults: dict[str, Any] = {
            "brief": None,
            "entry": None,
            "errors": [],
            "saved": False,
            "entries": [],
            "briefs": [],
            "token": self.token,
            "says": "",
            "quotes": [],
            "file": "",
        }
        body = self.templates.get_template("entry-form.html.j2").render({**defaults, **values})
        return self._answer(start_response, status, body.encode("utf-8"))

    def _form(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        files = self.brief_files()
        if environ.get("REQUEST_METHOD") == "POST":
            return self._save(environ, start_response, files)
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        brief = query.get("brief")
        if brief is None or brief not in files:
            return self._page(start_response, "200 OK" if brief is None else "404 Not Found", briefs=sorted(files))
        name = self._name(files[brief])
        text = files[brief].read_bytes().decode("utf-8", errors="replace")
        try:
            found = entries(text, name)
        except BriefErrors as exc:
            return self._page(start_response, "200 OK", brief=brief, errors=exc.errors)
        key = query.get("entry")
        if key is None:
            return self._page(start_response, "200 OK", brief=brief, entries=found)
        entry = next((e for e in found if e.key == key), None)
        if entry is None:
            return self._page(
                start_response,
                "404 Not Found",
                brief=brief,
                entries=found,
                errors=[BriefError(name, 1, 1, "entry-gone", f"there is no claim at {key}")],
            )
        return self._editing(
            start_response,
            "200 OK",
            brief,
            entry,
            entry.says,
            [c.quote for c in entry.cite],
            saved=query.get("saved") == "1",
            file=name,
        )

    def _editing(
        self,
        start_response: Callable[..., Any],
        status: str,
        brief: str,
        entry: Entry,
        says: str,
        quotes: list[str],
        **values: Any,
    ) -> list[bytes]:
        return self._page(start_response, status, brief=brief, entry=entry, says=says, quotes=quotes, **values)

    def _name(self, path: Path) -> str:
        """The brief as errors name it: relative to the project when it is in it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return f"briefs/{path.name}"

    def _save(self, environ: dict[str, Any], start_response: Callable[..., Any], files: dict[str, Path]) -> list[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > _MAX_FORM:
            return self._answer(start_response, "413 Content Too Large", b"the form is too large")
        form = parse_qs(environ["wsgi.input"].read(length).decode("utf-8", errors="replace"), keep_blank_values=True)
        if form.get("token", [""])[0] != self.token:
            return self._answer(start_response, "403 Forbidden", b"this form did not come from the preview; reload it")
        brief, key = form.get("brief", [""])[0], form.get("entry", [""])[0]
        if brief not in files:
            return self._page(start_response, "404 Not Found", briefs=sorted(files))
        says, quotes = form.get("says", [""])[0], form.get("quote", [])
        name = self._name(files[brief])
        errors = save_entry(files[brief], files[brief].parent / "sources", name, key, says, quotes)
        if errors:
            entry = entry_at(files[brief].read_bytes().decode("utf-8", errors="replace"), name, key)
            if entry is None:
                return self._page(start_response, "409 Conflict", brief=brief, errors=errors)
            return self._editing(
                start_response, "422 Unprocessable Content", brief, entry, says, quotes, errors=errors, file=name
            )
        location = f"{FORM}?brief={quote(brief)}&entry={quote(key)}&saved=1"
        return self._answer(
            start_response, "303 See Other", html.escape(location).encode("utf-8"), extra=(("Location", location),)
        )


__all__ = ["FORM", "PICKER", "PreviewApp", "with_tools"]

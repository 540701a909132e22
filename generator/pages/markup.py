"""Turning untrusted text into inert Markdown, and building the few trusted links.

Everything a brief says reaches a page through :func:`inert`: HTML special
characters become entities and every character Markdown could act on is
backslash-escaped, so a brief can never add HTML, script, links, headings,
admonitions, attribute lists or snippets. Line breaks fold into spaces, so no
value can start a block of its own.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

# Only characters that Python-Markdown (with the extensions in mkdocs.yml:
# tables, attr_list, toc, admonition) accepts as backslash escapes.
MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|"
_WHITESPACE = re.compile(r"\s+")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


_INERT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{char: "\\" + char for char in MARKDOWN_SPECIALS}})
"""One pass of :func:`inert`: HTML specials to entities (which hold no Markdown
specials), every Markdown special behind a backslash."""

_INERT_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def inert(value: object) -> Markup:
    """Untrusted text as Markdown that renders exactly as the text, on one line."""
    if isinstance(value, Markup):
        return value
    return Markup(" ".join(str(value).split()).translate(_INERT))  # split() folds every whitespace run


def inert_html(value: object) -> Markup:
    """Untrusted text for an HTML context (raw HTML blocks and attributes)."""
    return Markup(str(value).translate(_INERT_HTML))


_INERT_ATTRIBUTE = str.maketrans({char: f"&#{ord(char)};" for char in "&<>\"'" + MARKDOWN_SPECIALS})


def inert_attribute(value: object) -> Markup:
    """Untrusted text for an attribute of inline HTML inside a Markdown paragraph, on one line.

    Markdown's inline patterns (code spans, links, images, escapes) run before inline HTML is
    recognised, so every character they act on becomes a character reference, which they leave alone.
    """
    return Markup(" ".join(str(value).split()).translate(_INERT_ATTRIBUTE))


def link_title(text: str, limit: int = 220) -> str:
    """Text for a Markdown link title: one line, no double quotes or backslashes."""
    text = _WHITESPACE.sub(" ", text).strip().replace('"', "\u201d").replace("\\", "/")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Python-Markdown's link parser ends a title at a quote mark or an unbalanced parenthesis, whatever
    # the title's own quotes: as entities, they cannot end it (and still show as themselves).
    text = text.replace("'", "&#39;").replace("(", "&#40;").replace(")", "&#41;")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def md_link(label: object, target: str, title: str | None = None) -> Markup:
    """A Markdown link to an in-site target (a page path and anchor we built)."""
    if not re.fullmatch(r"[A-Za-z0-9_./#-]+", target) or target.startswith(("/", "javascript")):
        raise ValueError(f"refusing unsafe in-site link target {target!r}")
    title_part = f' "{link_title(title)}"' if title else ""
    return Markup(f"[{inert(label)}]({target}{title_part})")


def external_link(label: object, url: str) -> Markup:
    """A Markdown link to an http(s) address; anything else renders as plain text."""
    if not _SAFE_URL.match(url):
        return inert(label)
    safe = quote(url, safe=":/?#@!$&'*+,;=%~-._")
    return Markup(f"[{inert(label)}](<{safe}>)")

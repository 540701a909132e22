"""The Jinja environment the pages are rendered in: templates, filters and what makes values inert.

Every value a template prints is made inert by the environment's ``finalize`` unless Python built it
as :class:`~markupsafe.Markup` on purpose; dates and counts are worded by :mod:`generator.pages.wording`.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.model.brief import (
    plain,
)
from generator.pages.claims import paragraphs
from generator.pages.impact_chart import figure_words
from generator.pages.markup import inert, inert_attribute, inert_html
from generator.pages.wording import count_text, counted, day_text, percent, sentence_start, when_text

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    """The Jinja environment: autoescaping through :func:`inert`, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=inert,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when_text
    env.filters["counted"] = counted
    env.filters["day"] = day_text
    env.filters["count"] = count_text
    env.filters["html"] = inert_html
    env.filters["attr"] = inert_attribute
    env.filters["id"] = anchor_id
    env.filters["meta"] = meta_value
    env.filters["plain"] = plain
    env.filters["paragraphs"] = paragraphs
    env.filters["sentence_start"] = sentence_start
    env.filters["percent"] = percent
    env.filters["figure"] = figure_words
    env.globals["screen_or_paper"] = screen_or_paper
    return env


def screen_or_paper(screen: str, paper: str) -> Markup:
    """Words that differ between the site and the PDF ('hover for how' cannot be done on paper): both are
    in the page; the site's stylesheet hides the paper's, and the print stage drops the screen's."""
    return Markup('<span class="web-only">{}</span><span class="print-only" data-pagefind-ignore>{}</span>').format(
        screen, paper
    )


def anchor_id(value: str) -> Markup:
    """An id or anchor we built from validated slugs, printed as is."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise ValueError(f"not a safe anchor id: {value!r}")
    return Markup(value)


def meta_value(value: str) -> Markup:
    """A front-matter value: a double-quoted YAML string, in ASCII, of HTML-escaped text.

    MkDocs themes print front matter unescaped into attributes, so the text is
    escaped here and quoted so it can never add keys of its own. Characters
    beyond the BMP are written as YAML's ``\\UXXXXXXXX`` escape: JSON's
    surrogate pairs are invalid YAML, and MkDocs would then ignore the whole
    front matter and print it into the page as Markdown.
    """
    text = " ".join(str(value).split())
    quoted = json.dumps(html.escape(text, quote=True), ensure_ascii=False)
    return Markup("".join(_yaml_escape(char) for char in quoted))


def _yaml_escape(char: str) -> str:
    """A character as it may stand in a double-quoted YAML scalar written in ASCII."""
    if char.isascii():
        return char
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"

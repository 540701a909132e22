"""How running text names a source: "the news report in The Irrawaddy", never "002".

An editor writes a source's id in braces where a sentence names it ("According to
{src-002-blog-post}, ..."); readers see a name made from the source's own fields (its kind,
then its outlet, its site, or its author), and the name links to the source's card. One home
for the rule, so the site, the PDF, the JSON and the support check name a source alike.

This module knows nothing of the model: it reads a source's ``kind``, ``outlet``, ``url``,
``author`` and ``published`` attributes, so :mod:`generator.model.brief` can name sources while it
validates a brief.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

MENTION = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)\}")
"""A source named in running text: its id in braces, e.g. ``{src-002-blog-post}``."""

NOUNS = {
    "news-report": "news report",
    "wire-report": "wire report",
    "blog-post": "blog post",
    "forum-post": "forum post",
    "preview": "preview",
    "interview": "interview",
    "article": "article",
    "official-statement": "statement",
    "press-release": "press release",
    "analysis": "analysis",
    "transcript": "transcript",
    "document": "document",
}
"""What a reader calls each kind of source."""

_ON = frozenset({"blog-post", "forum-post"})
_FROM = frozenset({"official-statement", "press-release", "transcript", "document"})
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'\u201c\u2018(\[]*$")


def site_of(url: str | None) -> str | None:
    """The site a web address is on, as a reader says it: ``ukrinform.net`` for ``https://www.ukrinform.net/...``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host or None


def base_name(source: Any) -> str:
    """A source's name from its own fields: its kind, then its outlet, its site or its author."""
    noun = NOUNS.get(source.kind, "source")
    if source.outlet:
        return f"the {noun} {'on' if source.kind in _ON else 'from' if source.kind in _FROM else 'in'} {source.outlet}"
    site = site_of(source.url)
    if site:
        return f"the {noun} on {site}"
    if source.author:
        return f"the {noun} by {source.author}"
    return f"the {noun}"


def _day(source: Any) -> str | None:
    published = getattr(source, "published", None)
    if published is None:
        return None
    day = published.date
    return f"{day.day} {day:%b %Y}"


def source_names(sources: Sequence[Any]) -> dict[str, str]:
    """Each source's running name by id, unique within the brief: a name two sources share gets
    their publication days, and if those do not tell them apart, "first", "second"... in the
    order of the brief's list."""
    names = {s.id: base_name(s) for s in sources}
    for shared in [n for n, k in Counter(names.values()).items() if k > 1]:
        same = [s for s in sources if names[s.id] == shared]
        days = [_day(s) for s in same]
        if None not in days and len(set(days)) == len(days):
            for source, day in zip(same, days):
                names[source.id] = f"{shared} of {day}"
            continue
        for index, source in enumerate(same):
            ordinal = _ORDINALS[index] if index < len(_ORDINALS) else f"no. {index + 1}"
            names[source.id] = shared.replace("the ", f"the {ordinal} ", 1)
    return names


@dataclass(frozen=True)
class Mention:
    """Where running text names a source, in the text as readers see it."""

    start: int
    end: int
    source: str


def resolve(text: str, names: dict[str, str]) -> tuple[str, tuple[Mention, ...]]:
    """Text with each ``{source-id}`` written as the source's name (capitalised where a sentence
    starts), and where each name stands. An id that names no source is left as written (the
    check reports it)."""
    out: list[str] = []
    mentions: list[Mention] = []
    length = 0
    last = 0
    for match in MENTION.finditer(text):
        name = names.get(match.group(1))
        if name is None:
            continue
        before = text[last : match.start()]
        out.append(before)
        length += len(before)
        written = "".join(out)
        if _SENTENCE_START.search(written):
            name = name[:1].upper() + name[1:]
        out.append(name)
        mentions.append(Mention(length, length + len(name), match.group(1)))
        length += len(name)
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(mentions)


def mentioned_ids(text: str) -> Iterator[tuple[int, str]]:
    """Every ``{id}`` written in a text, with its offset (for the check of unknown ids)."""
    for match in MENTION.finditer(text):
        yield match.start(), match.group(1)

"""Every citation of a brief as a W3C Web Annotation, so other tools can check our quotes.

``annotations.jsonld`` is one ``AnnotationCollection`` (https://www.w3.org/TR/annotation-model/):
each annotation's body is the sentence of the brief (or, for an entry's own citations, the entry it
dates or names), and its target is the archived source text, published beside it as plain text in
``archive/``, selected by a ``TextQuoteSelector`` (the exact words as the archive has them, with the
words before and after) and a ``TextPositionSelector`` (code-point offsets into that file). Anyone can
fetch the text file and find each quote in it without our software.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from generator.model.archive import SourceText
from generator.model.brief import Brief, Citation, Claim, citation_paths

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILE = "annotations.jsonld"
ARCHIVE = "archive"
"""Folder, beside a brief's pages, of the archived source texts the annotations point into."""
AFFIX = 32
"""Characters of the source kept before and after each quote (prefix and suffix)."""


def archive_path(file: str) -> str:
    """Where an archived source text is published, relative to the brief's folder."""
    return f"{ARCHIVE}/{file}"


def _at(node: object, path: tuple[str | int, ...]) -> object:
    for step in path:
        node = node[step] if isinstance(step, int) else getattr(node, step)  # type: ignore[index]  # a list, by the path
    return node


def _subject(brief: Brief, path: tuple[str | int, ...]) -> str:
    """What a citation supports: its claim's sentence, or the entry whose title, date or place it backs."""
    if len(path) >= 2 and path[-2] == "cite":
        claim = _at(brief, path[:-2])
        if isinstance(claim, Claim):
            return claim.says
    for depth in range(len(path) - 1, -1, -1):
        entry = _at(brief, path[:depth])
        for name in ("title", "name", "question", "label"):
            value = getattr(entry, name, None)
            if isinstance(value, str):
                return value
    return brief.title


def _selectors(text: SourceText, citation: Citation) -> list[dict[str, Any]]:
    spans = text.find(citation.quote)
    if not spans:  # the check refuses such a brief; nothing to point at
        return []
    span = spans[0]
    source = text.text
    return [
        {
            "type": "TextQuoteSelector",
            "exact": source[span.start : span.end],
            "prefix": source[max(0, span.start - AFFIX) : span.start],
            "suffix": source[span.end : span.end + AFFIX],
        },
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]


def annotation_collection(brief: Brief, texts: Mapping[str, SourceText]) -> dict[str, Any]:
    """The brief's citations as one Web Annotation collection, in the brief's order."""
    items: list[dict[str, Any]] = []
    for path, citation in citation_paths(brief):
        text = texts.get(citation.source)
        selectors = _selectors(text, citation) if text is not None else []
        if not selectors:
            continue
        source = brief.source(citation.source)
        target: dict[str, Any] = {
            "type": "Text",
            "format": "text/plain",
            "source": archive_path(source.file),
            "selector": selectors,
        }
        if source.url is not None:
            target["scope"] = str(source.url)  # where the archived text was published first
        items.append(
            {
                "id": f"{FILE}#citation-{len(items) + 1}",
                "type": "Annotation",
                "motivation": "describing",
                "body": {
                    "type": "TextualBody",
                    "value": " ".join(_subject(brief, path).split()),
                    "format": "text/plain",
                    "language": "en",
                    "purpose": "describing",
                },
                "target": target,
            }
        )
    return {
        "@context": CONTEXT,
        "id": FILE,
        "type": "AnnotationCollection",
        "label": f"{brief.title}: each sentence of the brief and the exact words of the source it rests on",
        "total": len(items),
        "first": {"id": f"{FILE}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotations_jsonld(brief: Brief, texts: Mapping[str, SourceText]) -> str:
    """``annotations.jsonld``: the collection as JSON-LD text."""
    # Compact: with an indent, json falls back to its pure-Python encoder, several times slower.
    return json.dumps(annotation_collection(brief, texts), ensure_ascii=False, separators=(",", ":")) + "\n"


__all__ = ["ARCHIVE", "FILE", "annotation_collection", "annotations_jsonld", "archive_path"]

"""Finding what in an HTML document could run script or restyle the page, by parsing it.

Used by the injection tests: a page built from a hostile brief must have no
hazard that the same page built from a clean brief does not also have (the
theme's own scripts are allowed).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser

DANGEROUS_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "style", "base", "form", "meta", "link", "svg", "math", "applet"}
)
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "xlink:href",
        "poster",
        "srcset",
        "background",
        "content",
        "cite",
        "ping",
    }
)
DRAWING_SIZE = frozenset({"viewbox", "width", "height"})
"""An inline SVG's size follows how much the brief holds; it is layout, not a hazard (its content is scanned)."""
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20]+")


def _scheme(value: str) -> str | None:
    match = _SCHEME.match(_INVISIBLE.sub("", value))
    return match.group(1).lower() if match else None


class HazardParser(HTMLParser):
    """Collects hazards (as comparable tuples) and the visible text of a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hazards: Counter[tuple[str, ...]] = Counter()
        self.text: list[str] = []
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self._raw: str | None = None  # inside script/style: content is not visible text
        self._in_title = False
        self._element: tuple[str, ...] = ()
        self._content: list[str] = []
        self._drawings = 0  # depth of <svg> elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = values.get("name") or values.get("property")
            if key:
                self.meta[key] = values.get("content", "")
        if tag == "meta":  # the description's text differs between briefs; its attributes may not
            self.hazards[("meta", *sorted(n if n == "content" else f"{n}={v}" for n, v in values.items()))] += 1
        elif tag in ("script", "style"):
            self._element = (tag, *sorted(f"{n}={v}" for n, v in values.items()))
            self._content = []
        elif tag == "svg":
            self.hazards[(tag, *sorted(f"{n}={v}" for n, v in values.items() if n not in DRAWING_SIZE))] += 1
        elif tag in DANGEROUS_ELEMENTS:
            self.hazards[(tag, *sorted(f"{n}={v}" for n, v in values.items()))] += 1
        for name, value in values.items():
            if name.startswith("on"):
                self.hazards[("event-handler", tag, name, value)] += 1
            elif name == "style":
                self.hazards[("style-attribute", tag, value)] += 1
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                for part in value.split(",") if name == "srcset" else [value]:
                    scheme = _scheme(part)
                    if scheme in ("javascript", "data", "vbscript", "file"):
                        self.hazards[("url", tag, name, value)] += 1
        if tag in ("script", "style"):
            self._raw = tag
        if tag == "svg":
            self._drawings += 1
        if tag == "title" and not self._drawings:  # an SVG <title> is a tooltip, not the page's title
            self._in_title = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style", "svg"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None
            self.hazards[(*self._element, _script_content(self._element, "".join(self._content)))] += 1
        if tag == "svg" and self._drawings:
            self._drawings -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif self._raw is None:
            self.text.append(data)
        else:
            self._content.append(data)


def _script_content(element: tuple[str, ...], content: str) -> str:
    """What a script element holds, as compared between pages.

    A JSON-LD block differs with each brief's text; it is data, not script, as
    long as it is one JSON value with no ``<`` that could close the element or
    open another. Anything else is kept verbatim, so it counts as a new hazard.
    """
    if element == ("script", "type=application/ld+json") and "<" not in content:
        try:
            json.loads(content)
        except ValueError:
            return content
        return "(JSON data)"
    return content


def scan(html: str) -> HazardParser:
    """Parse a document (or fragment) and return what was found in it."""
    parser = HazardParser()
    parser.feed(html)
    parser.close()
    return parser


def visible_text(html: str) -> str:
    """The text a reader sees (script and style contents left out), whitespace folded."""
    return " ".join("".join(scan(html).text).split())

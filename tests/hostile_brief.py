"""A brief seeded with injection payloads in every free-text field, and its hostile source.

The seeded brief starts from the small fixture brief, adds every optional
text field the model has (found by introspecting the model, so fields added
later are seeded too), puts payloads into every free-text value, and adds a
citation of a hostile source whose lines are the payloads themselves (quotes
must occur in their source, and source texts are rendered as raw HTML).
"""

from __future__ import annotations

import copy
import typing
from pathlib import Path
from typing import Any

import yaml
from conftest import MINIMAL
from pydantic import BaseModel

from generator.model import brief as model

FIXTURES = Path(__file__).resolve().parent / "fixtures"

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<iframe src="javascript:alert(3)"></iframe>',
    "[x](javascript:alert(4))",
    "<javascript:alert(5)>",
    "[y]: javascript:alert(6)",
    "{{ 7*7 }}",
    "{% raw %}{{ self }}{% endraw %}",
    '!!! note "admonition"',
    '--8<-- "/etc/passwd"',
    "{: onclick=alert(7) }",
    "*[HTML]: abbreviation",
    "<!-- hidden comment -->",
    "&lt;script&gt;alert(8)&lt;/script&gt;",
    "</title><script>alert(9)</script>",
    '"><svg onload=alert(10)>',
    "<style>body{display:none}</style>",
    '<a href="data:text/html,x" style="color:red">d</a>',
    "<object data=x></object><embed src=x>",
    "![i](javascript:alert(11))",
    "<https://example.org/autolink>",
    "`code` **bold** _em_ # not a heading",
    "| a | b |",
    "two paragraphs:\n\n[z](javascript:alert(12)) <b onmouseover=alert(13)>b</b>\n\n    indented code",
    "a\ttab and trailing backslash \\",
    "W" * 180,
)
"""Text that would become script, HTML, a link or markup if rendered naively."""

ALL_PAYLOADS = "\n".join(PAYLOADS)

SOURCE_FILE = "hostile.txt"
SOURCE_ID = "hostile-source"


ALL_IN_ONE = " ".join(" ".join(payload.split()) for payload in PAYLOADS)
"""Every payload in one passage: the quote each seeded sentence cites, so that the names, numbers and
quoted words of its payload text occur in its own quotes (as `brief check` requires of every sentence)."""


def source_text() -> str:
    """The hostile source: one payload per paragraph (line), then all of them in one paragraph."""
    lines = [f"Hostile line: {' '.join(payload.split())}\n" for payload in PAYLOADS]
    return "".join(lines) + f"All hostile lines: {ALL_IN_ONE}\n"


def _validators(annotation: Any) -> list[Any]:
    found: list[Any] = list(getattr(annotation, "__metadata__", ()))
    for arg in typing.get_args(annotation):
        found.extend(_validators(arg))
    return found


def _is_free_text(field: Any) -> bool:
    """Whether a model field holds free text (prose or a name), not an id, literal, date, file or URL."""
    metas = [*field.metadata, *_validators(field.annotation)]
    if any(getattr(meta, "pattern", None) for meta in metas):
        return False  # ids, file names and URLs have a shape of their own
    return any(getattr(meta, "func", None) is model._no_control_characters for meta in metas)


def _is_list(field: Any) -> bool:
    annotation = field.annotation
    origin = typing.get_origin(annotation)
    return origin is list or any(typing.get_origin(a) is list for a in typing.get_args(annotation))


def _model_of(field: Any) -> type[BaseModel] | None:
    def search(annotation: Any) -> type[BaseModel] | None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        for arg in typing.get_args(annotation):
            found = search(arg)
            if found is not None:
                return found
        return None

    return search(field.annotation)


def _payload_for(field: Any, counter: list[int]) -> str:
    """All payloads for long text; a rotating window that fits for short text."""
    limit = 300
    for meta in [*field.metadata, *_validators(field.annotation)]:
        if getattr(meta, "max_length", None):
            limit = meta.max_length
    if limit >= len(ALL_PAYLOADS):
        return ALL_PAYLOADS
    counter[0] += 1
    parts: list[str] = []
    for offset in range(len(PAYLOADS)):
        payload = PAYLOADS[(counter[0] * 3 + offset) % len(PAYLOADS)]
        if len(" ".join([*parts, payload])) <= limit:
            parts.append(payload)
    return " ".join(parts)


def _seed(node: Any, cls: type[BaseModel], counter: list[int]) -> Any:
    if isinstance(node, list):
        return [_seed(item, cls, counter) for item in node]
    if not isinstance(node, dict):
        return node
    result = dict(node)
    for name, field in cls.model_fields.items():
        if name == "quote":
            continue  # quotes must occur in the source; the hostile citation covers them
        if name not in result and _is_list(field) and _model_of(field) is model.Citation:
            result[name] = [{"source": SOURCE_ID, "quote": ALL_IN_ONE}]  # optional citations are seeded too
        if _is_free_text(field):
            value = _payload_for(field, counter)
            result[name] = [value] if _is_list(field) else value
        elif name in result and (inner := _model_of(field)) is not None:
            result[name] = _seed(result[name], inner, counter)
    return result


def seeded_data(base: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fixture brief with payloads in every free-text field and a hostile source cited."""
    data = copy.deepcopy(base) if base is not None else yaml.safe_load(MINIMAL)
    data["sources"].append(
        {
            "id": SOURCE_ID,
            "file": SOURCE_FILE,
            "label": "Hostile",
            "kind": "article",
            "published": {"date": "2025-03-01", "basis": "stated"},
        }
    )
    hostile_citations = [{"source": SOURCE_ID, "quote": f"Hostile line: {payload}"} for payload in PAYLOADS]
    data["citations"] = [*data.get("citations", []), *hostile_citations]
    data["participants"][0]["citations"] = [*data["participants"][0].get("citations", []), *hostile_citations[:4]]
    data.setdefault(
        "corrections",
        [
            {
                "date": "2025-03-05",
                "entry": "geneva-meeting",
                "was": "A wrong sentence.",
                "now": {
                    "says": "Jane Doe said progress was real but slow.",
                    "cite": [
                        {"source": "report", "quote": "The foreign minister, Jane Doe, said"},
                        {"source": "report", "quote": "progress was real but slow"},
                    ],
                },
            }
        ],
    )
    data.setdefault(
        "key_points",
        [
            {
                "says": "Two delegations held talks in Geneva.",
                "cite": [
                    {
                        "source": "report",
                        "quote": "Talks were held in Geneva on Monday, March 3, 2025, between the two delegations",
                    }
                ],
            }
        ],
    )
    data["sources"][-1].setdefault("left_out", [{"quote": "Hostile line:", "reason": "off-topic", "note": "Left out."}])
    for claim in _claims(data):  # every sentence also cites the passage holding all payloads
        claim["cite"] = [*claim.get("cite", []), {"source": SOURCE_ID, "quote": ALL_IN_ONE}]
    for event in data["impact_events"]:
        event.setdefault("when", {"date": "2025-03-04", "basis": "stated"})
        for report in event["reports"]:  # every measure, so each one's words (as stated, unit) carry a payload
            for measure in model.MEASURES:
                report.setdefault(measure, {"value": 1, "qualifier": "exact", "as_stated": "1", "unit": "x"})
    data.setdefault("places", [{"name": "Geneva", "variants": ["Genf"]}])
    return _seed(data, model.Brief, [0])


def _claims(node: Any) -> list[dict[str, Any]]:
    """Every claim (a mapping with 'says') in brief data."""
    if isinstance(node, list):
        return [claim for item in node for claim in _claims(item)]
    if not isinstance(node, dict):
        return []
    found = [node] if "says" in node else []
    return found + [claim for value in node.values() for claim in _claims(value)]


def seeded_yaml() -> str:
    """The seeded brief as YAML text (PyYAML quotes every hazard it needs to)."""
    return yaml.safe_dump(seeded_data(), allow_unicode=True, sort_keys=False, width=10_000)


def text_fields(cls: type[BaseModel] = model.Brief, prefix: str = "") -> set[str]:
    """Every free-text field of the model, as dotted paths (for checking coverage)."""
    found: set[str] = set()
    for name, field in cls.model_fields.items():
        if _is_free_text(field):
            found.add(prefix + name)
        elif (inner := _model_of(field)) is not None:
            found |= text_fields(inner, f"{prefix}{name}.")
    return found


def seeded_fields(node: Any, prefix: str = "") -> set[str]:
    """The dotted paths of every text value in seeded data that carries a payload."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found |= seeded_fields(value, f"{prefix}{key}.")
    elif isinstance(node, list):
        for item in node:
            found |= seeded_fields(item, prefix)
    elif isinstance(node, str) and any(payload in node for payload in PAYLOADS):
        found.add(prefix.rstrip("."))
    return found

"""Machine-readable copies of a brief: the validated model as JSON, and schema.org JSON-LD.

``brief.json`` is exactly the validated model (``model_dump(mode="json")``),
so others can reuse a brief without parsing YAML. The JSON-LD describes the
event as a schema.org ``Event`` (with its dated agenda as ``subEvent``) for
the page head. It is printed inside a ``<script>`` element by the theme
override, so it is made safe for that place here: ``<``, ``>`` and ``&`` are
written as ``\\u003c``, ``\\u003e`` and ``\\u0026`` (still the same JSON), and
everything outside ASCII is escaped too, so no text from a brief can close the
element or start markup.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model.brief import Brief, When, plain


def brief_json(brief: Brief) -> str:
    """The validated brief as pretty JSON text, as the brief writes it: a source named in running text
    stays ``{source-id}``, the id of its entry in ``sources`` (the pages show its name, linked to its
    card), so the JSON reads back into the same brief."""
    data = brief.model_dump(mode="json")
    for path, text in brief.written.items():
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = text
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _dates(when: When) -> dict[str, str]:
    dates = {"startDate": when.date.isoformat()}
    dates["endDate"] = (when.end or when.date).isoformat()
    return dates


def event_data(brief: Brief) -> dict[str, Any]:
    """The brief as a schema.org Event, with its dated agenda items as sub-events."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": brief.title,
        "description": plain(brief.key_points or brief.summary),
        **_dates(brief.when),
        "location": {"@type": "Place", "name": brief.place},
    }
    if brief.tags:
        data["keywords"] = ", ".join(brief.tags)
    sub_events = []
    for item in brief.agenda:
        if item.when is None:
            continue
        sub: dict[str, Any] = {
            "@type": "Event",
            "name": item.title,
            "description": plain(item.summary),
            **_dates(item.when),
        }
        if item.place:
            sub["location"] = {"@type": "Place", "name": item.place}
        if item.status in ("scheduled", "announced"):
            sub["eventStatus"] = "https://schema.org/EventScheduled"
        sub_events.append(sub)
    if sub_events:
        data["subEvent"] = sub_events
    return data


def script_safe_json(data: Any) -> str:
    """JSON text that can sit inside an HTML ``<script>`` element unchanged."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def event_jsonld(brief: Brief) -> str:
    """The Event JSON-LD of a brief, safe to print inside a script element."""
    return script_safe_json(event_data(brief))

"""brief.json is the validated model; the JSON-LD is a schema.org Event safe inside a script element."""

from __future__ import annotations

import json

import jsonschema
from reader_data import brief, brief_data

from generator.model.brief import Brief
from generator.pages.structured_data import brief_json, event_data, event_jsonld, script_safe_json


def test_json_round_trips_through_the_model_and_its_schema() -> None:
    paris = brief()
    data = json.loads(brief_json(paris))
    jsonschema.validate(data, Brief.model_json_schema())
    assert Brief.model_validate_json(brief_json(paris)) == paris
    assert Brief.model_validate(data) == paris


def test_json_ld_is_an_event_with_dated_sub_events() -> None:
    paris = brief()
    data = json.loads(event_jsonld(paris))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["startDate"] == "2025-04-16" and data["endDate"] == "2025-04-18"
    assert data["location"] == {"@type": "Place", "name": paris.place}
    assert {s["name"] for s in data["subEvent"]} == {a.title for a in paris.agenda if a.when}
    assert all(s["@type"] == "Event" for s in data["subEvent"])


def test_json_ld_cannot_close_its_script_element() -> None:
    data = brief_data()
    data["title"] = "</script><script>alert(1)</script> & <!--"
    hostile = Brief.model_validate(data)
    text = event_jsonld(hostile)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == data["title"]  # still the same JSON
    assert event_data(hostile)["name"] == data["title"]
    assert script_safe_json({"a": "\u2028"}) == '{"a":"\\u2028"}'

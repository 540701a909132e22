"""The JSON Schema of a brief, generated from the pydantic model, for editors and check-jsonschema.

Never edited by hand: ``brief schema`` writes it to ``schema/brief.schema.json``
and a test fails when the committed file differs from what the model gives.
pydantic cannot see inside our plain-function validators, so the generator
below teaches it the three that an editor can check on its own: ids are not
reserved names, prose holds no control characters, and a day is text written
``YYYY-MM-DD`` (our loader never turns it into a date object, and neither does
check-jsonschema). Rules that span several keys (an inferred date needs a
note, a quote must occur in its source) stay with ``brief check``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.model import brief as model
from generator.model.characters import JSON_SCHEMA_PATTERN

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_PATH = "schema/brief.schema.json"
"""Where the schema lives, relative to the project root; briefs point at it as ``../schema/...``."""

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/brief.schema.json"
"""The first line of every brief in briefs/, so VS Code and other editors find the schema."""

DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

NO_CONTROL_CHARACTERS = JSON_SCHEMA_PATTERN
"""The characters model._no_control_characters refuses (one definition: generator.model.characters)."""


class _BriefSchemaGenerator(GenerateJsonSchema):
    """pydantic's generator, plus what our validator functions mean."""

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": DAY_PATTERN}

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        function = schema["function"].get("function")
        if function is model._not_reserved:
            return {**inner, "not": {"enum": sorted(model.RESERVED_IDS)}}
        if function is model._no_control_characters:
            if "pattern" in inner:  # pragma: no cover - no prose type has its own pattern today
                return {"allOf": [inner, {"pattern": NO_CONTROL_CHARACTERS}]}
            return {**inner, "pattern": NO_CONTROL_CHARACTERS}
        return inner


def brief_schema() -> dict[str, Any]:
    """The JSON Schema of one brief file."""
    generated = model.Brief.model_json_schema(schema_generator=_BriefSchemaGenerator, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$comment": "Generated from generator/model/brief.py by `brief schema`; do not edit by hand.",
        **generated,
        "title": "Event brief",
    }


def schema_text() -> str:
    """The schema file's exact contents (stable, so a stale copy shows up as a difference)."""
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"

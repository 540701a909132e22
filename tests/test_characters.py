"""One definition of forbidden characters: the loader, the model and the JSON Schema agree on every one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.model import brief as model
from generator.model.characters import FORBIDDEN_RANGES
from generator.model.errors import BriefError, BriefErrors
from generator.model.load import load_bytes
from generator.model.schema import brief_schema

CODE_POINTS = [
    *range(0xA0),
    0xA0,
    0xE9,
    0x200B,
    *range(0x2028, 0x2030),
    *range(0x2066, 0x206A),
    0xFEFF,
    0xFFFD,
    0xFFFE,
    0xFFFF,
    0x1F600,
]
TEXT = TypeAdapter(model.Text)


def model_refuses(char: str) -> bool:
    try:
        TEXT.validate_python(f"a{char}b")
    except ValidationError:
        return True
    return False


def schema_refuses(char: str) -> bool:
    pattern = brief_schema()["properties"]["title"]["pattern"]
    return re.fullmatch(pattern[1:-1], f"a{char}b") is None


def loader_refuses(char: str) -> bool:
    try:
        load_bytes(f'title: "a{char}b"\n'.encode("utf-8", "surrogatepass"), "x.yaml")
    except BriefErrors as exc:
        return any(e.code == "control-character" for e in exc.errors)
    return False


@pytest.mark.parametrize("code", CODE_POINTS, ids=lambda c: f"U+{c:04X}")
def test_model_schema_and_loader_agree(code: int) -> None:
    char = chr(code)
    refused = model_refuses(char)
    assert schema_refuses(char) == refused
    if char not in '\n\r"\\':  # line ends and YAML quoting are the file's syntax, not a value's characters
        assert loader_refuses(char) == refused


def test_the_committed_schema_carries_the_same_rule() -> None:
    committed = json.loads((Path(__file__).resolve().parent.parent / "schema" / "brief.schema.json").read_text("utf-8"))
    assert committed["properties"]["title"]["pattern"] == brief_schema()["properties"]["title"]["pattern"]
    assert "\\u202a-\\u202e\\u2066-\\u2069\\ufffe-\\uffff" in committed["properties"]["title"]["pattern"]


def test_an_error_prints_every_forbidden_character_escaped_on_one_line() -> None:
    for lo, hi in FORBIDDEN_RANGES:
        for code in {lo, hi}:
            shown = str(BriefError("brief.yaml", 1, 1, "x", f"before{chr(code)}after\tand\nmore"))
            assert shown.isprintable() and "\n" not in shown, (hex(code), shown)

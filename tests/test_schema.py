"""The JSON Schema: generated from the model, committed fresh, and as strict as the loader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, MINIMAL, MINIMAL_FILE, REPO, make_project

from generator.model.errors import BriefErrors
from generator.model.load import load_bytes
from generator.model.schema import SCHEMA_COMMENT, SCHEMA_PATH, brief_schema, schema_text
from generator.model.validate import validate_schema

SCHEMA = REPO / SCHEMA_PATH
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_schema_matches_the_model() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        f"{SCHEMA_PATH} is stale: run 'brief schema' and commit the result"
    )


def test_brief_schema_check_notices_a_stale_schema(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"minimal.yaml": MINIMAL})
    env = {**os.environ, "BRIEF_ROOT": str(project.root)}
    command = [sys.executable, "-m", "generator.cli", "schema"]

    missing = subprocess.run([*command, "--check"], env=env, capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and "brief schema" in missing.stderr

    written = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert written.returncode == 0
    assert (project.root / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text()
    fresh = subprocess.run([*command, "--check"], env=env, capture_output=True, text=True, check=False)
    assert fresh.returncode == 0

    (project.root / SCHEMA_PATH).write_text(schema_text().replace('"minLength": 1', '"minLength": 0', 1))
    stale = subprocess.run([*command, "--check"], env=env, capture_output=True, text=True, check=False)
    assert stale.returncode == 1 and "out of date" in stale.stderr


def test_schema_is_a_valid_json_schema() -> None:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--check-metaschema", str(SCHEMA)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found.extend(_objects(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_objects(item))
    return found


def test_every_object_forbids_unknown_keys() -> None:
    objects = _objects(brief_schema())
    assert len(objects) >= 10
    assert all(obj.get("additionalProperties") is False for obj in objects)


def test_ids_and_days_carry_the_loader_rules() -> None:
    schema = brief_schema()
    brief_id = schema["properties"]["id"]
    assert brief_id["pattern"] == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert "sources" in brief_id["not"]["enum"]
    day = schema["$defs"]["When"]["properties"]["date"]
    assert day == {
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": day["description"],
        "title": "Date",
    }


def test_every_brief_points_editors_at_the_schema() -> None:
    briefs = sorted((REPO / "briefs").glob("*.y*ml"))
    assert briefs
    for brief in briefs:
        first = brief.read_text(encoding="utf-8").splitlines()[0]
        assert first == SCHEMA_COMMENT, brief
        relative = first.split("$schema=", 1)[1]
        assert (brief.parent / relative).resolve() == SCHEMA.resolve()
    fixture_first = MINIMAL.splitlines()[0]
    assert (FIXTURES / fixture_first.split("$schema=", 1)[1]).resolve() == SCHEMA.resolve()


def test_check_jsonschema_accepts_the_real_briefs() -> None:
    result = check_jsonschema(*sorted((REPO / "briefs").glob("*.y*ml")), MINIMAL_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_refuses_a_typo_d_key(tmp_path: Path) -> None:
    text = (REPO / "briefs" / "paris-talks-2025.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "typo.yaml"
    broken.write_text(text.replace("\n    role:", "\n    rol:", 1), encoding="utf-8")

    result = check_jsonschema(broken)

    assert result.returncode == 1
    assert "'rol' was unexpected" in result.stdout


# Each variant of the small fixture brief, and whether the model accepts it. The schema must agree.
VARIANTS: dict[str, tuple[str, str, bool]] = {
    "unchanged": ("", "", True),
    "quoted date": ("when: {date: 2025-03-03,", 'when: {date: "2025-03-03",', True),
    "single-digit month": ("when: {date: 2025-03-03,", "when: {date: 2025-3-03,", False),
    "impossible day": ("when: {date: 2025-03-03,", "when: {date: 2025-02-30,", False),
    "date with time": ("when: {date: 2025-03-03,", "when: {date: 2025-03-03T10:00:00,", False),
    "unknown nested key": ("    role:\n", "    rol:\n", False),
    "unknown top-level key": ("tags: [diplomacy]", "tag: [diplomacy]", False),
    "upper-case id": ("id: geneva-talks", "id: Geneva-Talks", False),
    "reserved id": ("id: geneva-talks", "id: sources", False),
    "empty title": ("title: Geneva talks", 'title: ""', False),
    "title as list": ("title: Geneva talks", "title: [Geneva talks]", False),
    "null title": ("title: Geneva talks", "title:", False),
    "bad kind": ("kind: talks", "kind: parley", False),
    "yes is text in YAML 1.2": (
        "when: {date: 2025-03-03, basis: stated}",
        "when: {date: 2025-03-03, basis: stated, approximate: yes}",
        False,
    ),
    "negative count": ("value: 4,", "value: -4,", False),
    "count as text": ("value: 4,", 'value: "4",', False),
    "no citations": (
        'citations: [{source: report, quote: "killed at least 4 people and injured 12"}]',
        "citations: []",
        False,
    ),
    "prose as text": (
        MINIMAL[MINIMAL.index("summary:\n") : MINIMAL.index("place: Geneva\n")],
        "summary: Two delegations held talks in Geneva on 3 March 2025.\n",
        False,
    ),
    "control character": ("title: Geneva talks", 'title: "Geneva\\u0007 talks"', False),
    "javascript url": ("    kind: news-report\n", '    kind: news-report\n    url: "javascript:alert(1)"\n', False),
    "https url": ("    kind: news-report\n", '    kind: news-report\n    url: "https://example.org/a"\n', True),
}


def _variant_text(name: str) -> str:
    old, new, _ = VARIANTS[name]
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)


@pytest.fixture(scope="module")
def schema_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    """check-jsonschema's verdict on every variant, from one run over all of them."""
    folder = tmp_path_factory.mktemp("variants")
    files = {name: folder / f"variant-{index}.yaml" for index, name in enumerate(VARIANTS)}
    for name, file in files.items():
        file.write_text(_variant_text(name), encoding="utf-8")
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "-o", "json", "--schemafile", str(SCHEMA), *map(str, files.values())],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert not report["parse_errors"], report["parse_errors"]
    failed = {error["filename"] for error in report["errors"]}
    return {name: str(file) not in failed for name, file in files.items()}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_schema_agrees_with_the_model(name: str, schema_verdicts: dict[str, bool]) -> None:
    valid = VARIANTS[name][2]
    try:
        validate_schema(load_bytes(_variant_text(name).encode("utf-8"), "variant.yaml"))
        model_accepts = True
    except BriefErrors:
        model_accepts = False
    assert model_accepts is valid, "the variant does not test what it says"
    assert schema_verdicts[name] is valid


def test_schema_is_stable_json() -> None:
    assert json.loads(schema_text()) == brief_schema()
    assert schema_text() == schema_text()

"""YAML's own errors in a newcomer's words: one code, place and fix per case, with the lines around it
(generator/model/yaml_errors.py, through the loader and the command line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, make_project, run_brief

from generator.model.errors import BriefErrors
from generator.model.load import load_bytes

CASES = [
    # (name, YAML, code, line, column, words the message must hold)
    (
        "one space too few",
        "sources:\n  - id: a\n    file: x.txt\n   label: foo\n    kind: article\n",
        "yaml-indentation",
        4,
        4,
        ["indented 3 space(s)", "start it at column 5, after 4 space(s)", "line 3"],
    ),
    (
        "one space too many",
        "sources:\n  - id: a\n    file: x.txt\n     label: foo\n",
        "yaml-indentation",
        4,
        6,
        ["indented 5 space(s)", "start it at column 5"],
    ),
    (
        "an item out of line",
        "sources:\n  - id: a\n    file: x.txt\n - id: b\n",
        "yaml-indentation",
        4,
        2,
        ["start it at column 3, after 2 space(s)", "'- id: a'"],
    ),
    ("a tab", "id: a\nsummary:\n\t- says: x\n", "tab-indent", 3, 1, ["replace the tab with spaces"]),
    (
        "an unclosed double quote",
        'id: a\nsummary:\n  - says: "Talks were held\n    cite: []\nplace: x\n',
        "yaml-unclosed-quote",
        3,
        11,
        ["never closed", 'end the value with a "'],
    ),
    ("an unclosed single quote", "id: a\ntitle: 'Talks\nplace: x\n", "yaml-unclosed-quote", 2, 8, ["never closed"]),
    (
        "a list under a value, indented",
        "id: a\ntags: diplomacy\n  - talks\nplace: x\n",
        "yaml-list-under-value",
        3,
        3,
        ["already has the value 'diplomacy'", "remove the value after 'tags:'"],
    ),
    (
        "a list under a value",
        "id: a\ntags: diplomacy\n- talks\nplace: x\n",
        "yaml-list-under-value",
        3,
        1,
        ["a key holds either a value or a list"],
    ),
    (
        "a value starting with a brace",
        "id: a\nsummary:\n  - says: {src-001} said the talks went well.\n",
        "yaml-flow-start",
        3,
        11,
        ["starts with '{'", "reads it as a mapping", 'says: "{src-001} said'],
    ),
    ("a value starting with a bracket", "id: a\ntitle: [Draft] Talks\n", "yaml-flow-start", 2, 8, ["as a list"]),
    (
        "an unclosed bracket",
        "id: a\nplace: [Geneva\nwhen: {date: 2025-03-03, basis: stated}\n",
        "yaml-unclosed-bracket",
        2,
        8,
        ["not closed on its line", "close it with ']'"],
    ),
    (
        "text after the closing quote",
        'id: a\ntitle: "Talks" in Paris\n',
        "yaml-text-after-quote",
        2,
        8,
        ["text goes on after the closing"],
    ),
]


@pytest.mark.parametrize(("name", "text", "code", "line", "column", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_case_has_its_code_place_and_fix(
    name: str, text: str, code: str, line: int, column: int, words: list[str]
) -> None:
    with pytest.raises(BriefErrors) as caught:
        load_bytes(text.encode("utf-8"), "brief.yaml")
    [error] = caught.value.errors
    assert (error.code, error.line, error.column) == (code, line, column), error
    for word in words:
        assert word in error.message, error.message
    assert "<block" not in error.message and "expected" not in error.message  # never the parser's own words
    marked = [row for row in error.excerpt.split("\n") if row.startswith(">")]
    assert marked == [f"> {line} | {text.split(chr(10))[line - 1].replace(chr(9), chr(0x2192))}"]
    assert error.excerpt.split("\n")[error.excerpt.split("\n").index(marked[0]) + 1].endswith(" " * (column - 1) + "^")


def test_text_with_a_colon_keeps_its_own_advice() -> None:
    with pytest.raises(BriefErrors) as caught:
        load_bytes(b"id: a\ntitle: Talks: round two\n", "brief.yaml")
    assert "put text that contains ': ' in quotes" in caught.value.errors[0].message


def test_the_command_line_shows_the_lines_around_the_error(tmp_path: Path) -> None:
    broken = MINIMAL.replace("    label: Wire report\n", "   label: Wire report\n")
    project = make_project(tmp_path / "p", {"minimal.yaml": broken})
    result = run_brief(project.root, "check")
    assert result.returncode == 1
    line = broken.split("\n").index("   label: Wire report") + 1
    assert f"briefs/minimal.yaml:{line}:4: wrong indentation" in result.stderr
    assert f"> {line} |    label: Wire report" in result.stderr and "Traceback" not in result.stderr
    github = run_brief(project.root, "check", "--format", "github")
    assert "::error" in github.stdout and "|" not in github.stdout.split("::")[-1].split("\n")[0]

"""YAML's own errors, told as a newcomer needs them: what is wrong on the line, and the fix.

PyYAML reports where parsing stopped in its own words ("expected <block end>, but found
'<block mapping start>'"). An editor in the GitHub web editor needs to hear that the line is
indented one space too few, and by how many spaces to indent it; that a quote is never closed;
that a list was put under a key that already has a value; that text starting with ``{`` is read
as a mapping. Each case is recognised from the error and the lines around it, gets its own code,
and the error carries an excerpt of those lines with a caret under the place, which the command
line prints below the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>-\s+)?(?P<key>[^\s#:\"'][^:#]*?|\"[^\"]*\"|'[^']*'):(?:\s+(?P<value>.*))?$"
)
_CONTEXT_LINES = 2


@dataclass(frozen=True)
class Diagnosis:
    """Where a YAML error is, and how to say it: 1-based line and column, a code and a message."""

    line: int
    column: int
    code: str
    message: str


def excerpt(text: str, line: int, column: int) -> str:
    """The lines around ``line`` (1-based), numbered, with a caret under ``column``."""
    lines = text.split("\n")
    first, last = max(1, line - _CONTEXT_LINES), min(len(lines), line + 1)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        content = lines[number - 1].rstrip("\r").replace("\t", "\u2192")  # a tab shown as an arrow
        out.append(f"{'>' if number == line else ' '} {number:>{width}} | {content}")
        if number == line:
            out.append(f"  {' ' * width} | {' ' * (column - 1)}^")
    return "\n".join(out)


def _content_lines(lines: list[str], before: int) -> list[tuple[int, str]]:
    """The lines above line index ``before`` that hold YAML (not blank, not only a comment), nearest first."""
    return [
        (i, lines[i]) for i in range(before - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")
    ]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _columns(line: str) -> list[int]:
    """The columns (0-based) a following line may start at to continue what ``line`` opens."""
    match = _KEY_LINE.match(line)
    indent = _indent(line)
    if match and match.group("dash"):
        return [indent, indent + len(match.group("dash"))]
    if line.lstrip().startswith("- "):
        return [indent, indent + 2]
    return [indent]


def _open_columns(lines: list[str], index: int) -> list[tuple[int, int]]:
    """Columns the line at ``index`` could start at, each with the line (index) that shows it:
    the line before's, then those of each enclosing entry above it."""
    found: list[tuple[int, int]] = []
    lowest = None
    for i, line in _content_lines(lines, index):
        indent = _indent(line)
        if lowest is not None and indent >= lowest:
            continue
        for column in _columns(line):
            if all(column != c for c, _ in found):
                found.append((column, i))
        lowest = indent
        if indent == 0:
            break
    return found


def _indentation(lines: list[str], index: int) -> Diagnosis | None:
    line = lines[index]
    have = _indent(line)
    options = _open_columns(lines, index)
    if not options or any(column == have for column, _ in options):
        return None
    above = _content_lines(lines, index)
    if above and have > _indent(above[0][1]) and _opens_block(above[0][1]):
        return None  # the first line of what the key above holds: any deeper indentation starts it
    want, shown_by = min(options, key=lambda option: (abs(option[0] - have), options.index(option)))
    example = lines[shown_by].strip()
    example = example if len(example) <= 40 else example[:39] + "\u2026"
    return Diagnosis(
        index + 1,
        have + 1,
        "yaml-indentation",
        f"wrong indentation: this line is indented {have} space(s), the lines it goes with {want} "
        f"(line {shown_by + 1}: '{example}'); start it at column {want + 1}, after {want} space(s). "
        "In YAML the indentation alone says what belongs to what",
    )


def _opens_block(line: str) -> bool:
    """``key:`` with nothing after it (but a comment): the lines below, indented deeper, are its value."""
    match = _KEY_LINE.match(line.rstrip("\r"))
    return match is not None and not (match.group("value") or "").split("#")[0].strip()


def _value_problem(lines: list[str], index: int, column: int) -> Diagnosis | None:
    """Text after a value that YAML read as something else: a value starting with { or [, or
    text going on after a closing quote."""
    match = _KEY_LINE.match(lines[index].rstrip("\r"))
    value = match.group("value") if match else None
    if not match or not value:
        return None
    start = len(lines[index]) - len(lines[index].lstrip(" ")) + (len(match.group("dash") or ""))
    value_column = lines[index].index(value, start) + 1
    key = match.group("key")
    if value[0] in "{[":
        kind = "a mapping" if value[0] == "{" else "a list"
        return Diagnosis(
            index + 1,
            value_column,
            "yaml-flow-start",
            f"the value of '{key}' starts with '{value[0]}', so YAML reads it as {kind}; put the whole "
            f'value in double quotes: {key}: "{value[:30]}\u2026"',
        )
    if value[0] in "\"'" and column > value_column:
        mark = value[0]
        return Diagnosis(
            index + 1,
            value_column,
            "yaml-text-after-quote",
            f"the value of '{key}' is in quotes, and text goes on after the closing {mark}; put the whole "
            'value in double quotes, and write a double quote inside it as \\" (or use single quotes '
            "around the whole value)",
        )
    return None


def _list_under_value(lines: list[str], index: int) -> Diagnosis | None:
    """A ``- item`` line right below ``key: value``, at or right of the key."""
    line = lines[index]
    if not line.lstrip().startswith("-"):
        return None
    above = _content_lines(lines, index)
    if not above:
        return None
    match = _KEY_LINE.match(above[0][1].rstrip("\r"))
    if not match or not match.group("value") or _indent(line) < _columns(above[0][1])[-1]:
        return None
    key = match.group("key")
    return Diagnosis(
        index + 1,
        _indent(line) + 1,
        "yaml-list-under-value",
        f"a list item under '{key}', which already has the value '{match.group('value').strip()[:30]}' on "
        f"line {above[0][0] + 1}; a key holds either a value or a list: remove the value after "
        f"'{key}:' to make it a list, or remove the '-' line(s)",
    )


def diagnose(text: str, exc: Any) -> Diagnosis:
    """A parse error of ``text`` (a ``yaml.MarkedYAMLError``) in a newcomer's words."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    lines = text.split("\n")
    line, column = (mark.line, mark.column) if mark else (0, 0)
    if "while scanning a quoted scalar" in context and exc.context_mark is not None:
        opened = exc.context_mark
        mark_char = lines[opened.line][opened.column : opened.column + 1] or '"'
        return Diagnosis(
            opened.line + 1,
            opened.column + 1,
            "yaml-unclosed-quote",
            f"the {mark_char} that opens this value is never closed; end the value with a {mark_char} "
            f'on its line (inside double quotes, write a quote mark that is part of the text as \\")',
        )
    if "while parsing a flow" in context and exc.context_mark is not None and exc.context_mark.line != line:
        opened = exc.context_mark
        bracket = lines[opened.line][opened.column : opened.column + 1] or "["
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        return Diagnosis(
            opened.line + 1,
            opened.column + 1,
            "yaml-unclosed-bracket",
            f"the '{bracket}' that opens this value is not closed on its line; close it with "
            f"'{closing}', or, if the value is text, put all of it in double quotes",
        )
    if 0 <= line < len(lines):
        for found in (
            _value_problem(lines, line, column + 1),
            _list_under_value(lines, line),
            _indentation(lines, line),
        ):
            if found is not None:
                return found
    hint = _HINTS.get(next((k for k in _HINTS if k in problem), ""), "")
    return Diagnosis(line + 1, column + 1, "yaml-syntax", f"YAML syntax error: {problem}{hint}")


def list_under_value(text: str, start_line: int, end_line: int) -> Diagnosis | None:
    """A plain value that runs on to a ``- item`` line below it: YAML reads the list as more of the text
    ("tags: diplomacy" then "  - talks" is the one text "diplomacy - talks"), so this is said here."""
    lines = text.split("\n")
    for index in range(start_line + 1, min(end_line, len(lines) - 1) + 1):
        if lines[index].lstrip().startswith("- "):
            found = _list_under_value(lines, index)
            if found is not None:
                return found
    return None


_HINTS = {
    "mapping values are not allowed": "; put text that contains ': ' in quotes",
    "expected a single document": "; a brief file holds exactly one document, remove the '---' separator",
    "but found another document": "; a brief file holds exactly one document, remove the '---' separator",
    "could not find expected ':'": "; every line in a mapping needs 'key: value'",
}


__all__ = ["Diagnosis", "diagnose", "excerpt", "list_under_value"]

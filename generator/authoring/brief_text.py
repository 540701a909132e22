"""Edits to a brief's YAML as text, so that everything an editor wrote around them stays as it was.

Loading a brief and dumping it again would lose its comments, its quoting and its line breaks, and
turn a one-line change into a diff of the whole file. The tools that write into an editor's brief
(``brief add-source``, the entry form of the preview) change only the characters of the value
they set, or add whole lines after the last item of a list, and leave every other byte alone.

Values are written as YAML strings that cannot be read as anything else: ids and days plain,
all other text double-quoted (the JSON form of a string is a valid YAML double-quoted scalar).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

_PLAIN_SCALAR = re.compile(r"^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{3}_[0-9a-f]{16}\.txt)$")
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})

PathKey = str | int


class Verbatim(str):
    """Text written as it is (a number, a comment we wrote), instead of as a quoted YAML string."""


class TextEditRefused(Exception):
    """The edit cannot be made in this file's text; the message says why and what to do."""


def yaml_scalar(value: object) -> str:
    """Every value becomes a YAML string: ids and days as they are, all else double-quoted.

    Quoting is what keeps a title from adding keys or comments to the file.
    """
    if isinstance(value, Verbatim):
        return str(value)
    text = str(value)
    if _PLAIN_SCALAR.match(text) and text not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def key_lines(entries: Sequence[tuple[str, object]], indent: int) -> list[str]:
    """``key: value`` lines at ``indent`` spaces; a value that is a list of pairs becomes a nested mapping
    (as ``published:`` is)."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in entries:
        if isinstance(value, list):
            lines.append(f"{pad}{key}:")
            lines.extend(f"{pad}  {inner}: {yaml_scalar(item)}" for inner, item in value)
        else:
            lines.append(f"{pad}{key}: {yaml_scalar(value)}")
    return lines


def mapping_lines(entries: Sequence[tuple[str, object]], indent: int) -> list[str]:
    """A list item holding a mapping, as lines with its ``-`` at ``indent`` spaces."""
    lines = key_lines(entries, indent + 2)
    return [f"{' ' * indent}- {lines[0].lstrip(' ')}", *lines[1:]] if lines else []


def _node_at(root: Any, path: Sequence[PathKey]) -> Any:
    node = root
    for key in path:
        if isinstance(key, int):
            if not isinstance(node, yaml.SequenceNode) or not 0 <= key < len(node.value):
                raise TextEditRefused(f"there is no item {key} at {_where(path)}")
            node = node.value[key]
        else:
            if not isinstance(node, yaml.MappingNode):
                raise TextEditRefused(f"{_where(path)}: the file has no mapping there")
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                    node = value_node
                    break
            else:
                raise TextEditRefused(f"the file has no '{key}' at {_where(path)}")
    return node


def _where(path: Sequence[PathKey]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "the top"


def _compose(text: str) -> Any:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise TextEditRefused(f"the file is not valid YAML now; fix it first ({exc})".replace("\n", " ")) from None


def _last_line_end(text: str, node: Any) -> int:
    """The end of the last line that holds part of ``node`` (past a block scalar's last line)."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        return _last_line_end(text, last[1] if isinstance(last, tuple) else last)
    end = node.end_mark.index
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in "\r\n":
            end -= 1
    newline = text.find("\n", end)
    return len(text) if newline == -1 else newline + 1


def append_item(text: str, path: Sequence[PathKey], entries: Sequence[tuple[str, object]]) -> str:
    """``text`` with a new mapping added after the last item of the block list at ``path``, indented as
    its items are. Comments and blank lines after the last item stay after the new one."""
    node = _node_at(_compose(text), path)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise TextEditRefused(
            f"'{_where(path)}' must be a list written one item per line ('- ...'), with at least "
            "one item, for a new item to be added to it"
        )
    first = node.value[0]
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    dash = text.rfind("-", line_start, first.start_mark.index)
    indent = (dash if dash != -1 else first.start_mark.index - 2) - line_start
    at = _last_line_end(text, node)
    newline = "\r\n" if "\r\n" in text else "\n"
    before = text[:at] if text[:at].endswith("\n") else text[:at] + newline
    return before + newline.join(mapping_lines(entries, indent)) + newline + text[at:]


def insert_keys(text: str, path: Sequence[PathKey], entries: Sequence[tuple[str, object]]) -> str:
    """``text`` with keys added after the last line of the block mapping at ``path``, at its keys' indentation."""
    node = _node_at(_compose(text), path)
    if not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
        raise TextEditRefused(f"'{_where(path)}' must be a mapping written one key per line for keys to be added")
    at = _last_line_end(text, node)
    newline = "\r\n" if "\r\n" in text else "\n"
    before = text[:at] if text[:at].endswith("\n") else text[:at] + newline
    return before + newline.join(key_lines(entries, node.value[0][0].start_mark.column)) + newline + text[at:]


def replace_scalar(text: str, path: Sequence[PathKey], value: str) -> str:
    """``text`` with the scalar at ``path`` replaced by ``value`` (written as :func:`yaml_scalar` writes
    it); a folded or literal block becomes one double-quoted line."""
    node = _node_at(_compose(text), path)
    if not isinstance(node, yaml.ScalarNode):
        raise TextEditRefused(f"'{_where(path)}' is not a single value")
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        end = _last_line_end(text, node) - 1  # keep the line break that ends the block's last line
        if text[end - 1 : end] == "\r":
            end -= 1
    return text[:start] + yaml_scalar(value) + text[end:]


__all__ = [
    "TextEditRefused",
    "Verbatim",
    "append_item",
    "insert_keys",
    "key_lines",
    "mapping_lines",
    "replace_scalar",
    "yaml_scalar",
]

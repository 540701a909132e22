"""Load stage: bytes of an untrusted YAML file to plain Python data plus positions.

PyYAML's own constructors follow YAML 1.1 (``no`` becomes ``False``, ``1:30``
becomes 90, bare dates become dates) and expand aliases without limit. We read
the parser's events instead and build the data ourselves, so that:

* scalars resolve only as YAML 1.2's core schema would (null, true/false,
  integers); everything else stays text;
* duplicate keys, aliases beyond a small limit, deep nesting, tags, several
  documents, BOMs and non-UTF-8 bytes are refused with a line and column;
* every key and value keeps its position, so later stages can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import BriefError, BriefErrors

try:  # libyaml's parser is an order of magnitude faster; fall back if absent.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_ALIASES = 10
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_STR_TAG = "tag:yaml.org,2002:str"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # C0 controls other than tab, line feed, return


@dataclass
class Document:
    """A loaded YAML file: its data and where each key and value stood."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The 1-based (line, column) of a path, or of its nearest located ancestor."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if not key and path in self.keys:
                return self.keys[path]
            path = path[:-1]
            table = self.values
        return self.values.get((), (1, 1))

    def error(self, path: Path_, code: str, message: str, *, key: bool = False) -> BriefError:
        line, column = self.position(path, key=key)
        return BriefError(self.file, line, column, code, message)


class _Refused(Exception):
    def __init__(self, mark: Any, code: str, message: str) -> None:
        self.line = mark.line + 1 if mark is not None else 1
        self.column = mark.column + 1 if mark is not None else 1
        self.code = code
        self.message = message


def load_file(path: Path, display_name: str | None = None) -> Document:
    """Read and parse one brief file, raising :class:`BriefErrors` on any hazard."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BriefErrors([BriefError(name, 1, 1, "unreadable", f"cannot read the file: {exc.strerror}")]) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, file: str) -> Document:
    """Parse the bytes of one brief file (see the module docstring for what is refused)."""
    text = _decode(raw, file)
    document = Document(file=file, data=None)
    builder = _Builder(document)
    try:
        document.data = builder.build(text)
    except _Refused as refusal:
        raise BriefErrors([BriefError(file, refusal.line, refusal.column, refusal.code, refusal.message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = _yaml_hint(problem, text, mark)
        raise BriefErrors(
            [BriefError(file, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "yaml-syntax",
                        f"YAML syntax error: {problem}{hint}")]
        ) from None
    except yaml.YAMLError as exc:  # reader errors without a mark
        raise BriefErrors([BriefError(file, 1, 1, "yaml-syntax", f"YAML syntax error: {exc}")]) from None
    if not isinstance(document.data, dict):
        kind = "empty" if document.data is None else type(document.data).__name__
        kind = {"list": "a list", "str": "a single piece of text", "int": "a number", "bool": "true/false"}.get(kind, kind)
        raise BriefErrors(
            [BriefError(file, 1, 1, "not-a-mapping",
                        f"the file is {kind}; a brief must be a mapping of keys such as 'id:', 'title:' and 'sources:'")]
        )
    return document


def _decode(raw: bytes, file: str) -> str:
    if len(raw) > MAX_BYTES:
        raise BriefErrors([BriefError(file, 1, 1, "too-large",
                                      f"the file is {len(raw):,} bytes; a brief may be at most {MAX_BYTES:,} bytes")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise BriefErrors([BriefError(file, 1, 1, "bom", "the file starts with a byte-order mark; save it as UTF-8 without BOM")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise BriefErrors([BriefError(file, line, column, "not-utf8",
                                      f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")]) from None
    found = _CONTROL.search(text)
    if found:
        index, char = found.start(), found.group()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise BriefErrors([BriefError(file, line, column, "control-character",
                                      f"the control character U+{ord(char):04X} is not allowed; is this a binary file?")])
    return text


def _yaml_hint(problem: str, text: str, mark: Any) -> str:
    if mark is not None and "\t" in problem or "tab" in problem:
        return "; indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "; put text that contains ': ' in quotes"
    if "expected a single document" in problem or "but found another document" in problem:
        return "; a brief file holds exactly one document, remove the '---' separator"
    if "could not find expected ':'" in problem:
        return "; every line in a mapping needs 'key: value'"
    return ""


class _Builder:
    """Turns the parser's events into dicts, lists and scalars, recording positions."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.aliases = 0
        self.nodes = 0

    def build(self, text: str) -> Any:
        loader = _Loader(text)
        try:
            loader.get_event()  # StreamStart
            if loader.check_event(yaml.StreamEndEvent):
                return None
            loader.get_event()  # DocumentStart
            value, _ = self._value(loader, (), 0)
            loader.get_event()  # DocumentEnd
            if not loader.check_event(yaml.StreamEndEvent):
                event = loader.get_event()
                raise _Refused(event.start_mark, "multiple-documents",
                               "the file holds more than one YAML document; a brief is exactly one document, "
                               "remove the '---' separator")
            return value
        finally:
            loader.dispose()

    def _value(self, loader: Any, path: Path_, depth: int) -> tuple[Any, int]:
        event = loader.get_event()
        if depth > MAX_DEPTH:
            raise _Refused(event.start_mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels; a brief is never this deep")
        mark = event.start_mark
        self.document.values.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event)
        if getattr(event, "tag", None) not in (None, "!", _STR_TAG) and not isinstance(event, yaml.ScalarEvent):
            raise _Refused(mark, "tag", f"the tag '{event.tag}' is not allowed; remove it")
        if isinstance(event, yaml.ScalarEvent):
            value, count = self._scalar(event), 1
        elif isinstance(event, yaml.SequenceStartEvent):
            value, count = self._sequence(loader, path, depth)
        elif isinstance(event, yaml.MappingStartEvent):
            value, count = self._mapping(loader, path, depth)
        else:  # pragma: no cover - the parser only yields the above here
            raise _Refused(mark, "yaml-syntax", f"unexpected {type(event).__name__}")
        self.nodes += count
        if self.nodes > MAX_NODES:
            raise _Refused(mark, "too-large", f"the file expands to more than {MAX_NODES:,} values")
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = (value, count)
        return value, count

    def _alias(self, event: Any) -> tuple[Any, int]:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _Refused(event.start_mark, "too-many-aliases",
                           f"more than {MAX_ALIASES} aliases ('*name'); write the values out instead")
        if event.anchor not in self.anchors:
            raise _Refused(event.start_mark, "yaml-syntax", f"the alias '*{event.anchor}' names no anchor")
        value, count = self.anchors[event.anchor]
        self.nodes += count
        if self.nodes > MAX_NODES:
            raise _Refused(event.start_mark, "too-many-aliases",
                           f"aliases expand the file to more than {MAX_NODES:,} values; write the values out instead")
        return value, count

    @staticmethod
    def _scalar(event: Any) -> Any:
        if event.tag not in (None, "!", _STR_TAG):
            raise _Refused(event.start_mark, "tag", f"the tag '{event.tag}' is not allowed; remove it")
        value = event.value
        if event.style or not event.implicit[0] or event.tag == _STR_TAG:
            return value
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            return int(value)
        return value

    def _sequence(self, loader: Any, path: Path_, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        total = 1
        while not loader.check_event(yaml.SequenceEndEvent):
            value, count = self._value(loader, (*path, len(items)), depth + 1)
            items.append(value)
            total += count
        loader.get_event()
        return items, total

    def _mapping(self, loader: Any, path: Path_, depth: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        total = 1
        while not loader.check_event(yaml.MappingEndEvent):
            key_event = loader.get_event()
            mark = key_event.start_mark
            if not isinstance(key_event, yaml.ScalarEvent):
                raise _Refused(mark, "bad-key", "a key must be plain text, not a list, mapping or alias")
            key = key_event.value
            if key in result:
                first = self.document.keys[(*path, key)]
                raise _Refused(mark, "duplicate-key",
                               f"duplicate key '{key}' (first defined at line {first[0]}, column {first[1]}); "
                               "remove one of them")
            if key == "<<":
                raise _Refused(mark, "merge-key", "merge keys ('<<') are not allowed; write the keys out")
            self.document.keys[(*path, key)] = (mark.line + 1, mark.column + 1)
            value, count = self._value(loader, (*path, key), depth + 1)
            result[key] = value
            total += count
        loader.get_event()
        return result, total

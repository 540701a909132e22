"""Load stage: bytes of an untrusted YAML file to plain Python data plus positions.

PyYAML's own constructors follow YAML 1.1 (``no`` becomes ``False``, ``1:30``
becomes 90, bare dates become dates) and expand aliases without limit. We read
the parser's events instead and build the data ourselves, so that:

* scalars resolve only as YAML 1.2's core schema would (null, true/false,
  integers of up to 18 digits); everything else stays text, so ``no``,
  ``off``, ``1:30``, ``1.5`` and ``2025-04-17`` reach the model as text;
* duplicate keys, aliases beyond a small limit, deep nesting, tags, several
  documents, BOMs, non-UTF-8 bytes, tabs used for indentation, control and
  bidirectional-override characters are refused with a line and column;
* every key and value keeps its position, so later stages can point at it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.model.characters import FORBIDDEN_IN_FILE, is_bidi_control
from generator.model.errors import BriefError, BriefErrors
from generator.model.yaml_errors import diagnose, excerpt, list_under_value

try:  # libyaml's parser is an order of magnitude faster; fall back if absent.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # same interface, pure Python

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_ALIASES = 10
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


def strings(node: Any, path: Path_ = (), skip: frozenset[str] = frozenset()) -> Iterator[tuple[Path_, str]]:
    """Every text value of loaded data with its path, in document order; keys in ``skip`` are not entered."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from strings(value, (*path, key), skip)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, (*path, index), skip)


def where(path: Path_) -> str:
    """A location as an editor reads it in a message: ``participants[0].role[1].says``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_INT = re.compile(r"[-+]?[0-9]+\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_INT_DIGITS = 18  # longer digit runs stay text (Python refuses to convert very long ones)
_ALLOWED_TAGS = (None, "!", _STR_TAG)  # no tag, the non-specific '!', and '!!str' (which keeps text as text)
_SHORT_TAG_PREFIX = "tag:yaml.org,2002:"  # how the parser expands the '!!' a file writes

_TAB_INDENT_MESSAGE = (
    "a tab is used for indentation here; YAML indents with spaces only, "
    "so replace the tab with spaces (a tab inside text is fine)"
)

# Characters no brief needs and that hide or reorder what a reviewer sees:
# C0 controls other than tab and line breaks, DEL, C1 controls (NEL is a YAML
# line break that editors do not show), the Unicode line/paragraph separators
# (YAML counts them as line breaks, editors do not), bidirectional embedding,
# override and isolate controls ("Trojan source"), and non-characters.
# (generator.model.characters holds the one definition.)
_FORBIDDEN = FORBIDDEN_IN_FILE


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


@dataclass(frozen=True)
class _Mark:
    """A 0-based place, as the parser's marks give it."""

    line: int
    column: int


class _Refused(Exception):
    def __init__(self, mark: Any, code: str, message: str) -> None:
        self.line = mark.line + 1 if mark is not None else 1
        self.column = mark.column + 1 if mark is not None else 1
        self.code = code
        self.message = message


def load_file(path: Path, display_name: str | None = None) -> Document:
    """Read and parse one brief file, raising :class:`BriefErrors` on any hazard."""
    name = display_name or str(path)
    return load_bytes(_read(path, name), name)


def _read(path: Path, name: str) -> bytes:
    """The file's bytes, never more than one past the limit (the file may be huge)."""

    def unreadable(code: str, message: str) -> BriefErrors:
        return BriefErrors([BriefError(name, 1, 1, code, message)])

    try:
        if path.is_symlink():  # error messages quote values: a link could leak another file's contents
            raise unreadable("symlink", "the brief is a symbolic link; commit the brief itself as a plain file")
        if not path.exists():
            raise unreadable("unreadable", "cannot read the file: there is no such file; check the path and the name")
        if not path.is_file():  # a folder, or a pipe or device that could block the build or never end
            raise unreadable(
                "unreadable",
                "cannot read the file: it is a folder or a device, not a file; a brief is a plain YAML file",
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:  # e.g. no permission to read it or its folder
        raise unreadable("unreadable", f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise _too_large(name, max(size, len(raw)))
    return raw


def load_bytes(raw: bytes, file: str) -> Document:
    """Parse the bytes of one brief file (see the module docstring for what is refused)."""
    text = _decode(raw, file)
    document = Document(file=file, data=None)
    builder = _Builder(document)
    try:
        document.data = builder.build(text)
    except _Refused as refusal:
        shown = excerpt(text, refusal.line, refusal.column) if refusal.code.startswith("yaml-") else ""
        raise BriefErrors(
            [BriefError(file, refusal.line, refusal.column, refusal.code, refusal.message, shown)]
        ) from None
    except yaml.MarkedYAMLError as exc:
        tab = _tab_indent(text, exc.problem_mark or exc.context_mark)
        if tab is not None:
            raise BriefErrors(
                [BriefError(file, tab[0], tab[1], "tab-indent", _TAB_INDENT_MESSAGE, excerpt(text, *tab))]
            ) from None
        found = diagnose(text, exc)
        raise BriefErrors(
            [
                BriefError(
                    file, found.line, found.column, found.code, found.message, excerpt(text, found.line, found.column)
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # reader errors without a mark
        raise BriefErrors([BriefError(file, 1, 1, "yaml-syntax", f"YAML syntax error: {exc}")]) from None
    if not isinstance(document.data, dict):
        kind = "empty" if document.data is None else type(document.data).__name__
        kind = {"list": "a list", "str": "a single piece of text", "int": "a number", "bool": "true/false"}.get(
            kind, kind
        )
        # Point at where the list or text starts (past any comments); an empty file at its start.
        line, column = (1, 1) if document.data is None else document.values.get((), (1, 1))
        raise BriefErrors(
            [
                BriefError(
                    file,
                    line,
                    column,
                    "not-a-mapping",
                    f"the file is {kind}; a brief must be a mapping of keys such as 'id:', 'title:' and 'sources:'",
                )
            ]
        )
    return document


def _too_large(file: str, size: int) -> BriefErrors:
    return BriefErrors(
        [
            BriefError(
                file,
                1,
                1,
                "too-large",
                f"the file is {size:,} bytes; a brief may be at most {MAX_BYTES:,} bytes, split it into several briefs",
            )
        ]
    )


def _decode(raw: bytes, file: str) -> str:
    if len(raw) > MAX_BYTES:
        raise _too_large(file, len(raw))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise BriefErrors(
            [BriefError(file, 1, 1, "bom", "the file starts with a byte-order mark; save it as UTF-8 without BOM")]
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BriefErrors([BriefError(file, 1, 1, "not-utf8", "the file is UTF-16; save it as UTF-8")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise BriefErrors(
            [
                BriefError(
                    file,
                    line,
                    column,
                    "not-utf8",
                    f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
                )
            ]
        ) from None
    forbidden = _FORBIDDEN.search(text)
    if forbidden:
        index = forbidden.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise BriefErrors([BriefError(file, line, column, "control-character", _forbidden_message(forbidden.group()))])
    return text


def _forbidden_message(char: str) -> str:
    code = ord(char)
    if is_bidi_control(char):
        what = f"the bidirectional control character U+{code:04X} (it makes text display in a different order than it is stored)"
    elif code in (0x2028, 0x2029, 0x85):
        what = f"the line separator U+{code:04X} (YAML and editors disagree on where lines end)"
    else:
        what = f"the control character U+{code:04X}"
    return (
        f"{what} is not allowed; remove it (is this a binary file?)"
        if code < 0x20
        else f"{what} is not allowed; remove it"
    )


def _tab_indent(text: str, mark: Any) -> tuple[int, int] | None:
    """The (line, column) of the tab that indents the line of a parse error, if one does.

    Only the error's own line is looked at: a tab on the line before may be text
    in a block scalar, and blaming it would hide the real error. A tab right at
    the error (``-\tkey: value``) indents what follows it, so it counts too.
    """
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent:
        return mark.line + 1, indent.index("\t") + 1
    if line[mark.column : mark.column + 1] == "\t":
        return mark.line + 1, mark.column + 1
    return None


def _refuse_tag(event: Any, *, on_key: bool = False) -> None:
    """Refuse a YAML tag (``!!python/object``, ``!!set``, ``!custom``): other loaders act on them."""
    tag = getattr(event, "tag", None)
    if tag in _ALLOWED_TAGS:
        return
    written = "!!" + tag[len(_SHORT_TAG_PREFIX) :] if tag.startswith(_SHORT_TAG_PREFIX) else tag
    where = " on a key" if on_key else ""
    raise _Refused(
        event.start_mark,
        "tag",
        f"the tag '{written}' is not allowed{where}; remove it "
        "(a brief holds only text, numbers, true/false, lists and mappings)",
    )


class _Builder:
    """Turns the parser's events into dicts, lists and scalars, recording positions."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.aliases = 0
        self.nodes = 0
        self.text = ""

    def build(self, text: str) -> Any:
        self.text = text
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
                raise _Refused(
                    event.start_mark if event is not None else None,
                    "multiple-documents",
                    "the file holds more than one YAML document; a brief is exactly one document, "
                    "remove the '---' separator",
                )
            return value
        finally:
            loader.dispose()

    def _value(self, loader: Any, path: Path_, depth: int) -> tuple[Any, int]:
        event = loader.get_event()
        if depth > MAX_DEPTH:
            raise _Refused(
                event.start_mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels; a brief is never this deep"
            )
        mark = event.start_mark
        self.document.values.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event)
        _refuse_tag(event)
        if isinstance(event, yaml.ScalarEvent):
            end = event.end_mark
            if not event.style and end is not None and end.line > mark.line:  # plain text over several lines
                found = list_under_value(self.text, mark.line, end.line)
                if found is not None:
                    raise _Refused(_Mark(found.line - 1, found.column - 1), found.code, found.message)
            value, count = self._scalar(event), 1
        elif isinstance(event, yaml.SequenceStartEvent):
            value, count = self._sequence(loader, path, depth)
        elif isinstance(event, yaml.MappingStartEvent):
            value, count = self._mapping(loader, path, depth)
        else:  # pragma: no cover - the parser only yields the above here
            raise _Refused(mark, "yaml-syntax", f"unexpected {type(event).__name__}")
        self.nodes += 1  # this node; its children counted themselves, aliases add their expansion
        if self.nodes > MAX_NODES:
            raise _Refused(mark, "too-large", f"the file expands to more than {MAX_NODES:,} values")
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = (value, count)
        return value, count

    def _alias(self, event: Any) -> tuple[Any, int]:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _Refused(
                event.start_mark,
                "too-many-aliases",
                f"more than {MAX_ALIASES} aliases ('*name'); write the values out instead",
            )
        if event.anchor not in self.anchors:
            raise _Refused(event.start_mark, "yaml-syntax", f"the alias '*{event.anchor}' names no anchor")
        value, count = self.anchors[event.anchor]
        self.nodes += count
        if self.nodes > MAX_NODES:
            raise _Refused(
                event.start_mark,
                "too-many-aliases",
                f"aliases expand the file to more than {MAX_NODES:,} values; write the values out instead",
            )
        return value, count

    @staticmethod
    def _scalar(event: Any) -> Any:
        value = event.value
        if event.style or not event.implicit[0] or event.tag == _STR_TAG:
            return value
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value) and len(value.lstrip("+-")) <= _MAX_INT_DIGITS:
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
            _refuse_tag(key_event, on_key=True)
            key = key_event.value
            if key in result:
                first = self.document.keys[(*path, key)]
                raise _Refused(
                    mark,
                    "duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first[0]}, column {first[1]}); remove one of them",
                )
            if key == "<<":
                raise _Refused(mark, "merge-key", "merge keys ('<<') are not allowed; write the keys out")
            self.document.keys[(*path, key)] = (mark.line + 1, mark.column + 1)
            value, count = self._value(loader, (*path, key), depth + 1)
            result[key] = value
            total += count
        loader.get_event()
        return result, total

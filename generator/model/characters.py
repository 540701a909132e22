"""The one definition of the characters no brief may contain, for every stage that refuses them.

C0 controls other than tab and line feed, DEL, C1 controls (NEL is a YAML line
break that editors do not show), the Unicode line and paragraph separators (YAML
counts them as line breaks, editors do not), bidirectional embedding, override and
isolate controls ("Trojan source"), and the non-characters U+FFFE and U+FFFF.
The loader, the model and the generated JSON Schema all build their rule from
:data:`FORBIDDEN_RANGES`, so they cannot drift apart.
"""

from __future__ import annotations

import re

BIDI_RANGES: tuple[tuple[int, int], ...] = ((0x202A, 0x202E), (0x2066, 0x2069))
FORBIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x2028, 0x2029),
    *BIDI_RANGES,
    (0xFFFE, 0xFFFF),
)
"""Forbidden in any value of a brief (a carriage return can only get into a value through an escape)."""

FILE_LINE_ENDS = frozenset({0x0D})
"""Allowed in a file's bytes though not in a value: Windows line ends (CR LF) are fine in a file."""


def _class(ranges: tuple[tuple[int, int], ...], escape: str) -> str:
    return "".join(escape.format(lo) if lo == hi else escape.format(lo) + "-" + escape.format(hi) for lo, hi in ranges)


def _without(ranges: tuple[tuple[int, int], ...], allowed: frozenset[int]) -> tuple[tuple[int, int], ...]:
    split: list[tuple[int, int]] = []
    for lo, hi in ranges:
        start = lo
        for code in range(lo, hi + 1):
            if code in allowed:
                if start < code:
                    split.append((start, code - 1))
                start = code + 1
        if start <= hi:
            split.append((start, hi))
    return tuple(split)


FORBIDDEN_IN_VALUE = re.compile("[" + _class(FORBIDDEN_RANGES, "\\u{:04x}") + "]")
FORBIDDEN_IN_FILE = re.compile("[" + _class(_without(FORBIDDEN_RANGES, FILE_LINE_ENDS), "\\u{:04x}") + "]")
JSON_SCHEMA_PATTERN = "^[^" + _class(FORBIDDEN_RANGES, "\\u{:04x}") + "]*$"
"""The same rule as an ECMA-262 pattern for the JSON Schema."""


def is_bidi_control(char: str) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in BIDI_RANGES)

"""Errors as GitHub Actions workflow commands, so each mistake shows on the changed line of a PR.

A brief is untrusted: its keys and values reach error messages. The runner
reads every line of a step's output that starts with ``::`` as a command, so
everything we put into one is escaped the way the runner unescapes it
(``%``, CR and LF everywhere; ``:`` and ``,`` too inside properties). A brief
can then never end our annotation early or start a command of its own.
"""

from __future__ import annotations

from generator.model.errors import BriefError

_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command (after the second ``::``)."""
    return text.translate(_DATA_ESCAPES)


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command (``file=...,line=...``)."""
    return text.translate(_PROPERTY_ESCAPES)


def github_annotation(error: BriefError, level: str = "error") -> str:
    """One ``::error file=...,line=...,col=...,title=...::message`` line for one error."""
    properties = {
        "file": error.file,
        "line": str(error.line),
        "col": str(error.column),
        "title": error.code,
    }
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    return f"::{level} {joined}::{escape_data(error.message)}"

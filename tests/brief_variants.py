"""The fixture brief and its variants: one passage replaced, then every error the check reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL

from generator.model.archive import Archive
from generator.model.errors import BriefError, BriefErrors
from generator.model.load import load_bytes
from generator.model.validate import validate_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = MINIMAL
FILE = "briefs/minimal.yaml"


def variant(old: str, new: str, text: str = BASE) -> str:
    """The fixture brief with one exact passage replaced (it must occur once)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def errors_of(text: str, archive: Archive, file: str = FILE) -> list[BriefError]:
    """Every error the check reports for this text, which must be refused."""
    with pytest.raises(BriefErrors) as caught:
        validate_document(load_bytes(text.encode("utf-8"), file), archive)
    return caught.value.errors


def only_error(text: str, archive: Archive) -> BriefError:
    """The one error the check reports for this text."""
    errors = errors_of(text, archive)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]

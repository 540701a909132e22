"""Drafts: a brief that still holds placeholder text ("TO DO") is not finished.

`brief new` writes "TO DO" wherever an editor must still write, so a brief can be merged
half-written. Such a brief passes the checks (it is valid), but every placeholder is reported
with its line and column, and the publishing build leaves the brief out; previews show it
under a draft banner.
"""

from __future__ import annotations

import re

from generator.model.errors import BriefError, shown
from generator.model.load import Document, strings, where

PLACEHOLDER = re.compile(r"\bTO ?DO\b|^\s*To do\b", re.MULTILINE)
"""What `brief new` writes where text is missing: 'TO DO' (or 'TODO'), or a sentence starting 'To do'."""


def draft_markers(document: Document) -> list[BriefError]:
    """Every placeholder left in a brief, at its position (code ``draft``); empty for a finished brief."""
    return [
        document.error(
            path,
            "draft",
            f"{where(path) or 'the brief'}: placeholder text {shown(' '.join(text.split()))}: the brief is a draft "
            "until every placeholder is replaced; drafts are left out of the published site",
        )
        for path, text in strings(document.data)
        if PLACEHOLDER.search(text)
    ]

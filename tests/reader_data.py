"""Briefs for the reader tests: the real Paris brief and the small fixture, as data or models."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from generator.model.archive import Archive
from generator.model.brief import Brief
from generator.model.load import load_file
from generator.pages.page import BriefInput

REPO = Path(__file__).resolve().parent.parent
PARIS = REPO / "briefs" / "paris-talks-2025.yaml"


def brief_data(path: Path = PARIS) -> dict[str, Any]:
    return copy.deepcopy(load_file(path).data)


def brief(path: Path = PARIS) -> Brief:
    return Brief.model_validate(brief_data(path))


def brief_input(model: Brief, sources: Path) -> BriefInput:
    archive = Archive(sources)
    return BriefInput(model, {s.id: archive.get(s.file) for s in model.sources})  # type: ignore[misc]

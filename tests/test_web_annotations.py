"""Every citation published as a W3C Web Annotation whose selectors find the quote in the archived text."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BuiltSite

from generator.model.archive import normalize_quote
from generator.model.brief import Claim, all_citations, instances
from generator.pages.web_annotations import CONTEXT, FILE

pytestmark = pytest.mark.site

BRIEF = Path("briefs") / "paris-talks-2025"


@pytest.fixture(scope="module")
def collection(paris_site: BuiltSite) -> dict[str, Any]:
    return json.loads((paris_site.site / BRIEF / FILE).read_text(encoding="utf-8"))


def problems(annotation: dict[str, Any], folder: Path) -> list[str]:
    """What a tool checking our quotes would find wrong, reading only the published files."""
    found = []
    target = annotation["target"]
    text = (folder / target["source"]).read_text(encoding="utf-8")
    quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
    position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
    start, end = position["start"], position["end"]
    if text[start:end] != quote["exact"]:
        found.append(f"{annotation['id']}: the text at {start}-{end} is not the exact quote")
    if not text[:start].endswith(quote["prefix"]) or not text[end:].startswith(quote["suffix"]):
        found.append(f"{annotation['id']}: prefix or suffix does not surround the quote")
    if text.count(quote["prefix"] + quote["exact"] + quote["suffix"]) < 1:
        found.append(f"{annotation['id']}: the quote with its prefix and suffix is not in the text")
    return found


def test_the_collection_is_a_web_annotation_collection_of_every_citation(
    collection: dict[str, Any], paris_brief: Any
) -> None:
    assert collection["@context"] == CONTEXT
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["first"]["type"] == "AnnotationPage"
    assert collection["total"] == len(items) == len(all_citations(paris_brief.brief))
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] == "describing"
        assert item["body"]["type"] == "TextualBody" and item["body"]["value"].strip()
        assert {s["type"] for s in item["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}


def test_every_selector_finds_its_quote_in_the_published_archive(
    collection: dict[str, Any], paris_site: BuiltSite, paris_brief: Any
) -> None:
    folder = paris_site.site / BRIEF
    found = [p for item in collection["first"]["items"] for p in problems(item, folder)]
    assert found == []
    quotes = [c.quote for c in all_citations(paris_brief.brief)]
    exacts = [
        next(s for s in i["target"]["selector"] if s["type"] == "TextQuoteSelector")["exact"]
        for i in collection["first"]["items"]
    ]
    assert [normalize_quote(e) for e in exacts] == [normalize_quote(q) for q in quotes]


def test_a_wrong_selector_would_be_caught(collection: dict[str, Any], paris_site: BuiltSite) -> None:
    item = copy.deepcopy(collection["first"]["items"][0])
    next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")["start"] += 1
    assert problems(item, paris_site.site / BRIEF)


def test_each_sentence_is_the_body_of_its_citations(collection: dict[str, Any], paris_brief: Any) -> None:
    bodies = [item["body"]["value"] for item in collection["first"]["items"]]
    for _, claim in instances(paris_brief.brief, Claim):
        for _citation in claim.cite:
            assert " ".join(claim.says.split()) in bodies


def test_the_archive_is_the_verbatim_source_and_the_overview_links_the_annotations(
    paris_site: BuiltSite, paris_brief: Any
) -> None:
    for source in paris_brief.brief.sources:
        published = (paris_site.site / BRIEF / "archive" / source.file).read_bytes()
        original = (paris_site.project.briefs_dir / "sources" / source.file).read_bytes()
        assert published == original.replace(b"\r\n", b"\n")
    overview = (paris_site.site / BRIEF / "index.html").read_text(encoding="utf-8")
    assert f'href="{FILE}"' in overview

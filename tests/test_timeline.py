"""The timeline picture: every dated entry on one axis, drawn as what it is, and safe."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from reader_data import brief, brief_data

from generator.model.brief import Brief
from generator.pages.timeline import Gap, Mark, clusters_for, timeline_marks, timeline_rows, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _marks(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {a.get("data-entry"): a for a in root.iter(f"{SVG}a") if a.get("data-entry")}


def test_every_dated_entry_is_a_link_to_its_entry_and_undated_ones_are_listed() -> None:
    paris = brief()
    marks, undated = timeline_marks(paris)
    dated_ids = {a.id for a in paris.agenda if a.when} | {c.id for c in paris.impact_events if c.when}
    assert {m.id for m in marks} == dated_ids
    assert {u.id for u in undated} == {a.id for a in paris.agenda if not a.when} | {
        c.id for c in paris.impact_events if not c.when
    }
    links = _marks(timeline_svg(paris))
    assert set(links) == dated_ids
    for entry_id, link in links.items():
        assert link.get("href") == f"#{entry_id}"
    assert [m.start for m in marks] == sorted(m.start for m in marks)


def test_inferred_dates_are_hollow_and_dashed_ranges_are_bars() -> None:
    links = _marks(timeline_svg(brief()))
    inferred_range = links["witkoff-putin-meeting"].find(f".//{SVG}rect")  # inferred, approximate week
    assert inferred_range is not None
    assert inferred_range.get("fill") == "none" and inferred_range.get("stroke-dasharray")
    inferred_day = links["elysee-talks"].find(f".//{SVG}circle")  # inferred single day
    assert inferred_day is not None
    assert inferred_day.get("fill") == "none" and inferred_day.get("stroke-dasharray")
    # The Paris brief states no single day; the same entry with its date stated is a filled, solid dot.
    data = brief_data()
    next(a for a in data["agenda"] if a["id"] == "elysee-talks")["when"]["basis"] = "stated"
    stated_day = _marks(timeline_svg(Brief.model_validate(data)))["elysee-talks"].find(f".//{SVG}circle")
    assert stated_day is not None
    assert stated_day.get("fill") == "currentColor" and stated_day.get("stroke-dasharray") is None
    approximate = links["trump-24-hours-claim"].find(f".//{SVG}rect")  # stated, approximate month
    assert approximate is not None and approximate.get("fill-opacity") == "0.45"
    casualty = links["sumy-missile-strike"].find(f".//{SVG}polygon")  # casualty events are diamonds
    assert casualty is not None


def test_long_empty_stretches_are_cut_out_and_the_cut_is_labelled() -> None:
    svg = timeline_svg(brief())
    assert "left out of the axis" in svg and "22 months" in svg
    clusters = clusters_for(
        [(dt.date(2023, 5, 1), dt.date(2023, 5, 31)), (dt.date(2025, 4, 7), dt.date(2025, 4, 27))], [1, 9]
    )
    assert len(clusters) == 2
    assert clusters[1].width > clusters[0].width  # the busy stretch gets the room
    assert clusters[0].x_of(dt.date(2023, 5, 1)) < clusters[0].x_of(dt.date(2023, 5, 31)) < clusters[1].x


def test_no_theme_breaking_colours_text_follows_the_theme() -> None:
    root = ET.fromstring(timeline_svg(brief()))
    assert root.get("fill") == "currentColor"
    for text in root.iter(f"{SVG}text"):
        assert text.get("fill") in (None, "currentColor")
    assert "#000" not in timeline_svg(brief()) and "black" not in timeline_svg(brief())


def test_text_from_the_brief_is_escaped() -> None:
    data = brief_data()
    data["title"] = 'Talks <script>alert("x")</script> & more'
    data["agenda"][0]["title"] = "</svg><img src=x onerror=alert(1)>"
    svg = timeline_svg(Brief.model_validate(data))
    root = ET.fromstring(svg)  # still one well-formed SVG element
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;/svg&gt;&lt;img" in svg


def test_the_picture_is_one_line_whatever_the_text() -> None:
    """A blank line inside the SVG would end the Markdown page's HTML block mid-picture."""
    data = brief_data()
    data["title"] = "two paragraphs:\n\n[z](javascript:alert(1))\n\n    indented"
    data["agenda"][0]["title"] = "a\n\n- list item"
    svg = timeline_svg(Brief.model_validate(data))
    assert "\n" not in svg
    assert "two paragraphs: [z](javascript:alert(1)) indented" in svg


def test_a_brief_without_dated_entries_draws_nothing() -> None:
    data = brief_data()
    data["agenda"] = [a for a in data["agenda"] if "when" not in a]
    data["impact_events"] = [c for c in data["impact_events"] if "when" not in c]
    assert timeline_svg(Brief.model_validate(data)) == ""


def test_the_picture_has_a_title_and_a_description_that_name_it() -> None:
    root = ET.fromstring(timeline_svg(brief()))
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert "table that follows" in (desc.text or "")


def test_the_timeline_as_rows_keeps_every_dated_entry_in_order_and_names_the_gaps() -> None:
    paris = brief()
    marks, _ = timeline_marks(paris)
    rows = timeline_rows(paris)
    assert [r for r in rows if isinstance(r, Mark)] == marks
    gaps = [(index, r) for index, r in enumerate(rows) if isinstance(r, Gap)]
    assert [g.words for _, g in gaps] == ["22 months"]  # the 2023 claim, then the April 2025 talks
    index, gap = gaps[0]
    before, after = rows[index - 1], rows[index + 1]
    assert isinstance(before, Mark) and isinstance(after, Mark)
    assert (after.start - before.end).days - 1 == gap.days


def test_no_gap_is_named_between_entries_close_together() -> None:
    data = brief_data()
    data["agenda"] = data["agenda"][:3]
    for day, item in zip(("2025-04-10", "2025-04-12", "2025-04-20"), data["agenda"]):
        item["when"] = {"date": day, "basis": "stated"}
    data["impact_events"] = []
    rows = timeline_rows(Brief.model_validate(data))
    assert len(rows) == 3 and not any(isinstance(r, Gap) for r in rows)

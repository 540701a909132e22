"""The impact chart: figures as stated, 'at least' open-ended, words where there is no number, no sums."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import MINIMAL_FILE
from reader_data import brief, brief_data

from generator.model.brief import Brief, Count
from generator.pages.impact_chart import figure_headings, figure_label, figure_rows, figure_words, impact_chart_svg


def _words(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_at_least_is_open_ended_and_never_summed() -> None:
    svg = impact_chart_svg(brief())
    words = _words(svg)
    assert words.count("\u2265 35") == 2  # both Sumy reports, each on its own
    assert not any("70" in w for w in words)  # the two 'at least 35' are never added up
    assert svg.count('stroke-dasharray="4 3"') == 2  # the open arrow of each at-least bar


def test_figures_without_a_number_are_written_out() -> None:
    svg = impact_chart_svg(brief())
    assert "\u201cnumerous others injured\u201d (no number)" in svg
    assert "not stated" in svg


def test_labels_say_exactly_what_the_source_gives() -> None:
    assert figure_label(Count(value=4, qualifier="at-least", as_stated="at least 4")) == "\u2265 4"
    assert figure_label(Count(value=12, qualifier="exact", as_stated="12")) == "12"
    assert figure_label(Count(value=20, qualifier="about", as_stated="about 20")) == "\u2248 20"
    assert figure_label(None) == "not stated"


def test_exact_and_at_least_from_two_sources_stay_apart() -> None:
    words = _words(impact_chart_svg(brief(MINIMAL_FILE)))
    assert "\u2265 4" in words and "5" in words and "12" in words
    assert not any("9" in w for w in words)  # 4 + 5 is never shown


def test_escaped_and_empty_without_events() -> None:
    data = brief_data()
    data["impact_events"][0]["title"] = "<script>x</script>"
    svg = impact_chart_svg(Brief.model_validate(data))
    assert "<script" not in svg and "&lt;script&gt;" in svg
    data["impact_events"] = []
    assert impact_chart_svg(Brief.model_validate(data)) == ""


def test_the_chart_is_one_line_whatever_the_text() -> None:
    data = brief_data()
    data["impact_events"][0]["title"] = "a\n\n<b>b</b>\n\n    c"
    data["sources"][0]["label"] = "label\n\nsplit"
    svg = impact_chart_svg(Brief.model_validate(data))
    assert "\n" not in svg and "a &lt;b&gt;b&lt;/b&gt; c" in svg


def test_the_chart_has_a_title_and_a_description_that_name_it() -> None:
    root = ET.fromstring(impact_chart_svg(brief()))
    svg = "{http://www.w3.org/2000/svg}"
    title, desc = root.find(f"{svg}title"), root.find(f"{svg}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")


def test_the_table_under_the_chart_has_every_report_in_the_sources_words() -> None:
    paris = brief()
    rows = figure_rows(paris)
    assert [(r.event_id, r.source_label) for r in rows] == [
        (e.id, paris.source(r.source).label) for e in paris.impact_events for r in e.reports
    ]
    sumy = [r for r in rows if r.event_id == "sumy-missile-strike"]
    assert [figure_words(r.figures[0]) for r in sumy] == [
        "\u2265 35 (\u201cat least 35 civilians dead\u201d)",
        "\u2265 35 (\u201ckilled at least 35 people\u201d)",
    ]
    assert figure_words(None) == "not stated"
    assert figure_words(Count(qualifier="exact", value=3, as_stated="3")) == "3"


def test_a_disaster_shows_the_measures_its_sources_give_each_to_its_own_scale() -> None:
    data = brief_data(MINIMAL_FILE)
    event = data["impact_events"][0]
    event["cause"] = "magnitude 7.7 earthquake"
    event.pop("attributed_to", None)
    event["reports"][0] = {
        **event["reports"][0],
        "injured": None,
        "displaced": {"value": 270000, "qualifier": "at-least", "as_stated": "more than 270,000"},
        "damaged": {"value": 50000, "qualifier": "about", "as_stated": "some 50,000 buildings", "unit": "buildings"},
    }
    disaster = Brief.model_validate(data)
    assert figure_headings(disaster) == ["Killed", "Displaced", "Damaged or destroyed"]
    words = _words(impact_chart_svg(disaster))
    assert {"Killed", "Displaced", "Damaged or destroyed"} <= set(words)
    assert "\u2265 270,000" in words and "\u2248 50,000 buildings" in words
    rows = figure_rows(disaster)
    assert [figure_words(f) for f in rows[0].figures] == [
        "\u2265 4 (\u201cat least 4\u201d)",
        "\u2265 270,000 (\u201cmore than 270,000\u201d)",
        "\u2248 50,000 buildings (\u201csome 50,000 buildings\u201d)",
    ]
    assert rows[1].figures[1:] == (None, None)  # the blog gives only a death toll

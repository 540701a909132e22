"""A small chart of impact figures: per event and per source, for up to three measures.

Figures are drawn exactly as stated and never combined: an exact figure is a
solid bar, "at least" a solid bar that runs on into an open, dashed arrow
labelled with "≥", "about" a bar with a faded end labelled "≈", and a toll a
source does not put a number on is written out in words instead of drawn.
Like the timeline it is self-contained inline SVG built from escaped text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.brief import MEASURES, Brief, Count, ImpactEvent, ImpactReport
from generator.pages.wording import MEASURE_WORDS, figure_number

WIDTH = 720
LABEL_WIDTH = 210
COLUMN_GAP = 16
ROW_HEIGHT = 22
HEADER = 26
COLOURS = ("#d32f2f", "#ef6c00", "#6a1b9a")
CHART_COLUMNS = 3
"""The chart draws the first three measures the brief reports; the table under it gives every figure."""
DESCRIPTION = (
    "For each impact event, one row per source with a bar for each figure, each column drawn to its own scale: "
    "a solid bar is an exact figure, a bar running on into a dashed arrow is an 'at least' figure, a faded "
    "end means 'about', and a figure a source gives no number for is written in words. Every figure is "
    "in the table that follows."
)
BAR_ROOM = 0.72
"""Share of a column a bar may fill at most; the rest holds the figure's label and an at-least arrow."""
LABEL_ROOM = 110
"""Width kept free after the longest bar: an at-least arrow (26) and a label such as '≥ 270,000' (about 80)."""


def _e(text: object) -> str:
    """Text for the picture: XML-escaped, on one line (a blank line would end the page's HTML block)."""
    return html.escape(" ".join(str(text).split()), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def figure_label(count: Count | None) -> str:
    """The figure as the chart prints it: '35', '≥ 35', '≈ 20', or words."""
    if count is None:
        return "not stated"
    if count.qualifier == "unspecified":
        return f"\u201c{count.as_stated}\u201d (no number)"
    return {"exact": "", "at-least": "\u2265 ", "about": "\u2248 ", "at-most": "\u2264 "}[
        count.qualifier
    ] + figure_number(count)


def measures_reported(brief: Brief) -> list[str]:
    """The measures any report of the brief gives, in the order of MEASURES: the columns of the chart and table."""
    return _measures(report for event in brief.impact_events for report in event.reports)


def event_measures(event: ImpactEvent) -> list[tuple[str, str]]:
    """The measures any report of one event gives, with their headings: the columns of that event's table."""
    return [(name, MEASURE_WORDS[name].capitalize()) for name in _measures(event.reports)]


def _measures(reports: Iterable[ImpactReport]) -> list[str]:
    given = {name for report in reports for name, _ in report.figures()}
    return [name for name in MEASURES if name in given]


@dataclass(frozen=True)
class FigureRow:
    """One source's figures for one event: a row of the chart, and of the table that repeats it in words."""

    event_id: str
    event_title: str
    source_label: str
    figures: tuple[Count | None, ...]
    """One per measure reported anywhere in the brief (see :func:`measures_reported`), None where this source gives none."""


def figure_rows(brief: Brief) -> list[FigureRow]:
    """Every event's figures, source by source, in the chart's order."""
    measures = measures_reported(brief)
    return [
        FigureRow(
            event.id, event.title, brief.source(report.source).label, tuple(getattr(report, name) for name in measures)
        )
        for event in brief.impact_events
        for report in event.reports
    ]


def figure_headings(brief: Brief) -> list[str]:
    """The table's column headings for the figures, e.g. 'Killed', 'Displaced'."""
    return [MEASURE_WORDS[name].capitalize() for name in measures_reported(brief)]


def figure_words(count: Count | None) -> str:
    """A figure for the table: the chart's label and, where it differs, the source's own words."""
    label = figure_label(count)
    if count is None or count.value is None or count.as_stated.strip() == label:
        return label
    return f"{label} (\u201c{count.as_stated}\u201d)"


def _column(count: Count | None, x: float, width: float, y: float, largest: int, colour: str) -> str:
    """One figure: a bar drawn to scale (with its honest ending) and its label."""
    if count is None or count.value is None:
        words = _short(figure_label(count), 42)
        return f'<text x="{x:.1f}" y="{y + 4:.1f}" font-style="italic" fill-opacity="0.75">{_e(words)}</text>'
    room = max(2.0, min(width * BAR_ROOM, width - LABEL_ROOM))  # three columns are narrow: the label must fit
    length = max(2.0, room * count.value / largest)
    bar = f'<rect x="{x:.1f}" y="{y - 6:.1f}" width="{length:.1f}" height="12" fill="currentColor"/>'
    end = x + length
    if count.qualifier == "at-least":
        tip = end + 26
        bar += (
            f'<path d="M{end:.1f},{y:.1f} H{tip:.1f} M{tip - 5:.1f},{y - 5:.1f} L{tip:.1f},{y:.1f} '
            f'L{tip - 5:.1f},{y + 5:.1f}" fill="none" stroke="currentColor" stroke-width="2" '
            f'stroke-dasharray="4 3"/>'
        )
        end = tip
    elif count.qualifier == "about":
        fuzz = max(6.0, length * 0.12)
        bar += (
            f'<rect x="{end:.1f}" y="{y - 6:.1f}" width="{fuzz:.1f}" height="12" fill="currentColor" '
            f'fill-opacity="0.35"/>'
        )
        end += fuzz
    label = f'<text x="{end + 6:.1f}" y="{y + 4:.1f}" font-weight="600">{_e(figure_label(count))}</text>'
    return f'<g class="cc-bar" color="{colour}">{bar}</g>{label}'


def impact_chart_svg(brief: Brief) -> str:
    """Up to three figures per event and source, each column to its own scale, as one line-free block of inline SVG."""
    events = brief.impact_events
    measures = measures_reported(brief)[:CHART_COLUMNS]
    if not events or not measures:
        return ""
    largest = {
        name: max(
            (c.value for e in events for r in e.reports if (c := getattr(r, name)) is not None and c.value is not None),
            default=1,
        )
        or 1
        for name in measures
    }
    rows = sum(1 + len(e.reports) for e in events)
    height = HEADER + rows * ROW_HEIGHT + 8
    column = (WIDTH - LABEL_WIDTH - COLUMN_GAP * (len(measures) - 1)) / len(measures)
    xs = [LABEL_WIDTH + i * (column + COLUMN_GAP) for i in range(len(measures))]
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="impact-chart-svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" role="group" aria-labelledby="cc-title-{_e(brief.id)}" '
            f'aria-describedby="cc-desc-{_e(brief.id)}" font-family="sans-serif" font-size="12" fill="currentColor">'
        ),
        (f'<title id="cc-title-{_e(brief.id)}">Figures as each source states them; figures are not added up</title>'),
        f'<desc id="cc-desc-{_e(brief.id)}">{_e(DESCRIPTION)}</desc>',
        *(
            f'<text x="{x:.1f}" y="16" font-weight="700">{_e(MEASURE_WORDS[name].capitalize())}</text>'
            for x, name in zip(xs, measures)
        ),
    ]
    y = HEADER + ROW_HEIGHT / 2
    for event in events:
        parts.append(
            f'<a href="#{_e(event.id)}" class="cc-event"><title>{_e(event.title)}</title>'
            f'<text x="0" y="{y + 4:.1f}" font-weight="700">{_e(_short(event.title, 90))}</text></a>'
        )
        parts.append(
            f'<line x1="0" y1="{y + 9:.1f}" x2="{WIDTH}" y2="{y + 9:.1f}" stroke="currentColor" stroke-opacity="0.15"/>'
        )
        y += ROW_HEIGHT
        for report in event.reports:
            label = brief.source(report.source).label
            parts.append(
                f'<text x="12" y="{y + 4:.1f}" fill-opacity="0.85"><title>{_e(label)}</title>'
                f"{_e(_short(label, 30))}</text>"
            )
            for x, name, colour in zip(xs, measures, COLOURS):
                parts.append(_column(getattr(report, name), x, column, y, largest[name], colour))
            y += ROW_HEIGHT
    parts.append("</svg>")
    return "".join(parts)

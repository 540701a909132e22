"""A small chart of casualty figures: killed and injured, per event and per source.

Figures are drawn exactly as stated and never combined: an exact figure is a
solid bar, "at least" a solid bar that runs on into an open, dashed arrow
labelled with "≥", "about" a bar with a faded end labelled "≈", and a toll a
source does not put a number on is written out in words instead of drawn.
Like the timeline it is self-contained inline SVG built from escaped text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from generator.model import Brief, Count

WIDTH = 720
LABEL_WIDTH = 210
COLUMN_GAP = 16
ROW_HEIGHT = 22
HEADER = 26
KILLED_COLOUR = "#d32f2f"
INJURED_COLOUR = "#ef6c00"
DESCRIPTION = (
    "For each casualty event, one row per source with two bars, killed and injured, drawn to one scale: "
    "a solid bar is an exact figure, a bar running on into a dashed arrow is an 'at least' figure, a faded "
    "end means 'about', and a toll a source gives no number for is written in words. The same figures are "
    "in the table that follows."
)
BAR_ROOM = 0.72
"""Share of a column a bar may fill; the rest holds the figure's label and an at-least arrow."""


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
    return {"exact": "", "at-least": "\u2265 ", "about": "\u2248 "}[count.qualifier] + str(count.value)


@dataclass(frozen=True)
class FigureRow:
    """One source's figures for one event: a row of the chart, and of the table that repeats it in words."""

    event_id: str
    event_title: str
    source_label: str
    killed: Count | None
    injured: Count | None


def figure_rows(brief: Brief) -> list[FigureRow]:
    """Every event's figures, source by source, in the chart's order."""
    return [FigureRow(event.id, event.title, brief.source(report.source).label, report.killed, report.injured)
            for event in brief.casualty_events for report in event.reports]


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
    length = max(2.0, width * BAR_ROOM * count.value / largest)
    bar = f'<rect x="{x:.1f}" y="{y - 6:.1f}" width="{length:.1f}" height="12" fill="currentColor"/>'
    end = x + length
    if count.qualifier == "at-least":
        tip = end + 26
        bar += (f'<path d="M{end:.1f},{y:.1f} H{tip:.1f} M{tip - 5:.1f},{y - 5:.1f} L{tip:.1f},{y:.1f} '
                f'L{tip - 5:.1f},{y + 5:.1f}" fill="none" stroke="currentColor" stroke-width="2" '
                f'stroke-dasharray="4 3"/>')
        end = tip
    elif count.qualifier == "about":
        fuzz = max(6.0, length * 0.12)
        bar += (f'<rect x="{end:.1f}" y="{y - 6:.1f}" width="{fuzz:.1f}" height="12" fill="currentColor" '
                f'fill-opacity="0.35"/>')
        end += fuzz
    label = f'<text x="{end + 6:.1f}" y="{y + 4:.1f}" font-weight="600">{_e(figure_label(count))}</text>'
    return f'<g class="cc-bar" color="{colour}">{bar}</g>{label}'


def casualty_chart_svg(brief: Brief) -> str:
    """Killed and injured per event and source, as one line-free block of inline SVG."""
    events = brief.casualty_events
    if not events:
        return ""
    values = [c.value for e in events for r in e.reports for c in (r.killed, r.injured) if c and c.value is not None]
    largest = max(values, default=1) or 1
    rows = sum(1 + len(e.reports) for e in events)
    height = HEADER + rows * ROW_HEIGHT + 8
    column = (WIDTH - LABEL_WIDTH - COLUMN_GAP) / 2
    killed_x = LABEL_WIDTH
    injured_x = LABEL_WIDTH + column + COLUMN_GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="casualty-chart-svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="group" aria-labelledby="cc-title-{_e(brief.id)}" '
        f'aria-describedby="cc-desc-{_e(brief.id)}" font-family="sans-serif" font-size="12" fill="currentColor">',
        f'<title id="cc-title-{_e(brief.id)}">Casualty figures as each source states them; '
        f'figures are not added up</title>',
        f'<desc id="cc-desc-{_e(brief.id)}">{_e(DESCRIPTION)}</desc>',
        f'<text x="{killed_x}" y="16" font-weight="700">Killed</text>',
        f'<text x="{injured_x:.1f}" y="16" font-weight="700">Injured</text>',
    ]
    y = HEADER + ROW_HEIGHT / 2
    for event in events:
        parts.append(f'<a href="#{_e(event.id)}" class="cc-event"><title>{_e(event.title)}</title>'
                     f'<text x="0" y="{y + 4:.1f}" font-weight="700">{_e(_short(event.title, 90))}</text></a>')
        parts.append(f'<line x1="0" y1="{y + 9:.1f}" x2="{WIDTH}" y2="{y + 9:.1f}" stroke="currentColor" '
                     f'stroke-opacity="0.15"/>')
        y += ROW_HEIGHT
        for report in event.reports:
            label = brief.source(report.source).label
            parts.append(f'<text x="12" y="{y + 4:.1f}" fill-opacity="0.85"><title>{_e(label)}</title>'
                         f'{_e(_short(label, 30))}</text>')
            parts.append(_column(report.killed, killed_x, column, y, largest, KILLED_COLOUR))
            parts.append(_column(report.injured, injured_x, column, y, largest, INJURED_COLOUR))
            y += ROW_HEIGHT
    parts.append("</svg>")
    return "".join(parts)

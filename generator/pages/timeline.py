"""The timeline picture of a brief: agenda items and impact events on one date axis.

A pure function from a brief to a self-contained inline SVG string, so the
same picture works in the browser (light and dark themes) and in the PDF. It
needs no script: every mark is an ``<a href="#entry-id">`` to its entry on the
overview page. Stated dates are drawn solid, inferred ones hollow and dashed,
ranges as bars and approximate ones faded; long empty stretches of time are
cut out of the axis and the cut is drawn and labelled, never hidden.

Every piece of text from the brief is XML-escaped here; nothing else in the
picture comes from the brief except validated ids.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator.model.brief import Brief, When
from generator.pages.wording import when_text

WIDTH = 720
MARGIN = 10
AXIS_Y = 34
ROW_HEIGHT = 24
FIRST_ROW = AXIS_Y + 30
BREAK_WIDTH = 34
MIN_CLUSTER_WIDTH = 90
GAP_DAYS = 45
"""Stretches longer than this with nothing in them are cut out of the axis."""
CHAR_WIDTH = 6.4
"""Rough width of one character at the picture's font size, for placing labels."""
LABEL_LIMIT = 56
TIMELINE_DESCRIPTION = (
    "One row per dated entry, in date order, on a date axis: circles are agenda items, diamonds impact "
    "events, bars date ranges; hollow dashed marks are inferred dates and faded ones approximate; the shaded "
    "band is the event itself, and long empty stretches are cut out of the axis and labelled. Each mark "
    "links to its entry. The same entries are listed in the table that follows."
)
AGENDA_COLOUR = "#3f51b5"
IMPACT_COLOUR = "#d32f2f"


@dataclass(frozen=True)
class Mark:
    """One dated entry on the axis: an agenda item or a impact event."""

    id: str
    title: str
    category: Literal["agenda", "impact"]
    start: dt.date
    end: dt.date
    inferred: bool
    approximate: bool
    date_text: str

    @property
    def is_range(self) -> bool:
        return self.end > self.start


@dataclass(frozen=True)
class Undated:
    """An entry no source dates; listed under the axis instead of drawn on it."""

    id: str
    title: str
    category: Literal["agenda", "impact"]


@dataclass(frozen=True)
class Cluster:
    """A stretch of the axis drawn to scale: days ``start`` to ``end`` inclusive."""

    start: dt.date
    end: dt.date
    x: float
    width: float

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x_of(self, day: dt.date, fraction: float = 0.0) -> float:
        """The x of the beginning of ``day`` (plus a fraction of the day)."""
        return self.x + ((day - self.start).days + fraction) / self.days * self.width


def _when_words(when: When) -> str:
    return when_text(when)


def timeline_marks(brief: Brief) -> tuple[list[Mark], list[Undated]]:
    """The brief's dated entries in date order, and the undated ones in brief order."""
    marks: list[Mark] = []
    undated: list[Undated] = []
    entries: list[tuple[Literal["agenda", "impact"], str, str, When | None]] = [
        *(("agenda", a.id, a.title, a.when) for a in brief.agenda),
        *(("impact", c.id, c.title, c.when) for c in brief.impact_events),
    ]
    for category, entry_id, title, when in entries:
        if when is None:
            undated.append(Undated(entry_id, title, category))
            continue
        marks.append(
            Mark(
                entry_id,
                title,
                category,
                when.date,
                when.end or when.date,
                when.basis == "inferred",
                when.approximate,
                _when_words(when),
            )
        )
    marks.sort(key=lambda m: (m.start, m.end, m.category, m.id))
    return marks, undated


@dataclass(frozen=True)
class Gap:
    """A stretch of more than ``GAP_DAYS`` with no entry, between two rows of the timeline as a list."""

    days: int

    @property
    def words(self) -> str:
        return _gap_words(self.days)


def timeline_rows(brief: Brief) -> list[Mark | Gap]:
    """The dated entries in date order with the long empty stretches between them: the timeline as a
    list (the phone layout and the table a screen reader reads), saying what the picture shows."""
    marks, _ = timeline_marks(brief)
    rows: list[Mark | Gap] = []
    reached: dt.date | None = None
    for mark in marks:
        if reached is not None and (mark.start - reached).days > GAP_DAYS:
            rows.append(Gap((mark.start - reached).days - 1))
        rows.append(mark)
        reached = mark.end if reached is None else max(reached, mark.end)
    return rows


def clusters_for(spans: Sequence[tuple[dt.date, dt.date]], weights: Sequence[int]) -> list[Cluster]:
    """Cut the axis into stretches separated by long empty gaps, sized by how much they hold.

    Each stretch is drawn to scale inside itself; a stretch holding more marks
    gets more room, so a lone entry two years earlier does not squeeze the rest.
    """
    ordered = sorted(zip(spans, weights), key=lambda item: item[0])
    groups: list[tuple[dt.date, dt.date, int]] = []  # first day, last day, weight
    for (start, end), weight in ordered:
        if groups and (start - groups[-1][1]).days <= GAP_DAYS:
            first, last, held = groups[-1]
            groups[-1] = (first, max(last, end), held + weight)
        else:
            groups.append((start, end, weight))
    available = WIDTH - 2 * MARGIN - BREAK_WIDTH * (len(groups) - 1)
    total = sum(max(g[2], 1) for g in groups)
    widths = [max(MIN_CLUSTER_WIDTH, available * max(g[2], 1) / total) for g in groups]
    scale = available / sum(widths)
    clusters: list[Cluster] = []
    x = float(MARGIN)
    for (start, end, _), width in zip(groups, widths, strict=True):
        clusters.append(Cluster(start, end, x, width * scale))
        x += width * scale + BREAK_WIDTH
    return clusters


def _cluster_for(clusters: Sequence[Cluster], day: dt.date) -> Cluster:
    for cluster in clusters:
        if cluster.start <= day <= cluster.end:
            return cluster
    raise ValueError(f"{day} is on no stretch of the axis")


def _ticks(cluster: Cluster) -> list[tuple[dt.date, str]]:
    """Tick days and their labels, spaced so the labels do not collide."""
    per_day = cluster.width / cluster.days
    if per_day * 28 < 64 or cluster.days > 120:
        months: list[tuple[dt.date, str]] = []
        day = cluster.start
        label_every = max(1, math.ceil(64 / (per_day * 30.4)))
        count = 0
        while day <= cluster.end:
            if day == cluster.start or day.day == 1:
                if count % label_every == 0:
                    months.append((day, f"{day:%b %Y}"))
                count += 1
            day += dt.timedelta(days=1)
        return months
    step = next(s for s in (1, 2, 3, 7, 14) if s * per_day >= 46) if 14 * per_day >= 46 else 28
    ticks: list[tuple[dt.date, str]] = []
    day = cluster.start
    while day <= cluster.end:
        label = f"{day.day} {day:%b}"
        if not ticks:
            label += f" {day:%Y}"
        ticks.append((day, label))
        day += dt.timedelta(days=step)
    return ticks


def _e(text: object) -> str:
    """Text for the picture: XML-escaped, on one line (a blank line would end the page's HTML block)."""
    return html.escape(" ".join(str(text).split()), quote=True)


def _short(title: str) -> str:
    return title if len(title) <= LABEL_LIMIT else title[: LABEL_LIMIT - 1].rstrip() + "\u2026"


def _gap_words(days: int) -> str:
    if days >= 60:
        return f"{round(days / 30.44)} months"
    if days >= 14:
        return f"{round(days / 7)} weeks"
    return f"{days} days"


def _mark_shape(mark: Mark, x0: float, x1: float, y: float) -> str:
    colour = "currentColor"
    dash = ' stroke-dasharray="3 2"' if mark.inferred else ""
    fill = "none" if mark.inferred else colour
    opacity = ' fill-opacity="0.45"' if mark.approximate and not mark.inferred else ""
    if mark.is_range:
        return (
            f'<rect class="tl-shape" x="{x0:.1f}" y="{y - 5:.1f}" width="{max(x1 - x0, 4):.1f}" height="10" rx="3" '
            f'fill="{fill}"{opacity} stroke="{colour}" stroke-width="1.5"{dash}/>'
        )
    cx = (x0 + x1) / 2
    if mark.category == "impact":
        points = f"{cx:.1f},{y - 7:.1f} {cx + 7:.1f},{y:.1f} {cx:.1f},{y + 7:.1f} {cx - 7:.1f},{y:.1f}"
        return f'<polygon class="tl-shape" points="{points}" fill="{fill}"{opacity} stroke="{colour}" stroke-width="1.5"{dash}/>'
    return (
        f'<circle class="tl-shape" cx="{cx:.1f}" cy="{y:.1f}" r="5.5" fill="{fill}"{opacity} stroke="{colour}" '
        f'stroke-width="1.5"{dash}/>'
    )


def timeline_svg(brief: Brief) -> str:
    """The timeline of a brief as one line-free block of inline SVG (empty when nothing is dated)."""
    marks, _ = timeline_marks(brief)
    if not marks:
        return ""
    focus = (brief.when.date, brief.when.end or brief.when.date)
    spans = [(m.start, m.end) for m in marks] + [focus]
    clusters = clusters_for(spans, [1] * len(marks) + [0])
    legend_y = FIRST_ROW + ROW_HEIGHT * len(marks) + 6
    height = legend_y + 26
    parts: list[str] = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" role="group" aria-labelledby="tl-title-{_e(brief.id)}" '
            f'aria-describedby="tl-desc-{_e(brief.id)}" font-family="sans-serif" font-size="12" fill="currentColor">'
        ),
        f'<title id="tl-title-{_e(brief.id)}">Timeline of {_e(brief.title)}: {len(marks)} dated entries</title>',
        f'<desc id="tl-desc-{_e(brief.id)}">{_e(TIMELINE_DESCRIPTION)}</desc>',
    ]
    # The event's own dates, shaded behind everything.
    f_cluster = _cluster_for(clusters, focus[0])
    fx0, fx1 = f_cluster.x_of(focus[0]), f_cluster.x_of(focus[1], 1.0)
    parts.append(
        f'<rect class="tl-focus" x="{fx0:.1f}" y="{AXIS_Y:.1f}" width="{fx1 - fx0:.1f}" '
        f'height="{legend_y - AXIS_Y - 4:.1f}" fill="currentColor" fill-opacity="0.07">'
        f"<title>{_e(brief.title)}: {_e(_when_words(brief.when))}</title></rect>"
    )
    # The axis: one line per stretch, ticks, and a labelled cut between stretches.
    free_from = 0.0  # where the next tick label may start without touching the last one
    for index, cluster in enumerate(clusters):
        parts.append(
            f'<line class="tl-axis" x1="{cluster.x:.1f}" y1="{AXIS_Y}" x2="{cluster.x + cluster.width:.1f}" '
            f'y2="{AXIS_Y}" stroke="currentColor" stroke-opacity="0.55"/>'
        )
        for day, label in _ticks(cluster):
            x = cluster.x_of(day)
            parts.append(
                f'<line x1="{x:.1f}" y1="{AXIS_Y - 4}" x2="{x:.1f}" y2="{legend_y - 4}" stroke="currentColor" '
                f'stroke-opacity="0.12"/>'
            )
            if x >= free_from and x + len(label) * 5.6 <= WIDTH:
                parts.append(f'<text x="{x:.1f}" y="{AXIS_Y - 9}" font-size="11" fill-opacity="0.8">{_e(label)}</text>')
                free_from = x + len(label) * 5.6 + 8
        if index + 1 < len(clusters):
            following = clusters[index + 1]
            bx = cluster.x + cluster.width + BREAK_WIDTH / 2
            gap = (following.start - cluster.end).days - 1
            parts.append(
                f'<g class="tl-break"><title>{_e(_gap_words(gap))} left out of the axis</title>'
                f'<path d="M{bx - 7:.1f},{AXIS_Y + 6} l6,-12 M{bx + 1:.1f},{AXIS_Y + 6} l6,-12" '
                f'stroke="currentColor" stroke-opacity="0.7" fill="none"/>'
                f'<text x="{bx:.1f}" y="{AXIS_Y + 17}" font-size="9" text-anchor="middle" fill-opacity="0.7">'
                f"{_e(_gap_words(gap))}</text></g>"
            )
    # One row per dated entry, each a link to its entry.
    for row, mark in enumerate(marks):
        y = FIRST_ROW + ROW_HEIGHT * row
        start_cluster = _cluster_for(clusters, mark.start)
        end_cluster = _cluster_for(clusters, mark.end)
        if mark.is_range:
            x0, x1 = start_cluster.x_of(mark.start), end_cluster.x_of(mark.end, 1.0)
        else:
            x0 = start_cluster.x_of(mark.start, 0.5) - 1
            x1 = x0 + 2
        label = _short(mark.title)
        room_right = WIDTH - MARGIN - (x1 + 10)
        label_width = len(label) * CHAR_WIDTH
        if label_width <= room_right or room_right >= x0 - 10 - MARGIN:
            text = f'<text x="{x1 + 10:.1f}" y="{y + 4:.1f}">{_e(label)}</text>'
            hit_from, hit_to = x0 - 8, min(WIDTH, x1 + 10 + label_width)
        else:
            text = f'<text x="{x0 - 10:.1f}" y="{y + 4:.1f}" text-anchor="end">{_e(label)}</text>'
            hit_from, hit_to = max(0, x0 - 10 - label_width), x1 + 8
        # A transparent band over mark and label, so the whole row is one target to click or tap.
        text += (
            f'<rect class="tl-hit" x="{hit_from:.1f}" y="{y - ROW_HEIGHT / 2 + 1:.1f}" '
            f'width="{hit_to - hit_from:.1f}" height="{ROW_HEIGHT - 2}" fill="transparent"/>'
        )
        kind = "impact event" if mark.category == "impact" else "agenda item"
        colour = IMPACT_COLOUR if mark.category == "impact" else AGENDA_COLOUR
        parts.append(
            f'<a class="tl-mark tl-{mark.category}" href="#{_e(mark.id)}" data-entry="{_e(mark.id)}">'
            f"<title>{_e(mark.title)} \u2014 {_e(mark.date_text)} ({kind})</title>"
            f'<g class="tl-colour" color="{colour}">{_mark_shape(mark, x0, x1, y)}</g>{text}</a>'
        )
    # The legend says how to read the shapes.
    ly = legend_y + 12
    parts.append(
        f'<g class="tl-legend" font-size="10.5" fill-opacity="0.85">'
        f'<g class="tl-agenda"><g class="tl-colour" color="{AGENDA_COLOUR}">'
        f'<circle cx="{MARGIN + 6}" cy="{ly}" r="5" fill="currentColor"/></g></g>'
        f'<text x="{MARGIN + 16}" y="{ly + 4}">agenda item</text>'
        f'<g class="tl-impact"><g class="tl-colour" color="{IMPACT_COLOUR}">'
        f'<polygon points="{MARGIN + 106},{ly - 6} {MARGIN + 112},{ly} {MARGIN + 106},{ly + 6} {MARGIN + 100},{ly}" '
        f'fill="currentColor"/></g></g>'
        f'<text x="{MARGIN + 118}" y="{ly + 4}">impact event</text>'
        f'<circle cx="{MARGIN + 222}" cy="{ly}" r="5" fill="none" stroke="currentColor" stroke-dasharray="3 2"/>'
        f'<text x="{MARGIN + 232}" y="{ly + 4}">date inferred (hollow, dashed)</text>'
        f'<rect x="{MARGIN + 408}" y="{ly - 5}" width="26" height="10" rx="3" fill="currentColor" fill-opacity="0.45"/>'
        f'<text x="{MARGIN + 440}" y="{ly + 4}">range / approximate (faded)</text>'
        f'<rect x="{MARGIN + 610}" y="{ly - 6}" width="14" height="12" fill="currentColor" fill-opacity="0.12"/>'
        f'<text x="{MARGIN + 630}" y="{ly + 4}">the event</text>'
        f"</g>"
    )
    parts.append("</svg>")
    return "".join(parts)

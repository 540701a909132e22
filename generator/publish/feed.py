"""The site's Atom feed: new briefs, updates and corrections, so a reader can follow changes.

Built from the briefs and their git history alone (never the clock), so two builds of one
commit write the same bytes. Links are relative to the feed (``briefs/feed.xml``), as Atom
allows; ids are ``tag:`` URIs that do not depend on where the site is published.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model.brief import plain
from generator.pages.page import BriefInput
from generator.pages.wording import day_text

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
"""Where the feed is written among the generated pages (the site serves it at briefs/feed.xml)."""
_TAG = "tag:event-briefs,2025:"


@dataclass(frozen=True)
class FeedEntry:
    """One thing a reader may want to know about: a new brief, an update or a correction."""

    id: str
    title: str
    updated: dt.datetime
    link: str
    summary: str
    kind: str


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


FEED_LIMIT = 100
"""The newest entries a feed reader gets: the feed, downloaded on every poll, must not grow with the corpus."""


def feed_entries(inputs: Sequence[BriefInput]) -> list[FeedEntry]:
    """The newest ``FEED_LIMIT`` entries of the feed (new briefs, updates, corrections), newest first."""
    entries: list[FeedEntry] = []
    for item in inputs:
        brief = item.brief
        revisions = item.history.revisions if item.history else ()
        first = revisions[-1].date if revisions else _moment(brief.when.end or brief.when.date)
        entries.append(
            FeedEntry(
                f"{_TAG}{brief.id}",
                f"New brief: {brief.title}",
                first,
                f"{brief.id}/",
                plain(brief.key_points or brief.summary[:2]),
                "brief",
            )
        )
        for revision in revisions[:-1]:  # every later commit is an update
            entries.append(
                FeedEntry(
                    f"{_TAG}{brief.id}/update/{revision.commit}",
                    f"{'Corrected' if revision.corrections else 'Updated'}: {brief.title}",
                    revision.date,
                    f"{brief.id}/#updates",
                    "; ".join(revision.changes) + (f". Editor's note: {revision.note}" if revision.note else ""),
                    "update",
                )
            )
        for number, correction in enumerate(brief.corrections, start=1):
            entries.append(
                FeedEntry(
                    f"{_TAG}{brief.id}/correction/{number}",
                    f"Correction to {brief.title} ({day_text(correction.date)})",
                    _moment(correction.date),
                    f"{brief.id}/#corrections",
                    f"It said: {correction.was} It now says: {correction.now.says}",
                    "correction",
                )
            )
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_LIMIT]


def atom_feed(inputs: Sequence[BriefInput]) -> str:
    """The Atom document (RFC 4287) for these briefs."""
    ET.register_namespace("", ATOM)
    entries = feed_entries(inputs)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{_TAG}feed"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "Event briefs: new briefs, updates and corrections"
    newest = entries[0].updated if entries else _moment(dt.date(2025, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat()
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": FEED_PATH})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": "./"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "The curators of the event briefs"
    for entry in entries:
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(node, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(node, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(node, f"{{{ATOM}}}updated").text = entry.updated.isoformat()
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "href": entry.link})
        ET.SubElement(node, f"{{{ATOM}}}category", {"term": entry.kind})
        ET.SubElement(node, f"{{{ATOM}}}summary").text = entry.summary
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"

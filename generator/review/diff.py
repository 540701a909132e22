"""Review summary: what changed between two versions of a brief, in the terms a reviewer uses.

Pure functions only: two :class:`Brief` values become a list of :class:`Change`
records (participant added, impact figure changed on which source, question
resolved, citation removed, ...), and records become Markdown. Reading the
briefs at git revisions is :mod:`generator.review.revisions`' job.

Everything a brief says is untrusted; the Markdown passes it through
:func:`generator.pages.markup.inert`, so a brief cannot add links, images or HTML to
a pull request's summary.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from generator.model import brief as model
from generator.model.archive import SourceText, normalize_quote
from generator.model.brief import Brief
from generator.pages.coverage import brief_coverage
from generator.pages.markup import inert
from generator.pages.wording import MEASURE_WORDS, percent

SECTIONS: dict[str, str] = {
    "brief": "The brief as a whole",
    "sources": "Sources",
    "sides": "Sides",
    "participants": "Participants",
    "agenda": "Agenda and timeline",
    "impact_events": "Impact",
    "open_questions": "Open questions",
    "discrepancies": "Discrepancies",
}
"""Each section of a brief, in the order a reviewer reads the summary."""

KINDS: dict[str, str] = {
    "brief": "brief",
    "sources": "source",
    "sides": "side",
    "participants": "participant",
    "agenda": "agenda item",
    "impact_events": "impact event",
    "open_questions": "open question",
    "discrepancies": "discrepancy",
}

_FIELD_LABELS: dict[str, str] = {
    "when": "date",
    "published": "publication date",
    "attributed_to": "attributed to",
    "why_it_matters": "why it matters",
    "presence_note": "note on presence",
    "as_stated": "figure as stated",
}
_ITEM_LABELS: dict[str, str] = {
    "participants": "participant",
    "entries": "affected entry",
    "tags": "tag",
    "variants": "spelling variant",
    "reliability": "reliability note",
}
_QUALIFIERS = {"exact": "", "at-least": "at least ", "about": "about "}
_PROSE_LENGTH = 100
_PLAIN_PATH = re.compile(r"^[A-Za-z0-9._/-]+$")

Action = Literal["added", "removed", "changed", "resolved", "reopened"]


@dataclass(frozen=True)
class Detail:
    """One thing that changed inside an entry; ``old``/``new`` are None when it was added/removed."""

    what: str
    old: str | None = None
    new: str | None = None
    prose: bool = False
    """Long text: shown as the words that changed rather than both versions in full."""


@dataclass(frozen=True)
class Change:
    """An entry of a brief that was added, removed or changed."""

    section: str
    action: Action
    entry_id: str
    name: str
    details: tuple[Detail, ...] = ()

    @property
    def kind(self) -> str:
        return KINDS[self.section]


@dataclass(frozen=True)
class FileReport:
    """The changes to one brief file between two revisions."""

    path: str
    status: Literal["added", "removed", "modified"]
    title: str
    changes: tuple[Change, ...] = ()
    problem: str | None = None
    """Why the file could not be compared (it does not load at one revision)."""
    coverage: tuple[CoverageChange, ...] = ()
    """How much of each source the brief uses, before and after (see :mod:`generator.pages.coverage`)."""


@dataclass(frozen=True)
class CoverageChange:
    """One source's coverage at both revisions: its share of sentences used, and what changed in it."""

    source: str
    name: str
    before: float | None
    after: float | None
    total: int
    unused: int
    now_unused: tuple[str, ...] = ()
    """Sentences the brief used before and does not use now."""
    now_used: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArchiveChange:
    """A file in the source archive that was added, removed or modified."""

    path: str
    status: Literal["added", "removed", "modified"]


# --- comparing -------------------------------------------------------------------------


def entry_name(entry: BaseModel) -> str:
    """What a reader calls an entry: a source's label, a person's name, an item's title."""
    for attribute in ("label", "name", "title", "question"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str):
            return value
    return str(getattr(entry, "id", ""))


class _Names:
    """Readable names for ids, taken from the new brief first and the old one second."""

    def __init__(self, *briefs: model.Brief | None) -> None:
        self.names: dict[str, str] = {}
        for brief in reversed([b for b in briefs if b is not None]):
            for list_name in model.ENTRY_LISTS:
                for entry in getattr(brief, list_name):
                    self.names[entry.id] = entry_name(entry)

    def __call__(self, entry_id: str) -> str:
        name = self.names.get(entry_id)
        return f"{name} ({entry_id})" if name and name != entry_id else entry_id


def diff_briefs(old: model.Brief | None, new: model.Brief | None) -> list[Change]:
    """Every change from ``old`` to ``new`` (None: the brief did not exist at that revision)."""
    if old is None and new is None:
        return []
    names = _Names(new, old)
    changes: list[Change] = []
    if old is None or new is None:
        brief = new if new is not None else old
        assert brief is not None
        action: Action = "added" if new is not None else "removed"
        changes.append(Change("brief", action, brief.id, brief.title))
        for list_name in model.ENTRY_LISTS:
            changes.extend(Change(list_name, action, e.id, entry_name(e)) for e in getattr(brief, list_name))
        return changes
    top = tuple(_compare(old, new, names, skip=set(model.ENTRY_LISTS)))
    if top:
        changes.append(Change("brief", "changed", new.id, new.title, top))
    for list_name in model.ENTRY_LISTS:
        changes.extend(_entry_changes(list_name, getattr(old, list_name), getattr(new, list_name), names))
    return changes


def _entry_changes(list_name: str, old: Sequence[Any], new: Sequence[Any], names: _Names) -> Iterator[Change]:
    before = {entry.id: entry for entry in old}
    after = {entry.id: entry for entry in new}
    for entry in new:
        previous = before.get(entry.id)
        if previous is None:
            yield Change(list_name, "added", entry.id, entry_name(entry))
        elif previous != entry:
            details = tuple(_compare(previous, entry, names))
            action: Action = "changed"
            if list_name == "open_questions" and previous.status != entry.status:
                action = "resolved" if entry.status == "resolved" else "reopened"
            yield Change(list_name, action, entry.id, entry_name(entry), details)
    for entry in old:
        if entry.id not in after:
            yield Change(list_name, "removed", entry.id, entry_name(entry))


def _compare(
    old: BaseModel, new: BaseModel, names: _Names, where: str = "", skip: set[str] | None = None
) -> Iterator[Detail]:
    """The details that differ between two versions of the same entry."""
    for field in type(new).model_fields:
        if field == "id" or (skip and field in skip):
            continue
        a, b = getattr(old, field), getattr(new, field)
        if a == b:
            continue
        label = _FIELD_LABELS.get(field, field.replace("_", " ")) + where
        if field == "citations":
            yield from _citation_details(a, b, names, where)
        elif field == "reports":
            yield from _keyed_details(a, b, lambda r: r.source, "figures", " according to ", names)
        elif field == "positions":
            yield from _keyed_details(a, b, lambda p: p.side, "position", " of ", names)
        elif isinstance(a, model.When) or isinstance(b, model.When):
            yield from _when_details(label, a, b)
        elif isinstance(a, model.Count) or isinstance(b, model.Count):
            yield Detail(label, describe_count(a), describe_count(b))
        elif field == "corrections":  # a correction is named as one: what the brief said, what it says now
            for correction in b or ():
                if correction not in (a or ()):
                    yield Detail("correction" + where, correction.was, correction.now.says, prose=True)
            for correction in a or ():
                if correction not in (b or ()):
                    yield Detail("correction withdrawn" + where, correction.was, None, prose=True)
        elif _is_prose(a) or _is_prose(b):
            old_text, new_text = model.plain(a), model.plain(b)
            if old_text != new_text:
                yield Detail(label, old_text or None, new_text or None, prose=True)
            yield from _citation_details(
                [c for claim in a or () for c in claim.cite], [c for claim in b or () for c in claim.cite], names, where
            )
        elif isinstance(a, list) or isinstance(b, list):
            show = names if field in ("participants", "entries") else str
            yield from _item_details(_ITEM_LABELS.get(field, field) + where, a or [], b or [], show)
        elif field in ("side", "source"):
            yield Detail(label, names(a), names(b))
        elif isinstance(a, str) and isinstance(b, str):
            yield Detail(label, a, b, prose=max(len(a), len(b)) > _PROSE_LENGTH)
        else:
            yield Detail(label, _plain(a), _plain(b))


def _is_prose(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], model.Claim)


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _item_details(what: str, old: Sequence[str], new: Sequence[str], show: Callable[[str], str]) -> Iterator[Detail]:
    for item in new:
        if item not in old:
            yield Detail(what, None, show(item))
    for item in old:
        if item not in new:
            yield Detail(what, show(item), None)


def _citation_key(citation: model.Citation) -> tuple[str, str]:
    return citation.source, normalize_quote(citation.quote)


def _citation_details(
    old: Sequence[model.Citation], new: Sequence[model.Citation], names: _Names, where: str
) -> Iterator[Detail]:
    """Citations are matched by source and quote (ignoring whitespace and quote-mark style)."""
    before = {_citation_key(c): c for c in old}
    after = {_citation_key(c): c for c in new}
    for key, citation in after.items():
        what = f"citation{where} from {names(citation.source)}"
        if key not in before:
            yield Detail(what, None, f"“{citation.quote}”")
        elif before[key].note != citation.note:
            yield Detail(f"note on the {what} “{citation.quote}”", before[key].note, citation.note)
    for key, citation in before.items():
        if key not in after:
            yield Detail(f"citation{where} from {names(citation.source)}", f"“{citation.quote}”", None)


def _keyed_details(
    old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], str], noun: str, joiner: str, names: _Names
) -> Iterator[Detail]:
    """Sub-entries matched by what they belong to: impact reports by source, positions by side."""
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    for owner, item in after.items():
        where = f"{joiner}{names(owner)}"
        if owner not in before:
            yield Detail(f"{noun}{where}", None, _describe_part(item))
        else:
            yield from _compare(before[owner], item, names, where)
    for owner, item in before.items():
        if owner not in after:
            yield Detail(f"{noun}{joiner}{names(owner)}", _describe_part(item), None)


def _describe_part(item: BaseModel) -> str:
    if isinstance(item, model.ImpactReport):
        parts = [f"{MEASURE_WORDS[name]} {describe_count(count)}" for name, count in item.figures()]
        if item.who:
            parts.append(f"who: {item.who}")
        return "; ".join(parts) or "no figures"
    if isinstance(item, model.Position):
        return model.plain(item.position)
    return entry_name(item)


def describe_count(count: model.Count | None) -> str:
    """A figure the way a reviewer reads it: 'at least 35 (“at least 35 civilians dead”)'."""
    if count is None:
        return "none"
    figure = "unspecified" if count.value is None else f"{_QUALIFIERS[count.qualifier]}{count.value}"
    return f"{figure} (“{count.as_stated}”)"


def describe_when(when: model.When | None) -> str:
    """A date as a reviewer reads it: '2025-04-16 – 2025-04-18 (stated)'."""
    if when is None:
        return "none"
    text = when.date.isoformat() + (f" – {when.end.isoformat()}" if when.end else "")
    return (
        f"{text} ({when.basis}"
        + (f", {when.bound.replace('-', ' ')}" if when.bound else "")
        + (", approximate)" if when.approximate else ")")
    )


def _when_details(label: str, old: model.When | None, new: model.When | None) -> Iterator[Detail]:
    if describe_when(old) != describe_when(new):
        yield Detail(label, describe_when(old), describe_when(new))
    old_note, new_note = (old.note if old else None), (new.note if new else None)
    if old_note != new_note:
        yield Detail(f"note on the {label}", old_note, new_note, prose=True)


# --- Markdown --------------------------------------------------------------------------


def _text(value: str) -> str:
    """Untrusted text as inert Markdown, with GitHub's strikethrough marker escaped too."""
    return str(inert(value)).replace("~", "\\~")


def _path(path: str) -> str:
    """A file path as a code span when that is safe, else as inert text."""
    return f"`{path}`" if _PLAIN_PATH.match(path) else _text(path)


def _word_changes(old: str, new: str, context: int = 6) -> str:
    """Only the words that changed, with a little context: '… at least ~~35~~ **34** people …'."""
    a, b = old.split(), new.split()
    pieces: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        words: list[str] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                words.append(_text(" ".join(a[i1:i2])))
                continue
            if i2 > i1:
                words.append(f"~~{_text(' '.join(a[i1:i2]))}~~")
            if j2 > j1:
                words.append(f"**{_text(' '.join(b[j1:j2]))}**")
        first, last = group[0], group[-1]
        lead = "… " if first[1] > 0 else ""
        tail = " …" if last[2] < len(a) else ""
        pieces.append(lead + " ".join(w for w in words if w) + tail)
    return "; ".join(pieces)


def render_detail(detail: Detail) -> str:
    """One detail as a Markdown list item's text."""
    what = _text(detail.what)
    if detail.old is None and detail.new is not None:
        return f"{what} added: {_text(detail.new)}"
    if detail.new is None and detail.old is not None:
        return f"{what} removed: {_text(detail.old)}"
    if detail.old is None or detail.new is None:  # pragma: no cover - a detail always has a side
        return f"{what} changed"
    if detail.prose:
        return f"{what} changed: {_word_changes(detail.old, detail.new)}"
    return f"{what} changed: {_text(detail.old)} → **{_text(detail.new)}**"


def render_change(change: Change) -> list[str]:
    """A change as a list item, with its details nested under it (four spaces: GitHub and Python-Markdown)."""
    verb = change.action.capitalize()
    kind = "open question" if change.action in ("resolved", "reopened") else change.kind
    lines = [f"- **{verb}** {kind} **{_text(change.name)}** (`{change.entry_id}`)"]
    details = [d for d in change.details if not (kind == "open question" and d.what == "status")]
    lines.extend(f"    - {render_detail(detail)}" for detail in details)
    return lines


def _counts(changes: Sequence[Change]) -> str:
    tally = {action: 0 for action in ("added", "changed", "resolved", "reopened", "removed")}
    for change in changes:
        if change.section != "brief":
            tally[change.action] += 1
    return ", ".join(f"{count} {action}" for action, count in tally.items() if count) or "no entries changed"


def render_file(report: FileReport) -> list[str]:
    """The Markdown section for one brief file."""
    lines = [f"### {_text(report.title)}", "", f"{_path(report.path)} ({report.status}): {_counts(report.changes)}", ""]
    if report.problem:
        lines += [f"> **Could not compare this file:** {_text(report.problem)}", ""]
    for section, heading in SECTIONS.items():
        in_section = [c for c in report.changes if c.section == section]
        if not in_section or (section == "brief" and report.status != "modified"):
            continue
        lines += [f"#### {heading}", ""]
        for change in in_section:
            if section == "brief":  # the file's heading already names the brief
                lines.extend(f"- {render_detail(detail)}" for detail in change.details)
            else:
                lines.extend(render_change(change))
        lines.append("")
    if report.coverage:
        lines += [
            "#### Coverage of the sources",
            "",
            (
                "Share of each source's sentences the brief uses (a repeated sentence once); run `brief coverage` "
                "for the unused ones."
            ),
            "",
        ]
        for cov in report.coverage:
            was = (
                ""
                if cov.before is None or cov.after is None or round(cov.before * 100) == round(cov.after * 100)
                else f" (was {percent(cov.before)})"
            )
            share = percent(cov.after) if cov.after is not None else "removed"
            lines.append(
                f"- {_text(cov.name)} ({_path(cov.source)}): {share} of {cov.total} sentences used{was}; "
                f"{cov.unused} unused"
            )
            lines += [f"  - no longer used: {_text(_short(t))}" for t in cov.now_unused[:_SHOWN]]
            lines += [f"  - now used: {_text(_short(t))}" for t in cov.now_used[:_SHOWN]]
        lines.append("")
    return lines


_SHOWN = 5


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def coverage_changes(
    old: Brief | None, new: Brief | None, old_texts: dict[str, SourceText], new_texts: dict[str, SourceText]
) -> tuple[CoverageChange, ...]:
    """Each source's coverage in the new brief beside the old one's (pure: the texts are read by the caller)."""
    if new is None:
        return ()
    before = {c.source: c for c in brief_coverage(old, old_texts)} if old is not None else {}
    found = []
    for cov in brief_coverage(new, new_texts):
        was = before.get(cov.source)
        used_then = {s.text for s in was.sentences if s.state in ("used", "partly")} if was else set()
        used_now = {s.text for s in cov.sentences if s.state in ("used", "partly")}
        found.append(
            CoverageChange(
                cov.source,
                new.source_name(cov.source),
                was.share if was else None,
                cov.share,
                cov.total,
                cov.count("unused"),
                tuple(s.text for s in cov.sentences if s.text in used_then - used_now),
                tuple(s.text for s in cov.sentences if was and s.text in used_now - used_then),
            )
        )
    return tuple(found)


def render_archive(changes: Sequence[ArchiveChange]) -> list[str]:
    lines = ["### Archived sources", ""]
    for change in changes:
        if change.status == "modified":
            lines.append(
                f"- **Modified** {_path(change.path)}: archived sources must stay verbatim copies; "
                "make sure this change restores the original text"
            )
        else:
            lines.append(f"- **{change.status.capitalize()}** {_path(change.path)}")
    return [*lines, ""]


def render_markdown(
    reports: Sequence[FileReport], archive: Sequence[ArchiveChange] = (), base: str = "base", head: str = "head"
) -> str:
    """The whole review summary, as GitHub shows it on a pull request's checks page."""
    lines = ["## Changes to the briefs", "", f"Compared {_text(base)} with {_text(head)}.", ""]
    if not reports and not archive:
        lines += ["No brief and no archived source changed.", ""]
    for report in reports:
        lines.extend(render_file(report))
    if archive:
        lines.extend(render_archive(archive))
    return "\n".join(lines).rstrip("\n") + "\n"

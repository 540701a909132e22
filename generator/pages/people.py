"""People across briefs: one entry per person, however many briefs name them.

Two participants of different briefs are the same person when they share an
id (ids are written from the name, e.g. ``marco-rubio``) or when their names
slugify alike (``Volodymyr Zelensky`` in one brief, id ``zelensky`` in
another). Entries an editor wants kept apart get a different id and name. A
person's page lives at ``people/<id>.md`` under the id of their first
appearance (earliest brief, then brief id), so it stays put as briefs are added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slugify import slugify

from generator.model.brief import AgendaItem, Brief, OpenQuestion, Participant, Position


@dataclass(frozen=True)
class Appearance:
    """One participant entry of one brief, with what involves them there."""

    brief: Brief
    participant: Participant
    agenda: tuple[AgendaItem, ...]
    positions: tuple[tuple[OpenQuestion, Position], ...]

    @property
    def side_name(self) -> str:
        return self.brief.side(self.participant.side).name


@dataclass(frozen=True)
class Person:
    """A person (or named group) with every appearance across the briefs."""

    slug: str
    name: str
    variants: tuple[str, ...]
    appearances: tuple[Appearance, ...]
    language: str | None = None
    """The language the name comes from, as the first brief that records one gives it."""


def _by_date(item: AgendaItem) -> tuple[bool, str]:
    return (item.when is None, item.when.date.isoformat() if item.when else "")


def _appearance(brief: Brief, person: Participant) -> Appearance:
    agenda = tuple(sorted((a for a in brief.agenda if person.id in a.participants), key=_by_date))
    positions = tuple((q, p) for q in brief.open_questions for p in q.positions if person.id in p.participants)
    return Appearance(brief, person, agenda, positions)


def people_across(briefs: Sequence[Brief]) -> list[Person]:
    """Every person of every brief, merged by id or slugified name, sorted by name."""
    ordered = sorted(briefs, key=lambda b: (b.when.date, b.id))
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    entries: list[tuple[Brief, Participant]] = []
    for brief in ordered:
        for person in brief.participants:
            entries.append((brief, person))
            keys = [f"id:{person.id}", f"name:{slugify(person.name) or person.id}"]
            first = find(keys[0])
            for key in keys[1:]:
                root = find(key)
                if root != first:
                    parent[root] = first
    groups: dict[str, list[tuple[Brief, Participant]]] = {}
    for brief, person in entries:
        groups.setdefault(find(f"id:{person.id}"), []).append((brief, person))
    people: list[Person] = []
    for members in groups.values():
        lead = members[0][1]
        names: list[str] = []
        for _, person in members:
            for name in (person.name, *person.variants):
                if name != lead.name and name not in names:
                    names.append(name)
        appearances = tuple(_appearance(b, p) for b, p in reversed(members))
        language = next((p.language for _, p in members if p.language), None)
        people.append(Person(lead.id, lead.name, tuple(names), appearances, language))
    return sorted(people, key=lambda p: (slugify(p.name), p.slug))


def person_slugs(people: Sequence[Person]) -> dict[tuple[str, str], str]:
    """(brief id, participant id) to the slug of that person's page."""
    return {(a.brief.id, a.participant.id): person.slug for person in people for a in person.appearances}

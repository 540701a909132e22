"""Deterministic synthetic briefs shaped like the Paris brief, for the benchmark.

Each brief has 5 archived sources (generated text files), about 20
participants drawn from one shared pool (so people recur across briefs), 15
agenda items, 3 impact events, 7 open questions, 10 discrepancies and about
160 citations whose quotes are copied from the generated sources, so every
brief passes ``brief check``. Its prose is a list of claims: each sentence is
written beside a sentence of one source (which holds its names, numbers and
dates) and cites that source sentence whole, so the support rules hold too.
Brief ``i`` is the same whatever the count, so the corpus of 100 is the first
100 of the corpus of 1,000.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_SEED = 7

_FIRST = [
    "Anna",
    "Boris",
    "Claire",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Irina",
    "Jonas",
    "Katya",
    "Lukas",
    "Marta",
    "Nikolai",
    "Olga",
    "Pierre",
    "Quentin",
    "Rosa",
    "Stefan",
    "Tamara",
    "Ulrich",
    "Vera",
    "Walter",
    "Yana",
    "Zoran",
]
_LAST = [
    "Abel",
    "Brandt",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gallo",
    "Horvat",
    "Ivanova",
    "Jansen",
    "Kovac",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Orlov",
    "Petrov",
    "Quist",
    "Rossi",
    "Schmidt",
    "Tkachenko",
]
_SIDES = [
    ("united-states", "United States"),
    ("france", "France"),
    ("germany", "Germany"),
    ("united-kingdom", "United Kingdom"),
    ("ukraine", "Ukraine"),
    ("russia", "Russia"),
    ("poland", "Poland"),
    ("italy", "Italy"),
    ("turkey", "Turkey"),
    ("commentators", "Commentators and analysts"),
]
_ROLES = [
    "foreign minister",
    "defence minister",
    "special envoy",
    "national security adviser",
    "ambassador",
    "deputy foreign minister",
    "chief negotiator",
    "presidential spokesperson",
    "senior diplomat",
    "military analyst",
    "prime minister",
    "head of the presidential office",
]
_CITIES = [
    "Geneva",
    "Vienna",
    "Istanbul",
    "Helsinki",
    "Warsaw",
    "Rome",
    "Berlin",
    "London",
    "Riyadh",
    "Oslo",
    "Prague",
    "Lisbon",
    "Ankara",
    "Brussels",
    "Madrid",
    "Budapest",
    "Copenhagen",
    "Doha",
]
_TOWNS = [
    "Kharkiv",
    "Sumy",
    "Zaporizhzhia",
    "Kherson",
    "Dnipro",
    "Odesa",
    "Mykolaiv",
    "Poltava",
    "Chernihiv",
    "Kramatorsk",
    "Pokrovsk",
    "Kryvyi Rih",
]
_WEAPONS = ["ballistic missile", "glide bomb", "drone strike", "artillery shelling", "cruise missile"]
_TOPICS = [
    "a ceasefire along the front line",
    "security guarantees for Kyiv",
    "the exchange of prisoners",
    "sanctions relief",
    "the future of the nuclear plant",
    "grain exports through the Black Sea",
    "the return of deported children",
    "a monitoring mission",
    "reconstruction funding",
    "air defence deliveries",
    "energy infrastructure",
    "a timetable for further talks",
]
_VERBS = ["discussed", "raised", "pressed for", "questioned", "welcomed", "rejected", "proposed", "described"]
_ADJECTIVES = ["constructive", "difficult", "frank", "lengthy", "preliminary", "tense", "productive", "brief"]
_TAGS = [
    "peace-talks",
    "ceasefire",
    "diplomacy",
    "sanctions",
    "security-guarantees",
    "energy",
    "prisoners",
    "humanitarian",
    "reconstruction",
    "air-defence",
    "black-sea",
    "nuclear-safety",
]
_SOURCE_KINDS = ["news-report", "blog-post", "forum-post", "preview", "article"]
_KINDS = ["meeting", "talks", "call", "statement", "interview", "announcement", "visit"]
_STATUSES = ["held", "held", "held", "scheduled", "announced", "reported"]


@dataclass(frozen=True)
class Person:
    """One member of the shared pool: the same name, role and side in every brief."""

    id: str
    name: str
    role: str
    side: str


@dataclass(frozen=True)
class SyntheticBrief:
    """One generated brief: its file name, YAML text and archived source texts."""

    id: str
    file_name: str
    yaml_text: str
    sources: dict[str, str]


def people_pool(seed: int = DEFAULT_SEED) -> list[Person]:
    """The 150 people every brief draws its participants from."""
    rng = random.Random(f"pool:{seed}")
    names = [f"{first} {last}" for first in _FIRST for last in _LAST]
    rng.shuffle(names)
    pool = []
    for name in names[:150]:
        side = rng.choice(_SIDES)
        pool.append(Person(name.lower().replace(" ", "-"), name, rng.choice(_ROLES), side[0]))
    return pool


class _Writer:
    """Writes one source's text sentence by sentence, remembering each sentence."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.paragraphs: list[list[str]] = []

    def paragraph(self, sentences: list[str]) -> None:
        self.paragraphs.append(sentences)

    def text(self, title: str) -> str:
        lines = [title, ""]
        for sentences in self.paragraphs:
            lines.append(" ".join(sentences))
            lines.append("")
        return "\n".join(lines)

    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]


_SHORT = {"United States": "US", "United Kingdom": "UK"}


def _ours(name: str) -> str:
    """A side's name as our sentences write it: 'US' for 'United States', as the Paris brief does."""
    return _SHORT.get(name, name)


_NAMING_SHAPES = (0, 1, 2, 5)
"""The sentence shapes that name their person (a position's words must name its side or people)."""
_DONE_SHAPES = (0, 1, 2, 3, 4)
"""The sentence shapes that report something done, without a word of plan ('would')."""


def _sentence_pair(
    rng: random.Random,
    people: list[Person],
    place: str,
    day: dt.date,
    *,
    person: Person | None = None,
    topic: str | None = None,
    shapes: tuple[int, ...] = (0, 1, 2, 3, 4, 5),
) -> tuple[str, str]:
    """A sentence of a source and the same fact in the brief's words (no name, number or date the source lacks)."""
    person = person or rng.choice(people)
    other = rng.choice(people)
    topic = topic or rng.choice(_TOPICS)
    verb, adjective, first, second = (
        rng.choice(_VERBS),
        rng.choice(_ADJECTIVES),
        rng.choice(_SIDES)[1],
        rng.choice(_SIDES)[1],
    )
    days = rng.randint(2, 9)
    pairs = [
        (
            f"{person.name}, the {person.role}, {verb} {topic} during a {adjective} session in {place} on {day:%A, %B} {day.day}.",
            f"{person.name} {verb} {topic} in {place} on {day:%B} {day.day}.",
        ),
        (
            f"According to officials familiar with the talks, {person.name} and {other.name} {verb} {topic} behind closed doors.",
            f"According to officials, {person.name} and {other.name} {verb} {topic} in private.",
        ),
        (
            f"\u201cWe cannot accept {topic} without guarantees,\u201d {person.name} told reporters after the {adjective} meeting.",
            f"{person.name} told reporters that {topic} was unacceptable without guarantees.",
        ),
        (
            f"Delegations from {first} and {second} {verb} {topic}, a diplomat said on condition of anonymity.",
            f"An unnamed diplomat said delegations from {_ours(first)} and {_ours(second)} {verb} {topic}.",
        ),
        (
            f"Observers called the exchange on {topic} {adjective} but said no agreement was reached in {place}.",
            f"Observers said the exchange on {topic} in {place} ended without agreement.",
        ),
        (
            f"{person.name} said the next round would return to {topic} within {days} days.",
            f"{person.name} said the next round would take up {topic} within {days} days.",
        ),
    ]
    return pairs[rng.choice(shapes)]


def _sentence(rng: random.Random, people: list[Person], place: str, day: dt.date) -> str:
    return _sentence_pair(rng, people, place, day)[0]


def _casualty_sentence(rng: random.Random, town: str, weapon: str, killed: int, injured: int, day: dt.date) -> str:
    return (
        f"A {weapon} hit the centre of {town} on {day:%B} {day.day}, killing at least {killed} people "
        f"and injuring {injured}, local authorities said."
    )


def _casualty_says(town: str, weapon: str, killed: int, day: dt.date) -> str:
    return f"Local authorities said a {weapon} hit {town} on {day:%B} {day.day}, killing at least {killed} people."


def _straight(rng: random.Random, quote: str) -> str:
    if rng.random() < 0.1:  # editors type straight quotes for the source's curly ones
        quote = quote.replace("\u201c", '"').replace("\u201d", '"')
    return quote


def _quote_from(rng: random.Random, sentence: str) -> str:
    """A run of 6 to 14 whole words of the sentence, copied exactly."""
    words = sentence.split(" ")
    length = min(len(words), rng.randint(6, 14))
    start = rng.randint(0, len(words) - length)
    return _straight(rng, " ".join(words[start : start + length]))


def synthetic_brief(index: int, seed: int = DEFAULT_SEED, pool: list[Person] | None = None) -> SyntheticBrief:
    """Brief number ``index`` of the synthetic corpus for ``seed``."""
    rng = random.Random(f"brief:{seed}:{index}")
    pool = pool or people_pool(seed)
    city = rng.choice(_CITIES)
    brief_id = f"talks-{index:04d}-{city.lower()}"
    start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    end = start + dt.timedelta(days=rng.randint(1, 3))
    people = rng.sample(pool, rng.randint(18, 22))
    towns = rng.sample(_TOWNS, 3)

    # --- the five archived sources ------------------------------------------------------------
    source_ids = [f"src-{n}-{kind}" for n, kind in enumerate(_SOURCE_KINDS)]
    preview = source_ids[_SOURCE_KINDS.index("preview")]
    reports = [sid for sid in source_ids if sid != preview]  # written after the event: they report it done
    files = {sid: f"{brief_id}-{n}.txt" for n, sid in enumerate(source_ids)}
    writers = {sid: _Writer(rng) for sid in source_ids}
    tolls: dict[str, dict[str, tuple[int, int]]] = {}
    strikes: dict[str, dict[str, tuple[str, str]]] = {}  # town -> source -> (source sentence, our words)
    for n, sid in enumerate(source_ids):
        writer = writers[sid]
        for _ in range(rng.randint(9, 15)):
            day = start + dt.timedelta(days=rng.randint(-10, 3))
            writer.paragraph([_sentence(rng, people, city, day) for _ in range(rng.randint(2, 4))])
        for town in towns:
            killed, injured = rng.randint(3, 60), rng.randint(5, 120)
            weapon = rng.choice(_WEAPONS)
            tolls.setdefault(town, {})[sid] = (killed, injured)
            sentence = _casualty_sentence(rng, town, weapon, killed, injured, start)
            strikes.setdefault(town, {})[sid] = (sentence, _casualty_says(town, weapon, killed, start))
            writer.paragraph([sentence, _sentence(rng, people, town, start)])

    def cite(count: int, only: str | None = None) -> list[dict[str, str]]:
        chosen = []
        for _ in range(count):
            sid = only or rng.choice(source_ids)
            chosen.append({"source": sid, "quote": _quote_from(rng, rng.choice(writers[sid].sentences()))})
        return chosen

    def claim(place: str = city, day: dt.date = start, among: list[str] = source_ids, **shape: Any) -> dict[str, Any]:
        """One sentence in our words, its source sentence added to one of ``among``, and that sentence cited."""
        sid = rng.choice(among)
        sentence, says = _sentence_pair(rng, people, place, day, **shape)
        rng.choice(writers[sid].paragraphs).append(sentence)
        return {"says": says, "cite": [{"source": sid, "quote": _straight(rng, sentence)}]}

    def when(day: dt.date, inferred: bool = False) -> dict[str, Any]:
        if inferred:
            return {
                "date": day.isoformat(),
                "basis": "inferred",
                "note": "The source says 'on Sunday'; counted back from its own date.",
            }
        return {"date": day.isoformat(), "basis": "stated"}

    def published(n: int, sid: str) -> dict[str, Any]:
        if sid == preview:  # a preview, written the day before the talks
            return {"published": when(start - dt.timedelta(days=1), inferred=True), "written": "before"}
        return {"published": when(end + dt.timedelta(days=5 + n), inferred=bool(n % 2)), "written": "after"}

    # --- the brief --------------------------------------------------------------------------------
    sides = sorted({p.side for p in people}, key=[s[0] for s in _SIDES].index)
    side_names = dict(_SIDES)
    brief: dict[str, Any] = {
        "format": 2,
        "id": brief_id,
        "title": f"{city} talks on {rng.choice(_TOPICS)}, {start:%B %Y}",
        "key_points": [claim() for _ in range(3)],
        "summary": [claim() for _ in range(3)] + [{**claim(), "new_paragraph": True}, claim(), claim()],
        "place": city,
        "when": {
            "date": start.isoformat(),
            "end": end.isoformat(),
            "basis": "inferred",
            "note": "The sources date the first sessions; the last day is that of the last session they name.",
        },
        "tags": sorted(rng.sample(_TAGS, rng.randint(3, 5))),
        "citations": cite(1),
        "sources": [
            {
                "id": sid,
                "file": files[sid],
                "label": f"{kind.replace('-', ' ').capitalize()} {n} on the talks",
                "kind": kind,
                **published(n, sid),
                "reliability": [
                    {
                        "says": f"Note {k} on source {n}: no author or outlet is named in the text, and its "
                        f"account of {rng.choice(_TOPICS)} rests on unnamed officials.",
                        "absence": True,
                    }
                    for k in range(rng.randint(2, 4))
                ],
            }
            for n, (sid, kind) in enumerate(zip(source_ids, _SOURCE_KINDS))
        ],
        "sides": [{"id": s, "name": side_names[s]} for s in sides],
        "participants": [],
    }
    for p in people:
        role_sid = rng.choice(reports)  # a report written after the event names them and their office
        role_sentence = f"{p.name} serves as {p.role} for {side_names[p.side]}."
        rng.choice(writers[role_sid].paragraphs).append(role_sentence)
        brief["participants"].append(
            {
                "id": p.id,
                "name": p.name,
                **({"variants": [p.name.upper()]} if rng.random() < 0.2 else {}),
                "role": [
                    {
                        "says": f"{p.role.capitalize()} of {_ours(side_names[p.side])}.",
                        "cite": [{"source": role_sid, "quote": role_sentence}],
                    },
                    claim(person=p),
                ],
                "side": p.side,
                "presence": (presence := rng.choice(["present", "absent", "unknown"])),
                **(
                    {
                        "presence_note": [
                            {
                                "says": f"No report names {p.name} among those at the talks.",
                                "absence": True,
                                "inferred": "The reports list who attended, and none of them names this person.",
                            }
                        ]
                    }
                    if presence == "absent"
                    else {}
                ),
            }
        )
    agenda = []
    for k in range(15):
        day = start + dt.timedelta(days=rng.randint(-12, 4))
        topic = rng.choice(_TOPICS)
        # The first sentence names the topic, place and day of the title from a report written after it.
        agenda.append(
            {
                "id": f"agenda-{k + 1}",
                "title": f"{rng.choice(_ADJECTIVES).capitalize()} session on {topic}",
                **({"when": when(day, inferred=rng.random() < 0.3)} if k % 7 else {}),
                "kind": rng.choice(_KINDS),
                "status": rng.choice(_STATUSES),
                "place": city,
                "summary": [claim(day=day, among=reports, topic=topic, shapes=(0,)), claim(day=day)],
                "participants": [p.id for p in rng.sample(people, rng.randint(2, 4))],
            }
        )
    brief["agenda"] = agenda
    events = []
    for k, town in enumerate(towns):
        reporting = rng.sample(source_ids, 2)
        sentence, says = strikes[town][reporting[0]]
        events.append(
            {
                "id": f"strike-{k + 1}",
                "title": f"Strike on {town}",
                "place": town,
                "when": when(start),
                "cause": rng.choice(_WEAPONS),
                "attributed_to": "Russia",
                "summary": [{"says": says, "cite": [{"source": reporting[0], "quote": sentence}]}],
                "reports": [
                    {
                        "source": sid,
                        "killed": {
                            "value": tolls[town][sid][0],
                            "qualifier": "at-least",
                            "as_stated": f"at least {tolls[town][sid][0]}",
                        },
                        "injured": {
                            "value": tolls[town][sid][1],
                            "qualifier": "exact",
                            "as_stated": str(tolls[town][sid][1]),
                        },
                        "who": "civilians",
                        "citations": [
                            {
                                "source": sid,
                                "quote": f"killing at least {tolls[town][sid][0]} people and injuring {tolls[town][sid][1]}",
                            }
                        ],
                    }
                    for sid in reporting
                ],
                "citations": cite(1),
            }
        )
    brief["impact_events"] = events
    questions = []
    for k in range(7):
        topic = rng.choice(_TOPICS)
        positions = []
        for side in rng.sample(sides, min(len(sides), rng.randint(2, 3))):
            members = [p for p in people if p.side == side][:2]
            positions.append(
                {
                    "side": side,
                    "participants": [p.id for p in members],
                    "position": [claim(person=members[0], topic=topic, shapes=_NAMING_SHAPES)],
                    "citations": cite(1),
                }
            )
        questions.append(
            {
                "id": f"question-{k + 1}",
                "question": f"Will the sides agree on {topic}?",
                "why_it_matters": [claim(topic=topic)],
                "positions": positions,
            }
        )
    brief["open_questions"] = questions
    entry_ids = [a["id"] for a in agenda] + [e["id"] for e in events] + [q["id"] for q in questions]
    discrepancies = []
    for k in range(10):
        kind = rng.choice(["disagreement", "error", "inconsistency", "repetition"])
        first, second = rng.sample(source_ids, 2)
        citations = cite(1, first) + cite(1, second if kind == "disagreement" else first)
        discrepancies.append(
            {
                "id": f"discrepancy-{k + 1}",
                "kind": kind,
                "title": f"Sources differ on point {k + 1}",
                "explanation": [
                    {"says": "Each source says something the other does not.", "cite": citations},
                    claim() if kind == "disagreement" else claim(among=[first]),
                ],
                "entries": rng.sample(entry_ids, 2),
            }
        )
    brief["discrepancies"] = discrepancies
    texts = {files[sid]: writers[sid].text(f"Report {n} on the {city} talks") for n, sid in enumerate(source_ids)}
    text = "# yaml-language-server: $schema=../schema/brief.schema.json\n" + yaml.dump(  # as brief new writes it
        brief, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=110
    )
    return SyntheticBrief(brief_id, f"{brief_id}.yaml", text, texts)


def write_corpus(briefs_dir: Path, count: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``count`` synthetic briefs and their sources into a briefs folder; return the brief files."""
    sources_dir = briefs_dir / "sources"
    sources_dir.mkdir(parents=True, exist_ok=True)
    pool = people_pool(seed)
    paths = []
    for index in range(count):
        brief = synthetic_brief(index, seed, pool)
        for name, text in brief.sources.items():
            (sources_dir / name).write_text(text, encoding="utf-8")
        path = briefs_dir / brief.file_name
        path.write_text(brief.yaml_text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="briefs folder to write into")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    print(f"wrote {len(write_corpus(args.folder, args.count, args.seed))} briefs into {args.folder}")

"""The support check measured both ways: a labelled corpus of sentences, and its false-alarm and miss rates.

Each corpus file holds a context (the sides, people and sources the sentences may name) and
sentences with the quotes they cite, each labelled ``true`` (its quotes support it) or ``false``
(it says more than its quotes, with the rule that should refuse it). The check is run on each
sentence as it runs on a brief's claim; a true sentence it refuses is a false alarm, a false
sentence it accepts is a miss. ``brief support-rates`` prints the rates per rule; the tests hold
them to the figures recorded beside the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.model.brief import Brief, Citation, Claim, Participant, Side, Source
from generator.model.support import Evidence, Names, sentence_findings, speakers_of

MISS_KINDS = ("figure", "date", "name", "place")
"""Kinds of false sentence the check must never miss: a changed figure, date, name or place."""


@dataclass(frozen=True)
class Sentence:
    """One labelled sentence: what it says, what it cites, and whether its quotes support it."""

    says: str
    quotes: tuple[tuple[str, str], ...]
    supported: bool
    rule: str | None
    kind: str
    origin: str
    inferred: str | None = None
    file: str = ""


@dataclass
class Corpus:
    """Sentences with the names each file's context makes known."""

    sentences: list[tuple[Sentence, Names, dict[str, tuple[str, ...]]]] = field(default_factory=list)


def _names(context: dict[str, Any]) -> tuple[Names, dict[str, tuple[str, ...]]]:
    """The check's view of a context: the groups of names, and who each source is (outlet, author, label)."""
    people = [
        Participant.model_construct(
            id="p",
            name=p["name"],
            variants=p.get("variants", []),
            citations=[],
            side="s",
            presence="unknown",
            presence_note=None,
            language=None,
            role=[
                Claim.model_construct(
                    says="", cite=[Citation.model_construct(source="s", quote=q) for q in p.get("quotes", [])]
                )
            ],
        )
        for p in context.get("participants", [])
    ]
    sides = [
        Side.model_construct(id="s", name=s["name"], variants=s.get("variants", [])) for s in context.get("sides", [])
    ]
    sources = [
        Source.model_construct(  # type: ignore[call-arg]  # a partial source: the fields the names rule reads
            id=s["id"], file=s["file"], label=s["label"], outlet=s.get("outlet"), author=s.get("author")
        )
        for s in context.get("sources", [])
    ]
    brief = Brief.model_construct(participants=people, sides=sides, sources=sources)  # type: ignore[call-arg]  # partial, as above
    return Names.of(brief), speakers_of(sources)


def load_corpus(folder: Path) -> Corpus:
    """Every ``*.yaml`` corpus file in a folder."""
    corpus = Corpus()
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names, speakers = _names(data.get("context", {}))
        for item in data["sentences"]:
            sentence = Sentence(
                says=item["says"],
                quotes=tuple((c["source"], c["quote"]) for c in item.get("cite", [])),
                supported=bool(item["label"]),
                rule=item.get("rule"),
                kind=item.get("kind", "other"),
                origin=item.get("origin", ""),
                inferred=item.get("inferred"),
                file=path.name,
            )
            corpus.sentences.append((sentence, names, speakers))
    return corpus


def judge(sentence: Sentence, names: Names, speakers: dict[str, tuple[str, ...]]) -> list[str]:
    """The rule codes the check raises on one sentence, as it would on a brief's claim."""
    cited = tuple(dict.fromkeys(n for source, _ in sentence.quotes for n in speakers.get(source, ())))
    evidence = Evidence.of([quote for _, quote in sentence.quotes], cited)
    return sorted({f.code for f in sentence_findings(sentence.says, evidence, names, inferred=sentence.inferred)})


@dataclass(frozen=True)
class Rates:
    """What the check got wrong on a corpus, overall and per rule."""

    true_total: int
    false_total: int
    false_alarms: tuple[tuple[Sentence, tuple[str, ...]], ...]
    misses: tuple[Sentence, ...]
    alarms_by_rule: dict[str, int]
    false_by_rule: dict[str, int]
    misses_by_rule: dict[str, int]

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.true_total if self.true_total else 0.0

    @property
    def miss_rate(self) -> float:
        return len(self.misses) / self.false_total if self.false_total else 0.0

    def misses_of(self, kinds: Iterable[str]) -> list[Sentence]:
        wanted = set(kinds)
        return [s for s in self.misses if s.kind in wanted]


def measure(corpus: Corpus) -> Rates:
    """Run the check over every sentence and count its false alarms and misses."""
    alarms: list[tuple[Sentence, tuple[str, ...]]] = []
    misses: list[Sentence] = []
    alarms_by_rule: Counter[str] = Counter()
    false_by_rule: Counter[str] = Counter()
    misses_by_rule: Counter[str] = Counter()
    true_total = false_total = 0
    for sentence, names, speakers in corpus.sentences:
        codes = judge(sentence, names, speakers)
        if sentence.supported:
            true_total += 1
            if codes:
                alarms.append((sentence, tuple(codes)))
                alarms_by_rule.update(codes)
        else:
            false_total += 1
            rule = sentence.rule or "any"
            false_by_rule[rule] += 1
            if not codes:
                misses.append(sentence)
                misses_by_rule[rule] += 1
    return Rates(
        true_total,
        false_total,
        tuple(alarms),
        tuple(misses),
        dict(alarms_by_rule),
        dict(false_by_rule),
        dict(misses_by_rule),
    )


def report(rates: Rates) -> str:
    """The rates as a reader checks them: overall, then per rule, then each mistake."""
    lines = [
        f"sentences: {rates.true_total} true, {rates.false_total} false",
        (
            f"false alarms: {len(rates.false_alarms)} of {rates.true_total} true sentences "
            f"({rates.false_alarm_rate:.1%})"
        ),
        (
            f"misses: {len(rates.misses)} of {rates.false_total} false sentences ({rates.miss_rate:.1%}); "
            f"of changed figures, dates, names and places: {len(rates.misses_of(MISS_KINDS))}"
        ),
        "",
        f"{'rule':<28} {'false sentences':>15} {'missed':>7} {'false alarms':>13}",
    ]
    for rule in sorted(set(rates.false_by_rule) | set(rates.alarms_by_rule)):
        lines.append(
            f"{rule:<28} {rates.false_by_rule.get(rule, 0):>15} {rates.misses_by_rule.get(rule, 0):>7} "
            f"{rates.alarms_by_rule.get(rule, 0):>13}"
        )
    for sentence, codes in rates.false_alarms:
        lines.append(f"false alarm [{', '.join(codes)}] {sentence.file} {sentence.origin}: {sentence.says}")
    for sentence in rates.misses:
        lines.append(f"miss [{sentence.rule}] {sentence.file} {sentence.origin}: {sentence.says}")
    return "\n".join(lines)


def sentence_entries(sentences: Sequence[Sentence]) -> list[dict[str, Any]]:
    """Sentences as corpus-file entries (for the script that grows the corpus from briefs)."""
    entries = []
    for s in sentences:
        entry: dict[str, Any] = {
            "says": s.says,
            "cite": [{"source": src, "quote": q} for src, q in s.quotes],
            "label": s.supported,
        }
        if s.inferred:
            entry["inferred"] = s.inferred
        if not s.supported:
            entry["rule"] = s.rule
        entry["kind"] = s.kind
        entry["origin"] = s.origin
        entries.append(entry)
    return entries

"""Coverage: what each source says that the brief does not use.

A brief can be faithful sentence by sentence and still tilt the picture by what it leaves out.
Each source's text is cut into sentences; a sentence is *used* when the brief's quotes cover
most of it, *partly used* when they cover some of it (the rest is shown, since a clause left
out can change a sentence's sense), *left out* when an editor marked it so with a reason
(``left_out`` on the source), and *unused* otherwise. A sentence the source repeats word for
word is counted once. Pure: a brief and its source texts in, numbers and sentences out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.model.archive import SourceText, normalize_quote
from generator.model.brief import Brief, all_citations
from generator.pages.wording import percent

State = Literal["used", "partly", "left-out", "unused"]

USED_SHARE = 0.6
"""A sentence whose words the quotes cover at least this much is used; below it (and above none), partly used."""

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u00de])")
_WORDS = re.compile(r"\w+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Prof|No|vs|etc|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source (its first occurrence, when the source repeats it), and how the brief uses it."""

    start: int
    end: int
    paragraph: int
    text: str
    state: State
    repeats: int = 1
    """How many times the source has this sentence word for word."""
    reason: str | None = None
    """Why an editor left it out (``left-out`` only)."""
    unquoted: str = ""
    """The words of a partly used sentence that no quote covers, in order, runs joined by an ellipsis."""


@dataclass(frozen=True)
class SourceCoverage:
    """How much of one source the brief uses."""

    source: str
    sentences: tuple[Sentence, ...]
    """Each distinct sentence once, where it first occurs."""
    occurrences: tuple[Sentence, ...] = ()
    """Every sentence where it stands, repeats included (for marking the archived text)."""

    def count(self, state: State) -> int:
        return sum(1 for s in self.sentences if s.state == state)

    @property
    def total(self) -> int:
        return len(self.sentences)

    @property
    def share(self) -> float:
        """The share of the source's sentences the brief uses, wholly or in part (0 to 1)."""
        return (self.count("used") + self.count("partly")) / self.total if self.total else 1.0

    def spans(self, *states: State) -> list[tuple[int, int]]:
        """Where every occurrence of the sentences in these states stands in the text (repeats included)."""
        return [(s.start, s.end) for s in self.occurrences if s.state in states]


def split_sentences(text: SourceText) -> list[tuple[int, int, int]]:
    """The sentences of a source as (start, end, paragraph number); a paragraph never spans sentences."""
    found = []
    for paragraph in text.paragraphs:
        body = text.text[paragraph.start : paragraph.end]
        start = 0
        for match in _SENTENCE_END.finditer(body):
            if _ABBREVIATION.search(body[start : match.start()]):
                continue  # 'U.S. Delegation', 'Dr. Sharma': a full stop that ends no sentence
            found.append((paragraph.start + start, paragraph.start + match.start(), paragraph.number))
            start = match.end()
        found.append((paragraph.start + start, paragraph.start + len(body.rstrip()), paragraph.number))
    return [(s, e, n) for s, e, n in found if text.text[s:e].strip()]


def _covered(start: int, end: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)


def _word_share(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> float:
    words = [(m.start() + start, m.end() + start) for m in _WORDS.finditer(text[start:end])]
    if not words:
        return 1.0
    inside = sum(1 for ws, we in words if any(s <= ws and we <= e for s, e in covered))
    return inside / len(words)


def _unquoted(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> str:
    runs, position = [], start
    for s, e in covered:
        if s > position:
            runs.append(text[position:s])
        position = max(position, e)
    runs.append(text[position:end])
    kept = [" ".join(r.split()) for r in runs if _WORDS.search(r)]
    return " \u2026 ".join(kept)


def source_coverage(
    source_id: str, text: SourceText, quotes: Iterable[str], left_out: Iterable[tuple[str, str]] = ()
) -> SourceCoverage:
    """One source's sentences and how the brief uses each: ``quotes`` are the brief's quotes of it,
    ``left_out`` the (quote, reason) pairs an editor marked."""
    spans = [(s.start, s.end) for quote in set(quotes) for s in text.find(quote)]
    marked = [(s.start, s.end, reason) for quote, reason in left_out for s in text.find(quote)]
    first: dict[str, Sentence] = {}
    occurrences: list[Sentence] = []
    for start, end, number in split_sentences(text):
        key = normalize_quote(text.text[start:end]).lower()
        covered = _covered(start, end, spans)
        share = _word_share(text.text, start, end, covered) if covered else 0.0
        reason = next((r for s, e, r in marked if s < end and e > start), None)
        state: State = "used" if share >= USED_SHARE else "partly" if share > 0 else "left-out" if reason else "unused"
        sentence = Sentence(
            start,
            end,
            number,
            " ".join(text.text[start:end].split()),
            state,
            reason=reason if state == "left-out" else None,
            unquoted=_unquoted(text.text, start, end, covered) if state == "partly" else "",
        )
        occurrences.append(sentence)
        seen = first.get(key)
        if seen is None:
            first[key] = sentence
        else:  # a repeat: counted once, in the best state any of its occurrences has
            order = ("used", "partly", "left-out", "unused")
            best = min(seen, sentence, key=lambda s: order.index(s.state))
            first[key] = Sentence(
                seen.start,
                seen.end,
                seen.paragraph,
                seen.text,
                best.state,
                seen.repeats + 1,
                best.reason,
                best.unquoted,
            )
    return SourceCoverage(source_id, tuple(first.values()), tuple(occurrences))


def brief_coverage(brief: Brief, texts: Mapping[str, SourceText]) -> list[SourceCoverage]:
    """Every source's coverage, in the brief's order of sources."""
    quotes: dict[str, list[str]] = {s.id: [] for s in brief.sources}
    for citation in all_citations(brief):
        quotes.setdefault(citation.source, []).append(citation.quote)
    return [
        source_coverage(s.id, texts[s.id], quotes[s.id], [(left.quote, left.reason) for left in s.left_out])
        for s in brief.sources
        if s.id in texts
    ]


def coverage_report(brief: Brief, coverages: Sequence[SourceCoverage], *, details: bool = True) -> str:
    """Plain text for `brief coverage`: each source's share, then its unused and partly used sentences."""
    lines = [f"{brief.id}: {brief.title}"]
    for cov in coverages:
        source = brief.source(cov.source)
        lines.append(
            f"  {source.id} ({brief.source_name(source.id)}): {cov.count('used') + cov.count('partly')} of "
            f"{cov.total} sentences used ({percent(cov.share)}); {cov.count('partly')} partly, "
            f"{cov.count('left-out')} left out on purpose, {cov.count('unused')} unused"
        )
        if not details:
            continue
        for sentence in cov.sentences:
            repeats = f" (repeated {sentence.repeats} times)" if sentence.repeats > 1 else ""
            if sentence.state == "unused":
                lines.append(f"    unused \u00b6{sentence.paragraph}{repeats}: {sentence.text}")
            elif sentence.state == "partly":
                lines.append(f"    partly \u00b6{sentence.paragraph}{repeats}: not quoted: {sentence.unquoted}")
    return "\n".join(lines)

"""Support check: every sentence of our prose is backed by the words it cites.

The archive check proves that a quote occurs in its source; this stage proves,
as far as a machine can, that the sentence citing the quote says no more than
the quote does. Each rule has its own error code and points at the claim:

- ``unsupported-number``, ``unsupported-date``, ``unsupported-name`` and
  ``unsupported-quoted-phrase``: every figure, date part, capitalised name and
  phrase in quotation marks occurs in one of the claim's own quotes;
- ``hedge-dropped``: "at least 35" does not become "35", and words a quote
  gives "according to" someone stay attributed;
- ``planned-not-happened``: something reported as having happened rests on a
  source written after it, in words that do not speak of a plan;
- ``position-unattributed``: a position cites words that name its side or people;
- ``absence-not-negative``: a sentence marked ``absence`` says what is *not* there.

Matching folds case, diacritics, typographic quotes and abbreviation dots, and
reads numbers written as words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache


from generator.archive import normalize_quote
from generator.errors import BriefError, shown
from generator.load import Document, Path_, where
from generator.model import Brief, Citation, Claim, Participant, Side, instances, is_proper_name
from generator.spellings import fold as strip_accents

# --- folding and words ----------------------------------------------------------------------

_DASHES = str.maketrans({"\u2013": " ", "\u2014": " ", "-": " "})
_ABBREVIATION_DOT = re.compile(r"(?<![A-Za-z])([A-Za-z])\.([A-Za-z])\.?(?![A-Za-z])")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_COMPOUNDS = (("united states", "us"), ("united kingdom", "uk"), ("great britain", "uk"))


def fold(text: str) -> str:
    """Lower case, no diacritics, straight quotes, hyphens as spaces, 'U.S.' as 'us'."""
    text = _ABBREVIATION_DOT.sub(r"\1\2", normalize_quote(text.translate(_DASHES)))
    text = strip_accents(text).lower()
    for long, short in _COMPOUNDS:
        text = text.replace(long, short)
    return text


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    """The folded words of a text, possessives and dots dropped ("Ukraine's" is "ukraine").
    Cached: a brief checks the same words and quotes many times over."""
    return tuple(w[:-2] if w.endswith("'s") else w.split("'")[0] if "'" in w else w for w in _WORD.findall(fold(text)))


_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "half": 0.5, "dozen": 12,
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HEDGES = ("at least", "about", "more than", "over", "nearly", "up to", "some", "around", "approximately",
           "roughly", "almost", "fewer than", "less than", "under", "at most", "as many as", "upwards of")
_ATTRIBUTION = frozenset({
    "according", "said", "says", "say", "told", "tells", "reported", "reports", "report", "per", "claims",
    "claimed", "calls", "called", "describes", "described", "notes", "noted", "quotes", "quoted", "writes",
    "wrote", "stated", "states", "stressed", "argued", "argues", "mentioned", "mentions", "suggests",
    "suggested", "attributes", "attributed", "credits", "cites", "cited", "recalls", "recalled",
})
_NEGATIONS = re.compile(r"\b(no|not|neither|nor|none|nothing|never|without|nobody|nowhere|cannot|unknown|"
                        r"unnamed|undated)\b|n't\b")
_PLAN = re.compile(r"\b(will|shall|was to|were to|is to|are to|scheduled|set to|expected to|expects to|"
                   r"plans? to|planned|planning|(?:is|are|was|were) due|aims? to|intends? to|upcoming|"
                   r"is to be|are to be|would)\b")
EQUIVALENTS: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in (
    {"us", "america", "american", "americans"},
    {"uk", "britain", "british"},
    {"russia", "russian", "russians"},
    {"ukraine", "ukrainian", "ukrainians"},
    {"france", "french"},
    {"germany", "german", "germans"},
    {"europe", "european", "europeans"},
    {"iran", "iranian", "iranians"},
    {"defence", "defense"},  # British and American spellings of the same word
))
_COUNTRY_WORDS = frozenset().union(*EQUIVALENTS)
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "lt", "gen", "sir", "prof"})
_NAME_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019.\u00c0-\u024f-]*")


def _value(word: str) -> float | None:
    if word.isdigit():
        return float(int(word))
    return _NUMBER_WORDS.get(word)


# --- what a set of quotes holds ------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """The folded words, numbers and text of the quotes one claim cites."""

    text: str
    words: frozenset[str]
    numbers: frozenset[float]
    word_lists: tuple[tuple[str, ...], ...]

    @staticmethod
    def of(quotes: Iterable[str]) -> Evidence:
        lists = tuple(tuple(words(q)) for q in quotes)
        flat = [w for ws in lists for w in ws]
        numbers = {v for w in flat if (v := _value(w)) is not None}
        return Evidence(" | ".join(_phrase(q) for q in quotes), frozenset(flat), frozenset(numbers), lists)


def _phrase(text: str) -> str:
    return " ".join(words(text))


@lru_cache(maxsize=8192)
def _evidence(quotes: tuple[str, ...]) -> Evidence:
    return Evidence.of(quotes)


# --- names that resolve ------------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """Groups of words that name the same person or side: any one of a group supports the others."""

    groups: tuple[frozenset[str], ...]
    sources: frozenset[str]

    @staticmethod
    def of(brief: Brief) -> Names:
        groups: list[frozenset[str]] = list(EQUIVALENTS)
        for person in brief.participants:
            group = _person_words(person)
            if group:
                groups.append(group)
        for side in brief.sides:
            groups.append(_side_words(side))
        numbers = {n for s in brief.sources for n in re.findall(r"\d+", s.label)}
        return Names(tuple(groups), frozenset(numbers))

    def supported(self, word: str, evidence: Evidence) -> bool:
        if word in evidence.words:
            return True
        return any(word in group and group & evidence.words for group in self.groups)

    def known(self, word: str) -> bool:
        return any(word in group for group in self.groups)


def _person_words(person: Participant) -> frozenset[str]:
    """The capitalised words of a person's name and spellings, without titles ('Dr.')."""
    found: set[str] = set()
    for spelling in (person.name, *person.variants):
        if not is_proper_name(spelling):  # a description ('Macron's advisers'), not a name
            continue
        found.update(w for w in words(spelling) if w not in _TITLES and len(w) > 2)
    return frozenset(found - _COUNTRY_WORDS)


def _side_words(side: Side) -> frozenset[str]:
    found: set[str] = set()
    for spelling in (side.name, *side.variants):
        found.update(w for c in _NAME_WORD.findall(spelling) for w in words(c) if w not in _TITLES and len(w) > 2)
    for group in EQUIVALENTS:
        if group & found:
            found |= group
    return frozenset(found)


# --- the rules on one sentence ---------------------------------------------------------------------

_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'\u201c\u2018(]*([\w\u00c0-\u024f'\u2019.-]+)")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,}?)[\"\u201d]|(?:(?<=^)|(?<=[\s(\u2014\u2013-]))['\u2018]([^'\u2018\u2019]{2,}?)['\u2019](?=$|[\s.,;:!?)\u2014\u2013-])")


@dataclass(frozen=True)
class Finding:
    """One rule broken by one sentence: the code and what to tell the editor."""

    code: str
    message: str


def sentence_findings(text: str, evidence: Evidence, names: Names, inferred: bool = False) -> list[Finding]:
    """Everything in one sentence that its quotes do not support."""
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()

    def add(code: str, message: str) -> None:
        if (code, message) not in seen:
            seen.add((code, message))
            found.append(Finding(code, message))

    for long, short in _COMPOUNDS:  # 'United States' is one name, as fold() reads it in the quotes
        text = re.sub(re.escape(long), short.upper(), text, flags=re.IGNORECASE)
    starts = {m.start(1) for m in _SENTENCE_START.finditer(text)}
    # Quoted phrases first: their words are checked as a whole.
    for match in _QUOTED.finditer(text):
        phrase = _phrase(match.group(1) or match.group(2) or "")
        if phrase and phrase not in evidence.text:
            add("unsupported-quoted-phrase",
                f"the words in quotation marks {shown(match.group(1) or match.group(2))} do not occur in any of "
                "this sentence's quotes; quote the source exactly, or drop the quotation marks and say it in "
                "your own words")
    # Numbers, dates and names, word by word on the original text (capitals matter for names).
    for match in re.finditer(r"[\w\u00c0-\u024f'\u2019.]+", text):
        raw = match.group().strip("'\u2019")
        raw = raw if re.fullmatch(r"(?:[A-Za-z]\.){2,}", raw) else raw.strip(".")
        if not raw:
            continue
        for word in words(raw):
            if word in names.sources and word.isdigit():
                continue  # '002' (or '002's') names a source
            is_capital = raw[:1].isupper()
            if word in _MONTHS and (is_capital or word != "may") or word in _WEEKDAYS:
                if not inferred and word not in evidence.words:
                    add("unsupported-date", f"the date word '{raw}' does not occur in any of this sentence's quotes; "
                                            "cite the words that give the date, or say how it was worked out with "
                                            "'inferred'")
                continue
            value = _value(word)
            if value is not None and (word.isdigit() or word in _NUMBER_WORDS):
                if word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100:
                    if not inferred and word not in evidence.words:
                        add("unsupported-date", f"the year {word} does not occur in any of this sentence's quotes; "
                                                "cite the words that give it, or say how it was worked out with "
                                                "'inferred'")
                    continue
                if not inferred and value not in evidence.numbers:
                    add("unsupported-number", f"the number '{raw}' does not occur in any of this sentence's quotes; "
                                              "cite the words that give it, or say how it was worked out with "
                                              "'inferred'")
                elif value in evidence.numbers:
                    dropped = _dropped_hedge(text, match.start(), value, evidence)
                    if dropped:
                        hedge, figure = dropped
                        add("hedge-dropped", f"every quote gives this figure as '{hedge} {figure}', but the sentence "
                                             f"drops '{hedge}'; keep the hedge")
                continue
            if not is_capital or word in _TITLES:
                continue
            if match.start() in starts and not names.known(word):
                continue  # a capital that only starts a sentence
            if not names.supported(word, evidence):
                add("unsupported-name", f"the name '{raw}' does not occur in any of this sentence's quotes "
                                        "(nor any recorded spelling of it); cite the words that name it, or leave "
                                        "it out")
    modal = _dropped_modal(text, evidence)
    if modal:
        add("hedge-dropped", f"the quote says '{modal[1]}', but the sentence drops '{modal[0]}'; keep the hedge")
    if evidence.word_lists and all("according" in ws for ws in evidence.word_lists):
        if not _ATTRIBUTION & set(words(text)) and not names.sources & set(re.findall(r"\d{3}", text)):
            add("hedge-dropped", "every quote says 'according to' someone, but the sentence states it as fact; "
                                 "keep the attribution ('according to ...')")
    return found


_MODALS = frozenset({"potentially", "potential", "possibly", "possible", "reportedly", "allegedly", "apparently",
                     "likely", "unlikely", "probably", "might", "may", "could", "appears", "appear", "seems", "seem",
                     "perhaps"})
_FILLERS = frozenset({"be", "being", "been", "have", "has", "had", "to", "a", "an", "the", "of", "in", "on", "for",
                      "and", "or", "that", "this", "it", "its"})


def _dropped_modal(text: str, evidence: Evidence) -> tuple[str, str] | None:
    """A word of doubt ('potentially', 'might') a quote puts on words the sentence repeats without any doubt.

    The hedged word is the first content word after the modal; a sentence that repeats it
    ('being sidelined' for 'potentially being sidelined') and has no modal of its own lost the hedge.
    """
    said = set(words(text))
    if said & _MODALS:
        return None
    for ws in evidence.word_lists:
        for i, w in enumerate(ws):
            if w in _MODALS:
                following = [v for v in ws[i + 1:i + 5] if v not in _FILLERS][:1]
                if following and following[0] in said:
                    return w, " ".join(ws[i:i + 1 + ws[i + 1:].index(following[0]) + 1])
    return None


def _dropped_hedge(text: str, at: int, value: float, evidence: Evidence) -> tuple[str, str] | None:
    """The hedge every quote puts before this figure (and the figure as quoted), if the sentence lost it."""
    hedges: list[tuple[str, str]] = []
    for ws in evidence.word_lists:
        for i, w in enumerate(ws):
            if _value(w) == value and (w.isdigit() or w in _NUMBER_WORDS):
                before = " ".join(ws[max(0, i - 3):i])
                hedge = next((h for h in _HEDGES if before.endswith(h)), None)
                if hedge is None:
                    return None
                hedges.append((hedge, w))
    if not hedges:
        return None
    before = " ".join(words(text[:at])[-3:])
    if any(before.endswith(h) for h in _HEDGES):
        return None
    return hedges[0]


# --- walking the brief -----------------------------------------------------------------------------


def claims(node: object) -> Iterator[tuple[Path_, Claim]]:
    """Every claim of a brief with its path, in document order."""
    return instances(node, Claim)


def _quotes(citations: Sequence[Citation]) -> tuple[str, ...]:
    return tuple(c.quote for c in citations)


def reports_happened(brief: Brief, citation: Citation, after: dt.date | None) -> bool:
    """Whether a citation can report something on ``after`` as done: a source written later, no plan words."""
    if _PLAN.search(fold(citation.quote)):
        return False
    if after is None:
        return True
    source = brief.source(citation.source)  # references are checked before the support rules run
    if source.published is None:
        return False
    if source.written == "before" and after >= brief.when.date:
        return False  # written before the event: it cannot report anything of the event as done
    written = source.published.date
    return written > after or (written == after and source.kind != "preview")


def check_support(brief: Brief, document: Document) -> Iterator[BriefError]:
    """Every support rule over every claim, position and reported happening of one brief."""
    names = Names.of(brief)
    for path, claim in claims(brief):
        at = (*path, "says")
        if claim.absence:
            if not _NEGATIONS.search(fold(claim.says)):
                yield document.error(at, "absence-not-negative",
                                     f"{where(at)}: this sentence is marked 'absence' but does not say what the "
                                     "sources lack (no 'no', 'not', 'neither', 'none'...); cite the words it rests on "
                                     "instead, or reword it as what the sources do not say")
            if not claim.cite:
                continue
        evidence = _evidence(_quotes(claim.cite))
        for finding in sentence_findings(claim.says, evidence, names, inferred=claim.inferred is not None):
            yield document.error(at, finding.code, f"{where(at)}: {finding.message}")
    yield from _check_titles(brief, document, names)
    yield from _check_happened(brief, document)
    yield from _check_positions(brief, document, names)


def _check_titles(brief: Brief, document: Document, names: Names) -> Iterator[BriefError]:
    """An entry's title and place say nothing that none of its citations says."""
    for list_name in ("agenda", "impact_events"):
        for i, entry in enumerate(getattr(brief, list_name)):
            evidence = _evidence(_quotes(entry.cited()))
            inferred = entry.when is not None and entry.when.basis == "inferred"
            for key in ("title", "place"):
                text = getattr(entry, key)
                if not text:
                    continue
                for finding in sentence_findings(text, evidence, names, inferred=inferred):
                    if finding.code.startswith("unsupported-"):  # hedges belong to sentences, not titles
                        at = (list_name, i, key)
                        message = finding.message.replace("this sentence's quotes", "this entry's quotes")
                        yield document.error(at, finding.code, f"{where(at)}: {message}")


def _check_happened(brief: Brief, document: Document) -> Iterator[BriefError]:
    for i, item in enumerate(brief.agenda):
        if item.status not in ("held", "reported"):
            continue
        after = item.when.date if item.when else None
        if not any(reports_happened(brief, c, after) for c in item.cited()):
            yield document.error(("agenda", i, "status"), "planned-not-happened",
                                 f"agenda[{i}].status: '{item.status}' is planned or expected, not reported as "
                                 "happened: no citation comes from a source written after it in words that report it "
                                 "done; cite such a source, or use 'scheduled' or 'announced'")
    start = brief.when.date
    for i, person in enumerate(brief.participants):
        if person.presence != "present":
            continue
        if not any(reports_happened(brief, c, start) for c in person.cited()):
            yield document.error(("participants", i, "presence"), "planned-not-happened",
                                 f"participants[{i}].presence: 'present' is planned or expected, not reported as "
                                 "happened: no citation comes from a source written after the event began in words "
                                 "that place them there; cite such a source, or use 'unknown'")


def _check_positions(brief: Brief, document: Document, names: Names) -> Iterator[BriefError]:
    sides = {s.id: s for s in brief.sides}
    people = {p.id: p for p in brief.participants}
    for i, question in enumerate(brief.open_questions):
        for j, position in enumerate(question.positions):
            side = sides.get(position.side)
            if side is None:
                continue  # a dangling reference, reported by the reference check
            naming = set(_side_words(side))
            for pid in position.participants:
                if pid in people:
                    naming |= _person_words(people[pid])
                    naming |= {w for w in words(people[pid].name) if w not in _TITLES and len(w) > 3}
            evidence = _evidence(_quotes(position.cited()))
            if not naming & evidence.words:
                at = ("open_questions", i, "positions", j, "side")
                yield document.error(at, "position-unattributed",
                                     f"{where(at)}: none of this position's quotes names {side.name} "
                                     f"({', '.join(sorted(naming))}); cite words that attribute the position to them")

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

from generator.model.archive import normalize_quote
from generator.model.brief import (
    Brief,
    Citation,
    Claim,
    Participant,
    Side,
    Source,
    When,
    all_citations,
    instances,
    is_proper_name,
)
from generator.model.errors import BriefError, shown
from generator.model.load import Document, Path_, where
from generator.model.quantities import EMPTY, MONTHS, NUMBER_WORDS, Mention, Stated, mentions
from generator.model.source_names import source_names
from generator.model.spellings import without_accents

# --- folding and words ----------------------------------------------------------------------

_DASHES = str.maketrans({"\u2013": " ", "\u2014": " ", "-": " "})
_ABBREVIATION_DOT = re.compile(r"(?<![A-Za-z])([A-Za-z])\.([A-Za-z])\.?(?![A-Za-z])")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_COMPOUNDS = (("united states", "us"), ("united kingdom", "uk"), ("great britain", "uk"), ("united nations", "un"))


def match_form(text: str) -> str:
    """Lower case, no diacritics, straight quotes, hyphens as spaces, 'U.S.' as 'us'."""
    text = _ABBREVIATION_DOT.sub(r"\1\2", normalize_quote(text.translate(_DASHES)))
    text = without_accents(text).lower()
    for long, short in _COMPOUNDS:
        text = text.replace(long, short)
    return text


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    """The folded words of a text, possessives and dots dropped ("Ukraine's" is "ukraine").
    Cached: a brief checks the same words and quotes many times over."""
    return tuple(
        w[:-2] if w.endswith("'s") else w.split("'")[0] if "'" in w else w for w in _WORD.findall(match_form(text))
    )


_HEDGES = (
    "at least",
    "about",
    "more than",
    "over",
    "nearly",
    "up to",
    "some",
    "around",
    "approximately",
    "roughly",
    "almost",
    "fewer than",
    "less than",
    "under",
    "at most",
    "as many as",
    "upwards of",
)
_ATTRIBUTION = frozenset(
    {
        "according",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "reported",
        "reports",
        "report",
        "per",
        "claims",
        "claimed",
        "calls",
        "called",
        "describes",
        "described",
        "notes",
        "noted",
        "quotes",
        "quoted",
        "writes",
        "wrote",
        "stated",
        "states",
        "stressed",
        "argued",
        "argues",
        "mentioned",
        "mentions",
        "suggests",
        "suggested",
        "attributes",
        "attributed",
        "credits",
        "cites",
        "cited",
        "recalls",
        "recalled",
    }
)
_NEGATIONS = re.compile(
    r"\b(no|not|neither|nor|none|nothing|never|without|nobody|nowhere|cannot|unknown|"
    r"unnamed|undated)\b|n't\b"
)
_PLAN = re.compile(
    r"\b(will|shall|was to|were to|is to|are to|scheduled|set to|expected to|expects to|"
    r"plans? to|planned|planning|(?:is|are|was|were) due|aims? to|intends? to|upcoming|"
    r"is to be|are to be|would)\b"
)
_REPORTED_SPEECH = re.compile(r"\"[^\"]*\"")
EQUIVALENTS: tuple[frozenset[str], ...] = tuple(
    frozenset(group)
    for group in (
        {"us", "america", "american", "americans"},
        {"uk", "britain", "british"},
        {"un"},
        {"russia", "russian", "russians"},
        {"ukraine", "ukrainian", "ukrainians"},
        {"france", "french"},
        {"germany", "german", "germans"},
        {"europe", "european", "europeans"},
        {"iran", "iranian", "iranians"},
        {"thailand", "thai", "thais"},
        {"cambodia", "cambodian", "cambodians"},
        {"malaysia", "malaysian", "malaysians"},
        {"myanmar", "burma", "burmese"},
        {"china", "chinese"},
        {"india", "indian", "indians"},
        {"defence", "defense"},  # British and American spellings of the same word
    )
)
_COUNTRY_WORDS = frozenset().union(*EQUIVALENTS)
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "lt", "gen", "sir", "prof"})
_NAME_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019.\u00c0-\u024f-]*")
_GENERIC = frozenset(
    {
        "government",
        "ministry",
        "minister",
        "republic",
        "kingdom",
        "state",
        "states",
        "people",
        "federation",
        "democratic",
        "national",
        "united",
        "council",
        "office",
        "department",
        "forces",
        "force",
        "army",
        "party",
        "union",
        "foreign",
        "affairs",
        "armed",
        "military",
        "royal",
        "islamic",
        "federal",
        "the",
        "and",
        "for",
        "court",
        "international",
        "organisation",
        "organization",
        "agency",
        "authorities",
        "administration",
        "region",
        "province",
        "city",
        "world",
        "global",
        "new",
        "group",
        "committee",
        "commission",
        "bank",
    }
)
"""Words of a side's name that name no one in particular: a quote with 'government' supports no country."""
_OFFICES = frozenset(
    {
        "president",
        "prime",
        "premier",
        "minister",
        "secretary",
        "general",
        "king",
        "queen",
        "chancellor",
        "envoy",
        "ambassador",
        "senator",
        "governor",
        "mayor",
        "judge",
        "justice",
        "chief",
        "special",
        "acting",
        "deputy",
        "vice",
        "senior",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "commander",
        "chairman",
        "chair",
        "leader",
    }
)
"""Offices written with a name ('President Trump'): they name no one person, so they join no person's names."""
_SOURCE_NOUNS = frozenset(
    {
        "report",
        "reports",
        "article",
        "post",
        "blog",
        "preview",
        "statement",
        "release",
        "outlet",
        "source",
        "sources",
        "interview",
        "agency",
        "newspaper",
        "paper",
        "broadcaster",
        "wire",
        "story",
        "piece",
        "page",
        "briefing",
        "summary",
        "update",
        "dispatch",
        "excerpt",
        "text",
        "account",
        "accounts",
        "message",
        "its",
        "their",
        "daily",
        "channel",
        "website",
        "site",
        "network",
        "service",
        "press",
        "headline",
        "title",
        "sentence",
        "sentences",
        "paragraph",
        "paragraphs",
        "opening",
        "photograph",
        "photo",
        "caption",
        "reaction",
        "publishes",
        "published",
        "line",
        "lines",
        "interviewee",
        "footer",
        "header",
        "version",
        "copy",
        "excerpts",
    }
)
"""Words that describe a source: 'the report says', 'the three reports'."""
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "one",
        "some",
        "of",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "to",
        "with",
        "he",
        "she",
        "they",
        "it",
        "who",
        "which",
        "we",
        "i",
        "you",
        "also",
        "later",
        "earlier",
        "then",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "further",
        "both",
        "each",
        "other",
        "another",
        "same",
        "own",
        "all",
        "most",
        "many",
        "several",
        "there",
        "as",
        "but",
        "him",
        "them",
        "us",
        "our",
        "your",
        "only",
        "first",
        "again",
        "still",
        "already",
        "once",
        "publicly",
        "and",
        "or",
        "while",
        "so",
        "whom",
        "whose",
        "where",
        "when",
        "here",
        "elsewhere",
        "anonymous",
        "unnamed",
        "itself",
        "himself",
        "herself",
        "themselves",
        "what",
        "how",
        "why",
        "if",
        "yet",
        "thus",
        "instead",
        "alone",
        "even",
        "never",
        "ever",
        "likewise",
        "similarly",
        "too",
        "either",
        "neither",
    }
)
_SOURCE_REFERENCE_AFTER = re.compile(
    r"\s*(?:'s|\u2019s|\s(?:reports?|reported|says?|said|quotes?|quoted|writes?|wrote|"
    r"gives?|names?|calls?|dates?|puts?|adds?|added|mentions?|speaks?|describes?|"
    r"lists?|notes?|noted|cites?|has|also|and|only|alone|,))",
    re.IGNORECASE,
)
_SOURCE_REFERENCE_BEFORE = re.compile(r"(?:according to|per|in|from|by|and|,|;|\()\s*$", re.IGNORECASE)
_COUNTED = re.compile(r"\b(?:the|both|all|these|those)\s+$", re.IGNORECASE)
_SAYER_VERBS = (
    r"reports|reported|says|said|told|tells|quotes|quoted|writes|wrote|states|stated|adds|added|credits|"
    r"credited|claims|claimed|notes|noted|announced|announces|stressed|argued|insisted|warned|urged"
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<x>[^,.;:()\u2014]+)", re.IGNORECASE)
_SAYER = re.compile(
    r"(?:^|[,;:(\u2014]\s*|\band\s+|\bthat\s+|\bbut\s+|\bwhile\s+)(?P<x>(?:[\w'\u2019.&-]+\s+){0,4}?"
    r"[\w'\u2019.&-]+)\s+(?:" + _SAYER_VERBS + r")\b",
    re.IGNORECASE,
)


# --- what a set of quotes holds ------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """The folded words, numbers, dates and text of the quotes one claim cites, and who the cited sources are."""

    text: str
    words: frozenset[str]
    word_lists: tuple[tuple[str, ...], ...]
    stated: Stated
    quotes: tuple[str, ...] = ()
    speakers: frozenset[str] = frozenset()
    """The words of the outlets, publishers, authors and labels of the sources cited: they may be named as the sayers."""

    @property
    def numbers(self) -> frozenset[float]:
        return self.stated.numbers

    @staticmethod
    def of(quotes: Iterable[str], speakers: Iterable[str] = ()) -> Evidence:
        quotes = tuple(quotes)
        lists = tuple(tuple(words(q)) for q in quotes)
        flat = [w for ws in lists for w in ws]
        spoken = frozenset(w for name in speakers for w in words(name))
        return Evidence(
            " | ".join(_phrase(q) for q in quotes),
            frozenset(flat) | _singulars(flat),
            lists,
            Stated.of(quotes),
            quotes,
            spoken | _singulars(spoken),
        )


def _singulars(found: Iterable[str]) -> frozenset[str]:
    """'officials' also as 'official', so a plural and its singular support each other."""
    return frozenset(w[:-1] for w in found if len(w) > 3 and w.endswith("s") and not w.endswith("ss"))


def _phrase(text: str) -> str:
    return " ".join(words(text))


@lru_cache(maxsize=8192)
def _evidence(quotes: tuple[str, ...], speakers: tuple[str, ...] = ()) -> Evidence:
    return Evidence.of(quotes, speakers)


# --- names that resolve ------------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """Groups of words that name the same person or side: any one of a group supports the others."""

    groups: tuple[frozenset[str], ...]
    sources: frozenset[str]
    """How the brief's prose may refer to a source by number: the three digits its archived file starts with."""
    titles: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    """(a person's name words, the words of their titles and roles in their own quotes): 'Chief Minister Patnaik'."""
    people: tuple[frozenset[str], ...] = ()
    """Each person's name words alone (not sides or countries): a name must not join two people's words."""
    sides: frozenset[str] = frozenset()
    """The words of the sides' names: 'the country's' about one of them may be written with its name."""
    source_count: int = 0

    @staticmethod
    def of(brief: Brief) -> Names:
        people = [(group, person) for person in brief.participants if (group := _person_words(person))]
        sides = [_side_words(side) for side in brief.sides]
        shared = _shared_words([g for g, _ in people] + sides)
        groups: list[frozenset[str]] = list(EQUIVALENTS)
        groups += [g - shared for g, _ in people if g - shared]
        groups += [s - shared for s in sides if s - shared]
        everyone = frozenset().union(*(g for g, _ in people)) if people else frozenset()
        titles = tuple(
            (group, frozenset(w for q in person.cited() for w in _titles_before(q.quote, group)) - everyone)
            for group, person in people
        )
        numbers = {s.file[:3] for s in brief.sources if s.file[:3].isdigit()}
        return Names(
            tuple(groups),
            frozenset(numbers),
            titles,
            tuple(g - shared for g, _ in people if g - shared),
            frozenset().union(*sides) - _GENERIC,
            len(brief.sources),
        )

    def supported(self, word: str, evidence: Evidence) -> bool:
        if word in evidence.words or word in evidence.speakers:
            return True
        return any(word in group and group & evidence.words for group in self.groups)

    def known(self, word: str) -> bool:
        return any(word in group for group in self.groups)

    def entities_in(self, evidence: Evidence) -> int:
        """How many people, sides and countries the quotes name: what 'the two leaders' may count."""
        return sum(1 for group in self.groups if group & evidence.words)


def _shared_words(groups: Sequence[frozenset[str]]) -> frozenset[str]:
    """Words in the names of two or more people or sides ('government' in 'Government of India' and 'of Odisha')."""
    seen: set[str] = set()
    shared: set[str] = set()
    for group in groups:
        shared |= seen & group
        seen |= group
    return frozenset(shared)


def _titles_before(quote: str, group: frozenset[str]) -> set[str]:
    """The capitalised words right before a person's name in a quote: 'Secretary of State' in '... State Marco Rubio'."""
    found: set[str] = set()
    for match in _CAPITAL_RUN.finditer(quote):
        run = words(match.group())
        named = [i for i, w in enumerate(run) if w in group]
        if named:
            found.update(run[: named[0]])
    return found


_CAPITAL_RUN = re.compile(
    r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f.-]*(?:(?:['\u2019]s)?(?= )|['\u2019]s|)"
    r"(?:\s(?:(?:of|de|du|van|von|bin|al)\s)?[A-Z\u00c0-\u00de][\w\u00c0-\u024f.-]*(?![\w'\u2019]))*"
)
"""A run of capitalised words that may be one name ('Secretary of State Marco Rubio'); a possessive ends it."""


def _person_words(person: Participant) -> frozenset[str]:
    """The capitalised words of a person's name and spellings, without titles ('Dr.')."""
    found: set[str] = set()
    for spelling in (person.name, *person.variants):
        if not is_proper_name(spelling):  # a description ('Macron's advisers'), not a name
            continue
        found.update(w for w in words(spelling) if w not in _TITLES and len(w) > 2)
    return frozenset(found - _COUNTRY_WORDS - _GENERIC - _OFFICES)


def _side_words(side: Side, *, every: bool = False) -> frozenset[str]:
    """The words that name a side; with ``every``, lower-case and generic words of its spellings too."""
    found: set[str] = set()
    for spelling in (side.name, *side.variants):
        named = words(spelling) if every else [w for c in _NAME_WORD.findall(spelling) for w in words(c)]
        found.update(w for w in named if w not in _TITLES and len(w) > 2 and (every or w not in _GENERIC))
    for group in EQUIVALENTS:
        if group & found:
            found |= group
    return frozenset(found | _singulars(found)) if every else frozenset(found)


# --- the rules on one sentence ---------------------------------------------------------------------

_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'\u201c\u2018(]*([\w\u00c0-\u024f'\u2019.-]+)")
_QUOTED = re.compile(
    r"[\"\u201c]([^\"\u201c\u201d]{2,}?)[\"\u201d]|(?:(?<=^)|(?<=[\s(\u2014\u2013-]))['\u2018]([^'\u2018\u2019]{2,}?)['\u2019](?=$|[\s.,;:!?)\u2014\u2013-])"
)


@dataclass(frozen=True)
class Finding:
    """One rule broken by one sentence: the code and what to tell the editor."""

    code: str
    message: str


_FIX = "cite the words that give it, or say how it was worked out with 'inferred'"


def sentence_findings(text: str, evidence: Evidence, names: Names, inferred: str | bool | None = None) -> list[Finding]:
    """Everything in one sentence that its quotes do not support.

    ``inferred`` is the claim's note on how a value was worked out: the numbers and dates it
    names count as stated, and nothing else does.
    """
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()

    def add(code: str, message: str) -> None:
        if (code, message) not in seen:
            seen.add((code, message))
            found.append(Finding(code, message))

    note = Stated.of((inferred,)) if isinstance(inferred, str) else EMPTY
    for long, short in _COMPOUNDS:  # 'United States' is one name, as match_form() reads it in the quotes
        text = re.sub(re.escape(long), short.upper(), text, flags=re.IGNORECASE)
    starts = {m.start(1) for m in _SENTENCE_START.finditer(text)}
    # Quoted phrases first: their words are checked as a whole.
    for match in _QUOTED.finditer(text):
        phrase = _phrase(match.group(1) or match.group(2) or "")
        if phrase and phrase not in evidence.text:
            add(
                "unsupported-quoted-phrase",
                f"the words in quotation marks {shown(match.group(1) or match.group(2))} do not occur in any of "
                "this sentence's quotes; quote the source exactly, or drop the quotation marks and say it in "
                "your own words",
            )
    stated = evidence.stated
    taken: list[tuple[int, int]] = []
    days_said = [d for m in mentions(text) if m.kind == "day" for d in m.days]
    for m in mentions(text):
        taken.append((m.start, m.end))
        if m.kind == "day":
            if not any((d.month, d.day) in stated.days or (d.month, d.day) in note.days for d in m.days):
                add(
                    "unsupported-date",
                    f"the date '{m.text}' does not occur in any of this sentence's quotes "
                    f"(in any form){_closest_day(stated)}; {_FIX}",
                )
            elif any(d.year for d in m.days) and not any(
                d.year in stated.years or d.year in note.years for d in m.days if d.year
            ):
                year = next(d.year for d in m.days if d.year)
                add("unsupported-date", f"the year {year} does not occur in any of this sentence's quotes; {_FIX}")
        elif m.kind == "month":
            if m.month not in stated.months and m.month not in note.months:
                add(
                    "unsupported-date",
                    f"the date word '{m.text}' does not occur in any of this sentence's quotes; "
                    "cite the words that give the date, or say how it was worked out with "
                    "'inferred'",
                )
        elif m.kind == "weekday":
            if (
                m.weekday not in stated.weekdays
                and m.weekday not in note.weekdays
                and not any(d.weekday() == m.weekday for d in days_said)
            ):
                add(
                    "unsupported-date",
                    f"the date word '{m.text}' does not occur in any of this sentence's quotes, "
                    "and no day they state falls on it; cite the words that give the date, or "
                    "say how it was worked out with 'inferred'",
                )
        elif m.kind == "year":
            if int(m.value or 0) not in stated.years and int(m.value or 0) not in note.years:
                add("unsupported-date", f"the year {m.text} does not occur in any of this sentence's quotes; {_FIX}")
        elif m.value is not None:
            if m.text in names.sources and _is_source_reference(text, m.start, m.end):
                continue  # '002 reports' names a source
            if m.value in stated.numbers or m.value in note.numbers:
                if m.value in stated.numbers:
                    dropped = _dropped_hedge(text, m.start, m.value, evidence)
                    if dropped:
                        hedge, figure = dropped
                        add(
                            "hedge-dropped",
                            f"every quote gives this figure as '{hedge} {figure}', but the sentence "
                            f"drops '{hedge}'; keep the hedge",
                        )
                continue
            if _counts_what_is_named(text, m, evidence, names):
                continue
            add(
                "unsupported-number",
                f"the number '{m.text}' does not occur in any of this sentence's quotes"
                f"{_closest_number(m.value, stated)}; {_FIX}",
            )
    # Names, word by word on the original text (capitals matter for names).
    for match in re.finditer(r"[\w\u00c0-\u024f'\u2019.&]+", text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        raw = match.group().strip("'\u2019")
        raw = raw if re.fullmatch(r"(?:[A-Za-z]\.){2,}", raw) else raw.strip(".")
        if not raw or not raw[:1].isupper():
            continue
        for word in words(raw):
            if word in _TITLES or word.isdigit():
                continue
            if match.start() in starts and not names.known(word):
                continue  # a capital that only starts a sentence
            if names.supported(word, evidence) or _titled(word, raw, text, evidence, names):
                continue
            if word in names.sides and ({"country", "nation", "countrie"} & evidence.words):
                continue  # 'India's' where the quote says 'the country's'
            add(
                "unsupported-name",
                f"the name '{raw}' does not occur in any of this sentence's quotes "
                "(nor any recorded spelling of it); cite the words that name it, or leave "
                "it out",
            )
    for run in _CAPITAL_RUN.finditer(text):
        people = [group for group in names.people if group & set(words(run.group()))]
        if len(people) > 1 and not any(
            group >= {w for g in people for w in g & set(words(run.group()))} for group in people
        ):
            add(
                "unsupported-name",
                f"the name {shown(run.group().strip())} joins the names of two different people; "
                "write each person's name as the quotes give it",
            )
    for sayer in _sayers(text):
        missing = [
            w
            for w in words(sayer)
            if not _names_the_sayer(w, evidence, names) and not _titled(w, sayer, text, evidence, names)
        ]
        if missing:
            add(
                "unsupported-attribution",
                f"the sentence gives {shown(sayer)} as the one who says it, but no quote of this sentence names "
                f"'{missing[0]}' and it is not the cited source's outlet or author; attribute it to the source "
                "(its outlet) or to whom the quote names",
            )
    modal = _dropped_modal(text, evidence)
    if modal:
        add("hedge-dropped", f"the quote says '{modal[1]}', but the sentence drops '{modal[0]}'; keep the hedge")
    if evidence.word_lists and all("according" in ws for ws in evidence.word_lists):
        refs = {m.text for m in mentions(text) if m.text in names.sources}
        if not _ATTRIBUTION & set(words(text)) and not refs and not (evidence.speakers & set(words(text))):
            add(
                "hedge-dropped",
                "every quote says 'according to' someone, but the sentence states it as fact; "
                "keep the attribution ('according to ...')",
            )
    return found


def _closest_number(value: float, stated: Stated) -> str:
    near = sorted(stated.numbers, key=lambda n: abs(n - value))[:1]
    return f" (the nearest figure they give is {near[0]:,g})" if near else ""


def _closest_day(stated: Stated) -> str:
    if not stated.days:
        return " (they give no day)"
    month, day = min(stated.days)
    return f" (they give {day} {MONTHS[month - 1].capitalize()})"


def _is_source_reference(text: str, start: int, end: int) -> bool:
    """'002' names a source when written as a source is: zero-padded, or as the one who says or gives something."""
    token = text[start:end]
    return (
        token.startswith("0")
        or bool(_SOURCE_REFERENCE_AFTER.match(text[end : end + 12]))
        or bool(_SOURCE_REFERENCE_BEFORE.search(text[max(0, start - 14) : start]))
    )


def _counts_what_is_named(text: str, mention: Mention, evidence: Evidence, names: Names) -> bool:
    """'the two leaders', 'both countries', 'the three reports': a count of what the quotes (or the brief) name."""
    if mention.value is None or mention.value > 12 or mention.value != int(mention.value) or mention.text[:1].isdigit():
        return False
    if not _COUNTED.search(text[max(0, mention.start - 8) : mention.start]):
        return False
    noun = words(text[mention.end : mention.end + 30])[:1]
    if not noun or not (noun[0].endswith("s") or noun[0] in ("people", "men", "women", "children")):
        return False  # 'the two leaders' counts; 'the two-degree goal' is a figure
    if noun and noun[0] in _SOURCE_NOUNS:
        return int(mention.value) in (names.source_count, len(evidence.quotes))
    return int(mention.value) <= names.entities_in(evidence)


def _titled(word: str, raw: str, text: str, evidence: Evidence, names: Names) -> bool:
    """A title or initial written beside a person the quotes name: 'Chief Minister Patnaik', 'N. Patnaik'."""
    said = set(words(text))
    for group, titles in names.titles:
        if (
            group & said
            and group & evidence.words
            and (word in titles or (len(word) == 1 and any(w.startswith(word) for w in group)))
        ):
            return True
    return False


def _sayers(text: str) -> list[str]:
    """The ones a sentence says something comes from: 'according to X', 'X said', 'X reports'."""
    found = [m.group("x") for m in _ACCORDING.finditer(text)]
    found += [m.group("x") for m in _SAYER.finditer(text)]
    return [
        " ".join(x.split()[:6]) for x in found if not _NEGATIONS.search(match_form(x))
    ]  # 'no source says' names no one


def _names_the_sayer(word: str, evidence: Evidence, names: Names) -> bool:
    if word in _DETERMINERS or word in _SOURCE_NOUNS or word in _NUMBER_WORDS or word.isdigit():
        return True
    if word in names.sources:
        return True
    return names.supported(word, evidence) or word.rstrip("s") in evidence.words or word in _ATTRIBUTION


_NUMBER_WORDS = frozenset(NUMBER_WORDS)
_MODALS = frozenset(
    {
        "potentially",
        "potential",
        "possibly",
        "possible",
        "reportedly",
        "allegedly",
        "apparently",
        "likely",
        "unlikely",
        "probably",
        "might",
        "may",
        "could",
        "appears",
        "appear",
        "seems",
        "seem",
        "perhaps",
    }
)
_FILLERS = frozenset(
    {
        "be",
        "being",
        "been",
        "have",
        "has",
        "had",
        "to",
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "for",
        "and",
        "or",
        "that",
        "this",
        "it",
        "its",
    }
)


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
                following = [v for v in ws[i + 1 : i + 5] if v not in _FILLERS][:1]
                if following and following[0] in said:
                    return w, " ".join(ws[i : i + 1 + ws[i + 1 :].index(following[0]) + 1])
    return None


def _dropped_hedge(text: str, at: int, value: float, evidence: Evidence) -> tuple[str, str] | None:
    """The hedge every quote puts before this figure (and the figure as quoted), if the sentence lost it."""
    hedges: list[tuple[str, str]] = []
    for quote in evidence.quotes:
        for m in mentions(quote):
            if m.value == value and m.kind == "number":
                before = " ".join(words(quote[: m.start])[-3:])
                hedge = next((h for h in _HEDGES if before.endswith(h)), None)
                if hedge is None:
                    return None
                hedges.append((hedge, " ".join(words(m.text))))
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
    """Whether a citation can report something on ``after`` as done: a source written later, no plan words.

    Plan words inside reported speech ('"we will meet again," he said') are the speaker's, not the
    report's: a report of a meeting held may quote what was said at it.
    """
    if _PLAN.search(_REPORTED_SPEECH.sub(" ", match_form(citation.quote))):
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


def speakers_of(sources: Iterable[Source]) -> dict[str, tuple[str, ...]]:
    """Who each source is, by id: its outlet, author and label, any of which a sentence may name as the sayer."""
    return {s.id: tuple(n for n in (s.outlet, s.author, s.label) if n) for s in sources}


def check_support(brief: Brief, document: Document) -> Iterator[BriefError]:
    """Every support rule over every claim, position and reported happening of one brief."""
    names = Names.of(brief)
    speakers = speakers_of(brief.sources)
    for path, claim in claims(brief):
        at = (*path, "says")
        if claim.absence:
            if not _NEGATIONS.search(match_form(claim.says)):
                yield document.error(
                    at,
                    "absence-not-negative",
                    f"{where(at)}: this sentence is marked 'absence' but does not say what the "
                    "sources lack (no 'no', 'not', 'neither', 'none'...); cite the words it rests on "
                    "instead, or reword it as what the sources do not say",
                )
            if not claim.cite:
                continue
        cited = tuple(dict.fromkeys(n for c in claim.cite for n in speakers.get(c.source, ())))
        evidence = _evidence(_quotes(claim.cite), cited)
        for finding in sentence_findings(_unnamed(claim), evidence, names, inferred=claim.inferred):
            yield document.error(at, finding.code, f"{where(at)}: {finding.message}")
        yield from _check_mentions(brief, document, path, claim)
    yield from _check_source_numbers(brief, document)
    yield from _check_brief_date(brief, document)
    yield from _check_titles(brief, document, names)
    yield from _check_happened(brief, document)
    yield from _check_positions(brief, document, speakers)


def _unnamed(claim: Claim) -> str:
    """A sentence with each source it names (``{source-id}``) read as "the source": which source it
    is, is the mention rule's business, not the words' (:func:`_check_mentions`)."""
    text = claim.says
    for mention in reversed(claim.mentions):
        text = (
            text[: mention.start]
            + ("The source" if text[mention.start : mention.start + 1].isupper() else "the source")
            + text[mention.end :]
        )
    return text


def _check_mentions(brief: Brief, document: Document, path: Path_, claim: Claim) -> Iterator[BriefError]:
    """A sentence that names a source cites it: 'according to the blog post' rests on the blog post's words."""
    if not claim.cite:
        return
    cited = {c.source for c in claim.cite}
    own = brief.sources[path[1]].id if path[:1] == ("sources",) and isinstance(path[1], int) else None
    for mention in claim.mentions:
        if mention.source not in cited and mention.source != own:
            at = (*path, "says")
            yield document.error(
                at,
                "named-source-not-cited",
                f"{where(at)}: this sentence names {{{mention.source}}} "
                f"({brief.source_name(mention.source)}) but cites nothing from it; cite the words "
                "of it the sentence rests on, or name the source it does cite",
            )


_NUMBER = re.compile(r"(?<![\w.,])\d+(?![\w]|[.,]\d)")


def source_numbers(brief: Brief) -> dict[str, str]:
    """Each source's number (the digits its archive file starts with) to its id: '002' -> 'src-002-blog-post'."""
    found = {}
    for source in brief.sources:
        match = re.match(r"(\d+)[_.-]", source.file)
        if match:
            found[match.group(1)] = source.id
    return found


def _check_source_numbers(brief: Brief, document: Document) -> Iterator[BriefError]:
    """No running text calls a source by its number: readers see "the news report in ...", never "002"."""
    numbers = source_numbers(brief)
    if not numbers:
        return
    texts: list[tuple[Path_, str]] = []
    for path, claim in claims(brief):
        texts.append(((*path, "says"), claim.says))
        if claim.inferred:
            texts.append(((*path, "inferred"), claim.inferred))
    texts += [((*path, "note"), when.note) for path, when in instances(brief, When) if when.note]
    texts += [((*path, "note"), c.note) for path, c in instances(brief, Citation) if c.note]
    texts += [
        ((name, i, "title"), e.title)
        for name in ("agenda", "impact_events", "discrepancies")
        for i, e in enumerate(getattr(brief, name))
    ]
    texts += [(("open_questions", i, "question"), q.question) for i, q in enumerate(brief.open_questions)]
    for at, text in texts:
        for match in _NUMBER.finditer(text):
            source = numbers.get(match.group())
            if source and _is_source_reference(text, match.start(), match.end()):
                yield document.error(
                    at,
                    "source-by-number",
                    f"{where(at)}: '{match.group()}' calls a source by its number, which readers "
                    f"cannot place; write {{{source}}} and readers see "
                    f"'{brief.source_name(source)}', linked to its card",
                )
                break


def _check_titles(brief: Brief, document: Document, names: Names) -> Iterator[BriefError]:
    """An entry's title and place say nothing that none of its citations says."""
    named_sources = source_names(brief.sources).values()
    for list_name in ("agenda", "impact_events"):
        for i, entry in enumerate(getattr(brief, list_name)):
            cited = [*entry.cited(), *(c for report in getattr(entry, "reports", ()) for c in report.citations)]
            evidence = _evidence(_quotes(cited))
            inferred = entry.when.note if entry.when is not None and entry.when.basis == "inferred" else None
            for key in ("title", "place"):
                text = getattr(entry, key)
                if not text:
                    continue
                for name in named_sources:  # a source named in a title is no one the quotes must name
                    text = re.sub(re.escape(name), "the source", text, flags=re.IGNORECASE)
                for finding in sentence_findings(text, evidence, names, inferred=inferred):
                    if finding.code.startswith("unsupported-"):  # hedges belong to sentences, not titles
                        at = (list_name, i, key)
                        message = finding.message.replace("this sentence's quotes", "this entry's quotes")
                        yield document.error(at, finding.code, f"{where(at)}: {message}")


def _check_brief_date(brief: Brief, document: Document) -> Iterator[BriefError]:
    """A brief's own date marked 'stated' is stated by one of its quotes, like any other date."""
    if brief.when.basis != "stated":
        return
    stated = Stated.of(tuple(c.quote for c in all_citations(brief)))
    for key, day in (("date", brief.when.date), ("end", brief.when.end)):
        if day is not None and (day.month, day.day) not in stated.days:
            yield document.error(
                ("when", key),
                "unsupported-date",
                f"when.{key}: {day:%d %B %Y} is marked 'stated', but no quote of the brief states "
                "that day; cite the words that give it (in the summary, say), or make the basis "
                "'inferred' and say in 'note' how it was worked out",
            )


def _check_happened(brief: Brief, document: Document) -> Iterator[BriefError]:
    for i, item in enumerate(brief.agenda):
        if item.status not in ("held", "reported"):
            continue
        after = item.when.date if item.when else None
        if not any(reports_happened(brief, c, after) for c in item.cited()):
            yield document.error(
                ("agenda", i, "status"),
                "planned-not-happened",
                f"agenda[{i}].status: '{item.status}' is planned or expected, not reported as "
                "happened: no citation comes from a source written after it in words that report it "
                "done; cite such a source, or use 'scheduled' or 'announced'",
            )
    start = brief.when.date
    for i, person in enumerate(brief.participants):
        if person.presence != "present":
            continue
        if not any(reports_happened(brief, c, start) for c in person.cited()):
            yield document.error(
                ("participants", i, "presence"),
                "planned-not-happened",
                f"participants[{i}].presence: 'present' is planned or expected, not reported as "
                "happened: no citation comes from a source written after the event began in words "
                "that place them there; cite such a source, or use 'unknown'",
            )


def _check_positions(brief: Brief, document: Document, speakers: dict[str, tuple[str, ...]]) -> Iterator[BriefError]:
    sides = {s.id: s for s in brief.sides}
    people = {p.id: p for p in brief.participants}
    for i, question in enumerate(brief.open_questions):
        for j, position in enumerate(question.positions):
            side = sides.get(position.side)
            if side is None:
                continue  # a dangling reference, reported by the reference check
            if not position.citations and all(claim.absence and not claim.cite for claim in position.position):
                continue  # a position the sources do not state ('no source gives its view') quotes no one
            naming = set(_side_words(side, every=True))
            spoken = {w for c in position.cited() for n in speakers.get(c.source, ()) for w in words(n)}
            for pid in position.participants:
                if pid in people:
                    naming |= _person_words(people[pid])
                    naming |= {w for w in words(people[pid].name) if w not in _TITLES and len(w) > 3}
            evidence = _evidence(_quotes(position.cited()))
            if not naming & (evidence.words | spoken):  # its quotes name them, or they are the source
                at = ("open_questions", i, "positions", j, "side")
                yield document.error(
                    at,
                    "position-unattributed",
                    f"{where(at)}: none of this position's quotes names {side.name} "
                    f"({', '.join(sorted(naming))}); cite words that attribute the position to them",
                )

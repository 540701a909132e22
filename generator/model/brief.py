"""The typed model of a brief.

Every class is strict: unknown keys, wrong types and impossible values are
refused by pydantic, and the checks that span the whole brief (unique ids,
references between entries) live in :func:`Brief.check_references` so that
their errors carry a location like any other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.model.characters import FORBIDDEN_IN_VALUE, is_bidi_control
from generator.model.source_names import Mention, resolve, source_names

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_WINDOWS_NAMES = frozenset(
    {"con", "nul", "aux", "prn", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
_PAGE_NAMES = frozenset({"index", "sources", "people", "assets", "search", "briefs"})
_SECTION_ANCHORS = frozenset(
    {"key-points", "summary", "agenda", "impact", "casualties", "questions", "discrepancies", "citations", "tags"}
)
RESERVED_IDS = _PAGE_NAMES | _WINDOWS_NAMES | _SECTION_ANCHORS
"""Ids that would clash with a page or folder we generate, a Windows device name, or a section anchor."""


def rule_error(code: str, message: str) -> PydanticCustomError:
    """A broken rule of ours as data: its own error code (the type pydantic reports) and its message."""
    return PydanticCustomError(code, "{message}", {"message": message})


def _not_reserved(value: str) -> str:
    """Refuse a reserved id, saying what it would clash with so the editor sees why."""
    if value in _PAGE_NAMES:
        clash = "a page or folder of the generated site has this name"
    elif value in _SECTION_ANCHORS:
        clash = "a section of the generated pages has this anchor"
    elif value in _WINDOWS_NAMES:
        clash = "Windows cannot create a file or folder with this name"
    else:
        return value
    raise rule_error("reserved-id", f"'{value}' is a reserved name ({clash}); choose another id")


_CONTROL = FORBIDDEN_IN_VALUE
"""The characters no value may hold (defined once, in generator.model.characters)."""


def _no_control_characters(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        char = found.group()
        code = ord(char)
        if is_bidi_control(char):
            raise rule_error(
                "control-character",
                f"contains the bidirectional control character U+{code:04X}, which makes text display "
                "in a different order than it is stored; remove it",
            )
        raise rule_error(
            "control-character",
            f"contains the control character U+{code:04X}; remove it (only ordinary text is allowed)",
        )
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    AfterValidator(_not_reserved),
]
"""An identifier: lower-case letters, digits and single hyphens, e.g. ``marco-rubio``."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=5000), AfterValidator(_no_control_characters)]
"""Prose in our own words (or a name); never HTML or Markdown, rendered as plain text."""

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(_no_control_characters)]

Quote = Annotated[str, StringConstraints(min_length=3, max_length=2000), AfterValidator(_no_control_characters)]


def _parse_date(value: object) -> object:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else value
        except ValueError:
            raise rule_error(
                "not-a-date", f"'{value}' is not a real date; write an existing day as YYYY-MM-DD"
            ) from None
    return value


Day = Annotated[dt.date, BeforeValidator(_parse_date)]
"""A calendar day written as YYYY-MM-DD (quoted or not)."""

HttpUrl = Annotated[
    str,
    StringConstraints(pattern=r"""^https?://[^\s<>"'`]+$""", max_length=2000),  # ECMA-262-valid too
    AfterValidator(_no_control_characters),
]
"""A web address; only ``http`` and ``https`` are accepted."""


FORMAT = 2
"""The version of the brief format the model reads; a file states it as ``format: 2``."""

EventKind = Literal[
    "talks", "summit", "conflict", "disaster", "election", "ruling", "treaty", "protest", "accident", "other"
]
SourceKind = Literal[
    "news-report",
    "wire-report",
    "blog-post",
    "forum-post",
    "preview",
    "interview",
    "article",
    "official-statement",
    "press-release",
    "analysis",
    "transcript",
    "document",
]
AgendaKind = Literal[
    "meeting",
    "talks",
    "summit",
    "call",
    "statement",
    "interview",
    "announcement",
    "visit",
    "press-conference",
    "vote",
    "election",
    "ruling",
    "hearing",
    "signing",
    "hazard",
    "response",
    "other",
]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
LANGUAGE_DESCRIPTION = (
    "ISO 639 code of the language the name comes from (e.g. 'uk', 'ru', 'th'); search spells Ukrainian and "
    "Russian names in their usual transliterations, other names only as 'variants' records them."
)

T = TypeVar("T", bound=BaseModel)


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and instances never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Citation(Strict):
    """The exact words of a source that an entry relies on."""

    source: Id = Field(description="Id of an entry in `sources`.")
    quote: Quote = Field(
        description="Words copied exactly from the source text (whitespace and curly quotes may differ)."
    )
    note: Text | None = Field(default=None, description="Optional remark on how the quote supports the entry.")


Citations = Annotated[list[Citation], Field(min_length=1, description="At least one citation.")]

MoreCitations = Annotated[
    list[Citation],
    Field(
        default_factory=list,
        description="Citations for the entry's title, date, place or status beyond those its claims already cite.",
    ),
]


class Claim(Strict):
    """One sentence of our prose and the citations that support that sentence alone."""

    says: Text = Field(description="One sentence in our own words.")
    cite: list[Citation] = Field(
        default_factory=list, description="The citations that support this sentence; required unless 'absence' is true."
    )
    inferred: Text | None = Field(
        default=None, description="How a date or figure that the quotes do not state was worked out; shown to readers."
    )
    absence: StrictBool = Field(
        default=False, description="True for a sentence saying what the sources do not say; it needs no citation."
    )
    new_paragraph: StrictBool = Field(
        default=False,
        description="In the summary only: this sentence starts a new paragraph (one short paragraph per topic).",
    )
    _mentions: tuple[Mention, ...] = PrivateAttr(default=())

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Where ``says`` names a source (written ``{source-id}`` in the brief), for the link to its card."""
        return self._mentions

    @model_validator(mode="after")
    def _cited_unless_absence(self) -> Claim:
        if not self.absence and not self.cite:
            raise rule_error(
                "claim-uncited",
                "this sentence cites nothing; add 'cite' with the source words that support it, "
                "or 'absence: true' if it says what the sources do not say",
            )
        return self


Prose = Annotated[list[Claim], Field(min_length=1, description="Sentences, each with its own citations.")]
"""Prose that states facts: a list of claims, so every sentence carries its own citations."""


def is_proper_name(text: str) -> bool:
    """Whether a name is a proper name ("Andriy Yermak", "Dr. Anya Sharma") rather than a description
    ("Macron's advisers"): every word capitalised. Only proper names are spelt in other ways."""
    return all(word[:1].isupper() for word in text.split())


def plain(prose: list[Claim] | None) -> str:
    """The sentences of a piece of prose joined as plain text (for titles, metadata, calendars)."""
    return " ".join(claim.says for claim in prose or ())


class Cited(BaseModel):
    """An entry whose support is spread over its claims and its own citations."""

    def cited(self) -> list[Citation]:
        """Every citation of the entry: its claims' citations in order, then its own, each passage once."""
        found: dict[tuple[str, str], Citation] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, Claim):
                        for citation in item.cite:
                            found.setdefault((citation.source, citation.quote), citation)
        for citation in getattr(self, "citations", ()):
            found.setdefault((citation.source, citation.quote), citation)
        return list(found.values())


class When(Strict):
    """A date or date range, and whether the source states it or we inferred it."""

    date: Day = Field(description="First (or only) day, as YYYY-MM-DD.")
    end: Day | None = Field(default=None, description="Last day of a range, as YYYY-MM-DD.")
    basis: Literal["stated", "inferred"] = Field(
        description="'stated' when a source gives the date, 'inferred' when we worked it out from a phrase such as 'on Sunday'."
    )
    approximate: StrictBool = Field(
        default=False, description="True when the source only gives a vague time ('last week')."
    )
    bound: Literal["on-or-after", "by"] | None = Field(
        default=None,
        description="When the sources give only a limit: 'on-or-after' (this day or later) or 'by' (this day or earlier).",
    )
    note: Text | None = Field(default=None, description="How an inferred date was worked out.")

    @model_validator(mode="after")
    def _range_and_note(self) -> When:
        if self.end is not None and self.end < self.date:
            raise rule_error("end-before-date", f"'end' ({self.end}) is before 'date' ({self.date}); swap them")
        if self.basis == "inferred" and not self.note:
            raise rule_error(
                "inferred-date-without-note", "an inferred date needs a 'note' saying how it was worked out"
            )
        if self.bound is not None and self.end is not None:
            raise rule_error("bound-with-end", "a date known only as a bound has no 'end'; remove 'end' or 'bound'")
        return self


class LeftOut(Strict):
    """Words of a source the brief leaves out on purpose, and why, so coverage counts them as seen."""

    quote: Quote = Field(description="Words copied exactly from the source text, as for a citation.")
    reason: Literal["repeated", "off-topic", "opinion", "background", "unverifiable"] = Field(
        description="Why the brief does not use them: repeated elsewhere in the text, off the brief's topic, "
        "an opinion the brief does not report, background the brief does not need, or a claim no "
        "other source supports and the brief does not report."
    )
    note: Text | None = Field(default=None, description="Anything a reviewer should know about the choice.")


class Source(Strict, Cited):
    """One archived document that the brief is curated from."""

    id: Id
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$", max_length=120)] = Field(
        description="File name of the verbatim copy in briefs/sources/."
    )
    label: ShortText = Field(description="Short name a reader sees next to citations, in our words.")
    title: ShortText | None = Field(default=None, description="The title as the text gives it; omit when it has none.")
    outlet: ShortText | None = Field(default=None, description="Outlet, only where the text names one.")
    author: ShortText | None = Field(default=None, description="Author, only where the text names one.")
    kind: SourceKind
    published: When | None = Field(default=None, description="Publication date where the text gives or implies one.")
    written: Literal["before", "during", "after"] | None = Field(
        default=None,
        description=(
            "When the text was written relative to the brief's event, as its tense shows: 'before' (a preview or "
            "plan), 'during', or 'after' (a report of what happened)."
        ),
    )
    url: HttpUrl | None = Field(default=None, description="Only a URL the material itself supports; never invented.")
    retrieved: Day | None = Field(
        default=None,
        description="The day the text was saved into the archive from its address (`brief add-source` sets it).",
    )
    reliability: list[Claim] = Field(
        default_factory=list, description="Reliability notes in our words, one claim each."
    )
    left_out: list[LeftOut] = Field(
        default_factory=list,
        description="Sentences the brief leaves out on purpose, each with its reason (see `brief coverage`).",
    )
    weak: StrictBool = Field(
        default=False,
        description=(
            "True when the curators judge the source weak (e.g. an anonymous forum copy or a careless "
            "aggregator, as its reliability notes explain); facts that rest on weak sources alone are "
            "marked on the brief's pages."
        ),
    )


class Side(Strict):
    """A party, country or group that participants belong to."""

    id: Id
    name: ShortText
    variants: list[ShortText] = Field(
        default_factory=list, description="Other words the sources use for this side, e.g. 'Moscow' for Russia."
    )


class Correction(Strict):
    """A mistake the brief made and put right: what it said, what it says now, and the words that settle it."""

    date: Day = Field(description="The day the correction was made, as YYYY-MM-DD.")
    entry: Id | None = Field(default=None, description="Id of the entry that was corrected, if one was.")
    was: Text = Field(description="What the brief said before, in a sentence.")
    now: Claim = Field(description="What it says now: one sentence with the citations that settle it.")


class Place(Strict):
    """A place the brief names, with the other spellings and old names a reader may know it by."""

    name: ShortText = Field(description="The place as the brief writes it, e.g. 'Kyiv'.")
    variants: list[ShortText] = Field(
        default_factory=list,
        description="Other spellings and former names, e.g. 'Kiev'; search finds the place by them.",
    )
    language: Language | None = Field(default=None, description=LANGUAGE_DESCRIPTION)


class Participant(Strict, Cited):
    """A person or group named by the sources."""

    id: Id
    name: ShortText
    variants: list[ShortText] = Field(default_factory=list, description="Other spellings the sources use.")
    language: Language | None = Field(default=None, description=LANGUAGE_DESCRIPTION)
    role: Prose
    side: Id = Field(description="Id of an entry in `sides`.")
    presence: Literal["present", "absent", "unknown"] = Field(
        description="Whether the sources place them at the event: present, absent, or unknown when they do not say."
    )
    presence_note: Prose | None = None
    citations: MoreCitations


class AgendaItem(Strict, Cited):
    """A meeting, statement or happening in the event or its surrounding timeline."""

    id: Id
    title: ShortText
    when: When | None = Field(default=None, description="Omit only when no source dates it.")
    kind: AgendaKind
    status: Literal["held", "scheduled", "announced", "reported"] = Field(
        description="'held' if sources report it happened, 'scheduled'/'announced' if only planned."
    )
    place: ShortText | None = None
    summary: Prose
    participants: list[Id] = Field(default_factory=list, description="Ids of entries in `participants`.")
    citations: MoreCitations


class Count(Strict):
    """A figure as a source states it, without false precision."""

    value: StrictInt | None = Field(
        default=None, ge=0, description="The number, when the source gives one (1.5 million is 1500000)."
    )
    qualifier: Literal["exact", "at-least", "about", "at-most", "unspecified"]
    as_stated: ShortText = Field(description="The figure in the source's words, e.g. 'at least 35'.")
    unit: ShortText | None = Field(
        default=None,
        description="What is counted when the measure leaves it open: 'homes', 'buildings', or a currency such as 'USD'.",
    )

    @model_validator(mode="after")
    def _value_matches_qualifier(self) -> Count:
        if self.qualifier == "unspecified" and self.value is not None:
            raise rule_error(
                "count-value-mismatch",
                "qualifier 'unspecified' cannot have a 'value'; use 'exact', 'at-least', 'about' or 'at-most'",
            )
        if self.qualifier != "unspecified" and self.value is None:
            raise rule_error(
                "count-value-mismatch", f"qualifier '{self.qualifier}' needs a 'value'; or use 'unspecified'"
            )
        return self


MEASURES: tuple[str, ...] = (
    "killed",
    "injured",
    "missing",
    "displaced",
    "evacuated",
    "arrested",
    "affected",
    "damaged",
    "cost",
)
"""The figures an impact report may give, in the order pages show them (their words live in generator.pages.wording)."""


class ImpactReport(Strict):
    """What one source says about the toll of one impact event: each figure as that source gives it."""

    source: Id
    killed: Count | None = Field(default=None, description="People killed.")
    injured: Count | None = Field(default=None, description="People injured.")
    missing: Count | None = Field(default=None, description="People missing.")
    displaced: Count | None = Field(default=None, description="People who lost or fled their homes.")
    evacuated: Count | None = Field(default=None, description="People evacuated.")
    arrested: Count | None = Field(default=None, description="People arrested or detained.")
    affected: Count | None = Field(default=None, description="People affected, as the source counts them.")
    damaged: Count | None = Field(
        default=None, description="Buildings or homes damaged or destroyed; 'unit' says which."
    )
    cost: Count | None = Field(default=None, description="Damage, losses or aid in money; 'unit' gives the currency.")
    who: ShortText | None = Field(default=None, description="Who the figures are about, e.g. 'civilians'.")
    citations: Citations

    def figures(self) -> list[tuple[str, Count]]:
        """The figures this report gives, as (measure, count), in the order of MEASURES."""
        return [(name, count) for name in MEASURES if (count := getattr(self, name)) is not None]

    @model_validator(mode="after")
    def _cost_unit_and_own_source(self) -> ImpactReport:
        if self.cost is not None and not self.cost.unit:
            raise rule_error("cost-without-unit", "'cost' needs a 'unit' naming the currency, e.g. unit: USD")
        for citation in self.citations:
            if citation.source != self.source:
                raise rule_error(
                    "report-cites-other-source",
                    f"a report from '{self.source}' cites '{citation.source}'; add a separate report for that source",
                )
        return self


class ImpactEvent(Strict, Cited):
    """Something that harmed people or property (a disaster, an attack, a crush, arrests), each source's figures kept apart."""

    id: Id
    title: ShortText
    place: ShortText
    when: When | None = None
    cause: ShortText | None = Field(
        default=None, description="What caused it, as reported: 'magnitude 7.7 earthquake', 'missiles'."
    )
    attributed_to: ShortText | None = Field(
        default=None, description="Who the sources hold responsible, only where they do."
    )
    summary: Prose
    reports: Annotated[list[ImpactReport], Field(min_length=1)]
    citations: MoreCitations


class Position(Strict, Cited):
    """One side's stated position on an open question."""

    side: Id
    participants: list[Id] = Field(default_factory=list)
    position: Prose
    citations: MoreCitations


class OpenQuestion(Strict, Cited):
    """A question the event leaves open, and where each side stands."""

    id: Id
    question: ShortText
    why_it_matters: Prose
    status: Literal["open", "resolved"] = "open"
    positions: Annotated[list[Position], Field(min_length=1)]
    citations: MoreCitations


class Discrepancy(Strict, Cited):
    """Where sources disagree, contradict themselves or plainly err."""

    id: Id
    kind: Literal["disagreement", "error", "inconsistency", "repetition"]
    title: ShortText
    explanation: Prose
    entries: list[Id] = Field(default_factory=list, description="Ids of the entries this affects.")
    citations: MoreCitations

    @model_validator(mode="after")
    def _disagreement_has_two_sources(self) -> Discrepancy:
        if self.kind == "disagreement" and len({c.source for c in self.cited()}) < 2:
            raise rule_error(
                "disagreement-one-source", "a 'disagreement' needs citations from at least two different sources"
            )
        return self


class Brief(Strict, Cited):
    """A curated event brief: one YAML file in briefs/."""

    format: Literal[2] = Field(
        description="The version of the brief format this file is written in; `brief migrate` upgrades older files."
    )
    id: Id = Field(description="Slug of the brief; its pages live under briefs/<id>/.")
    kind: EventKind | None = Field(default=None, description="What kind of event the brief covers.")
    title: ShortText
    key_points: list[Claim] = Field(
        default_factory=list,
        description="At most five sentences a reader needs first: when and where, who, what happened or was agreed, "
        "and what comes next (about 120 words in all).",
    )
    summary: Prose
    place: ShortText
    when: When
    tags: list[Id] = Field(default_factory=list)
    places: list[Place] = Field(
        default_factory=list, description="Places the brief names that readers may spell otherwise (search finds them)."
    )
    corrections: list[Correction] = Field(
        default_factory=list, description="Mistakes the brief made and corrected, newest last; shown to readers."
    )
    citations: MoreCitations
    sources: Annotated[list[Source], Field(min_length=1)]
    sides: Annotated[list[Side], Field(min_length=1)]
    participants: list[Participant] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    impact_events: list[ImpactEvent] = Field(
        default_factory=list,
        description="Events that harmed people or property, with each source's figures kept apart.",
    )
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(default_factory=list)

    @model_validator(mode="after")
    def _name_sources(self) -> Brief:
        """Write each ``{source-id}`` in our prose as the source's running name (see
        :mod:`generator.model.source_names`), keeping where it stands for the link to the source's card,
        and the text as written for the published JSON (:attr:`written`)."""
        names = source_names(self.sources)
        written: dict[tuple[str | int, ...], str] = {}

        def name_in(node: BaseModel, path: tuple[str | int, ...], field: str) -> tuple[Mention, ...]:
            text = getattr(node, field)
            if not text or "{" not in text:
                return ()
            named, mentions = resolve(text, names)
            if named != text:
                object.__setattr__(node, field, named)
                written[(*path, field)] = text
            return mentions

        for path, claim in instances(self, Claim):
            claim._mentions = name_in(claim, path, "says")
            name_in(claim, path, "inferred")
        for path, when in instances(self, When):
            name_in(when, path, "note")
        for path, citation in instances(self, Citation):
            name_in(citation, path, "note")
        for i, correction in enumerate(self.corrections):
            name_in(correction, ("corrections", i), "was")
        for list_name in ("agenda", "impact_events", "discrepancies"):
            for i, entry in enumerate(getattr(self, list_name)):
                name_in(entry, (list_name, i), "title")
                if list_name != "discrepancies":  # "St. Petersburg ({src-id})": where the source places it
                    name_in(entry, (list_name, i), "place")
        for i, question in enumerate(self.open_questions):
            name_in(question, ("open_questions", i), "question")
        self._written = written
        return self

    _written: dict[tuple[str | int, ...], str] = PrivateAttr(default_factory=dict)

    @property
    def written(self) -> dict[tuple[str | int, ...], str]:
        """Text that names sources, as the brief writes it (``{source-id}``), by path: the published JSON
        keeps it so, so that it reads back into the same brief."""
        return self._written

    def source_name(self, source_id: str) -> str:
        """How running text names a source: 'the news report in The Irrawaddy'."""
        return source_names(self.sources)[source_id]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def participant(self, participant_id: str) -> Participant:
        return next(p for p in self.participants if p.id == participant_id)

    def side(self, side_id: str) -> Side:
        return next(s for s in self.sides if s.id == side_id)


def instances(
    node: object, kind: type[T], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], T]]:
    """Every model of ``kind`` inside a brief (or part of one), with its path, in document order."""
    if isinstance(node, kind):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, (BaseModel, list)):  # text, numbers and dates hold no models
                yield from instances(value, kind, (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, (BaseModel, list)):
                yield from instances(item, kind, (*path, index))


def citation_paths(node: object) -> Iterator[tuple[tuple[str | int, ...], Citation]]:
    """Every citation in a brief, with its path."""
    return instances(node, Citation)


def all_citations(brief: Brief) -> list[Citation]:
    """Every citation of a brief, in document order."""
    return [citation for _, citation in citation_paths(brief)]


PROSE_FIELDS = frozenset({"summary", "role", "presence_note", "why_it_matters", "position", "explanation"})
"""Fields whose value is a list of claims (besides a source's reliability notes, always a list)."""

ENTRY_LISTS: tuple[str, ...] = (
    "sources",
    "sides",
    "participants",
    "agenda",
    "impact_events",
    "open_questions",
    "discrepancies",
)

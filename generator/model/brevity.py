"""A brief a reader gets in two minutes: key points first, a short summary, no story told twice.

The limits are rules of the check, with one home here: at most five key points of about 120
words in all, a summary of at most 250 words, and a paragraph break only where a summary has
paragraphs. A quote cited by more than a few sentences is a warning, not an error: it is
usually a sign that one fact is being told again in several places.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.model.brief import Brief, Claim, instances
from generator.model.errors import BriefError
from generator.model.load import Document, Path_, where

KEY_POINTS_MAX = 5
KEY_POINTS_WORDS = 120
SUMMARY_WORDS = 250
QUOTE_REUSE_MAX = 3
"""A quote cited by more sentences than this is reported (a warning): the fact is probably told twice."""


def word_count(prose: list[Claim]) -> int:
    """Words a reader reads, sources named as readers see them."""
    return sum(len(claim.says.split()) for claim in prose)


def check_brevity(brief: Brief, document: Document) -> Iterator[BriefError]:
    """The length rules, each an error at the place to shorten."""
    if len(brief.key_points) > KEY_POINTS_MAX:
        path: Path_ = ("key_points", KEY_POINTS_MAX)
        yield document.error(
            path,
            "key-points-too-many",
            f"key_points: {len(brief.key_points)} key points, at most {KEY_POINTS_MAX}; keep the ones a "
            "reader needs first (when and where, who, what happened or was agreed, what comes next) "
            "and move the rest to the summary or the sections",
        )
    words = word_count(brief.key_points)
    if words > KEY_POINTS_WORDS:
        yield document.error(
            ("key_points",),
            "key-points-too-long",
            f"key_points: {words} words, at most {KEY_POINTS_WORDS}; shorten them to what a reader "
            "needs first and leave the detail to the sections",
        )
    words = word_count(brief.summary)
    if words > SUMMARY_WORDS:
        yield document.error(
            ("summary",),
            "summary-too-long",
            f"summary: {words} words, at most {SUMMARY_WORDS}; keep one short paragraph per topic "
            "and move the detail to the sections, which the summary need not repeat",
        )
    for path, claim in instances(brief, Claim):
        if claim.new_paragraph and path[:1] != ("summary",):
            yield document.error(
                (*path, "new_paragraph"),
                "paragraph-outside-summary",
                f"{where((*path, 'new_paragraph'))}: only the summary has paragraphs; remove 'new_paragraph'",
                key=True,
            )


def brevity_warnings(brief: Brief, document: Document) -> list[BriefError]:
    """What a reviewer should look at but need not fix: no key points, and quotes cited over and over."""
    warnings: list[BriefError] = []
    if not brief.key_points:
        warnings.append(
            document.error(
                ("summary",),
                "no-key-points",
                f"the brief has no key_points; add up to {KEY_POINTS_MAX} sentences a reader "
                "needs first (when and where, who, what happened or was agreed, what comes next)",
                key=True,
            )
        )
    cited: dict[tuple[str, str], list[Path_]] = defaultdict(list)
    for path, claim in instances(brief, Claim):
        for citation in {(c.source, c.quote): c for c in claim.cite}:
            cited[citation].append(path)
    for (source, quote), paths in cited.items():
        if len(paths) > QUOTE_REUSE_MAX:
            shown = " ".join(quote.split())
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            line, column = document.position((*paths[0], "says"))
            warnings.append(
                document.error(
                    (*paths[-1], "says"),
                    "quote-reused",
                    f"{where((*paths[-1], 'says'))}: the quote '{shown}' of {source} is cited by "
                    f"{len(paths)} sentences (first at line {line}, column {column}), more than "
                    f"{QUOTE_REUSE_MAX}; is one fact told several times?",
                )
            )
    return warnings

"""The support check: each rule refuses a sentence its own quotes do not back, at the sentence's position."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from brief_variants import BASE, FILE, FIXTURES, errors_of, only_error, variant
from positions import located

from generator.model.archive import Archive
from generator.model.brief import Brief, Citation
from generator.model.load import load_bytes
from generator.model.support import EQUIVALENTS, Evidence, Names, claims, reports_happened, sentence_findings
from generator.model.validate import check_files, validate_document

ROOT = Path(__file__).resolve().parent.parent
PARIS = ROOT / "briefs" / "paris-talks-2025.yaml"
PARIS_FILE = "briefs/paris-talks-2025.yaml"


@pytest.fixture(scope="module")
def archive() -> Archive:
    return Archive(FIXTURES / "sources")


@pytest.fixture(scope="module")
def paris_archive() -> Archive:
    return Archive(ROOT / "briefs" / "sources")


def passes(text: str, archive: Archive) -> None:
    validate_document(load_bytes(text.encode("utf-8"), FILE), archive)


POSITION_SIDE = "alpha\n        participants: [jane-doe]\n        position"
PRESENCE = "present\n    presence_note"
STATUS = "held\n    place: Geneva"
NUMBER_FIX = "cite the words that give it, or say how it was worked out with 'inferred'"


def test_the_fixture_passes_every_support_rule(archive: Archive) -> None:
    passes(BASE, archive)


def test_a_changed_figure_is_refused(archive: Archive) -> None:
    text = variant("Two delegations held talks in Geneva on 3 March", "Two delegations held talks in Geneva on 4 March")
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, 'Two delegations held talks in Geneva on 4')} summary[0].says: the date '4 March 2025' "
        f"does not occur in any of this sentence's quotes (in any form) (they give 3 March); {NUMBER_FIX} "
        "[unsupported-date]"
    )


def test_a_changed_month_and_year_are_refused(archive: Archive) -> None:
    text = variant("in Geneva on 3 March 2025.", "in Geneva on 3 May 2024.")
    where = located(FILE, text, "Two delegations held talks")
    assert [str(e) for e in errors_of(text, archive)] == [
        (
            f"{where} summary[0].says: the date '3 May 2024' does not occur in any of this sentence's quotes (in any form) "
            f"(they give 3 March); {NUMBER_FIX} [unsupported-date]"
        ),
    ]


def test_an_inferred_date_says_how_and_passes(archive: Archive) -> None:
    text = variant(
        '    cite:\n      - {source: report, quote: "Talks were held in Geneva on Monday, March 3, 2025, between',
        "    inferred: The report dates the talks to Monday 3 March 2025; the next day is 4 March.\n"
        '    cite:\n      - {source: report, quote: "Talks were held in Geneva on Monday, March 3, 2025, between',
    )
    passes(variant("in Geneva on 3 March 2025.", "in Geneva on 3 March 2025, the day before 4 March.", text), archive)


def test_a_name_no_quote_has_is_refused(archive: Archive) -> None:
    text = variant(
        "      - says: The two delegations held talks.\n", "      - says: The two delegations held talks in Paris.\n"
    )
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, 'The two delegations held talks in Paris')} agenda[0].summary[0].says: the name 'Paris' "
        "does not occur in any of this sentence's quotes (nor any recorded spelling of it); cite the words that name "
        "it, or leave it out [unsupported-name]"
    )


def test_a_participant_resolves_through_recorded_spellings(archive: Archive) -> None:
    text = variant("    variants: [J. Doe]\n", "    variants: [J. Doe, Jane Dough]\n")
    passes(
        variant("      - says: The foreign minister.\n", "      - says: The foreign minister, Dough.\n", text), archive
    )
    unrecorded = variant("      - says: The foreign minister.\n", "      - says: The foreign minister, Dough.\n")
    assert "the name 'Dough' does not occur" in str(only_error(unrecorded, archive))


def test_an_entry_title_is_held_to_its_citations(archive: Archive) -> None:
    text = variant("    title: Talks in Geneva\n", "    title: Talks in Lausanne\n")
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, 'Talks in Lausanne')} agenda[0].title: the name 'Lausanne' does not occur in any of this "
        "entry's quotes (nor any recorded spelling of it); cite the words that name it, or leave it out "
        "[unsupported-name]"
    )


def test_words_in_quotation_marks_must_be_the_sources(archive: Archive) -> None:
    text = variant('Jane Doe called progress "real but slow".', 'Jane Doe called progress "real and fast".')
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, 'Jane Doe called progress')} agenda[0].summary[1].says: the words in quotation marks "
        "'real and fast' do not occur in any of this sentence's quotes; quote the source exactly, or drop the quotation "
        "marks and say it in your own words [unsupported-quoted-phrase]"
    )


def test_a_dropped_hedge_is_refused(archive: Archive) -> None:
    text = variant("One source says at least four were killed.", "One source says four were killed.")
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, 'One source says four')} discrepancies[0].explanation[0].says: every quote gives this "
        "figure as 'at least 4', but the sentence drops 'at least'; keep the hedge [hedge-dropped]"
    )


def test_a_planned_meeting_marked_held_is_refused(archive: Archive) -> None:
    text = variant("    label: Wire report\n    kind: news-report\n", "    label: Wire report\n    kind: preview\n")
    assert [str(e) for e in errors_of(text, archive)] == [
        (
            f"{located(FILE, text, PRESENCE)} participants[0].presence: 'present' is planned or expected, not reported "
            "as happened: no citation comes from a source written after the event began in words that place them there; "
            "cite such a source, or use 'unknown' [planned-not-happened]"
        ),
        (
            f"{located(FILE, text, STATUS)} agenda[0].status: 'held' is planned or expected, not reported as happened: no "
            "citation comes from a source written after it in words that report it done; cite such a source, or use "
            "'scheduled' or 'announced' [planned-not-happened]"
        ),
    ]


@pytest.mark.parametrize(
    ("quote", "kind", "published", "reported"),
    [
        ("Talks were held in Geneva", "news-report", "2025-03-03", True),
        ("Talks were held in Geneva", "preview", "2025-03-03", False),
        ("Talks were held in Geneva", "news-report", "2025-03-02", False),
        ("Talks will be held in Geneva", "news-report", "2025-03-04", False),
        ("The minister was to meet her counterpart", "news-report", "2025-03-04", False),
        ("Talks are scheduled for Monday", "news-report", "2025-03-04", False),
    ],
)
def test_what_reports_a_thing_as_done(quote: str, kind: str, published: str, reported: bool) -> None:
    brief = Brief.model_validate(
        {
            "format": 2,
            "id": "b",
            "title": "T",
            "place": "P",
            "when": {"date": "2025-03-03", "basis": "stated"},
            "summary": [{"says": "Nothing is known.", "absence": True}],
            "sides": [{"id": "s", "name": "S"}],
            "sources": [
                {
                    "id": "r",
                    "file": "r.txt",
                    "label": "R",
                    "kind": kind,
                    "published": {"date": published, "basis": "stated"},
                }
            ],
        }
    )
    assert reports_happened(brief, Citation(source="r", quote=quote), dt.date(2025, 3, 3)) is reported


def test_a_position_must_cite_words_naming_its_side(archive: Archive) -> None:
    text = variant(
        '            cite: [{source: report, quote: "Jane Doe, said “progress was real but slow”"}]',
        '            cite: [{source: report, quote: "progress was real but slow"}]',
    )
    text = variant(
        "          - says: Progress is real but slow, in Jane Doe's words.",
        "          - says: Progress is real but slow.",
        text,
    )
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, POSITION_SIDE)} open_questions[0].positions[0].side: none of this position's quotes names "
        "Alphaland (alphaland, alphalandish, doe, jane); cite words that attribute the position to them "
        "[position-unattributed]"
    )


def test_an_absence_must_be_a_negative_statement(archive: Archive) -> None:
    text = variant("      - says: The report names no author.\n", "      - says: The report is short.\n")
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, 'The report is short.')} sources[0].reliability[0].says: this sentence is marked "
        "'absence' but does not say what the sources lack (no 'no', 'not', 'neither', 'none'...); cite the words it "
        "rests on instead, or reword it as what the sources do not say [absence-not-negative]"
    )


def test_a_sentence_without_citations_is_refused(archive: Archive) -> None:
    text = variant(
        "      - says: The report names no author.\n        absence: true\n",
        "      - says: The report names no author.\n",
    )
    assert str(only_error(text, archive)) == (
        f"{located(FILE, text, 'says: The report names')} sources[0].reliability[0]: this sentence cites nothing; add "
        "'cite' with the source words that support it, or 'absence: true' if it says what the sources do not say "
        "[claim-uncited]"
    )


def test_every_support_error_of_a_file_at_once(archive: Archive) -> None:
    text = variant("in Geneva on 3 March 2025.", "in Geneva on 5 March 2025.")
    text = variant("One source says at least four were killed.", "One source says four were killed.", text)
    text = variant("    title: Talks in Geneva\n", "    title: Talks in Lausanne\n", text)
    codes = [e.code for e in errors_of(text, archive)]
    assert codes == ["unsupported-date", "unsupported-name", "hedge-dropped"]


# --- matching tolerances, on single sentences ------------------------------------------------------


def findings(sentence: str, *quotes: str, names: Names | None = None) -> list[str]:
    names = names or Names(EQUIVALENTS, frozenset({"002", "004"}))
    return [f.code for f in sentence_findings(sentence, Evidence.of(quotes), names)]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("The talks at the Élysée ended.", "meetings at the Elysee Palace"),
        ("Talks on 17 April 2025.", "On Thursday, April 17, 2025, discussions"),
        ("Witkoff's third meeting lasted over four hours.", "third meeting, which lasted more than 4 hours"),
        ("He used the word “compelling”.", 'Witkoff\'s "compelling" meeting'),
        ("The U.S. delegation met.", "the US delegation"),
        ("American officials met.", "U.S. officials"),
        ("Zelenskyy's envoys met.", "Zelenskyy’s envoys"),
        ("Two sources, 002 and 004, agree.", "two accounts"),
        ("Delegations from the United States and the United Kingdom met.", "U.S. and UK delegations"),
        ("US officials met.", "officials of the United States"),
        ("Officials were potentially sidelined, 002 says.", "officials were potentially being sidelined"),
    ],
)
def test_tolerant_matching(sentence: str, quote: str) -> None:
    assert findings(sentence, quote) == []


@pytest.mark.parametrize(
    ("sentence", "quote", "code"),
    [
        ("Talks on 18 April 2025.", "On Thursday, April 17, 2025, discussions", "unsupported-date"),
        ("The meeting lasted four hours.", "which lasted more than four hours", "hedge-dropped"),
        ("The strike killed 35 people.", "killed at least 35 people", "hedge-dropped"),
        (
            "Russia demands five regions.",
            "Witkoff mentioned that the discussions involve five territories",
            "unsupported-name",
        ),
        ("Talks began on Friday.", "Talks began on Thursday", "unsupported-date"),
        ("Officials were ready to discuss guarantees.", "according to one official, they were ready", "hedge-dropped"),
        ("Officials fear being sidelined.", "officials fear potentially being sidelined", "hedge-dropped"),
        ("He ruled out concessions as a step to peace.", "ruled out concessions as a potential step", "hedge-dropped"),
    ],
)
def test_each_rule_on_a_single_sentence(sentence: str, quote: str, code: str) -> None:
    assert findings(sentence, quote) == [code]


def test_an_attributed_according_to_passes() -> None:
    assert findings("According to one official, they were ready.", "according to one official, they were ready") == []


# --- the shipped brief -------------------------------------------------------------------------------


def test_the_paris_brief_passes_every_rule_with_no_warnings() -> None:
    checked, errors = check_files([PARIS], ROOT)
    assert [str(e) for e in errors] == []
    assert len(checked) == 1


@pytest.mark.parametrize(
    ("pattern", "old", "new", "code"),
    [
        ("at least 35", "at least 35", "35", "hedge-dropped"),
        ("at least 35", "at least 35", "at least 36", "unsupported-number"),
        ("Sumy", "Sumy", "Kharkiv", "unsupported-name"),
    ],
)
def test_mutating_a_claim_of_the_paris_brief_is_refused(
    paris_archive: Archive, pattern: str, old: str, new: str, code: str
) -> None:
    text = PARIS.read_text(encoding="utf-8")
    document = load_bytes(text.encode("utf-8"), PARIS_FILE)
    brief = validate_document(document, paris_archive)
    path = next(path for path, claim in claims(brief) if pattern in claim.says)
    line, column = document.position((*path, "says"))
    offset = sum(len(row) for row in text.splitlines(keepends=True)[: line - 1]) + column - 1
    at = text.index(old, offset)
    mutated = text[:at] + new + text[at + len(old) :]
    errors = errors_of(mutated, paris_archive, PARIS_FILE)
    assert [(e.line, e.column, e.code) for e in errors] == [(line, column, code)]


def test_a_planned_meeting_of_the_paris_brief_marked_held_is_refused(paris_archive: Archive) -> None:
    text = PARIS.read_text(encoding="utf-8")
    start = text.index("  - id: rubio-barrot-talks")
    at = text.index("status: scheduled", start) + len("status: ")
    mutated = text[:at] + "held" + text[at + len("scheduled") :]
    errors = errors_of(mutated, paris_archive, PARIS_FILE)
    line = mutated.count("\n", 0, at) + 1
    column = at - mutated.rfind("\n", 0, at)
    assert [(e.line, e.column, e.code) for e in errors] == [(line, column, "planned-not-happened")]

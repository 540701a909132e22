"""Validation: every schema, reference and citation error at its FILE:LINE:COLUMN, all at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from brief_variants import BASE, FILE, FIXTURES, errors_of, only_error, variant
from positions import locate, located

from generator.model.archive import Archive
from generator.model.load import load_bytes
from generator.model.validate import check_files, validate_document


@pytest.fixture(scope="module")
def archive() -> Archive:
    return Archive(FIXTURES / "sources")


def test_the_fixture_brief_is_valid(archive: Archive) -> None:
    brief = validate_document(load_bytes(BASE.encode(), FILE), archive)
    assert brief.id == "geneva-talks"
    assert [p.id for p in brief.participants] == ["jane-doe"]


def test_unknown_key_suggests_the_right_one(archive: Archive) -> None:
    text = variant("    presence: present\n", "    presense: present\n    presence: present\n")
    error = only_error(text, archive)
    assert error.code == "unknown-key"
    assert str(error).startswith(located(FILE, text, "presense:"))
    assert "unknown key 'presense' in participants[0]; did you mean 'presence'?" in error.message
    assert (
        "valid keys are: citations, id, language, name, presence, presence_note, role, side, variants" in error.message
    )


def test_unknown_key_at_the_top_level(archive: Archive) -> None:
    text = variant("place: Geneva\nwhen:", "place: Geneva\nlocation: Geneva\nwhen:")
    error = only_error(text, archive)
    assert error.code == "unknown-key"
    assert str(error).startswith(located(FILE, text, "location:"))
    assert "unknown key 'location' in the brief" in error.message


def test_missing_required_key(archive: Archive) -> None:
    text = variant(
        "    role:\n      - says: The foreign minister.\n        cite:\n"
        '          - {source: report, quote: "The foreign minister, Jane Doe, said"}\n',
        "",
    )
    error = only_error(text, archive)
    assert error.code == "missing-key"
    # Reported at the entry that lacks it.
    assert str(error).startswith(located(FILE, text, "id: jane-doe"))
    assert "participants[0] is missing the required key 'role'" in error.message


def test_missing_key_names_what_the_key_is_for(archive: Archive) -> None:
    text = variant("    place: Exampleville\n", "")
    error = only_error(text, archive)
    assert error.code == "missing-key"
    assert "impact_events[0] is missing the required key 'place'" in error.message
    assert str(error).startswith(located(FILE, text, "id: exampleville-shelling"))


@pytest.mark.parametrize(("value", "found"), [("1234", "a number"), ("true", "true/false"), ("no", None)])
def test_number_where_text_is_meant(archive: Archive, value: str, found: str | None) -> None:
    text = variant("    name: Jane Doe\n", f"    name: {value}\n")
    if found is None:  # 'no' stays text under YAML 1.2: a valid name
        validate_document(load_bytes(text.encode(), FILE), archive)
        return
    error = only_error(text, archive)
    assert error.code == "wrong-type"
    line, column = locate(text, f"name: {value}\n")
    assert (error.line, error.column) == (line, column + len("name: "))
    assert (
        f"participants[0].name: expected text, found {found}; put the value in quotes to make it text" in error.message
    )


def test_empty_value_where_text_is_meant(archive: Archive) -> None:
    text = variant("title: Geneva talks\n", "title:\n")
    error = only_error(text, archive)
    assert error.code == "wrong-type"
    assert "title: expected text, found empty; write a value or remove the key" in error.message
    line, _ = locate(text, "title:")
    assert (error.line, error.column) == (line, len("title:") + 1)


def test_text_where_a_list_is_meant(archive: Archive) -> None:
    text = variant("    variants: [J. Doe]\n", "    variants: J. Doe\n")
    error = only_error(text, archive)
    assert error.code == "wrong-type"
    assert str(error).startswith(located(FILE, text, "J. Doe\n"))
    assert "participants[0].variants: expected a list (lines starting with '- '), found text" in error.message


def test_bad_id_suggests_a_slug(archive: Archive) -> None:
    text = variant("  - id: jane-doe\n", "  - id: Jane_Doe\n")
    text = text.replace("participants: [jane-doe]", "participants: [Jane_Doe]")
    errors = errors_of(text, archive)
    first = errors[0]
    assert first.code == "bad-value"
    assert str(first).startswith(located(FILE, text, "Jane_Doe"))
    assert (
        "participants[0].id: 'Jane_Doe' is not a valid id; use lower-case letters, digits and single hyphens, "
        "e.g. 'jane-doe'"
    ) in first.message


def test_reserved_id(archive: Archive) -> None:
    text = variant("id: geneva-talks\n", "id: sources\n")
    error = only_error(text, archive)
    assert error.code == "reserved-id"
    assert error.message == (
        "id: 'sources' is a reserved name (a page or folder of the generated site has this name); choose another id"
    )
    assert str(error).startswith(located(FILE, text, "sources\n"))


def test_bad_literal_lists_the_choices(archive: Archive) -> None:
    text = variant("    kind: talks\n", "    kind: parley\n")
    error = only_error(text, archive)
    assert error.code == "bad-value"
    assert str(error).startswith(located(FILE, text, "parley"))
    assert "agenda[0].kind: 'parley' is not allowed; use one of 'meeting', 'talks'" in error.message


def test_impossible_date(archive: Archive) -> None:
    text = variant("    when: {date: 2025-03-03, basis: stated}\n", "    when: {date: 2025-02-30, basis: stated}\n")
    error = only_error(text, archive)
    assert error.code == "not-a-date"
    assert str(error).startswith(located(FILE, text, "2025-02-30"))
    assert "agenda[0].when.date: '2025-02-30' is not a real date; write an existing day as YYYY-MM-DD" in error.message


def test_date_in_another_format(archive: Archive) -> None:
    text = variant("    when: {date: 2025-03-03, basis: stated}\n", "    when: {date: 3 March 2025, basis: stated}\n")
    error = only_error(text, archive)
    assert error.code == "wrong-type"
    assert str(error).startswith(located(FILE, text, "3 March 2025, basis"))
    assert "expected a date as YYYY-MM-DD, found text" in error.message


def test_end_before_date(archive: Archive) -> None:
    text = variant(
        "when: {date: 2025-03-03, basis: stated}\ntags",
        "when:\n  date: 2025-03-03\n  end: 2025-03-01\n  basis: stated\ntags",
    )
    error = only_error(text, archive)
    assert error.code == "end-before-date"
    assert "when: 'end' (2025-03-01) is before 'date' (2025-03-03); swap them" in error.message
    assert str(error).startswith(located(FILE, text, "date: 2025-03-03\n  end"))


def test_inferred_date_without_note(archive: Archive) -> None:
    text = variant("    when: {date: 2025-03-03, basis: stated}\n", "    when: {date: 2025-03-03, basis: inferred}\n")
    error = only_error(text, archive)
    assert error.code == "inferred-date-without-note"
    assert "agenda[0].when: an inferred date needs a 'note' saying how it was worked out" in error.message
    assert str(error).startswith(located(FILE, text, "{date: 2025-03-03, basis: inferred}"))


def test_inferred_date_with_note_is_fine(archive: Archive) -> None:
    text = variant(
        "    when: {date: 2025-03-03, basis: stated}\n",
        "    when: {date: 2025-03-03, basis: inferred, note: \"'on Monday' in the report\"}\n",
    )
    brief = validate_document(load_bytes(text.encode(), FILE), archive)
    assert brief.agenda[0].when is not None and brief.agenda[0].when.basis == "inferred"


def test_duplicate_ids_name_the_first(archive: Archive) -> None:
    text = variant("  - id: toll\n", "  - id: pace\n")
    error = only_error(text, archive)
    assert error.code == "duplicate-id"
    assert str(error).startswith(located(FILE, text, "pace", 2))
    line, column = locate(text, "pace", 1)
    assert (
        f"discrepancies[0].id: the id 'pace' is already used at line {line}, column {column} (open_questions[0].id)"
    ) in error.message


def test_entry_reusing_the_brief_id(archive: Archive) -> None:
    text = variant("  - id: toll\n", "  - id: geneva-talks\n")
    error = only_error(text, archive)
    assert error.code == "duplicate-id"
    assert "is the brief's own id" in error.message
    assert str(error).startswith(located(FILE, text, "geneva-talks", 2))


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            '{source: report, quote: "The foreign minister, Jane Doe, said"}',
            '{source: reprot, quote: "The foreign minister, Jane Doe, said"}',
            "reprot",
            (
                "participants[0].role[0].cite[0].source: no source has the id 'reprot'; did you mean 'report'? "
                "known source ids: blog, report"
            ),
        ),
        (
            "    side: alpha\n",
            "    side: alfa\n",
            "alfa",
            "participants[0].side: no side has the id 'alfa'; did you mean 'alpha'? known side ids: alpha",
        ),
        (
            "      - side: alpha\n",
            "      - side: beta\n",
            "beta",
            "open_questions[0].positions[0].side: no side has the id 'beta'; known side ids: alpha",
        ),
        (
            "    participants: [jane-doe]\nimpact_events:",
            "    participants: [jane-do]\nimpact_events:",
            "jane-do]",
            "agenda[0].participants[0]: no participant has the id 'jane-do'; did you mean 'jane-doe'?",
        ),
        (
            "        participants: [jane-doe]\n",
            "        participants: [john-roe]\n",
            "john-roe",
            "open_questions[0].positions[0].participants[0]: no participant has the id 'john-roe'",
        ),
        (
            "entries: [exampleville-shelling]",
            "entries: [exampleville]",
            "exampleville]",
            "discrepancies[0].entries[0]: no entry has the id 'exampleville'; did you mean 'exampleville-shelling'?",
        ),
    ],
)
def test_dangling_references(archive: Archive, old: str, new: str, needle: str, message: str) -> None:
    text = variant(old, new)
    error = only_error(text, archive)
    assert error.code == "dangling-reference"
    assert message in error.message
    assert str(error).startswith(located(FILE, text, needle))


def test_dangling_impact_report_source(archive: Archive) -> None:
    text = variant("      - source: blog\n        killed", "      - source: blg\n        killed")
    text = variant(
        'citations: [{source: blog, quote: "killed five people"}]\n',
        'citations: [{source: blg, quote: "killed five people"}]\n',
        text,
    )
    errors = errors_of(text, archive)
    assert [e.code for e in errors] == ["dangling-reference", "dangling-reference"]
    assert str(errors[0]).startswith(located(FILE, text, "blg"))
    assert "impact_events[0].reports[1].source: no source has the id 'blg'" in errors[0].message
    assert str(errors[1]).startswith(located(FILE, text, "blg", 2))


def test_report_citing_another_source(archive: Archive) -> None:
    text = variant(
        'citations: [{source: blog, quote: "killed five people"}]\n',
        'citations: [{source: report, quote: "killed at least 4 people"}]\n',
    )
    error = only_error(text, archive)
    assert error.code == "report-cites-other-source"
    assert "a report from 'blog' cites 'report'; add a separate report for that source" in error.message
    assert str(error).startswith(located(FILE, text, "source: blog\n        killed"))


def test_misquote_says_where_the_quote_parts_from_the_source(archive: Archive) -> None:
    text = variant('"The foreign minister, Jane Doe, said"}', '"The foreign minister, Jane Doe, stated"}')
    error = only_error(text, archive)
    assert error.code == "misquote"
    assert str(error).startswith(located(FILE, text, '"The foreign minister'))
    assert (
        "participants[0].role[0].cite[0].quote: this quote does not occur in source 'report' (report.txt)"
        in error.message
    )
    assert "(the source matches up to 'The foreign minister, Jane Doe,' but not 'stated')" in error.message


def test_quote_from_the_wrong_source(archive: Archive) -> None:
    text = variant(
        '{source: report, quote: "The foreign minister, Jane Doe, said"}',
        '{source: blog, quote: "The foreign minister, Jane Doe, said"}',
    )
    error = only_error(text, archive)
    assert error.code == "misquote"
    assert "does not occur in source 'blog' (blog.txt)" in error.message


def test_quote_tolerates_whitespace_and_quote_marks(archive: Archive) -> None:
    # The source has curly quotes around the words; the brief types straight ones and a line break.
    text = variant(
        "          - {source: report, quote: 'Jane Doe, said \"progress was real but slow\"'}\n",
        '          - source: report\n            quote: >-\n              Jane Doe, said "progress was\n'
        '              real but slow"\n',
    )
    validate_document(load_bytes(text.encode(), FILE), archive)


def test_missing_source_file(archive: Archive) -> None:
    text = variant("    file: blog.txt\n", "    file: blogg.txt\n")
    error = only_error(text, archive)
    assert error.code == "missing-source-file"
    assert str(error).startswith(located(FILE, text, "blogg.txt"))
    assert "sources[1].file: 'blogg.txt' is not in sources/" in error.message
    assert "Available: blog.txt, report.txt" in error.message


def test_disagreement_needs_two_sources(archive: Archive) -> None:
    text = variant(
        '        cite: [{source: blog, quote: "killed five people"}]\n',
        '        cite: [{source: report, quote: "injured 12"}]\n',
    )
    error = only_error(text, archive)
    assert error.code == "disagreement-one-source"
    assert "discrepancies[0]: a 'disagreement' needs citations from at least two different sources" in error.message
    assert str(error).startswith(located(FILE, text, "id: toll"))


def test_all_schema_errors_of_a_file_at_once(archive: Archive) -> None:
    text = variant("place: Geneva\nwhen:", "plase: Geneva\nwhen:")
    text = variant("    name: Jane Doe\n", "    name: 12\n", text)
    text = variant("    kind: talks\n", "    kind: parley\n", text)
    text = variant(
        "  - {id: alpha, name: Alphaland, variants: [Alphalandish]}\n",
        "  - {id: alpha, name: Alphaland, variants: [Alphalandish], colour: red}\n",
        text,
    )
    errors = errors_of(text, archive)
    reported = {(e.code, e.line, e.column) for e in errors}
    assert reported == {
        ("unknown-key", *locate(text, "plase:")),
        ("missing-key", *locate(text, "format: 2")),
        ("wrong-type", *locate(text, "12\n")),
        ("bad-value", *locate(text, "parley")),
        ("unknown-key", *locate(text, "colour")),
    }
    assert errors == sorted(errors), "errors come in file order"


def test_all_reference_and_citation_errors_of_a_file_at_once(archive: Archive) -> None:
    text = variant("    side: alpha\n", "    side: beta\n")
    text = variant("entries: [exampleville-shelling]", "entries: [nowhere]", text)
    text = variant(
        'citations: [{source: blog, quote: "killed five people"}]',
        'citations: [{source: blog, quote: "killed six people"}]',
        text,
    )
    text = variant("  - id: toll\n", "  - id: pace\n", text)
    errors = errors_of(text, archive)
    assert [(e.code, e.line, e.column) for e in errors] == sorted(
        [
            ("dangling-reference", *locate(text, "beta")),
            ("misquote", *locate(text, '"killed six people"')),
            ("duplicate-id", *locate(text, "pace", 2)),
            ("dangling-reference", *locate(text, "nowhere")),
        ],
        key=lambda t: (t[1], t[2]),
    )


def _project_with(tmp_path: Path, briefs: dict[str, str]) -> list[Path]:
    folder = tmp_path / "briefs"
    shutil.copytree(FIXTURES / "sources", folder / "sources")
    paths = []
    for name, text in briefs.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def test_duplicate_brief_ids_across_files(tmp_path: Path) -> None:
    second = "# the same brief id again\n" + BASE
    paths = _project_with(tmp_path, {"a.yaml": BASE, "b.yaml": second})
    checked, errors = check_files(paths, tmp_path)
    assert [c.file for c in checked] == ["briefs/a.yaml"]
    [error] = errors
    assert error.code == "duplicate-brief"
    assert str(error).startswith(located("briefs/b.yaml", second, "geneva-talks"))
    assert "brief id 'geneva-talks' is already used by briefs/a.yaml; choose another id" in error.message


def test_check_files_reports_every_file(tmp_path: Path) -> None:
    broken_one = variant("    kind: talks\n", "    kind: parley\n")
    broken_two = variant("id: geneva-talks\n", "id: other-talks\n", variant("    side: alpha\n", "    side: beta\n"))
    paths = _project_with(tmp_path, {"one.yaml": broken_one, "two.yaml": broken_two})
    checked, errors = check_files(paths, tmp_path)
    assert checked == []
    assert [(e.file, e.code) for e in errors] == [
        ("briefs/one.yaml", "bad-value"),
        ("briefs/two.yaml", "dangling-reference"),
    ]


def test_two_valid_briefs_with_different_ids(tmp_path: Path) -> None:
    paths = _project_with(tmp_path, {"a.yaml": BASE, "b.yml": variant("id: geneva-talks\n", "id: geneva-again\n")})
    checked, errors = check_files(paths, tmp_path)
    assert errors == []
    assert sorted(c.brief.id for c in checked) == ["geneva-again", "geneva-talks"]


def test_misquotes_are_reported_along_with_schema_errors(archive: Archive) -> None:
    text = variant("    kind: talks\n", "    kind: parley\n")
    text = variant(
        'citations: [{source: blog, quote: "killed five people"}]',
        'citations: [{source: blog, quote: "killed six people"}]',
        text,
    )
    errors = errors_of(text, archive)
    assert [(e.code, e.line, e.column) for e in errors] == [
        ("bad-value", *locate(text, "parley")),
        ("misquote", *locate(text, '"killed six people"')),
    ]
    assert (
        "impact_events[0].reports[1].citations[0].quote: this quote does not occur in source 'blog'"
        in errors[1].message
    )


@pytest.mark.parametrize("sources", ["sources: 5", "sources: [5, {id: 7}, {id: blog, file: 3}]"])
def test_quote_check_survives_malformed_sources(archive: Archive, sources: str) -> None:
    start = BASE.index("sources:\n")
    end = BASE.index("sides:\n")
    text = BASE[:start] + sources + "\n" + BASE[end:]
    errors = errors_of(text, archive)
    assert errors and all(e.code != "misquote" for e in errors)


@pytest.mark.parametrize(
    "reserved", ["citations", "agenda", "impact", "casualties", "questions", "discrepancies", "tags"]
)
def test_ids_that_would_clash_with_section_anchors_are_refused(archive: Archive, reserved: str) -> None:
    # The overview page has a section with this anchor; an entry with the same id would shadow it.
    text = variant("  - id: geneva-meeting\n", f"  - id: {reserved}\n")
    error = only_error(text, archive)
    assert error.code == "reserved-id"
    assert error.message == (
        f"agenda[0].id: '{reserved}' is a reserved name "
        "(a section of the generated pages has this anchor); choose another id"
    )
    assert str(error).startswith(located(FILE, text, f"{reserved}\n"))


def test_an_inconsistency_citing_two_sources_is_refused_as_a_disagreement(archive: Archive) -> None:
    text = variant("    kind: disagreement\n", "    kind: inconsistency\n")
    error = only_error(text, archive)
    assert error.code == "inconsistency-across-sources"
    assert (
        "discrepancies[0].kind: an 'inconsistency' is a source against itself, but this one cites 2 sources; "
        "write kind: disagreement" in error.message
    )


def test_absent_needs_a_cited_sentence_or_an_inference(archive: Archive) -> None:
    quoted = (
        "      - says: The wire report quotes her after the meeting.\n        cite:\n          - {source: report, quote: "
        '"The foreign minister, Jane Doe, said \u201cprogress was real but slow\u201d after the meeting"}\n'
    )
    text = variant(
        quoted,
        "      - says: No source places her at the talks.\n        absence: true\n",
        variant("    presence: present\n", "    presence: absent\n"),
    )
    error = only_error(text, archive)
    assert error.code == "absent-unsupported"
    assert (
        "participants[0].presence: 'absent' needs a 'presence_note' sentence that cites the words saying they were not there, "
        "or says how that was worked out with 'inferred'" in error.message
    )
    inferred = variant(
        "        absence: true\nagenda:",
        "        absence: true\n      - says: She was not at the talks.\n"
        "        inferred: The report quotes her only after the meeting.\n        absence: true\nagenda:",
        text,
    )
    assert validate_document(load_bytes(inferred.encode(), FILE), archive).participants[0].presence == "absent"

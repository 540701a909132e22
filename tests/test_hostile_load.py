"""Hostile brief files: each is refused with the exact code, file, line and column, and a fix.

The corpus lives in tests/hostile/ (one small file per hazard); what must be
said about each file is recorded in tests/hostile/expected.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import cli
from generator.model.brief import plain
from generator.model.errors import BriefErrors
from generator.model.load import MAX_ALIASES, MAX_BYTES, load_bytes, load_file
from generator.model.validate import check_files

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "hostile"
EXPECTED: dict[str, dict] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
BASE = (CORPUS / "valid.yaml").read_text(encoding="utf-8")


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in CORPUS.glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name: str) -> None:
    expected = EXPECTED[name]
    checked, errors = check_files([CORPUS / name], REPO)
    if expected.get("ok"):
        assert errors == []
        brief = checked[0].brief
        for field, value in expected.get("values", {}).items():
            actual = getattr(brief, field)
            if isinstance(actual, list):  # prose: a list of claims, compared as its sentences
                actual = plain(actual)
            assert actual == value
        return
    assert len(errors) == 1, errors
    error = errors[0]
    assert (error.file, error.code, error.line, error.column) == (
        f"tests/hostile/{name}",
        expected["code"],
        expected["line"],
        expected["column"],
    ), str(error)
    assert expected["message"] in error.message


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if not e.get("ok")))
def test_cli_prints_file_line_column_message_code(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEF_ROOT", str(REPO))
    monkeypatch.chdir(REPO)
    expected = EXPECTED[name]
    assert cli.main(["check", f"tests/hostile/{name}"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"tests/hostile/{name}:{expected['line']}:{expected['column']}: ")
    assert lines[0].endswith(f" [{expected['code']}]")
    assert lines[-1] == "1 error(s) in 1 file(s)"
    assert "Traceback" not in "\n".join(lines)


def _refusal(raw: bytes) -> tuple[str, int, int, str]:
    with pytest.raises(BriefErrors) as caught:
        load_bytes(raw, "x.yaml")
    error = caught.value.errors[0]
    return error.code, error.line, error.column, error.message


def test_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"summary: x\n")
        handle.truncate(MAX_BYTES * 50)  # sparse: refused by size, never parsed
    with pytest.raises(BriefErrors) as caught:
        load_file(path, "huge.yaml")
    error = caught.value.errors[0]
    assert (error.file, error.code, error.line, error.column) == ("huge.yaml", "too-large", 1, 1)
    assert f"{MAX_BYTES * 50:,} bytes" in error.message and "split it" in error.message


def test_exactly_at_the_size_limit_is_parsed() -> None:
    raw = b"summary: " + b"a" * (MAX_BYTES - 10) + b"\n"
    assert len(raw) == MAX_BYTES
    assert load_bytes(raw, "x.yaml").data["summary"].startswith("aaa")


def test_a_few_aliases_are_fine_but_not_more_than_the_limit() -> None:
    few = "a: &x word\n" + "".join(f"k{i}: *x\n" for i in range(MAX_ALIASES))
    assert load_bytes(few.encode(), "x.yaml").data[f"k{MAX_ALIASES - 1}"] == "word"
    code, line, column, _ = _refusal((few + "last: *x\n").encode())
    assert (code, line, column) == ("too-many-aliases", MAX_ALIASES + 2, 7)


def test_recursive_alias_is_refused() -> None:
    assert _refusal(b"a: &a [*a]\n")[:3] == ("yaml-syntax", 1, 8)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("x: no", "no"),
        ("x: off", "off"),
        ("x: Yes", "Yes"),
        ("x: on", "on"),
        ("x: y", "y"),
        ("x: 1:30", "1:30"),
        ("x: 2025-04-17", "2025-04-17"),
        ("x: 1.5", "1.5"),
        ("x: .inf", ".inf"),
        ("x: 0x1F", "0x1F"),
        ("x: 0o17", "0o17"),
        ("x: 1e3", "1e3"),
        ("x: 12", 12),
        ("x: -3", -3),
        ("x: true", True),
        ("x: ~", None),
        ("x: null", None),
        ("x: " + "9" * 19, "9" * 19),  # longer than any count: stays text instead of crashing
        ("x: " + "9" * 5000, "9" * 5000),  # Python itself refuses to convert this many digits
    ],
)
def test_scalars_resolve_as_yaml_1_2_core_or_stay_text(text: str, value: object) -> None:
    assert load_bytes(text.encode(), "x.yaml").data["x"] == value


def test_tab_inside_a_block_scalar_is_text() -> None:
    data = load_bytes(b"summary: |\n  one\ttab\n  \tleading tab after the indentation\n", "x.yaml").data
    assert data["summary"] == "one\ttab\n\tleading tab after the indentation\n"


def test_symlinked_brief_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("AWS_SECRET_KEY: hunter2\n", encoding="utf-8")
    link = tmp_path / "brief.yaml"
    link.symlink_to(secret)
    _, errors = check_files([link], tmp_path)
    assert [(e.file, e.code, e.line, e.column) for e in errors] == [("brief.yaml", "symlink", 1, 1)]
    assert "hunter2" not in str(errors[0]) and "AWS_SECRET_KEY" not in str(errors[0])


def test_symlinked_source_is_not_read(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    (briefs / "sources").mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text((CORPUS / "sources" / "report.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (briefs / "sources" / "report.txt").symlink_to(outside)
    (briefs / "brief.yaml").write_text(BASE, encoding="utf-8")
    _, errors = check_files([briefs / "brief.yaml"], tmp_path)
    assert [(e.code, e.line, e.column) for e in errors] == [("missing-source-file", 9, 24)]
    assert "symbolic link" in errors[0].message


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    _, errors = check_files([tmp_path / "nope.yaml"], tmp_path)
    assert [(e.file, e.code, e.line, e.column) for e in errors] == [("nope.yaml", "unreadable", 1, 1)]


def test_two_briefs_with_one_id_are_an_error(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    (briefs / "sources").mkdir(parents=True)
    (briefs / "sources" / "report.txt").write_bytes((CORPUS / "sources" / "report.txt").read_bytes())
    (briefs / "a.yaml").write_text(BASE, encoding="utf-8")
    (briefs / "b.yml").write_text("# same id, other file\n" + BASE, encoding="utf-8")
    _, errors = check_files([briefs / "a.yaml", briefs / "b.yml"], tmp_path)
    assert [(e.file, e.code, e.line, e.column) for e in errors] == [("briefs/b.yml", "duplicate-brief", 2, 5)]
    assert "already used by briefs/a.yaml" in errors[0].message


def test_brief_id_may_not_be_the_anchor_of_a_tag(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    (briefs / "sources").mkdir(parents=True)
    (briefs / "sources" / "report.txt").write_bytes((CORPUS / "sources" / "report.txt").read_bytes())
    (briefs / "a.yaml").write_text(BASE.replace("place: Geneva", "place: Geneva\ntags: [talks]"), encoding="utf-8")
    (briefs / "b.yaml").write_text(BASE.replace("id: hostile-base", "id: tag-talks"), encoding="utf-8")
    _, errors = check_files([briefs / "a.yaml", briefs / "b.yaml"], tmp_path)
    assert [(e.file, e.code, e.line, e.column) for e in errors] == [("briefs/b.yaml", "anchor-clash", 1, 5)]


@pytest.mark.parametrize(
    "char",
    [
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\x85",
        "\u2029",
        "\x7f",
        "\x9f",
        "\x01",
        "\x0b",
        "\ufffe",
    ],
)
def test_characters_that_hide_text_are_refused_where_they_stand(char: str) -> None:
    code, line, column, message = _refusal(f"a: 1\nb: x{char}y\n".encode())
    assert (code, line, column) == ("control-character", 2, 5)
    assert f"U+{ord(char):04X}" in message and "remove it" in message


def test_ordinary_unicode_is_fine() -> None:
    text = "title: Zelensky — Зеленський, ‏עברית‎, «Élysée», emoji 🙂, zero\u200bwidth\n"
    assert load_bytes(text.encode(), "x.yaml").data["title"] == text[7:-1]


def test_each_error_prints_on_one_line_and_long_values_are_shortened() -> None:
    raw = BASE.replace("file: report.txt", 'file: "x\\n\\nforged.yaml:1:1: fake [code]\\u202e' + "y" * 70 + '"')
    _, errors = _check_text(raw)
    [error] = errors
    printed = str(error)
    assert "\n" not in printed and "\u202e" not in printed
    assert printed.startswith("brief.yaml:9:24: sources[0].file: 'x\\n\\nforged.yaml")
    assert printed.endswith(
        "\u2026' is not a valid file name; use a name like '001_source.txt' in briefs/sources/ [bad-value]"
    )


def _check_text(text: str) -> tuple[object, list]:
    from generator.model.archive import Archive
    from generator.model.validate import validate_document

    try:
        return validate_document(load_bytes(text.encode(), "brief.yaml"), Archive(CORPUS / "sources")), []
    except BriefErrors as exc:
        return None, exc.errors

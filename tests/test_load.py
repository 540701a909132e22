"""The loader refuses every YAML hazard with a code, a message and the exact line and column."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from positions import locate

from generator.model.errors import BriefError, BriefErrors
from generator.model.load import MAX_ALIASES, MAX_BYTES, MAX_DEPTH, MAX_NODES, load_bytes, load_file

FILE = "briefs/hazard.yaml"


def refusal(raw: bytes | str) -> BriefError:
    """The single error the loader reports for this input."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with pytest.raises(BriefErrors) as caught:
        load_bytes(data, FILE)
    assert len(caught.value.errors) == 1, caught.value.errors
    error = caught.value.errors[0]
    assert error.file == FILE
    return error


def at(error: BriefError) -> tuple[int, int]:
    return error.line, error.column


def test_duplicate_key_points_at_the_second_and_names_the_first() -> None:
    text = "# a brief\nid: first\ntitle: Talks\nid: second\n"
    error = refusal(text)
    assert error.code == "duplicate-key"
    assert at(error) == locate(text, "id:", 2)
    first_line, first_column = locate(text, "id:", 1)
    assert f"duplicate key 'id' (first defined at line {first_line}, column {first_column})" in error.message
    assert str(error).startswith(f"{FILE}:{error.line}:{error.column}: duplicate key 'id'")


def test_duplicate_key_in_a_nested_mapping() -> None:
    text = "id: x\nsides:\n  - id: alpha\n    name: Alphaland\n    name: Betaland\n"
    error = refusal(text)
    assert error.code == "duplicate-key"
    assert at(error) == locate(text, "name:", 2)
    assert "first defined at line {}, column {}".format(*locate(text, "name:", 1)) in error.message


def test_same_key_in_sibling_entries_is_not_a_duplicate() -> None:
    document = load_bytes(b"sides:\n  - {id: a, name: A}\n  - {id: b, name: B}\n", FILE)
    assert document.data == {"sides": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}


def test_a_yaml_syntax_error_no_case_knows_has_the_parsers_position() -> None:
    text = "id: x\ntitle: @at the talks\nsummary: text\n"
    error = refusal(text)
    assert error.code == "yaml-syntax"
    assert error.message.startswith("YAML syntax error: ")
    assert at(error) == locate(text, "@at")  # the cases YAML errors are told by: tests/test_yaml_errors.py


def test_unquoted_colon_in_text_says_to_quote_it() -> None:
    text = "id: x\ntitle: Paris: the talks\n"
    error = refusal(text)
    assert error.code == "yaml-syntax"
    assert "put text that contains ': ' in quotes" in error.message
    assert at(error) == locate(text, ": the talks")


TAB_INDENT = (
    "a tab is used for indentation here; YAML indents with spaces only, "
    "so replace the tab with spaces (a tab inside text is fine)"
)


@pytest.mark.parametrize(
    "text",
    [
        "id: x\nsides:\n\t- alpha\n",
        "id: x\nwhen:\n\tdate: 2025-04-17\n",
        "id: x\nwhen:\n  date: 1\n  \tbasis: stated\n",  # spaces, then a tab
        "id: x\nsides:\n  -\tid: alpha\n",  # the tab after a dash indents the entry
    ],
)
def test_tab_indentation_says_to_use_spaces(text: str) -> None:
    error = refusal(text)
    assert error.code == "tab-indent"
    assert error.message == TAB_INDENT
    assert at(error) == locate(text, "\t")


def test_a_tab_in_block_text_is_not_blamed_for_the_next_lines_error() -> None:
    # The tab on line 3 is text inside the block; the error is the unquoted ': ' on line 4.
    text = "summary: |\n  first\n  \tindented text\ntitle: Paris: the talks\n"
    error = refusal(text)
    assert error.code == "yaml-syntax"
    assert error.message.endswith("; put text that contains ': ' in quotes")
    assert at(error) == locate(text, ": the talks")


def test_columns_count_characters_not_bytes() -> None:
    text = "title: Élysée Ω: talks\n"
    error = refusal(text)
    assert at(error) == locate(text, ": talks")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "---\n...\n"])
def test_empty_file(text: str) -> None:
    error = refusal(text)
    assert error.code == "not-a-mapping"
    assert at(error) == (1, 1)
    assert "the file is empty" in error.message
    assert "a brief must be a mapping" in error.message


@pytest.mark.parametrize(
    ("text", "start", "kind"),
    [
        ("# notes\n- id: x\n- id: y\n", "- id: x", "a list"),
        ("# notes\n\nJust some text\n", "Just", "a single piece of text"),
        ("42\n", "42", "a number"),
        ("true\n", "true", "true/false"),
    ],
)
def test_list_or_scalar_instead_of_a_mapping(text: str, start: str, kind: str) -> None:
    error = refusal(text)
    assert error.code == "not-a-mapping"
    assert error.message.startswith(f"the file is {kind}; a brief must be a mapping of keys")
    assert at(error) == locate(text, start)


def test_multiple_documents() -> None:
    text = "id: first\ntitle: One\n---\nid: second\n"
    error = refusal(text)
    assert error.code == "multiple-documents"
    assert "remove the '---' separator" in error.message
    assert at(error) == locate(text, "---")


def test_byte_order_mark() -> None:
    error = refusal(b"\xef\xbb\xbfid: x\n")
    assert error.code == "bom"
    assert "byte-order mark" in error.message and "UTF-8 without BOM" in error.message
    assert at(error) == (1, 1)


def test_non_utf8_bytes_point_at_the_bad_byte() -> None:
    raw = b"id: x\ntitle: Caf" + b"\xe9 talks\n"
    error = refusal(raw)
    assert error.code == "not-utf8"
    assert "0xe9 is not valid UTF-8" in error.message
    assert at(error) == (2, len("title: Caf") + 1)


def test_control_character() -> None:
    text = "id: x\ntitle: bad\x01title\n"
    error = refusal(text)
    assert error.code == "control-character"
    assert "U+0001" in error.message
    assert at(error) == locate(text, "\x01")


def test_oversized_file() -> None:
    error = refusal(b"a: b\n" + b"#" * MAX_BYTES)
    assert error.code == "too-large"
    assert f"at most {MAX_BYTES:,} bytes" in error.message
    assert at(error) == (1, 1)


def test_a_few_aliases_are_fine() -> None:
    text = "a: &name Marco Rubio\nb: *name\nc: [*name, *name]\n"
    assert load_bytes(text.encode(), FILE).data == {
        "a": "Marco Rubio",
        "b": "Marco Rubio",
        "c": ["Marco Rubio", "Marco Rubio"],
    }


def test_aliases_beyond_the_limit() -> None:
    lines = ["a: &x value"] + [f"k{i}: *x" for i in range(MAX_ALIASES + 1)]
    text = "\n".join(lines) + "\n"
    error = refusal(text)
    assert error.code == "too-many-aliases"
    assert f"more than {MAX_ALIASES} aliases" in error.message
    assert at(error) == locate(text, "*x", MAX_ALIASES + 1)


def test_billion_laughs() -> None:
    text = (
        'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "lol2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "lol3: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "lol4: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "lol5: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "lol6: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "lol7: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "lol8: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "lol9: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    )
    error = refusal(text)
    assert error.code == "too-many-aliases"
    # Refused at the first alias past the limit, long before anything is expanded.
    assert at(error) == locate(text, "*", MAX_ALIASES + 1)


def test_few_aliases_of_a_huge_list_are_refused_by_size() -> None:
    # The list alone is 40% of the limit; with two copies through aliases it is 120%.
    items = MAX_NODES * 2 // 5
    text = "a: &a [" + ",".join(["x"] * items) + "]\nb: [*a, *a]\n"
    error = refusal(text)
    assert error.code == "too-many-aliases"
    assert f"aliases expand the file to more than {MAX_NODES:,} values" in error.message
    assert at(error) == locate(text, "*a", 2)


def test_merge_keys_are_refused() -> None:
    text = "base: &b {name: A}\nside:\n  <<: *b\n  id: a\n"
    error = refusal(text)
    assert error.code == "merge-key"
    assert at(error) == locate(text, "<<")


def test_complex_keys_are_refused() -> None:
    text = "id: x\n? [a, b]\n: value\n"
    error = refusal(text)
    assert error.code == "bad-key"
    assert at(error) == locate(text, "[a, b]")


def test_too_deep_nesting() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10) + "\n"
    error = refusal(text)
    assert error.code == "too-deep"
    assert f"deeper than {MAX_DEPTH} levels" in error.message
    # The top-level mapping is level 0, so the first bracket is level 1.
    assert at(error) == (1, len("a: ") + MAX_DEPTH + 1)


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert "a" in load_bytes(text.encode(), FILE).data


@pytest.mark.parametrize(
    ("text", "written", "on"),
    [
        ("id: x\nrun: !!python/object:os.system ls\n", "!!python/object:os.system", ""),
        ("id: x\nrun: !!python/object/apply:os.system\n  args: [ls]\n", "!!python/object/apply:os.system", ""),
        ("id: x\nrun: !!python/name:os.system\n", "!!python/name:os.system", ""),
        ("id: x\nlist: !!set {a, b}\n", "!!set", ""),
        ("id: x\ncount: !!int '3'\n", "!!int", ""),
        ("id: x\nodd: !custom value\n", "!custom", ""),
        ("id: x\n!!python/name:os.system key: value\n", "!!python/name:os.system", " on a key"),
        ("!!python/name:os.system key: 1\n", "!!python/name:os.system", " on a key"),
    ],
)
def test_tags_are_refused(text: str, written: str, on: str) -> None:
    error = refusal(text)
    assert error.code == "tag"
    # The tag is named as the file writes it, not as the parser expands it.
    assert error.message == (
        f"the tag '{written}' is not allowed{on}; remove it "
        "(a brief holds only text, numbers, true/false, lists and mappings)"
    )
    assert at(error) == locate(text, written)


def test_str_tag_is_allowed_and_keeps_text() -> None:
    assert load_bytes(b"a: !!str 12\n", FILE).data == {"a": "12"}


def test_yaml_1_1_surprises_stay_text() -> None:
    text = "a: no\nb: off\nc: 1:30\nd: 2025-04-17\ne: yes\nf: on\ng: 0x1F\nh: 1e3\ni: '12'\nj: y\nk: 0o17\n"
    data = load_bytes(text.encode(), FILE).data
    assert data == {
        "a": "no",
        "b": "off",
        "c": "1:30",
        "d": "2025-04-17",
        "e": "yes",
        "f": "on",
        "g": "0x1F",
        "h": "1e3",
        "i": "12",
        "j": "y",
        "k": "0o17",
    }


def test_yaml_1_2_core_scalars_resolve() -> None:
    text = "a: true\nb: False\nc: TRUE\nd: 42\ne: -7\nf: +3\ng: ~\nh: null\ni:\nj: '42'\nk: \"true\"\n"
    data = load_bytes(text.encode(), FILE).data
    assert data == {
        "a": True,
        "b": False,
        "c": True,
        "d": 42,
        "e": -7,
        "f": 3,
        "g": None,
        "h": None,
        "i": None,
        "j": "42",
        "k": "true",
    }
    assert type(data["d"]) is int and type(data["a"]) is bool


def test_positions_of_keys_and_values_are_recorded() -> None:
    text = "# comment\nid: x\nsides:\n  - id: alpha\n    name: Alphaland\n"
    document = load_bytes(text.encode(), FILE)
    assert document.keys[("sides", 0, "name")] == locate(text, "name:")
    assert document.values[("sides", 0, "name")] == locate(text, "Alphaland")
    assert document.position(("sides", 0, "missing")) == locate(text, "id: alpha")
    error = document.error(("sides", 0, "name"), "code", "message", key=True)
    assert str(error) == "{}:{}:{}: message [code]".format(FILE, *locate(text, "name:"))


def test_crlf_line_endings_keep_line_numbers() -> None:
    text = "id: a\r\ntitle: b\r\nid: c\r\n"
    error = refusal(text)
    assert error.code == "duplicate-key"
    assert at(error) == (3, 1)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: None, "cannot read the file: there is no such file; check the path and the name"),
        (
            lambda path: path.mkdir(),
            "cannot read the file: it is a folder or a device, not a file; a brief is a plain YAML file",
        ),
        # A named pipe would block the build forever if it were opened.
        (
            lambda path: os.mkfifo(path),
            "cannot read the file: it is a folder or a device, not a file; a brief is a plain YAML file",
        ),
    ],
    ids=["missing", "folder", "pipe"],
)
def test_load_file_reports_unreadable_files(tmp_path: Path, make: Callable[[Path], None], message: str) -> None:
    path = tmp_path / "brief.yaml"
    make(path)
    with pytest.raises(BriefErrors) as caught:
        load_file(path, "briefs/brief.yaml")
    [error] = caught.value.errors
    assert (error.file, error.line, error.column, error.code, error.message) == (
        "briefs/brief.yaml",
        1,
        1,
        "unreadable",
        message,
    )

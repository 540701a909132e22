"""Edits to a brief's text change only what they set (generator/authoring/brief_text.py)."""

from __future__ import annotations

import pytest
import yaml

from generator.authoring.brief_text import TextEditRefused, append_item, replace_scalar, yaml_scalar

BRIEF = """\
# a comment the editor wrote
id: geneva  # the id
summary:
  - says: >-
      A long sentence folded
      over two lines.
    cite:
      - source: report   # the wire
        quote: "Talks were held"
sources:
- id: report
  file: report.txt
  reliability: []

# what follows sources
tags: [diplomacy]
"""


def test_a_new_item_goes_after_the_last_one_at_its_indentation() -> None:
    text = append_item(
        BRIEF,
        ["sources"],
        [("id", "blog"), ("label", "A blog: yes"), ("published", [("date", "2025-03-03"), ("basis", "stated")])],
    )
    assert text.startswith(BRIEF[: BRIEF.index("\n# what follows")])
    assert '  reliability: []\n- id: blog\n  label: "A blog: yes"\n  published:\n    date: 2025-03-03\n' in text
    assert text.endswith("\n# what follows sources\ntags: [diplomacy]\n")
    assert yaml.safe_load(text)["sources"][1]["label"] == "A blog: yes"


def test_a_value_is_replaced_alone_even_a_folded_block() -> None:
    text = replace_scalar(BRIEF, ["summary", 0, "says"], 'He said "no": done.')
    assert text == BRIEF.replace(">-\n      A long sentence folded\n      over two lines.", '"He said \\"no\\": done."')
    text = replace_scalar(text, ["summary", 0, "cite", 0, "quote"], "Talks were held in Geneva")
    assert '        quote: "Talks were held in Geneva"\n' in text and "source: report   # the wire" in text
    assert yaml.safe_load(text)["summary"][0]["says"] == 'He said "no": done.'


def test_windows_line_ends_stay_windows_line_ends() -> None:
    crlf = BRIEF.replace("\n", "\r\n")
    text = append_item(crlf, ["sources"], [("id", "blog")])
    assert "\n" not in text.replace("\r\n", "")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (["tags"], "one item per line"),
        (["nothing"], "no 'nothing'"),
    ],
)
def test_an_edit_the_text_cannot_take_is_refused(path: list[str], message: str) -> None:
    with pytest.raises(TextEditRefused, match=message):
        append_item(BRIEF, path, [("id", "x")])


def test_values_are_written_so_they_read_back_as_the_same_text() -> None:
    for value in ["report", "2025-03-03", "yes", "a: b # c", "line\nbreak", "\u201cquoted\u201d"]:
        assert str(yaml.safe_load(f"k: {yaml_scalar(value)}")["k"]) == value  # a day reads back as that day

"""The compact quote index of a source finds exactly what a character-by-character one finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.archive import _QUOTE_MARKS, SourceText, Span, normalize_quote


def reference_find(text: str, quote: str) -> list[Span]:
    """The original, obviously correct matcher: one origin entry per normalized character."""
    chars: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            origin.append(index - 1)
            pending_space = False
        chars.append(char.translate(_QUOTE_MARKS))
        origin.append(index)
    haystack = "".join(chars)
    needle = normalize_quote(quote)
    if not needle:
        return []
    spans = []
    position = haystack.find(needle)
    while position != -1:
        spans.append(Span(origin[position], origin[position + len(needle) - 1] + 1))
        position = haystack.find(needle, position + 1)
    return spans


ALPHABET = st.sampled_from(list("ab c\n\t\u00a0\u2003\u201c\u201d\"'\u2019.\r"))
TEXT = st.text(ALPHABET, max_size=60)


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT)
def test_find_matches_the_reference(text: str, quote: str) -> None:
    assert SourceText(text).find(quote) == reference_find(text, quote)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.data())
def test_every_slice_of_the_text_is_found_where_it_is(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    quote = text[start:end]
    assert SourceText(text).find(quote) == reference_find(text, quote)


def test_repeated_lookups_are_answered_from_the_cache_and_stay_equal() -> None:
    source = SourceText("He said \u201cno deal\u201d.\n\nThen he said \u201cno deal\u201d again.")
    first = source.find('said "no deal"')
    assert [source.text[s.start : s.end] for s in first] == ["said \u201cno deal\u201d"] * 2
    first.clear()  # a caller changing its list must not change the cache
    assert source.find('said "no deal"') == reference_find(source.text, 'said "no deal"')

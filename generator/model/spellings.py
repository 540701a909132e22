"""Other spellings a reader may type: without accents, and in other transliterations from Ukrainian and
Russian (only for names the brief says come from those languages).

Material's search (lunr) matches words letter for letter. So every page carries, in a hidden
paragraph right under its title, the other spellings of the words on it: each accented word
without its accents ("Élysée" → "Elysee"), and each name in the common English transliterations
and press spellings ("Zelensky" → "Zelenskyy", "Zelenskiy", "Zelenskyi", "Zelenskij"). Old and
new place names are data, not rules: a brief lists them as a place's ``variants``. The page's own
script folds accents out of what a reader types, so "Élysée" also finds a page that wrote "Elysee".

Transliteration rules apply only where a rule exists for the name's language: a participant or place
with ``language: uk`` (or ``ru``, ``be``) gets the Cyrillic transliterations; an English, French,
Malay or Thai name gets none (no "Ibrakhim" for Ibrahim), only the variants the editor records.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W\d_]|[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def without_accents(text: str) -> str:
    """The text without diacritics ("Élysée" → "Elysee", "Jean-Noël" → "Jean-Noel"). Cached: pages fold
    the same words over and over."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


# Endings and letters that English transliteration systems and the press write differently. Each
# ending group lists interchangeable spellings; each letter rule rewrites one spelling as another.
_ENDINGS: tuple[tuple[str, ...], ...] = (
    ("skyy", "sky", "skiy", "skyi", "skij", "ski", "skii"),
    ("ey", "ei"),
    ("iy", "ii", "yi", "y", "ij"),
    ("iya", "ia", "ija"),
)
_LETTERS: tuple[tuple[str, str], ...] = (
    ("kh", "h"),
    ("ie", "ye"),
    ("ye", "ie"),
    ("ie", "iye"),
    ("yu", "iu"),
    ("iu", "yu"),
    ("ya", "ia"),
    ("ia", "ya"),
    ("zh", "j"),
    ("ii", "iy"),
    ("iy", "ii"),
    ("ts", "tz"),
)
_H_AFTER = re.compile(r"(?<![kszct])h")
_NAME = re.compile(r"[A-Z][a-z]{2,}")


TRANSLITERATED_LANGUAGES = frozenset({"uk", "ru", "be"})
"""Languages whose names are written in Cyrillic and transliterated by the rules below."""


def transliterations(word: str) -> set[str]:
    """Other spellings of a capitalised name under the common transliteration rules (not the word itself)."""
    if not _NAME.fullmatch(word):
        return set()
    found: set[str] = set()
    lower = word.lower()
    for group in _ENDINGS:
        ending = next((e for e in group if lower.endswith(e) and len(lower) > len(e) + 2), None)
        if ending:
            stem = word[: len(word) - len(ending)]
            found.update(stem + other for other in group)
            break
    for one, other in _LETTERS:
        at = lower.find(one, 1)  # not the first letter: "Ye" at the start is a reading of its own
        if at > 0:
            found.add(word[:at] + other + word[at + len(one) :])
    plain_h = _H_AFTER.search(lower, 1)
    if plain_h:  # Ukrainian h is often written kh from Russian (Sybiha, Sybikha)
        found.add(word[: plain_h.start()] + "kh" + word[plain_h.end() :])
    if lower.startswith("ye"):
        found.add("E" + word[2:])
    elif lower.startswith("e") and len(lower) > 3:
        found.add("Ye" + word[1:])
    found.discard(word)
    return {f for f in found if len(f) > 2}


class Spellings:
    """The other spellings of a site's names, looked up by the words a page shows.

    ``groups`` are the spellings of one person, side or place each (a name and its recorded
    variants), each with whether its language has transliteration rules. A group applies to a page
    when the last word of any of its spellings occurs there; it then brings every spelling's words
    (and, for a transliterated language, their transliterations). Looked up by word, so a page's
    cost does not grow with the number of briefs.
    """

    def __init__(self, groups: Iterable[tuple[Sequence[str], bool]]) -> None:
        self._by_word: dict[str, set[str]] = {}
        for group, transliterated in groups:
            words = {
                without_accents(part) for spelling in group for part in _WORD.findall(spelling) if part[:1].isupper()
            }
            if transliterated:
                words |= {other for word in words for other in transliterations(word)}
            for spelling in group:
                parts = _WORD.findall(spelling)
                if parts:
                    self._by_word.setdefault(without_accents(parts[-1]), set()).update(words)

    def name_spellings(self, words: Iterable[str], *, shown: bool = False) -> set[str]:
        """Only the names' spellings (and their transliterations) that a page's words call up: those
        the page does not show, or with ``shown`` all of them (to weight a name on its own page)."""
        seen = set(words)
        extra: set[str] = set()
        for word in {without_accents(word) for word in seen}:
            extra |= self._by_word.get(word, set())
        return extra if shown else extra - seen


def accent_free(words: Iterable[str]) -> set[str]:
    """Each accented word without its accents ("Élysée" → "Elysee")."""
    seen = set(words)
    return {without_accents(word) for word in seen} - seen


def page_words(text: str) -> set[str]:
    """The words of a page's text (hyphenated names also as their parts)."""
    found: set[str] = set()
    for word in _WORD.findall(text):
        found.add(word)
        if "-" in word:
            found.update(part for part in word.split("-") if part)
    return found

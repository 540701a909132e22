"""Other spellings: accents folded, names transliterated, old place names, each page told what it lacks."""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO

from generator.model.spellings import Spellings, accent_free, page_words, transliterations, without_accents


@pytest.mark.parametrize(("text", "folded"), [("Élysée", "Elysee"), ("Jean-Noël", "Jean-Noel"), ("Kyiv", "Kyiv")])
def test_fold_removes_accents(text: str, folded: str) -> None:
    assert without_accents(text) == folded


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zelensky", {"Zelenskyy", "Zelenskiy", "Zelenskyi", "Zelenskij"}),
        ("Zelenskyy", {"Zelensky", "Zelenskiy"}),
        ("Andriy", {"Andrii", "Andrij"}),
        ("Sergey", {"Sergei"}),
        ("Yermak", {"Ermak"}),
        ("Dmitriev", {"Dmitryev", "Dmitriyev"}),
    ],
)
def test_transliterations_cover_the_common_systems(name: str, expected: set[str]) -> None:
    assert expected <= transliterations(name)
    assert name not in transliterations(name)


def test_ordinary_words_are_not_transliterated() -> None:
    assert transliterations("the") == set() and transliterations("NATO") == set()


def test_a_page_gets_what_it_lacks_and_nothing_it_shows() -> None:
    spellings = Spellings(
        [(["Volodymyr Zelensky", "Zelenskyy"], True), (["Kyiv", "Kiev"], True), (["Moscow", "Moskva"], True)]
    )
    words = page_words("Zelensky spoke in Kyiv at the Élysée")
    other = sorted(accent_free(words) | spellings.name_spellings(words))
    assert {"Zelenskiy", "Zelenskyy", "Kiev", "Elysee"} <= set(other)
    assert not {"Zelensky", "Kyiv", "Élysée", "Moskva"} & set(other), "only what the page lacks, for names it shows"


def test_names_of_other_languages_get_only_their_recorded_variants() -> None:
    spellings = Spellings(
        [
            (["Anwar Ibrahim"], False),
            (["Edgard Kagan", "Edgar Kagan"], False),
            (["Phumtham Wechayachai", "Phumtham Wichaiyachai"], False),
            (["Zelensky"], True),
        ]
    )
    words = page_words("Anwar Ibrahim met Edgard Kagan, Phumtham Wechayachai and Zelensky")
    other = spellings.name_spellings(words)
    assert {"Edgar", "Wichaiyachai", "Zelenskiy"} <= other
    assert not {"Ibrakhim", "Yedgard", "Ibrahym", "Kahan"} & other, "no invented variant of a Malay or English name"
    assert other <= {"Edgar", "Wichaiyachai"} | transliterations("Zelensky")


def test_the_hosted_site_searches_with_pagefind_and_the_offline_copy_with_material() -> None:
    hosted = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:")[0].split("plugins:")[1])
    offline = yaml.safe_load(
        (REPO / "mkdocs.offline.yml").read_text(encoding="utf-8").split("plugins:")[1].split("\nextra:")[0]
    )
    assert hosted == [], "the hosted site has no Material search: its index grows with every brief"
    assert offline[0]["search"]["separator"].startswith("[\\s\\-,")  # words split at punctuation too
    scripts = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("extra_javascript:")[1])
    assert {"assets/search-pagefind.js", "assets/search-spellings.js"} <= set(scripts)


def test_pages_carry_what_they_lack_under_their_title_and_the_overview_shows_place_names() -> None:
    from generator.model.validate import check_files
    from generator.pages.site_pages import render_site
    from generator.pipeline import assemble

    checked, errors = check_files([REPO / "briefs" / "paris-talks-2025.yaml"])
    assert errors == []
    pages = {page.path: page.content for page in render_site(assemble(None, checked))}
    overview = pages["paris-talks-2025/index.md"]
    _title, blank, places, people, rest = overview.split("\n# ", 1)[1].split("\n")[:5]
    # The overview is its places' page: their names weigh as a title; people's names weigh less (their
    # own pages come first); accent-free words of the text weigh as text.
    assert blank == "" and places.startswith(
        '<p class="search-variants" data-pagefind-weight="7" hidden>Also written: '
    )
    assert people.startswith('<p class="search-variants" data-pagefind-weight="3" hidden>Also written: ')
    assert rest.startswith('<p class="search-variants" hidden>Also written: ')
    assert {"Kiev", "Kyiv", "Elysee", "Dnepropetrovsk"} <= set(places.removesuffix("</p>").split(": ", 1)[1].split())
    assert {"Zelenskiy", "Sergei", "Ermak"} <= set(people.removesuffix("</p>").split(": ", 1)[1].split())
    assert "Kyiv (Kiev, Kiyev)" in overview
    person = pages["people/volodymyr-zelensky.md"]
    assert "Zelenskiy" in person and "Kiev" not in person.split("Also written: ")[1].split("</p>")[0], (
        "a person's page carries that person's spellings, not everyone's"
    )

"""Lists that grow with the corpus come a page at a time: no page grows with the number of briefs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator.model.validate import check_files
from generator.pages.pagination import PER_PAGE, page_file, paginate
from generator.pages.site_pages import render_site
from generator.pipeline import assemble

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import DEFAULT_SEED, write_corpus

LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def test_every_item_is_on_exactly_one_page_and_pages_link_their_neighbours() -> None:
    items = list(range(2 * PER_PAGE + 7))
    pages = paginate(items, "people/index.md")
    assert [p.path for p in pages] == ["people/index.md", "people/index--page-2.md", "people/index--page-3.md"]
    assert [i for p in pages for i in p.items] == items
    assert all(len(p.items) <= PER_PAGE for p in pages)
    assert (pages[0].previous, pages[0].next) == (None, "index--page-2.md")
    assert (pages[1].previous, pages[1].next) == ("index.md", "index--page-3.md")
    assert (pages[2].start, pages[2].end, pages[2].total) == (2 * PER_PAGE + 1, 2 * PER_PAGE + 7, len(items))
    assert [p.path for p in paginate([], "index.md")] == ["index.md"]  # an empty list still has its page


def test_a_later_page_can_never_take_another_pages_address() -> None:
    from generator.model.brief import SLUG_PATTERN

    assert page_file("tags/diplomacy.md", 2) == "tags/diplomacy--page-2.md"
    assert not re.fullmatch(SLUG_PATTERN, "diplomacy--page-2")  # no brief id, tag or slug has a double hyphen


def _pages(tmp_path: Path, count: int) -> dict[str, str]:
    folder = tmp_path / f"n{count}"
    write_corpus(folder, count, DEFAULT_SEED)
    checked, errors = check_files(sorted(folder.glob("*.yaml")))
    assert errors == []
    return {page.path: page.content for page in render_site(assemble(None, checked))}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    folder = tmp_path_factory.mktemp("corpora")
    return _pages(folder, 60), _pages(folder, 130)


def test_the_lists_of_a_large_corpus_are_cut_into_linked_pages(corpora: tuple[dict[str, str], dict[str, str]]) -> None:
    _, pages = corpora
    listed = [name for name in pages if re.fullmatch(r"index(--page-\d+)?\.md", name)]
    assert sorted(listed) == ["index--page-2.md", "index--page-3.md", "index.md"]
    ids = [m for name in listed for m in re.findall(r"\]\(([\w-]+)/index\.md\)\{ \.md-button \}", pages[name])]
    assert len(ids) == len(set(ids)) == 130, "every brief listed exactly once"
    for name, content in pages.items():
        if not name.endswith(".md"):
            continue
        folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for target in LINK.findall(content):
            resolved = Path(folder + target).as_posix()
            while "/../" in f"/{resolved}":
                resolved = re.sub(r"(^|/)[^/]+/\.\./", r"\1", resolved, count=1)
            assert resolved.removeprefix("../") in pages or resolved.startswith("../"), (name, target)


def test_no_list_page_grows_with_the_corpus(corpora: tuple[dict[str, str], dict[str, str]]) -> None:
    """No page of a list (all briefs, people, a tag, a person's appearances) holds more than a page's worth
    of items, so, past the first page's worth, no list page grows as briefs are added."""
    small, large = corpora

    def pages_of(pages: dict[str, str], pattern: str) -> dict[str, str]:
        return {name: content for name, content in pages.items() if re.fullmatch(pattern, name)}

    counts = {
        "all briefs": (r"index(--page-\d+)?\.md", r"\{ \.md-button \}"),
        "people": (r"people/index(--page-\d+)?\.md", r"\n\| \["),
        "a tag": (r"tags/[\w-]+\.md", r"\n- \["),
        "a person": (r"people/(?!index)[\w-]+\.md", r"\n- \*\*Role:\*\*"),
    }
    for kind, (pattern, item) in counts.items():
        held = {name: len(re.findall(item, content)) for name, content in pages_of(large, pattern).items()}
        assert held and max(held.values()) <= PER_PAGE, (kind, max(held.values()))
    # The list of all briefs holds more than a page at both sizes: its largest page stays the same size.
    largest = [max(map(len, pages_of(p, r"index(--page-\d+)?\.md").values())) for p in (small, large)]
    assert largest[1] <= 1.1 * largest[0], largest
    assert any("--page-2" in name for name in pages_of(large, r"tags/[\w-]+\.md")), (
        "a tag on more briefs than a page holds"
    )
